/**
 * What the corpus keeps of one analysed document: word hashes and offsets, the MinHash signature of
 * its 5-word shingles, winnowed passage anchors (quoted material left out), and compact forms of
 * its quotes, claims, figures, entities and citation cues. Built from the document's
 * `claimtrace/analysis@1` object, so the corpus sees exactly what every other consumer sees.
 */
import type { AnalysisJson, EntityJson, Stance } from '../api/analysis-json.js';
import { findCitations, type Citation } from './citations.js';
import { minhashSignature } from './minhash.js';
import type { Outlet, OutletTable } from './outlets.js';
import { winnowAnchors } from './passages.js';
import { shingleHashes, wordsOf, foldWord, hashString, type Words } from './words.js';
import { firstAtOrAfter } from '../core/search.js';

export const SIGNATURE_SHINGLE = 5;
/** 3-word shingles of a quote or claim: what two versions of one statement are compared by. */
export const STATEMENT_GRAM = 3;
/** How many of the document's most mentioned entities characterise its story. */
export const STORY_KEYS = 6;

export interface StatementUnit {
  kind: 'quote' | 'claim';
  recordId: string;
  /** The main span of the record (a quote's content, a claim's span). */
  start: number;
  end: number;
  /** Who says it: the speaker's or claimant's entity key, else `name:<folded name>`, else null. */
  speakerKey: string | null;
  speakerName: string | null;
  /** Word hashes of the content, and its distinct 3-word shingle hashes (sorted). */
  words: Uint32Array;
  grams: Uint32Array;
}

export interface FigureUnit {
  recordId: string;
  start: number;
  end: number;
  value: number | null;
  min: number | null;
  max: number | null;
  unit: string | null;
  /** Folded head noun of what is counted ("detainees" -> "detainee"). */
  counted: string;
  countedText: string;
  claimantKey: string | null;
  claimantName: string | null;
  /** Hashes of the content words (4+ letters) around the figure in its sentence. */
  context: Uint32Array;
}

export interface EntityUse {
  key: string;
  name: string;
  /** The other names the document merged into the entity (pronouns and roles left out). */
  aliases: string[];
  type: EntityJson['type'];
  mentions: number;
  quotes: number;
  figures: number;
  stances: Partial<Record<Stance, number>>;
  cues: Record<string, number>;
}

export interface DocumentFeatures {
  id: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  outlet: Outlet | null;
  words: Words;
  /** 1 for each word inside a quote's content. */
  quoted: Uint8Array;
  signature: Uint32Array;
  anchors: Uint32Array;
  statements: StatementUnit[];
  figures: FigureUnit[];
  entities: EntityUse[];
  /** Keys of the most mentioned people, organisations and places: what the story is about. */
  storyKeys: string[];
  citations: Citation[];
}

/** The entity key an analysis gave (resolve-aliases adds `key`), else one made from type and name. */
export function keyOfEntity(entity: EntityJson): string {
  const key = (entity as EntityJson & { key?: unknown }).key;
  return typeof key === 'string' && key !== '' ? key : `${entity.type}:${foldWord(entity.name).replace(/\s+/g, ' ')}`;
}

function sortedUnique(values: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i]!;
  return sorted.slice(0, n);
}

/** Crude singular of an English head noun, enough to meet "detainees" and "detainee". */
function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** The first and last word index whose span lies in [start, end). */
function wordRange(words: Words, start: number, end: number): [number, number] {
  const lo = firstAtOrAfter(words.starts.length, (i) => words.starts[i]!, start);
  let to = lo;
  while (to < words.starts.length && words.ends[to]! <= end) to++;
  return [lo, to];
}

const CONTEXT_WORDS = 8;

export function documentFeatures(analysis: AnalysisJson, outlets: OutletTable): DocumentFeatures {
  const text = analysis.document.text;
  const words = wordsOf(text);
  const quoted = new Uint8Array(words.hashes.length);
  for (const quote of analysis.quotes) {
    for (const piece of quote.contents.length > 0 ? quote.contents : [quote.content]) {
      const [from, to] = wordRange(words, piece.start, piece.end);
      quoted.fill(1, from, to);
    }
  }
  const entityById = new Map(analysis.entities.map((e) => [e.id, e]));
  const uses = new Map<string, EntityUse>();
  const useOf = (entity: EntityJson): EntityUse => {
    const key = keyOfEntity(entity);
    let use = uses.get(key);
    if (!use) uses.set(key, (use = { key, name: entity.name, aliases: entity.aliases.filter((a) => a !== entity.name).slice(0, 12), type: entity.type, mentions: 0, quotes: 0, figures: 0, stances: {}, cues: {} }));
    return use;
  };
  for (const entity of analysis.entities) useOf(entity).mentions += entity.mentions.length + entity.pronounMentions.length;

  const speakerKeyOf = (who: { entityId: string | null; name: string | null } | null): string | null => {
    if (!who) return null;
    const entity = who.entityId ? entityById.get(who.entityId) : undefined;
    if (entity) return keyOfEntity(entity);
    return who.name ? `name:${foldWord(who.name).replace(/\s+/g, ' ')}` : null;
  };
  const statement = (kind: 'quote' | 'claim', recordId: string, start: number, end: number, who: { entityId: string | null; name: string | null } | null): StatementUnit => {
    const [from, to] = wordRange(words, start, end);
    const unitWords = words.hashes.slice(from, to);
    return {
      kind,
      recordId,
      start,
      end,
      speakerKey: speakerKeyOf(who),
      speakerName: who?.name ?? null,
      words: unitWords,
      grams: sortedUnique(shingleHashes(unitWords, Math.min(STATEMENT_GRAM, Math.max(1, unitWords.length)))),
    };
  };
  const statements: StatementUnit[] = [];
  for (const quote of analysis.quotes) {
    statements.push(statement('quote', quote.id, quote.content.start, quote.content.end, quote.speaker));
    const entity = quote.speaker?.entityId ? entityById.get(quote.speaker.entityId) : undefined;
    if (entity && (entity.type === 'person' || entity.type === 'organization')) {
      const use = useOf(entity);
      use.quotes++;
      if (quote.cue) {
        use.stances[quote.cue.stance] = (use.stances[quote.cue.stance] ?? 0) + 1;
        use.cues[quote.cue.lemma] = (use.cues[quote.cue.lemma] ?? 0) + 1;
      }
    }
  }
  for (const claim of analysis.claims ?? []) {
    // A claim that is a quote is already compared as that quote.
    if (analysis.quotes.some((q) => q.content.start === claim.span.start && q.content.end === claim.span.end)) continue;
    statements.push(statement('claim', claim.id, claim.span.start, claim.span.end, claim.claimant));
  }

  const figures: FigureUnit[] = [];
  for (const figure of analysis.figures) {
    if (!figure.counted) continue;
    const countedWords = figure.counted.trim().split(/\s+/);
    const head = singular(foldWord(countedWords[countedWords.length - 1]!.replace(/[^\p{L}\p{N}'’-]/gu, '')));
    if (!head) continue;
    const [from, to] = wordRange(words, figure.span.start, figure.span.end);
    const context: number[] = [];
    const headHash = hashString(foldWord(countedWords[countedWords.length - 1]!));
    for (let i = Math.max(0, from - CONTEXT_WORDS); i < Math.min(words.hashes.length, to + CONTEXT_WORDS); i++) {
      if (i >= from && i < to) continue;
      const length = words.ends[i]! - words.starts[i]!;
      if (length >= 4 && !/\d/.test(text.slice(words.starts[i]!, words.ends[i]!)) && words.hashes[i] !== headHash) context.push(words.hashes[i]!);
    }
    figures.push({
      recordId: figure.id,
      start: figure.span.start,
      end: figure.span.end,
      value: figure.value,
      min: figure.min,
      max: figure.max,
      unit: figure.unit,
      counted: head,
      countedText: figure.counted,
      claimantKey: speakerKeyOf(figure.claimant),
      claimantName: figure.claimant?.name ?? null,
      context: sortedUnique(Uint32Array.from(context)),
    });
    const claimant = figure.claimant?.entityId ? entityById.get(figure.claimant.entityId) : undefined;
    if (claimant) useOf(claimant).figures++;
  }

  const storyKeys = [...uses.values()]
    .filter((use) => use.type === 'person' || use.type === 'organization' || use.type === 'place')
    .sort((a, b) => b.mentions - a.mentions || (a.key < b.key ? -1 : 1))
    .slice(0, STORY_KEYS)
    .map((use) => use.key);
  return {
    id: analysis.document.id,
    title: analysis.document.title,
    url: analysis.document.url,
    publishedAt: analysis.document.publishedAt,
    outlet: outlets.ofUrl(analysis.document.url),
    words,
    quoted,
    signature: minhashSignature(sortedUnique(shingleHashes(words.hashes, SIGNATURE_SHINGLE))),
    anchors: winnowAnchors(words.hashes, quoted),
    statements,
    figures,
    entities: [...uses.values()],
    storyKeys,
    citations: findCitations(text, analysis.entities, keyOfEntity, outlets),
  };
}
