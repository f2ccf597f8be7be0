/**
 * Every regular expression the project uses, for the catastrophic-backtracking check:
 * - the literals (`/.../flags`) written in the sources under `src/` (tests excluded), found with the
 *   TypeScript parser, so a pattern inside a string or a comment is not mistaken for one;
 * - the patterns built at run time (`new RegExp(...)` from lexicon words), recorded by `recordRegExps`
 *   while the real pipeline loads and analyses documents.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface FoundRegExp {
  source: string;
  flags: string;
  /** `path:line` for a literal, `runtime` for a built pattern (with the first place that built it). */
  where: string;
}

function sourceFiles(dir: string, out: string[]): string[] {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'fixtures') sourceFiles(path, out);
    } else if (/\.tsx?$/.test(name) && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The regular-expression literals of every source file under `dir`. */
export function regexLiterals(root: string, dir = 'src'): FoundRegExp[] {
  const found: FoundRegExp[] = [];
  for (const file of sourceFiles(join(root, dir), [])) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText(source);
        const slash = literal.lastIndexOf('/');
        const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
        found.push({ source: literal.slice(1, slash), flags: literal.slice(slash + 1), where: `${relative(root, file)}:${line}` });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/**
 * Replaces the global `RegExp` constructor with one that records every pattern built through it
 * (`new RegExp(...)` and `RegExp(...)`), until the returned `stop` is called. Literals do not pass
 * through the constructor; `regexLiterals` finds those.
 */
export function recordRegExps(): { found: Map<string, FoundRegExp>; stop: () => void } {
  const original = globalThis.RegExp;
  const found = new Map<string, FoundRegExp>();
  const note = (re: RegExp): RegExp => {
    const key = `/${re.source}/${re.flags}`;
    if (!found.has(key)) {
      const caller = (new Error().stack ?? '').split('\n').slice(3, 4).join('').trim();
      found.set(key, { source: re.source, flags: re.flags, where: `runtime ${caller}` });
    }
    return re;
  };
  const proxy = new Proxy(original, {
    construct: (target, args, newTarget) => note(Reflect.construct(target, args, newTarget) as RegExp),
    apply: (target, self, args) => note(Reflect.apply(target, self, args) as RegExp),
  });
  globalThis.RegExp = proxy;
  return { found, stop: () => void (globalThis.RegExp = original) };
}
