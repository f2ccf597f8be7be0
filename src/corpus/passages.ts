/**
 * Shared verbatim passages between two documents. Anchors are chosen by winnowing (Schleimer,
 * Wilkerson and Aiken, SIGMOD 2003): the smallest shingle hash of every window of WINDOW shingles,
 * so any run of at least WINDOW + SHINGLE - 1 words shared by two documents gives both the same
 * anchor, whatever else the documents hold. The anchor index finds candidate pairs; the exact
 * passages are then grown word by word from the shared shingles.
 */
import { ngramHash } from './words.js';

export const PASSAGE_SHINGLE = 6;
export const WINNOW_WINDOW = 6;
/** Shortest shared run reported as a passage. */
export const MIN_PASSAGE_WORDS = 8;

/** The winnowed anchor hashes of a word sequence, each once. */
export function winnowAnchors(hashes: Uint32Array, skip?: Uint8Array): Uint32Array {
  const count = hashes.length - PASSAGE_SHINGLE + 1;
  if (count <= 0) return new Uint32Array(0);
  const shingles = new Uint32Array(count);
  for (let i = 0; i < count; i++) shingles[i] = ngramHash(hashes, i, PASSAGE_SHINGLE);
  const chosen = new Set<number>();
  const window = Math.min(WINNOW_WINDOW, count);
  let last = -1;
  for (let start = 0; start + window <= count; start++) {
    let best = start;
    for (let i = start + 1; i < start + window; i++) if (shingles[i]! <= shingles[best]!) best = i;
    if (best !== last) {
      last = best;
      // A shingle entirely inside quoted material is not evidence of a shared origin: two
      // independent reports may quote the same sentence.
      if (!skip || !allSkipped(skip, best, PASSAGE_SHINGLE)) chosen.add(shingles[best]!);
    }
  }
  return Uint32Array.from(chosen);
}

function allSkipped(skip: Uint8Array, from: number, n: number): boolean {
  for (let i = from; i < from + n; i++) if (!skip[i]) return false;
  return true;
}

/** A shared run of words: word index ranges [aStart, aEnd) and [bStart, bEnd). */
export interface WordRun {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * Maximal runs of at least `minWords` identical words between a and b (greedy, longest first, not
 * overlapping in either document). Runs that lie entirely in skipped words of a are left out.
 */
export function sharedRuns(a: Uint32Array, b: Uint32Array, minWords = MIN_PASSAGE_WORDS, skipA?: Uint8Array): WordRun[] {
  const n = 4;
  if (a.length < n || b.length < n) return [];
  const positions = new Map<number, number[]>();
  for (let i = 0; i + n <= a.length; i++) {
    const h = ngramHash(a, i, n);
    const list = positions.get(h);
    if (list) {
      if (list.length < 16) list.push(i);
    } else positions.set(h, [i]);
  }
  const runs: WordRun[] = [];
  let j = 0;
  while (j + n <= b.length) {
    const list = positions.get(ngramHash(b, j, n));
    let best: WordRun | null = null;
    if (list) {
      for (const i of list) {
        let s = 0;
        while (i + s < a.length && j + s < b.length && a[i + s] === b[j + s]) s++;
        if (s >= n && (!best || s > best.aEnd - best.aStart)) best = { aStart: i, aEnd: i + s, bStart: j, bEnd: j + s };
      }
    }
    if (best && best.aEnd - best.aStart >= minWords) {
      if (!skipA || !allSkipped(skipA, best.aStart, best.aEnd - best.aStart)) runs.push(best);
      j = best.bEnd;
    } else j++;
  }
  // Keep runs that do not overlap in a (b's runs are disjoint by construction), longest first.
  runs.sort((x, y) => y.aEnd - y.aStart - (x.aEnd - x.aStart) || x.aStart - y.aStart);
  const kept: WordRun[] = [];
  for (const run of runs) if (!kept.some((k) => run.aStart < k.aEnd && k.aStart < run.aEnd)) kept.push(run);
  return kept.sort((x, y) => x.bStart - y.bStart);
}
