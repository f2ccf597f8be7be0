/**
 * MEANTIME English (NewsReader, CC BY 4.0), read in place from `../shared/data/meantime-en/`. The
 * corpus stores tokens, not text: a document's text is its tokens joined by single spaces, sentences by
 * `\n` (as the data set's FORMAT.md suggests), so spacing around punctuation is lost ("March 01 ,
 * 2008"). Each TIMEX3 other than the creation time becomes a span over its anchored tokens; the creation
 * time is the publication date. Only measured, never tuned on. MEANTIME annotates the title and the
 * first sentences of each article (sentence indices 0-5 here; sentence 1 is the dateline, the creation
 * time), so predictions after sentence 5 and on the creation time are not scored.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';
import type { GoldTimex, TimexDoc } from './tempeval3.js';

export function meantimeRoot(): string {
  return path.join(dataRoot(), 'meantime-en', 'intra-doc_annotation');
}

function unescape(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos);/g, (_m, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[e]!);
}

export function parseMeantime(id: string, xml: string): TimexDoc {
  const tokens = new Map<string, { start: number; end: number }>();
  let text = '';
  let sentence = -1;
  const tokenRe = /<token\b([^>]*)>([^<]*)<\/token>/g;
  for (let m = tokenRe.exec(xml); m; m = tokenRe.exec(xml)) {
    const tid = /t_id="(\d+)"/.exec(m[1]!)![1]!;
    const s = Number(/sentence="(\d+)"/.exec(m[1]!)![1]);
    if (text.length > 0) text += s !== sentence ? '\n' : ' ';
    sentence = s;
    const word = unescape(m[2]!);
    tokens.set(tid, { start: text.length, end: text.length + word.length });
    text += word;
  }
  let publishedAt: string | null = null;
  const unscored: { start: number; end: number }[] = [];
  const sentenceStart = new Map<number, number>();
  for (const m of xml.matchAll(/<token\b[^>]*t_id="(\d+)"[^>]*>/g)) {
    const s = Number(/sentence="(\d+)"/.exec(m[0])![1]);
    if (!sentenceStart.has(s)) sentenceStart.set(s, tokens.get(m[1]!)!.start);
  }
  const cut = sentenceStart.get(6);
  if (cut !== undefined) unscored.push({ start: cut, end: text.length });
  const timexes: GoldTimex[] = [];
  const timexRe = /<TIMEX3\b([^>]*)>([\s\S]*?)<\/TIMEX3>/g;
  for (let m = timexRe.exec(xml); m; m = timexRe.exec(xml)) {
    const attrs = m[1]!;
    const value = /\bvalue="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const type = /\btype="([^"]*)"/.exec(attrs)?.[1] ?? '';
    const anchors = [...m[2]!.matchAll(/t_id="(\d+)"/g)].map((a) => tokens.get(a[1]!)).filter((t): t is { start: number; end: number } => !!t);
    if (anchors.length === 0) continue;
    const start = Math.min(...anchors.map((a) => a.start));
    const end = Math.max(...anchors.map((a) => a.end));
    if (/functionInDocument="CREATION_TIME"/.test(attrs)) {
      if (/^\d{4}-\d{2}-\d{2}/.test(value)) publishedAt = value.slice(0, 10);
      unscored.push({ start, end });
      continue;
    }
    timexes.push({ start, end, text: text.slice(start, end), type, value });
  }
  timexes.sort((a, b) => a.start - b.start);
  return { id, text, publishedAt, timexes, unscored };
}

export function loadMeantime(): TimexDoc[] {
  const docs: TimexDoc[] = [];
  for (const corpus of fs.readdirSync(meantimeRoot()).sort()) {
    const folder = path.join(meantimeRoot(), corpus);
    for (const f of fs.readdirSync(folder).filter((n) => n.endsWith('.xml')).sort()) {
      docs.push(parseMeantime(`${corpus}/${f.replace(/\.xml$/, '')}`, fs.readFileSync(path.join(folder, f), 'utf8')));
    }
  }
  return docs;
}
