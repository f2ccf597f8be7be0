/**
 * Who asserts a figure, in this order:
 *   1. the speaker of the quote whose content holds it (`voice: "quoted"`, `quoteId`);
 *   2. `according to X` in its sentence;
 *   3. the subject of a reporting verb governing its clause: "the union says 3,500 workers…",
 *      or an attribution that ends the sentence: "…3,500 workers, the union said.";
 *   4. nobody: the writer states it (`claimant: null`, `voice: "author"`).
 * A reporting verb whose subject is a pronoun ("he said 40 people…") makes the figure someone
 * else's (`voice: "quoted"`) but names nobody: `claimant` stays null rather than guessing.
 */
import type { ClaimantJson } from '../../api/analysis-json.js';
import { firstAtOrAfter, lastAtOrBefore } from '../../core/search.js';
import type { FigureLexicon } from './lexicon.js';

export interface Range {
  readonly start: number;
  readonly end: number;
}

export interface QuoteRef {
  readonly id: string;
  readonly pieces: readonly Range[];
  readonly claimant: ClaimantJson | null;
}

export interface ClaimantResult {
  claimant: (ClaimantJson & { reason: string }) | null;
  voice: 'author' | 'quoted';
  quoteId: string | null;
  reason: string;
}

interface Word {
  text: string;
  lower: string;
  start: number;
  end: number;
  punct: boolean;
}

const WORDS = /[\p{L}\p{N}](?:[\p{L}\p{N}’'&-]*[\p{L}\p{N}])?|[^\s\p{L}\p{N}]/gu;
/** Longest subject or claimant phrase, in words. */
const MAX_SUBJECT = 6;

/** The words of text[from, to), read on the slice so that a token never runs past `to`. */
function words(text: string, from: number, to: number): Word[] {
  const out: Word[] = [];
  const slice = text.slice(from, to);
  WORDS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORDS.exec(slice)) !== null) {
    const start = from + m.index;
    out.push({ text: m[0], lower: m[0].toLowerCase(), start, end: start + m[0].length, punct: !/[\p{L}\p{N}]/u.test(m[0][0]!) });
  }
  return out;
}

/** The words of the last sentence read, kept by one analysis run: figures of one sentence share them. */
export interface SentenceCache {
  start: number;
  end: number;
  words: Word[];
}

export function createSentenceCache(): SentenceCache {
  return { start: -1, end: -1, words: [] };
}

function sentenceWords(text: string, sentence: Range, cache: SentenceCache): Word[] {
  if (cache.start === sentence.start && cache.end === sentence.end) return cache.words;
  cache.words = words(text, sentence.start, sentence.end);
  cache.start = sentence.start;
  cache.end = sentence.end;
  return cache.words;
}

/** Longest sentence read whole (UTF-16 units); in a longer one (run-on text with no sentence ends) only the
 *  words within WINDOW of the figure are read, so the rules stay linear in the length of the text. */
const MAX_SENTENCE = 2000;
const WINDOW = 400;

function firstWordFrom(ws: readonly Word[], offset: number): number {
  return firstAtOrAfter(ws.length, (i) => ws[i]!.start, offset);
}

function nearFigure(ws: Word[], sentence: Range, figure: Range): Word[] {
  if (sentence.end - sentence.start <= MAX_SENTENCE) return ws;
  return ws.slice(firstWordFrom(ws, figure.start - WINDOW), firstWordFrom(ws, figure.end + WINDOW));
}

/** Pieces of all quotes, ordered, for a binary search by offset. */
export function indexQuotePieces(quotes: readonly QuoteRef[]): { piece: Range; quote: QuoteRef }[] {
  const list = quotes.flatMap((quote) => quote.pieces.map((piece) => ({ piece, quote })));
  return list.sort((a, b) => a.piece.start - b.piece.start || a.piece.end - b.piece.end);
}

function enclosingQuote(pieces: readonly { piece: Range; quote: QuoteRef }[], figure: Range): QuoteRef | null {
  const found = lastAtOrBefore(pieces.length, (i) => pieces[i]!.piece.start, figure.start);
  // Pieces may overlap (a mixed quote's clause holds its partial quote): look back a little.
  for (let i = found; i >= 0 && i > found - 4; i--) {
    const { piece, quote } = pieces[i]!;
    if (piece.start <= figure.start && figure.end <= piece.end) return quote;
  }
  return null;
}

function phraseClaimant(text: string, ws: readonly Word[], from: number, to: number, reason: string, longest = MAX_SUBJECT): ClaimantResult | null {
  if (to <= from || to - from > longest) return null;
  const name = text.slice(ws[from]!.start, ws[to - 1]!.end);
  return { claimant: { entityId: null, name, basis: 'stated', reason }, voice: 'quoted', quoteId: null, reason };
}

function pronounResult(reason: string): ClaimantResult {
  return { claimant: null, voice: 'quoted', quoteId: null, reason };
}

/** The subject ending just before word index `verb`: "the union", "Police", "Health Minister Jane Doe". */
function subjectBefore(lex: FigureLexicon, ws: readonly Word[], verb: number, lowest: number): { from: number; to: number } | null {
  let to = verb;
  // "the union has said", "police also said"
  while (to > lowest && lex.functionWords.has(ws[to - 1]!.lower) && !lex.pronouns.has(ws[to - 1]!.lower) && to > verb - 2) to--;
  let from = to;
  while (from > lowest && to - from < MAX_SUBJECT) {
    const w = ws[from - 1]!;
    if (w.punct || /\p{N}/u.test(w.text)) break;
    if (lex.functionWords.has(w.lower) && !lex.nounMarkers.has(w.lower)) break;
    // "The FAO report said", "official estimates show": a base or plural form right before the verb is a noun.
    const lemma = lex.reportingForms.get(w.lower);
    if (lemma && !(from === to && to === verb && (w.lower === lemma || w.lower === `${lemma}s`))) break;
    from--;
    if (lex.nounMarkers.has(w.lower)) break; // a determiner opens the noun phrase
  }
  if (from === to) return null;
  // "the record 40%": a determiner alone is no subject.
  if (ws.slice(from, to).every((w) => lex.nounMarkers.has(w.lower))) return null;
  return { from, to };
}

/** Words after which a form of "said", "claim", "expect" is no verb of the figure: "faster than predicted", "as expected". */
const COMPARATIVE = new Set(['than', 'as']);

/** Forms of "be" before a participle: a passive. */
const PASSIVE_AUXILIARY = new Set(['is', 'are', 'was', 'were', 'be', 'been', 'being']);

/**
 * A reporting form that is no verb here: a capitalised form inside a name ("the United States"), a noun after a
 * word in -ing ("now facing charges"), a comparison ("than predicted", "as expected"), a participle with its agent
 * ("the price demanded by"), or a verb of change right before the figure ("revenues added 4%").
 */
function notAVerb(lex: FigureLexicon, ws: readonly Word[], v: number, lemma: string): boolean {
  const w = ws[v]!;
  const prev = v > 0 ? ws[v - 1]! : null;
  if (prev && /^\p{Lu}/u.test(w.text) && /^\p{Lu}/u.test(prev.text) && !prev.punct) return true;
  if (prev && /^\p{Ll}+ing$/u.test(prev.text)) return true;
  // "after last week's protests, one of which drew two million", "Mr Bush's proposed spending of $3bn": a word
  // right after a possessive is a noun or an adjective, except a form of say or tell, which only a verb has
  // ("Foster's said", a company named with an apostrophe).
  if (prev && !prev.punct && lemma !== 'say' && lemma !== 'tell' && possessorOf(prev.text) !== null) return true;
  if (prev && COMPARATIVE.has(prev.lower)) return true;
  // "an earthquake with reported magnitude 6.3", "by early reports, at least 30": after a preposition, or after one
  // and a lower-case modifier for a plural in -s, the form is an adjective or a noun (version 24).
  if (prev && lex.prepositions.has(prev.lower)) return true;
  if (prev && v >= 2 && /s$/.test(w.lower) && w.lower !== lemma && lex.prepositions.has(ws[v - 2]!.lower) && /^\p{Ll}+$/u.test(prev.text) && !lex.functionWords.has(prev.lower)) return true;
  // "three men were charged", "the crowd was estimated at": a passive names no claimant as its subject.
  if (prev && PASSIVE_AUXILIARY.has(prev.lower) && w.lower !== lemma) return true;
  // "a large show floor", "an independent report found": after a singular determiner and one word, a base form
  // cannot agree with its subject as a present-tense verb ("a poll shows"), so it is a noun (version 18).
  if (w.lower === lemma && v >= 2 && lex.singularDeterminers.has(ws[v - 2]!.lower) && !lex.clauseVerbs.has(prev!.lower)) return true;
  const next = ws[v + 1];
  if (next && next.lower === 'by' && w.lower.endsWith('ed')) return true;
  if (lex.changeWords.has(w.lower) || (lemma === 'add' && next !== undefined && /\p{N}/u.test(next.text))) return true;
  return false;
}

/**
 * "claimed their first title in 72 years", "claimed an impressive 400m victory", "the quake claimed 300 lives": the
 * object of "claim" (up to two words past the figure, within its clause) is a thing won or taken, so the verb says
 * nothing about who asserts the figure.
 */
function wonObject(lex: FigureLexicon, ws: readonly Word[], v: number, figureEnd: number): boolean {
  for (let k = v + 1; k < ws.length && k < figureEnd + 2 && k <= v + 8; k++) {
    const w = ws[k]!;
    if (w.punct && w.text !== '’' && w.text !== "'") return false;
    // "claimed that…", "claimed it won 40 seats", "claimed the team had…", "claimed the side would take 3 titles": a
    // clause, so a statement after all.
    if (w.lower === 'that' || lex.pronouns.has(w.lower) || lex.counted.get(w.lower) === 'not-counted' || /^\p{Ll}+ed$/u.test(w.text) || lex.clauseVerbs.has(w.lower)) return false;
    if (lex.wonObjects.has(w.lower)) return true;
  }
  return false;
}

/**
 * An indirect quote opened by "claimed" whose words are a thing won or taken ("Wales claimed | their first title in
 * 72 years"): no statement is reported, so the figure is not the quote's speaker's.
 */
function claimOfAThingWon(lex: FigureLexicon, text: string, sentence: Range, figure: Range, quote: QuoteRef, cache: SentenceCache): boolean {
  const piece = quote.pieces.find((p) => p.start <= figure.start && figure.end <= p.end);
  if (!piece || piece.start < sentence.start || piece.end > sentence.end) return false;
  const ws = nearFigure(sentenceWords(text, sentence, cache), sentence, figure);
  const first = firstWordFrom(ws, piece.start);
  const verb = first - 1;
  if (verb < 0 || lex.reportingForms.get(ws[verb]!.lower) !== 'claim') return false;
  let figureEnd = firstWordFrom(ws, figure.end);
  if (figureEnd > ws.length) figureEnd = ws.length;
  return wonObject(lex, ws, verb, figureEnd);
}

/** Possessive determiners: "his pre-Budget report", "its central claim" are noun phrases, not a subject and a verb. */
const POSSESSIVE = new Set(['his', 'her', 'its', 'their', 'our', 'my', 'your']);

/** Days, months and units of time: "earlier this year showed" has no claimant "this year". */
const TIME_WORDS = /^(?:today|yesterday|tomorrow|now|year|years|month|months|week|weeks|day|days|quarter|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december)$/;

/**
 * A phrase before a reporting form that is not its subject: a noun phrase opened by a determiner before a base form
 * ("In his pre-Budget report,": the form is a noun), an infinitive ("to resolve access disputes"), a time
 * ("earlier this year showed"), a phrase ending in an adverb ("compiled partly explain") or a phrase holding a word in -ing.
 */
function notASubject(lex: FigureLexicon, ws: readonly Word[], from: number, to: number, baseForm: boolean): boolean {
  const phrase = ws.slice(from, to);
  const last = phrase[phrase.length - 1]!;
  if (baseForm && POSSESSIVE.has(phrase[0]!.lower) && !/s$/.test(last.lower)) return true;
  if (from > 0 && ws[from - 1]!.lower === 'to') return true;
  if (TIME_WORDS.test(last.lower)) return true;
  // "the way the statistics are compiled partly explain": a subject ends in a noun, not an adverb in -ly.
  if (/^\p{Ll}{3,}ly$/u.test(last.text) && !lex.notAdverbs.has(last.lower)) return true;
  return phrase.some((w) => /^\p{Ll}+ing$/u.test(w.text) && w.lower !== 'thing');
}

/** The word without its possessive ending (`Brown's` → `Brown`, `the unions'` → `unions`), or null when it has none. */
function possessorOf(word: string): string | null {
  const m = /^(.*\p{L})(?:['’]s|(?<=s)['’])$/u.exec(word);
  return m === null ? null : m[1]!;
}

/**
 * The possessor of a reporting noun right before the figure's `of` phrase: `Gordon Brown's forecast of 3%`, `the
 * union's claim of 3,500 members` (up to three words between `of` and the figure: `of about`, `of more than`). The
 * possessor is a name or a noun phrase without a time word (`last year's forecast of 2%` has none).
 */
function possessorClaimant(lex: FigureLexicon, text: string, ws: readonly Word[], v: number, figureIndex: number, lemma: string): ClaimantResult | null {
  const owner = ws[v - 1]!;
  const name = possessorOf(owner.text);
  if (name === null || ws[v + 1]?.lower !== 'of' || figureIndex < v + 2 || figureIndex > v + 5) return null;
  // The noun is the reporting word's base or plural form (`forecast`, `estimates`, `claims`).
  if (ws[v]!.lower !== lemma && ws[v]!.lower !== `${lemma}s`) return null;
  const lower = name.toLowerCase();
  if (TIME_WORDS.test(lower) || lex.pronouns.has(lower) || POSSESSIVE.has(lower)) return null;
  let from = v - 1;
  while (from > 0 && v - 1 - from < MAX_SUBJECT - 1) {
    const w = ws[from - 1]!;
    if (w.punct || /\p{N}/u.test(w.text)) break;
    if (lex.nounMarkers.has(w.lower)) { from--; break; }
    if (!/^\p{Lu}/u.test(w.text)) break;
    from--;
  }
  // "below Chancellor …": a capitalised word that opens the sentence may be any word; only names and titles stay.
  while (from < v - 1 && lex.functionWords.has(ws[from]!.lower) && !lex.nounMarkers.has(ws[from]!.lower)) from++;
  const start = ws[from]!.start;
  const end = owner.start + name.length;
  const reason = `reporting-nouns/${lemma}-possessor`;
  return { claimant: { entityId: null, name: text.slice(start, end), basis: 'stated', reason }, voice: 'quoted', quoteId: null, reason };
}

export function claimantOf(
  lex: FigureLexicon,
  text: string,
  figure: Range,
  sentence: Range,
  pieces: readonly { piece: Range; quote: QuoteRef }[],
  cache: SentenceCache,
): ClaimantResult {
  let quote = enclosingQuote(pieces, figure);
  if (quote && claimOfAThingWon(lex, text, sentence, figure, quote, cache)) quote = null;
  // One literal in the field order of phraseClaimant's, so that every claimant record has one shape.
  const c = quote?.claimant;
  if (quote) return { claimant: c ? { entityId: c.entityId, name: c.name, basis: c.basis, reason: 'quote-speaker' } : null, voice: 'quoted', quoteId: quote.id, reason: 'quote-speaker' };

  const ws = nearFigure(sentenceWords(text, sentence, cache), sentence, figure);
  const at = ws.findIndex((w) => w.start >= figure.start);
  const figureIndex = at === -1 ? ws.length : at;
  let figureEnd = ws.findIndex((w) => w.start >= figure.end);
  if (figureEnd === -1) figureEnd = ws.length;

  // 2. "according to X" anywhere in the sentence.
  for (let i = 0; i + 1 < ws.length; i++) {
    if (ws[i]!.lower !== 'according' || ws[i + 1]!.lower !== 'to') continue;
    let to = i + 2;
    while (to < ws.length && !ws[to]!.punct && to < i + 2 + MAX_SUBJECT && ws[to]!.lower !== 'that' && !(to >= figureIndex && to < figureEnd)) {
      // "according to the ministry recovered …" (a missing comma): a lower-case past form ends the name.
      if (to > i + 2 && /^\p{Ll}+ed$/u.test(ws[to]!.text)) break;
      // "according to Philippine officials on Thursday", "according to police last week": a time is not the source.
      if (to > i + 2 && !lex.nounMarkers.has(ws[to - 1]!.lower) && (TIME_WORDS.test(ws[to]!.lower) || (lex.timeOpeners.has(ws[to]!.lower) && ws[to + 1] !== undefined && TIME_WORDS.test(ws[to + 1]!.lower)))) break;
      to++;
    }
    // "according to US research think-tank Pew Internet and American Life": a name cut by the length limit runs on
    // over its capitalised words and the joiners between them (version 22).
    if (to === i + 2 + MAX_SUBJECT) {
      let k = to;
      while (k < ws.length && k < to + MAX_SUBJECT && !ws[k]!.punct && (/^\p{Lu}/u.test(ws[k]!.text) || (lex.nameJoiners.has(ws[k]!.lower) && k + 1 < ws.length && /^\p{Lu}/u.test(ws[k + 1]!.text)))) k++;
      if (k > to && /^\p{Lu}/u.test(ws[k - 1]!.text)) to = k;
    }
    // Never a joiner at the end: "according to the Pew Internet and" reads as cut, not as a name.
    while (to > i + 3 && lex.nameJoiners.has(ws[to - 1]!.lower)) to--;
    if (to === i + 2) continue;
    if (to - (i + 2) === 1 && lex.pronouns.has(ws[i + 2]!.lower)) return pronounResult('according-to-pronoun');
    const result = phraseClaimant(text, ws, i + 2, to, 'according-to', 2 * MAX_SUBJECT);
    if (result) return result;
  }

  // 3a. A reporting verb before the figure: its subject claims the clause.
  for (let v = figureIndex - 1; v >= 1; v--) {
    const w = ws[v]!;
    if (w.punct && (w.text === ';' || w.text === '“' || w.text === '"')) break;
    // "…, but organisers counted …": a new clause after a comma and a conjunction.
    if (w.text === ',' && v + 1 < figureIndex && lex.functionWords.has(ws[v + 1]!.lower)) break;
    const lemma = lex.reportingForms.get(w.lower);
    if (!lemma || /ing$/.test(w.lower)) continue;
    // "the reported 40 deaths": a participle used as an adjective.
    if (lex.nounMarkers.has(ws[v - 1]!.lower)) continue;
    // "Chancellor Gordon Brown's forecast of 3% to 3.5%", "the IMF's estimate of 4%": the possessor of a reporting
    // noun whose `of` phrase holds the figure claims it (version 18).
    const possessor = possessorClaimant(lex, text, ws, v, figureIndex, lemma);
    if (possessor) return possessor;
    if (notAVerb(lex, ws, v, lemma)) continue;
    if (lemma === 'claim' && wonObject(lex, ws, v, figureEnd)) continue;
    // "inspired the camp to believe they can…": the subject of an infinitive is not written before it.
    if (ws[v - 1]!.lower === 'to') continue;
    let lowest = 0;
    for (let k = v - 1; k >= 0; k--) if (ws[k]!.punct && ws[k]!.text !== '.' && ws[k]!.text !== '’') { lowest = k + 1; break; }
    const subject = subjectBefore(lex, ws, v, lowest);
    if (!subject) continue;
    if (lex.pronouns.has(ws[subject.to - 1]!.lower)) return pronounResult(`reporting-verbs/${lemma}-pronoun`);
    if (notASubject(lex, ws, subject.from, subject.to, w.lower === lemma)) continue;
    const result = phraseClaimant(text, ws, subject.from, subject.to, `reporting-verbs/${lemma}`);
    if (result) return result;
  }

  // 3b. An attribution after the figure, opened by a comma: "…, the union said.", "…, said the union",
  //     "…, officials told state media, adding …".
  for (let c = figureEnd; c < ws.length; c++) {
    if (ws[c]!.text !== ',') continue;
    const content: Word[] = [];
    for (let k = c + 1; k < ws.length && content.length <= MAX_SUBJECT + 1; k++) {
      if (ws[k]!.punct) break;
      content.push(ws[k]!);
    }
    // "…, reports say": of two reporting forms in a row the first is the subject's noun.
    const v = content.findIndex((w, k) => lex.reportingForms.has(w.lower) && !/ing$/.test(w.lower) && !(k + 1 < content.length && lex.reportingForms.has(content[k + 1]!.lower)) && !notAVerb(lex, content, k, lex.reportingForms.get(w.lower)!));
    if (v === -1) continue;
    const lemma = lex.reportingForms.get(content[v]!.lower)!;
    if (v > 0 && content.slice(0, v).some((w) => /^\p{Ll}+ing$/u.test(w.text))) continue; // "…, upsetting hopes of"
    if (v > 1 && lex.pronouns.has(content[v - 1]!.lower)) return pronounResult(`reporting-verbs/${lemma}-pronoun`); // "…, though it hopes"
    if (v > 0 && notASubject(lex, content, 0, v, content[v]!.lower === lemma)) continue;
    if (v === 0) {
      // "…, said the union." Not "…, told the BBC he …": what follows "told" is its listener (version 22).
      if (lemma === 'tell') continue;
      let to = 1;
      while (to < content.length && to <= MAX_SUBJECT && !(lex.functionWords.has(content[to]!.lower) && !lex.nounMarkers.has(content[to]!.lower))) to++;
      const r = phraseClaimant(text, content, 1, to, `reporting-verbs/${lemma}`);
      if (r) return r;
      continue;
    }
    if (v === 1 && lex.pronouns.has(content[0]!.lower)) return pronounResult(`reporting-verbs/${lemma}-pronoun`);
    if (v <= MAX_SUBJECT && content.slice(0, v).every((w) => !lex.functionWords.has(w.lower) || lex.nounMarkers.has(w.lower)) && !content.slice(0, v).every((w) => lex.nounMarkers.has(w.lower))) {
      const r = phraseClaimant(text, content, 0, v, `reporting-verbs/${lemma}`);
      if (r) return r;
    }
  }
  return { claimant: null, voice: 'author', quoteId: null, reason: 'author-voice' };
}
