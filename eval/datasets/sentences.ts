/**
 * Gold sentence boundaries, read in place from two pre-tokenised corpora (see `../scorers/sentences.ts` for
 * how a document is rebuilt and which boundaries count):
 *
 * - **CoNLL-2003** English (`../shared/data/conll2003/`, Reuters 1996-97, research use only): a blank line ends a
 *   sentence, `-DOCSTART-` a document. `train.txt` is the train part (its errors may be read), `valid.txt` is
 *   measured only. The sentence breaks come from the corpus's own automatic splitter, not from a hand
 *   annotation of sentences: many are wrong (after a title before its name, `Gov .` | `William Weld`; inside
 *   a dateline, `PONTIAC , Mich .` | `1996-08-22`), and those are counted as they are. A
 *   "sentence" that is punctuation alone (the `.` left after `" dangerous generalisation . "`) is put back on
 *   the sentence before it.
 * - **MEANTIME** English (`../shared/data/meantime-en/`, 120 Wikinews articles, CC BY 4.0): the `sentence`
 *   number of each token, the units the corpus was annotated in (sentence 0 is the headline); its breaks are
 *   far cleaner than CoNLL's. The Airbus and Apple articles (60) are the train part, General Motors and
 *   stock market (60) are measured only.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConll, type ConllSplit } from './conll2003.js';
import { meantimeRoot } from './meantime.js';
import { goldDocument, type GoldSentenceDocument } from '../scorers/sentences.js';

export type SentencePart = 'meantime-train' | 'meantime-test' | 'conll-train' | 'conll-valid';

export const SENTENCE_PARTS: readonly SentencePart[] = ['meantime-train', 'meantime-test', 'conll-train', 'conll-valid'];

/** MEANTIME's topic folders of the train part (errors may be read); the other two are measured only. */
export const MEANTIME_TRAIN_CORPORA: readonly string[] = ['corpus_airbus', 'corpus_apple'];

const PUNCTUATION_ONLY = /^[\p{P}\p{S}]+$/u;

export function loadConllSentences(split: ConllSplit): GoldSentenceDocument[] {
  return loadConll(split).documents.map((doc) => {
    const sentences: string[][] = [];
    for (const s of doc.sentences) {
      if (sentences.length > 0 && s.tokens.every((t) => PUNCTUATION_ONLY.test(t))) sentences[sentences.length - 1]!.push(...s.tokens);
      else sentences.push([...s.tokens]);
    }
    return goldDocument(`conll-${split}-${doc.index}`, sentences);
  });
}

function unescapeXml(s: string): string {
  return s.replace(/&(amp|quot|lt|gt|apos);/g, (_m, e: string) => ({ amp: '&', quot: '"', lt: '<', gt: '>', apos: "'" })[e]!);
}

export function parseMeantimeSentences(id: string, xml: string): GoldSentenceDocument {
  const sentences: string[][] = [];
  let current = -1;
  for (const m of xml.matchAll(/<token\b([^>]*)>([^<]*)<\/token>/g)) {
    const sentence = Number(/\bsentence="(\d+)"/.exec(m[1]!)![1]);
    if (sentence !== current) {
      sentences.push([]);
      current = sentence;
    }
    sentences[sentences.length - 1]!.push(unescapeXml(m[2]!));
  }
  return goldDocument(id, sentences);
}

export function loadMeantimeSentences(train: boolean): GoldSentenceDocument[] {
  const root = meantimeRoot();
  const out: GoldSentenceDocument[] = [];
  for (const corpus of fs.readdirSync(root).sort()) {
    const dir = path.join(root, corpus);
    if (!fs.statSync(dir).isDirectory() || MEANTIME_TRAIN_CORPORA.includes(corpus) !== train) continue;
    for (const file of fs.readdirSync(dir).sort()) {
      if (file.endsWith('.xml')) out.push(parseMeantimeSentences(`${corpus}/${file.replace(/\.xml$/, '')}`, fs.readFileSync(path.join(dir, file), 'utf8')));
    }
  }
  return out;
}

export function loadSentenceGold(part: SentencePart): GoldSentenceDocument[] {
  if (part === 'meantime-train' || part === 'meantime-test') return loadMeantimeSentences(part === 'meantime-train');
  return loadConllSentences(part === 'conll-train' ? 'train' : 'valid');
}
