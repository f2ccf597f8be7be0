/**
 * CoNLL-2003 English NER (`../shared/data/conll2003/`, research use only, read in place): documents
 * of sentences of tokens with IOB2 tags. See that folder's FORMAT.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export type ConllSplit = 'train' | 'valid';

export interface ConllSentence {
  readonly tokens: readonly string[];
  /** IOB2 tags, `O`, `B-PER`, `I-PER`... */
  readonly tags: readonly string[];
  /** Penn Treebank part-of-speech tags, the file's second column. */
  readonly pos: readonly string[];
}

export interface ConllDocument {
  readonly index: number;
  readonly sentences: readonly ConllSentence[];
}

export interface TokenEntity {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

export function conllPath(split: ConllSplit): string {
  return path.join(dataRoot(), 'conll2003', `${split}.txt`);
}

export function parseConll(text: string): ConllDocument[] {
  const documents: { index: number; sentences: ConllSentence[] }[] = [];
  let tokens: string[] = [];
  let tags: string[] = [];
  let pos: string[] = [];
  const flush = () => {
    if (tokens.length === 0) return;
    if (documents.length === 0) documents.push({ index: 0, sentences: [] });
    documents[documents.length - 1]!.sentences.push({ tokens, tags, pos });
    tokens = [];
    tags = [];
    pos = [];
  };
  for (const line of text.split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flush();
      documents.push({ index: documents.length, sentences: [] });
      continue;
    }
    if (line.trim() === '') {
      flush();
      continue;
    }
    const cells = line.split(' ');
    tokens.push(cells[0]!);
    tags.push(cells[cells.length - 1]!);
    pos.push(cells.length >= 4 ? cells[1]! : '');
  }
  flush();
  return documents.filter((d) => d.sentences.length > 0);
}

export function loadConll(split: ConllSplit): { documents: ConllDocument[]; bytes: Buffer; file: string } {
  const file = conllPath(split);
  const bytes = fs.readFileSync(file);
  return { documents: parseConll(bytes.toString('utf8')), bytes, file };
}

/** Entities of an IOB2 (or IOB1) tag sequence as CoNLL's conlleval reads them: a B- or a type change starts a chunk. */
export function iobEntities(tags: readonly string[]): TokenEntity[] {
  const out: TokenEntity[] = [];
  let start = -1;
  let type = '';
  for (let i = 0; i <= tags.length; i++) {
    const tag = i < tags.length ? tags[i]! : 'O';
    const prefix = tag.slice(0, 1);
    const t = tag === 'O' ? '' : tag.slice(2);
    const continues = start >= 0 && prefix === 'I' && t === type;
    if (!continues) {
      if (start >= 0) out.push({ start, end: i, type });
      start = tag === 'O' ? -1 : i;
      type = t;
    }
  }
  return out;
}
