/**
 * The documents of the corpus benchmark: copy k of BBC article j has the id `<topic>/<file>~k`; for
 * k > 0 the text has light edits chosen by a seeded generator (two words replaced by other words of
 * the same article, and one of its sentences repeated at the end).
 */
import type { BenchDoc } from './bbc.js';

/** A small seeded generator (mulberry32): the same edits on every run. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function variant(base: readonly BenchDoc[], i: number): { id: string; text: string } {
  const article = base[i % base.length]!;
  const copy = Math.floor(i / base.length);
  const id = `${article.id}~${copy}`;
  if (copy === 0) return { id, text: article.text };
  const random = generator(i + 1);
  let text = article.text;
  for (let n = 0; n < 2; n++) {
    const words = [...text.matchAll(/\p{L}{4,}/gu)];
    if (words.length < 2) break;
    const target = words[Math.floor(random() * words.length)]!;
    const replacement = words[Math.floor(random() * words.length)]![0];
    text = text.slice(0, target.index!) + replacement + text.slice(target.index! + target[0].length);
  }
  const sentences = text.split(/(?<=[.!?])\s+/);
  const repeated = sentences[Math.floor(random() * sentences.length)] ?? '';
  return { id, text: `${text.trimEnd()}\n${repeated}\n` };
}

/** The text of a benchmark id (for rendering spans without keeping every text in memory). */
export function textOfVariant(base: readonly BenchDoc[], positions: ReadonlyMap<string, number>, id: string): string {
  const at = id.lastIndexOf('~');
  return variant(base, Number(id.slice(at + 1)) * base.length + positions.get(id.slice(0, at))!).text;
}

/**
 * The same copy with edits that keep every offset: two words replaced by other words of the same
 * length from the article, and one of its sentences appended. The article's analysis then holds
 * for the copy (its spans are re-cut from the copy's text), which lets `--reuse-analyses` measure
 * the corpus steps at scale without analysing every copy again.
 */
export function offsetKeepingVariant(base: readonly BenchDoc[], i: number): { id: string; text: string; article: number } {
  const article = i % base.length;
  const copy = Math.floor(i / base.length);
  const original = base[article]!.text;
  const id = `${base[article]!.id}~${copy}`;
  if (copy === 0) return { id, text: original, article };
  const random = generator(i + 1);
  const words = [...original.matchAll(/\p{L}{4,}/gu)];
  let text = original;
  for (let n = 0; n < 2 && words.length > 1; n++) {
    const target = words[Math.floor(random() * words.length)]!;
    const sameLength = words.filter((w) => w[0].length === target[0].length && w[0] !== target[0]);
    if (sameLength.length === 0) continue;
    const replacement = sameLength[Math.floor(random() * sameLength.length)]![0];
    text = text.slice(0, target.index!) + replacement + text.slice(target.index! + target[0].length);
  }
  const sentences = original.split(/(?<=[.!?])\s+/);
  return { id, text: `${text}\n${sentences[Math.floor(random() * sentences.length)] ?? ''}\n`, article };
}

/**
 * An article's stored analysis carried over to an offset-keeping copy, in place (the object is the
 * one just parsed from the stored line and nothing else holds it): the copy's id and text, and every
 * span's `text` re-cut from the copy's text.
 */
export function carryOver<T extends { document: { id: string; text: string; length: number } }>(analysis: T, id: string, text: string): T {
  const recut = (value: Record<string, unknown>): void => {
    if (typeof value.start === 'number' && typeof value.end === 'number' && typeof value.text === 'string') value.text = text.slice(value.start, value.end);
    for (const key in value) {
      const child = value[key];
      if (Array.isArray(child)) {
        for (const item of child) if (item && typeof item === 'object') recut(item as Record<string, unknown>);
      } else if (child && typeof child === 'object') recut(child as Record<string, unknown>);
    }
  };
  const document = analysis.document;
  (analysis as { document: unknown }).document = null;
  recut(analysis as unknown as Record<string, unknown>);
  analysis.document = { ...document, id, text, length: text.length };
  return analysis;
}
