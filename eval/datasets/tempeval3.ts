/**
 * TempEval-3 training data (TBAQ-cleaned: TimeBank 1.2 + AQUAINT), read in place from
 * `../shared/data/tempeval3/` (never copied into the repository). Each document's text is the content
 * of `<TEXT>` with the inline tags stripped and `&amp;`-style entities unescaped; a TIMEX3's span is
 * `[start, end)` in UTF-16 units of that text (the leading newline after `<TEXT>` is position 0), as
 * the data set's FORMAT.md says. The creation time (`<DCT>`) is the publication date.
 *
 * Protocol, fixed before any tuning: `TimeBank/` (183 documents) is the train part, used for rules and
 * their cross-validation; `AQUAINT/` (73 documents) is held out and only measured. The
 * `testpipeline/` copy of a TimeBank file is skipped.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export interface GoldTimex {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly type: string;
  readonly value: string;
}

export interface TimexDoc {
  readonly id: string;
  readonly text: string;
  /** `YYYY-MM-DD` or null. */
  readonly publishedAt: string | null;
  readonly timexes: readonly GoldTimex[];
  /** Stretches that were not annotated: predictions there are not scored. */
  readonly unscored?: readonly { start: number; end: number }[];
}

export type TempevalSplit = 'train' | 'held-out';

export function tempevalRoot(): string {
  return path.join(dataRoot(), 'tempeval3', 'tbaq-cleaned');
}

function unescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}

function attr(tag: string, name: string): string {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? unescape(m[1]!) : '';
}

/** Strips inline tags from an XML fragment, returning the text and the TIMEX3 spans in it. */
export function standoffTimexes(fragment: string): { text: string; timexes: GoldTimex[] } {
  let text = '';
  const timexes: GoldTimex[] = [];
  const open: { tag: string; start: number }[] = [];
  const tagRe = /<(\/?)([A-Za-z0-9_]+)([^>]*?)(\/?)>/g;
  let last = 0;
  for (let m = tagRe.exec(fragment); m; m = tagRe.exec(fragment)) {
    text += unescape(fragment.slice(last, m.index));
    last = m.index + m[0].length;
    const [, close, name, , selfClose] = m;
    if (name !== 'TIMEX3' || selfClose) continue;
    if (!close) open.push({ tag: m[0], start: text.length });
    else {
      const o = open.pop();
      if (!o) continue;
      timexes.push({ start: o.start, end: text.length, text: text.slice(o.start, text.length), type: attr(o.tag, 'type'), value: attr(o.tag, 'value') });
    }
  }
  text += unescape(fragment.slice(last));
  return { text, timexes };
}

export function parseTml(id: string, xml: string): TimexDoc {
  const dct = /<DCT>\s*<TIMEX3[^>]*value="(\d{4}-\d{2}-\d{2})/.exec(xml);
  const body = /<TEXT>([\s\S]*?)<\/TEXT>/.exec(xml);
  const { text, timexes } = standoffTimexes(body ? body[1]! : '');
  return { id, text, publishedAt: dct ? dct[1]! : null, timexes };
}

export function loadTempeval(split: TempevalSplit): TimexDoc[] {
  const folder = path.join(tempevalRoot(), split === 'train' ? 'TimeBank' : 'AQUAINT');
  return fs
    .readdirSync(folder)
    .filter((f) => f.endsWith('.tml'))
    .sort()
    .map((f) => parseTml(f.replace(/\.tml$/, ''), fs.readFileSync(path.join(folder, f), 'utf8')));
}
