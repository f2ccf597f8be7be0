/** Small printing helpers shared by the bench scripts. */

export const MB = 1_000_000;

export const fix = (x: number, d = 2): string => x.toFixed(d);

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Parses `--flag value` and `--flag=value` options; flags without a value map to 'true'. */
export function parseFlags(argv: readonly string[], withValue: ReadonlySet<string>): { flags: Map<string, string>; rest: string[] } {
  const flags = new Map<string, string>();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      rest.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(0, eq) : a;
    if (eq > 0) flags.set(name, a.slice(eq + 1));
    else if (withValue.has(name)) {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      flags.set(name, v);
    } else flags.set(name, 'true');
  }
  return { flags, rest };
}
