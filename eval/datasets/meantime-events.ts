/**
 * MEANTIME English (`../shared/data/meantime-en/intra-doc_annotation/`, CC BY 4.0, read in place):
 * documents rebuilt as text from their tokens (one space between tokens, a newline between sentences,
 * as its FORMAT.md says) with every EVENT_MENTION: its span, `pred` (lemma), `pos`, and the class of
 * the event instance it refers to (SPEECH_COGNITIVE, OTHER, GRAMMATICAL).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export interface MeantimeEventMention {
  readonly start: number;
  readonly end: number;
  readonly pred: string;
  readonly pos: string;
  /** The EVENT instance's class, or '' when the mention refers to none. */
  readonly eventClass: string;
}

export interface MeantimeEventDocument {
  readonly id: string;
  readonly text: string;
  readonly events: readonly MeantimeEventMention[];
  /** End offset of the last sentence holding an event mention: MEANTIME annotates the first sentences only. */
  readonly annotatedEnd: number;
}

function unescapeXml(s: string): string {
  return s.replace(/&(amp|quot|lt|gt|apos);/g, (_m, e: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" })[e]!);
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1]! : null;
}

export function parseMeantimeEvents(id: string, xml: string): MeantimeEventDocument {
  const tokens: { tid: string; sentence: number; text: string }[] = [];
  for (const m of xml.matchAll(/<token\b([^>]*)>([^<]*)<\/token>/g)) {
    tokens.push({ tid: attr(m[1]!, 't_id')!, sentence: Number(attr(m[1]!, 'sentence')), text: unescapeXml(m[2]!) });
  }
  const offsets = new Map<string, { start: number; end: number; sentence: number }>();
  const sentenceEnd = new Map<number, number>();
  let text = '';
  tokens.forEach((t, i) => {
    if (i > 0) text += tokens[i - 1]!.sentence === t.sentence ? ' ' : '\n';
    offsets.set(t.tid, { start: text.length, end: text.length + t.text.length, sentence: t.sentence });
    text += t.text;
    sentenceEnd.set(t.sentence, text.length);
  });
  const eventClass = new Map<string, string>();
  for (const m of xml.matchAll(/<EVENT\b([^>]*)\/>/g)) eventClass.set(attr(m[1]!, 'm_id')!, attr(m[1]!, 'class') ?? '');
  const refersTo = new Map<string, string>();
  for (const m of xml.matchAll(/<REFERS_TO\b[^>]*>([\s\S]*?)<\/REFERS_TO>/g)) {
    const target = /<target m_id="([^"]+)"/.exec(m[1]!)?.[1];
    if (!target) continue;
    for (const source of m[1]!.matchAll(/<source m_id="([^"]+)"/g)) refersTo.set(source[1]!, target);
  }
  let lastSentence = -1;
  const events: MeantimeEventMention[] = [];
  for (const m of xml.matchAll(/<EVENT_MENTION\b([^>]*)>([\s\S]*?)<\/EVENT_MENTION>/g)) {
    const anchors = [...m[2]!.matchAll(/t_id="([^"]+)"/g)].map((a) => offsets.get(a[1]!)).filter((o) => o !== undefined);
    if (anchors.length === 0) continue;
    for (const a of anchors) lastSentence = Math.max(lastSentence, a.sentence);
    const target = refersTo.get(attr(m[1]!, 'm_id')!);
    events.push({
      start: Math.min(...anchors.map((a) => a.start)),
      end: Math.max(...anchors.map((a) => a.end)),
      pred: attr(m[1]!, 'pred') ?? '',
      pos: attr(m[1]!, 'pos') ?? '',
      eventClass: target ? (eventClass.get(target) ?? '') : '',
    });
  }
  events.sort((a, b) => a.start - b.start || a.end - b.end);
  return { id, text, events, annotatedEnd: lastSentence >= 0 ? sentenceEnd.get(lastSentence)! : 0 };
}

export function loadMeantimeEvents(): MeantimeEventDocument[] {
  const root = path.join(dataRoot(), 'meantime-en', 'intra-doc_annotation');
  const out: MeantimeEventDocument[] = [];
  for (const corpus of fs.readdirSync(root).sort()) {
    const dir = path.join(root, corpus);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (file.endsWith('.xml')) out.push(parseMeantimeEvents(`${corpus}/${file.replace(/\.xml$/, '')}`, fs.readFileSync(path.join(dir, file), 'utf8')));
    }
  }
  return out;
}
