/**
 * MEANTIME English (`../shared/data/meantime-en/`, CC BY 4.0, read in place): documents rebuilt as
 * text from their tokens (one space between tokens, a newline between sentences, as its FORMAT.md
 * says) with the named entity mentions (`syntactic_type="NAM"`) and the type of the entity each
 * refers to (PER, ORG, LOC, PRO, FIN, MIX).
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export interface MeantimeMention {
  readonly start: number;
  readonly end: number;
  /** The ENTITY instance's `ent_type`, or '' when the mention refers to none. */
  readonly type: string;
}

export interface MeantimeDocument {
  readonly id: string;
  readonly text: string;
  readonly mentions: readonly MeantimeMention[];
  /**
   * End offset of the last sentence that holds an entity mention of any kind: MEANTIME annotates
   * entities in the first sentences of each article only, so predictions after this point cannot be
   * scored.
   */
  readonly annotatedEnd: number;
}

export function meantimeRoot(): string {
  return path.join(dataRoot(), 'meantime-en', 'intra-doc_annotation');
}

function unescapeXml(s: string): string {
  return s.replace(/&(amp|quot|lt|gt|apos);/g, (_m, e: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" })[e]!);
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1]! : null;
}

export function parseMeantime(id: string, xml: string): MeantimeDocument {
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
  let lastSentence = -1;
  const entityType = new Map<string, string>();
  for (const m of xml.matchAll(/<ENTITY\b([^>]*)\/>/g)) entityType.set(attr(m[1]!, 'm_id')!, attr(m[1]!, 'ent_type') ?? '');
  const refersTo = new Map<string, string>();
  for (const m of xml.matchAll(/<REFERS_TO\b[^>]*>([\s\S]*?)<\/REFERS_TO>/g)) {
    const target = /<target m_id="([^"]+)"/.exec(m[1]!)?.[1];
    if (!target) continue;
    for (const source of m[1]!.matchAll(/<source m_id="([^"]+)"/g)) refersTo.set(source[1]!, target);
  }
  const mentions: MeantimeMention[] = [];
  for (const m of xml.matchAll(/<ENTITY_MENTION\b([^>]*)>([\s\S]*?)<\/ENTITY_MENTION>/g)) {
    const anchors = [...m[2]!.matchAll(/t_id="([^"]+)"/g)].map((a) => offsets.get(a[1]!)).filter((o) => o !== undefined);
    for (const a of anchors) lastSentence = Math.max(lastSentence, a.sentence);
    if (attr(m[1]!, 'syntactic_type') !== 'NAM') continue;
    if (anchors.length === 0) continue;
    const target = refersTo.get(attr(m[1]!, 'm_id')!);
    mentions.push({
      start: Math.min(...anchors.map((a) => a.start)),
      end: Math.max(...anchors.map((a) => a.end)),
      type: target ? (entityType.get(target) ?? '') : '',
    });
  }
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  return { id, text, mentions, annotatedEnd: lastSentence >= 0 ? sentenceEnd.get(lastSentence)! : 0 };
}

export function loadMeantime(): MeantimeDocument[] {
  const root = meantimeRoot();
  const out: MeantimeDocument[] = [];
  for (const corpus of fs.readdirSync(root).sort()) {
    const dir = path.join(root, corpus);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (!file.endsWith('.xml')) continue;
      out.push(parseMeantime(`${corpus}/${file.replace(/\.xml$/, '')}`, fs.readFileSync(path.join(dir, file), 'utf8')));
    }
  }
  return out;
}
