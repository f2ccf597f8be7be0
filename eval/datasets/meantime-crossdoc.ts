/**
 * MEANTIME English with cross-document coreference (`../shared/data/meantime-en/
 * intra_cross-doc_annotation/`, CC BY 4.0, read in place): each document rebuilt as text from its
 * tokens (as `meantime.ts` does), with its named mentions (`syntactic_type="NAM"`) of people and
 * organisations and the corpus-wide `instance_id` of the entity each refers to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export interface CrossDocMention {
  start: number;
  end: number;
  /** The ENTITY instance's `instance_id`: one value per real-world entity across the corpus. */
  instance: string;
  type: 'PER' | 'ORG';
}

export interface CrossDocDocument {
  id: string;
  topic: string;
  text: string;
  mentions: CrossDocMention[];
}

function unescapeXml(s: string): string {
  return s.replace(/&(amp|quot|lt|gt|apos);/g, (_m, e: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" })[e]!);
}

function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(tag);
  return m ? m[1]! : null;
}

export function parseCrossDoc(id: string, topic: string, xml: string): CrossDocDocument {
  const offsets = new Map<string, { start: number; end: number }>();
  let text = '';
  let lastSentence: number | null = null;
  for (const m of xml.matchAll(/<token\b([^>]*)>([^<]*)<\/token>/g)) {
    const sentence = Number(attr(m[1]!, 'sentence'));
    if (lastSentence !== null) text += lastSentence === sentence ? ' ' : '\n';
    lastSentence = sentence;
    const token = unescapeXml(m[2]!);
    offsets.set(attr(m[1]!, 't_id')!, { start: text.length, end: text.length + token.length });
    text += token;
  }
  const instances = new Map<string, { instance: string; type: string }>();
  for (const m of xml.matchAll(/<ENTITY\b([^>]*)\/>/g)) {
    const instance = attr(m[1]!, 'instance_id');
    if (instance) instances.set(attr(m[1]!, 'm_id')!, { instance, type: attr(m[1]!, 'ent_type') ?? '' });
  }
  const refersTo = new Map<string, string>();
  for (const m of xml.matchAll(/<REFERS_TO\b[^>]*>([\s\S]*?)<\/REFERS_TO>/g)) {
    const target = /<target m_id="([^"]+)"/.exec(m[1]!)?.[1];
    if (!target) continue;
    for (const source of m[1]!.matchAll(/<source m_id="([^"]+)"/g)) refersTo.set(source[1]!, target);
  }
  const mentions: CrossDocMention[] = [];
  for (const m of xml.matchAll(/<ENTITY_MENTION\b([^>]*)>([\s\S]*?)<\/ENTITY_MENTION>/g)) {
    if (attr(m[1]!, 'syntactic_type') !== 'NAM') continue;
    const target = refersTo.get(attr(m[1]!, 'm_id')!);
    const instance = target ? instances.get(target) : undefined;
    if (!instance || (instance.type !== 'PER' && instance.type !== 'ORG')) continue;
    const anchors = [...m[2]!.matchAll(/t_id="([^"]+)"/g)].map((a) => offsets.get(a[1]!)).filter((o) => o !== undefined);
    if (anchors.length === 0) continue;
    mentions.push({
      start: Math.min(...anchors.map((a) => a.start)),
      end: Math.max(...anchors.map((a) => a.end)),
      instance: instance.instance,
      type: instance.type as 'PER' | 'ORG',
    });
  }
  mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  return { id, topic, text, mentions };
}

export function loadMeantimeCrossDoc(): CrossDocDocument[] {
  const root = path.join(dataRoot(), 'meantime-en', 'intra_cross-doc_annotation');
  const out: CrossDocDocument[] = [];
  for (const corpus of fs.readdirSync(root).sort()) {
    const dir = path.join(root, corpus);
    if (!fs.statSync(dir).isDirectory()) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (file.endsWith('.xml')) out.push(parseCrossDoc(`${corpus}/${file.replace(/\.xml$/, '')}`, corpus, fs.readFileSync(path.join(dir, file), 'utf8')));
    }
  }
  return out;
}
