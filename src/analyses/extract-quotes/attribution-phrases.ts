/**
 * The whole phrases of an attribution, beside the short spans a reader sees highlighted (decision 0085).
 *
 * `speaker.mention` is the name as written and `cue.span` the reporting word (decision 0018, the Wikinews
 * annotation guide). Attribution-relation corpora (PolNeAR, PARC) mark more: the source with its
 * apposition or relative clause (`Kevin Brady, chairman of the House Ways and Means Committee`) and the cue
 * with its auxiliaries and adverbs (`has also called for`) and the colon that opens the quote (`said:`).
 * These are added as `speaker.phrase` and `cue.phrase`; the short spans do not move.
 */
import type { CueJson, SpanJson, SpeakerJson } from '../../api/analysis-json.js';
import { lastStartingAtOrBefore, type Finding } from '../../core/finding.js';
import { spanAt, type Span } from '../../core/span.js';
import type { QuoteLexicon } from './lexicon.js';
import { DASHES, isSpaceUnit, onlySpacesAndTabs, type Word, type WordIndex } from './words.js';

/** The longest apposition taken into a source phrase, in words. */
const MAX_APPOSITION_WORDS = 40;

const QUOTE_MARKS = new Set(['“', '”', '"', '«', '»', '‘']);

function toSpanJson(text: string, start: number, end: number): SpanJson {
  const span = spanAt(text, start, end);
  return { start: span.start, end: span.end, text: span.text };
}

/** Words that may stand between an apposition's closing comma and the cue: `, also said`, `, has said`. */
function isVerbGroupWord(lex: QuoteLexicon, word: Word): boolean {
  return !word.punct && (lex.auxiliaries.has(word.lower) || lex.beForms.has(word.lower)) && !lex.relatives.has(word.lower);
}

/**
 * The cue with the auxiliaries and adverbs right before it (`has also said`, `had repeatedly asked`, `now says`) and a
 * colon right after it (`said:`). Null when the phrase is the cue itself.
 */
export function cuePhrase(lex: QuoteLexicon, text: string, index: WordIndex, cue: SpanJson): SpanJson | null {
  let start = cue.start;
  let end = cue.end;
  // `scan`, not `between`: a document whose quotes were all found sentence by sentence is never scanned whole.
  let from = Math.max(0, cue.start - 60);
  while (from > 0 && !isSpaceUnit(text.charCodeAt(from - 1))) from--;
  const before = index.scan(from, cue.start);
  let last = before.length - 1;
  // The verb that takes the cue as its infinitive opens the phrase (`continued to insist`, `went on to say`, `has
  // yet to explain`; class `catenative`, decision 0114): PolNeAR's Cue takes it in every such pair of train.
  const to = before[last];
  if (to && to.lower === 'to' && last >= 1 && onlySpacesAndTabs(text, to.end, cue.start, true)) {
    let c = last - 1;
    const go = (w: Word | undefined) => w !== undefined && (w.lower === 'went' || w.lower === 'goes' || w.lower === 'go');
    if (before[c]!.lower === 'on' && c >= 1 && go(before[c - 1])) c--;
    const verb = before[c]!;
    if (!verb.punct && lex.catenatives.has(verb.lower) && (!go(verb) || c < last - 1) && onlySpacesAndTabs(text, verb.end, before[c + 1]!.start, true)) {
      start = verb.start;
      last = c - 1;
    }
  }
  for (let k = last; k >= 0; k--) {
    const word = before[k]!;
    // Adverbs of time and the like join it too (`now says`, `has long argued`, `just announced`; decision 0136).
    const adverb = !word.punct && (lex.verbGroupAdverbs.has(word.lower) || lex.cuePhraseAdverbs.has(word.lower));
    if ((!isVerbGroupWord(lex, word) && !adverb) || lex.negators.has(word.lower)) break;
    // Only a word joined to the phrase by spaces (no comma, no line break between).
    if (!onlySpacesAndTabs(text, word.end, start, false)) break;
    start = word.start;
  }
  // `went on to say`: the infinitive after `go on` is part of the cue (PolNeAR train: 7 pairs of 7).
  const infinitive = /^ to (\p{Ll}+)\b/u.exec(text.slice(end, end + 30));
  if (infinitive && /^(?:go|goes|going|went|gone) on$/iu.test(text.slice(cue.start, cue.end)) && lex.cues.forms.has(infinitive[1]!)) end += infinitive[0].length;
  if (text[end] === ':') end += 1;
  return start === cue.start && end === cue.end ? null : toSpanJson(text, start, end);
}

/**
 * The source with the apposition or relative clause set off by commas after it: before the cue
 * (`Kevin Brady, chairman of the committee, said`) or after it, to the end of the sentence (`said Dean
 * Baker, co-director of the Center for Economic and Policy Research.`). Null when there is none.
 */
export function speakerPhrase(lex: QuoteLexicon, text: string, index: WordIndex, written: SpanJson, cue: SpanJson, sentenceEnd: number): SpanJson | null {
  // The qualifier chain after the name belongs to the source (`Senator Barbara Boxer of California`,
  // `16 percent of Democratic registered voters`): it is the head the apposition follows.
  const limit = written.end <= cue.start ? cue.start : sentenceEnd;
  // A party and state in parentheses right after the name (`Sen. Bernie Sanders (I-Vt.)`) is part of it.
  const closing = parenthesisEnd(index, written.end, limit);
  const head = closing > written.end ? toSpanJson(text, written.start, closing) : written;
  const chainEnd = qualifierChainEnd(lex, index, head, limit);
  const mention = chainEnd > head.end ? toSpanJson(text, written.start, chainEnd) : head;
  const appended = appositionAfter(lex, text, index, mention, cue, sentenceEnd);
  return appended ?? (mention === written ? null : mention);
}

/** The end of a short parenthesis (at most six words, no comma or quotation mark) right after `from`, or `from`. */
function parenthesisEnd(index: WordIndex, from: number, limit: number): number {
  const words = index.scanUpTo(from, limit, 8);
  if (words[0]?.text !== '(') return from;
  for (let k = 1; k < words.length; k++) {
    const w = words[k]!;
    if (w.text === ')') return k > 1 ? w.end : from;
    if (w.text === ',' || w.text === '(' || QUOTE_MARKS.has(w.text)) return from;
  }
  return from;
}

/** The longest `of` chain after a source, in words. */
const MAX_CHAIN_WORDS = 12;

/**
 * Where an `of` chain right after the mention ends (`… of the American Enterprise Institute`), or the
 * mention's end when there is none. The chain runs to a comma, the sentence end or, for a source before
 * its cue, the auxiliaries and adverbs before the cue; a quotation mark or any other punctuation ends it
 * unread. PolNeAR train: 65 matched sources ended at the mention where the gold ran on over an `of` chain
 * (decision 0104).
 */
function qualifierChainEnd(lex: QuoteLexicon, index: WordIndex, mention: SpanJson, limit: number): number {
  const words = index.scanUpTo(mention.end, limit, MAX_CHAIN_WORDS + 2);
  if (words.length < 2 || words[0]!.lower !== 'of' || words[1]!.punct) return mention.end;
  // `said Trump of his rival`, `Clinton said of him`: what the words are about, not who the source is.
  if (lex.possessives.has(words[1]!.lower) || lex.pronouns.has(words[1]!.lower) || lex.objectPronouns.has(words[1]!.lower)) return mention.end;
  let end = -1;
  for (let k = 1; k < words.length; k++) {
    const w = words[k]!;
    if (w.punct && w.text !== '.' && w.text !== '’' && w.text !== "'") {
      if (w.text !== ',') return mention.end;
      end = k;
      break;
    }
    if (isVerbGroupWord(lex, w) || lex.relatives.has(w.lower) || (lex.functionWords.has(w.lower) && !lex.determiners.has(w.lower) && w.lower !== 'of' && w.lower !== 'and' && w.lower !== 'for')) {
      end = k;
      break;
    }
  }
  if (end === -1) {
    if (words.length > MAX_CHAIN_WORDS + 1) return mention.end;
    end = words.length;
  }
  let last = end - 1;
  while (last > 0 && words[last]!.punct) last--;
  return last >= 1 ? words[last]!.end : mention.end;
}

/** The source with the apposition or relative clause after `mention` (see speakerPhrase), or null. */
function appositionAfter(lex: QuoteLexicon, text: string, index: WordIndex, mention: SpanJson, cue: SpanJson, sentenceEnd: number): SpanJson | null {
  if (mention.end <= cue.start) {
    // Source before the cue: ", X," then only auxiliaries or adverbs up to the cue.
    const between = index.scanUpTo(mention.end, cue.start, MAX_APPOSITION_WORDS + 1);
    // "Ben Cole — a teacher from the coast — says": an apposition between dashes, the closing dash with it, as
    // PolNeAR's Source has it; a relative clause there (`-- who has argued … --`) is not part of the source (decision 0126).
    const dashed = dashedApposition(lex, between);
    if (dashed) return toSpanJson(text, mention.start, dashed.end);
    if (between.length < 3 || between[0]!.text !== ',' || between.length > MAX_APPOSITION_WORDS) return null;
    let k = between.length - 1;
    while (k > 0 && isVerbGroupWord(lex, between[k]!)) k--;
    if (between[k]!.text !== ',' || k < 2) return null;
    const inner = between.slice(1, k);
    if (!apposition(lex, inner) || !membersOf(lex, text, mention, inner)) return null;
    return toSpanJson(text, mention.start, inner[inner.length - 1]!.end);
  }
  if (cue.end <= mention.start) {
    // Source after the cue, its apposition running to the end of the sentence.
    if (!/^\s*$/u.test(text.slice(cue.end, mention.start))) return null;
    const after = index.scanUpTo(mention.end, sentenceEnd, MAX_APPOSITION_WORDS + 3);
    if (after.length < 2 || after[0]!.text !== ',' || after.length > MAX_APPOSITION_WORDS + 2) return null;
    let k = after.length;
    while (k > 1 && after[k - 1]!.punct && after[k - 1]!.text !== ')') k--;
    const inner = withoutTrailingClause(after.slice(1, k));
    if (inner.length === 0 || !apposition(lex, inner) || !membersOf(lex, text, mention, inner)) return null;
    return toSpanJson(text, mention.start, inner[inner.length - 1]!.end);
  }
  return null;
}

/**
 * Whether an apposition opened by `including` names members of the source: only after a group, whose last word
 * is in lower case or a plural (`Several candidates, including Trump`, `Democrats, including Clinton`); after a
 * name it is the speaker's next act (`said Ben Cole, including the fees in his sums`).
 */
function membersOf(lex: QuoteLexicon, text: string, mention: SpanJson, inner: readonly Word[]): boolean {
  if (!lex.appositionOpeners.has(inner[0]!.lower)) return true;
  // The last word of the mention, read back from its end.
  let end = mention.end;
  while (end > mention.start && !/\p{L}/u.test(text[end - 1]!)) end--;
  let begin = end;
  while (begin > mention.start && /\p{L}/u.test(text[begin - 1]!)) begin--;
  const last = text.slice(begin, end);
  return /^\p{Ll}/u.test(last) || /\p{Ll}s$/u.test(last);
}

/** The closing dash of an apposition between dashes that opens `between` (`— a teacher from the coast —`, `-- a Cruz aide --`), then only auxiliaries or adverbs; null when there is none. */
function dashedApposition(lex: QuoteLexicon, between: readonly Word[]): Word | null {
  const dash = between[0]?.text;
  if (!dash || !DASHES.has(dash) || between.length > MAX_APPOSITION_WORDS) return null;
  const open = dash === '-' && between[1]?.text === '-' ? 2 : 1;
  let k = between.length - 1;
  while (k > open && isVerbGroupWord(lex, between[k]!)) k--;
  if (between[k]!.text !== dash) return null;
  const close = dash === '-' && between[k - 1]?.text === '-' ? k - 1 : k;
  const inner = between.slice(open, close);
  if (inner.length === 0 || lex.relatives.has(inner[0]!.lower) || !apposition(lex, inner)) return null;
  return between[k]!;
}

/**
 * The apposition without a participle clause set off by a comma after it (`Peter Rice, chairman of Fox
 * Networks Group, noting that …`): the participle is the speaker's next act, not part of who they are.
 */
function withoutTrailingClause(words: readonly Word[]): readonly Word[] {
  for (let i = 1; i + 1 < words.length; i++) {
    if (words[i]!.text === ',' && !words[i + 1]!.punct && words[i + 1]!.lower.length > 4 && words[i + 1]!.lower.endsWith('ing')) return words.slice(0, i);
  }
  return words;
}

/**
 * Words that can be an apposition: no quotation mark, no sentence break, no colon or semicolon; not opened
 * by a preposition or conjunction (`Trump, in Kentucky,`), a sentence adverb (`Sanders, meanwhile,`) or a
 * participle (`said Smith, adding that …`), which start an adverbial or a new clause.
 */
function apposition(lex: QuoteLexicon, words: readonly Word[]): boolean {
  const first = words[0];
  if (!first || first.punct) return false;
  // `The mayor of London, Sadiq Khan, gave his condolences …, adding`: a past verb opens the clause, not an apposition.
  // `Several candidates, including Trump,`: the members named open an apposition (class `apposition-opener`, decision 0136).
  const opener = lex.appositionOpeners.has(first.lower);
  if (!opener && (lex.functionWords.has(first.lower) || lex.adverbialOpeners.has(first.lower) || lex.notApposition.has(first.lower) || first.lower.endsWith('ing') || lex.irregularPasts.has(first.lower))) return false;
  for (const w of words) {
    if (!w.punct) continue;
    if (QUOTE_MARKS.has(w.text) || w.text === ';' || w.text === ':' || w.text === '!' || w.text === '?') return false;
  }
  return true;
}

/**
 * A preposition the cue takes, written right after it and opening the content (`warned about the costs`,
 * `called for a recount`, `sided with the mayor`): attribution corpora mark it with the cue, not the content
 * (class `cue-preposition`, decision 0115). The cue with its phrase run over the preposition and where the
 * first piece now starts, or null.
 */
export function withCuePreposition(lex: QuoteLexicon, text: string, cue: CueJson | null, first: Span | undefined): { cue: CueJson; start: number } | null {
  // `said on balance it was …`: a verb that takes a clause has adverbials after it, not a preposition of its own.
  if (!cue || !first || lex.clauseOnlyCues.has(cue.lemma)) return null;
  const verb = cue.phrase ?? cue.span;
  if (first.start <= verb.end || !onlySpacesAndTabs(text, verb.end, first.start, true)) return null;
  const m = /^(\p{L}+)[ \t]+/u.exec(text.slice(first.start, Math.min(first.end, first.start + 24)));
  if (!m || !lex.cuePrepositions.has(m[1]!.toLowerCase())) return null;
  const start = first.start + m[0].length;
  if (start >= first.end) return null;
  return { cue: { span: cue.span, lemma: cue.lemma, stance: cue.stance, phrase: toSpanJson(text, verb.start, first.start + m[1]!.length) }, start };
}

/**
 * `expressed concern that …`: the attitude a cue of the class `attitude-object-cue` names, one lower-case word between
 * the cue and the `that` that opens the content, joins `cue.phrase` (PolNeAR's Cue is `expressed concern`; decision
 * 0141). Null otherwise.
 */
export function withAttitudeObject(lex: QuoteLexicon, text: string, cue: CueJson | null, first: Span | undefined): CueJson | null {
  if (!cue || !first || !lex.attitudeObjectCues.has(cue.span.text.toLowerCase())) return null;
  const verb = cue.phrase ?? cue.span;
  if (!/^that\b/u.test(text.slice(first.start, first.start + 5))) return null;
  const m = /^[ \t]+\p{Ll}+[ \t]+$/u.exec(text.slice(verb.end, first.start));
  if (!m) return null;
  return { span: cue.span, lemma: cue.lemma, stance: cue.stance, phrase: toSpanJson(text, verb.start, first.start - (m[0].length - m[0].trimEnd().length)) };
}

/** The most words of a listener after `to` (`to the members of the council`). */
const MAX_LISTENER_WORDS = 6;

/** The first run of characters other than a space, a tab or a newline in [start, limit) (the first `/[^ \t\n]+/u` match), or ''. */
function firstToken(text: string, start: number, limit: number): string {
  let from = start;
  while (from < limit && isTokenSpace(text.charCodeAt(from))) from++;
  let to = from;
  while (to < limit && !isTokenSpace(text.charCodeAt(to))) to++;
  return text.slice(from, to);
}

function isTokenSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10;
}

/**
 * Where the first piece starts when it opens with `to` and a listener right after the cue, then a word of the
 * class `listener-end` (`wrote to the council that the road …`, `talked to voters about the budget`): the
 * listener is no part of what was said (decision 0136). The listener opens with a capital, an object pronoun,
 * an addressee word, a determiner or a possessive, so an infinitive (`sought to distinguish himself`) stays.
 * Null otherwise.
 */
export function afterToListener(lex: QuoteLexicon, text: string, cue: CueJson | null, first: Span | undefined): number | null {
  if (!cue || !first) return null;
  const verb = cue.phrase ?? cue.span;
  if (first.start <= verb.end || !onlySpacesAndTabs(text, verb.end, first.start, true)) return null;
  const limit = Math.min(first.end, first.start + 160);
  // The first token alone first: most contents do not open with `to`, and the full token list is made only for those that do.
  if (firstToken(text, first.start, limit).toLowerCase() !== 'to') return null;
  const tokens = [...text.slice(first.start, limit).matchAll(/[^ \t\n]+/gu)];
  if (tokens[0]?.[0].toLowerCase() !== 'to' || !tokens[1]) return null;
  const opener = tokens[1][0];
  const lower = opener.toLowerCase();
  if (!/^\p{Lu}/u.test(opener) && !lex.objectPronouns.has(lower) && !lex.addressees.has(lower) && !lex.determiners.has(lower) && !lex.possessives.has(lower)) return null;
  for (let k = 1; k <= MAX_LISTENER_WORDS && k + 2 < tokens.length; k++) {
    const w = tokens[k]![0];
    // A listener is a name or a noun phrase: no punctuation, no second `to` (`to their MPs to raise …`), no
    // relative or question word (`to the uncertainty of who ran what`).
    if (!/^[\p{L}\p{N}.’'-]+$/u.test(w) || (/\.$/u.test(w) && k > 1) || w.toLowerCase() === 'to' || lex.questionOpeners.has(w.toLowerCase()) || lex.relatives.has(w.toLowerCase())) return null;
    const end = tokens[k + 1]![0].toLowerCase();
    if (!lex.listenerEnds.has(end)) continue;
    const after = tokens[k + 2]![0];
    // What follows opens a clause or a phrase: after `that` a subject (`that the road …`, not the relative `that
    // has surrounded …`), after the others a word (`about 500` is a number).
    const afterLower = after.replace(/^[“"‘']+/u, '').toLowerCase();
    const subject = /^[“"‘']*\p{Lu}/u.test(after) || lex.pronouns.has(afterLower.split(/[’']/u)[0]!) || lex.determiners.has(afterLower) || lex.possessives.has(afterLower);
    if (end === 'that' ? !subject : !/^[“"‘']*\p{L}/u.test(after)) continue;
    return first.start + tokens[k + 1]!.index!;
  }
  return null;
}

/** The most words before a source phrase that open it. */
const MAX_OPENER_WORDS = 2;

/**
 * Where a source phrase starting at `start` starts with the words right before it that open it: determiners
 * (`the`, `some`, `many`), titles (`Mrs.`) and the class `source-opener` (`about`, `all`, `former`), each
 * joined by one space (not `that`, a relative as often as a determiner).
 */
function sourceOpenerStart(lex: QuoteLexicon, text: string, start: number): number {
  let at = start;
  for (let n = 0; n < MAX_OPENER_WORDS; n++) {
    if (text[at - 1] !== ' ') break;
    let k = at - 1;
    while (k > 0 && !isSpaceUnit(text.charCodeAt(k - 1))) k--;
    const word = text.slice(k, at - 1);
    const lower = word.toLowerCase();
    // `said that the bureau asked`: a relative or complementiser `that` is no determiner of the source.
    if (lex.relatives.has(lower) || !(lex.determiners.has(lower) || lex.sourceOpeners.has(lower) || lex.titles.has(word.endsWith('.') ? word.slice(0, -1) : word))) break;
    at = k;
  }
  return at;
}

/** The most words of a first conjunct before a source (`Senator Ada Okafor and her aides`). */
const MAX_CONJUNCT_WORDS = 4;

/**
 * Where a source phrase starting at `start` starts with a first conjunct before it: `X and ` opening the sentence, a
 * quotation or a `that` clause (`Sanders and his supporters argue`, `She and her aides vowed`, `Current and former
 * officials said`), as PolNeAR's Source takes both. The conjunct is one to four words, none of them a function word
 * (bar determiners and possessives), a subordinating conjunction, a form of a cue or a verb in the past (`Sanders
 * sided with Republicans and …`, `Though media reports and …`, `Ruiz met Cole and …`). `start` when there is none.
 */
function coordinatedStart(lex: QuoteLexicon, text: string, start: number, sentenceStart: number): number {
  const from = Math.max(sentenceStart, start - 80);
  // The words before the phrase with their offsets, read by a scan (no pattern that could backtrack).
  const tokens: { at: number; word: string }[] = [];
  for (let i = from; i < start; ) {
    if (text[i] === ' ' || text[i] === '\t') {
      i++;
      continue;
    }
    let j = i;
    while (j < start && text[j] !== ' ' && text[j] !== '\t') j++;
    tokens.push({ at: i, word: text.slice(i, j) });
    i = j;
  }
  if (tokens.pop()?.word !== 'and' || (start > 0 && text[start - 1] !== ' ' && text[start - 1] !== '\t')) return start;
  // The conjunct runs back to the sentence start, a `that`, a comma or an opening quotation mark.
  const conjunct: { at: number; word: string }[] = [];
  let anchored = false;
  // One word more than a conjunct may have: a conjunction that links the sentence may open it.
  while (conjunct.length <= MAX_CONJUNCT_WORDS + 1) {
    const token = tokens.pop();
    if (!token) {
      anchored = from === sentenceStart;
      break;
    }
    if (token.word === 'that' || token.word.endsWith(',')) {
      anchored = true;
      break;
    }
    const opening = token.word[0] === '“' || token.word[0] === '"';
    const word = opening ? { at: token.at + 1, word: token.word.slice(1) } : token;
    if (!/^\p{L}[\p{L}’'-]*\.?$/u.test(word.word)) break;
    conjunct.unshift(word);
    if (opening) {
      anchored = true;
      break;
    }
  }
  if (!anchored || conjunct.length === 0) return start;
  // `But Sanders and his supporters argue`: a conjunction that links the sentence opens no conjunct.
  if (conjunct.length > 1 && lex.clauseLinks.has(conjunct[0]!.word.toLowerCase())) conjunct.shift();
  if (conjunct.length > MAX_CONJUNCT_WORDS) return start;
  for (const { word } of conjunct) {
    const w = word.toLowerCase();
    if (w.endsWith('.') && !lex.titles.has(word.endsWith('.') ? word.slice(0, -1) : word)) return start;
    // `Ruiz met Cole and his aides said`: a verb makes the words before `and` a clause of their own.
    if ((lex.functionWords.has(w) && !lex.determiners.has(w) && !lex.possessives.has(w)) || lex.subordinateOpeners.has(w) || lex.relatives.has(w) || lex.cues.forms.has(w) || lex.irregularPasts.has(w) || /^\p{Ll}+ed$/u.test(word)) return start;
  }
  return conjunct[0]!.at;
}

/** The cue with `phrase` added when the phrase is longer than the cue. */
export function withCuePhrase(lex: QuoteLexicon, text: string, index: WordIndex, cue: CueJson | null): CueJson | null {
  if (!cue) return null;
  const phrase = cuePhrase(lex, text, index, cue.span);
  return phrase ? { span: cue.span, lemma: cue.lemma, stance: cue.stance, phrase } : cue;
}

/**
 * Whether [start, end) ends with `for` or `of` and whitespace after it, as the representative pattern of
 * `withSpeakerPhrase` needs: most phrases are not preceded by one, and the pattern, anchored at the end, is
 * tried from every offset of the stretch.
 */
function endsWithForOrOf(text: string, start: number, end: number): boolean {
  let k = end;
  while (k > start && isSpaceUnit(text.charCodeAt(k - 1))) k--;
  if (k === end) return false;
  return (k - 3 >= start && text.startsWith('for', k - 3)) || (k - 2 >= start && text.startsWith('of', k - 2));
}

/** The speaker with `phrase` added when its mention, written beside the cue, has an apposition. */
export function withSpeakerPhrase(lex: QuoteLexicon, text: string, index: WordIndex, speaker: SpeakerJson | null, cue: CueJson | null, sentences: readonly Finding[], pieces: readonly Span[]): SpeakerJson | null {
  if (!speaker?.mention || !cue || speaker.basis !== 'stated') return speaker;
  const sentence = sentences[lastStartingAtOrBefore(sentences, speaker.mention.start)];
  if (!sentence) return speaker;
  const mention = speaker.mention;
  let phrase = speakerPhrase(lex, text, index, mention, cue.span, sentence.span.end);
  // The apposition never reaches into what was said ("according to a poll of voters, Trump leads").
  if (phrase && pieces.some((p) => p.start < phrase!.end && phrase!.start < p.end)) phrase = null;
  // The role written right before the name is part of the source ("Republican presidential candidate Donald Trump").
  const role = speaker.role;
  if (role && mention.start > role.length && text.slice(mention.start - role.length - 1, mention.start) === `${role} `) {
    const start = mention.start - role.length - 1;
    if (!pieces.some((p) => p.start < mention.start && start < p.end)) phrase = toSpanJson(text, start, phrase ? phrase.end : mention.end);
  } else if (role && mention.start > role.length + 1 && text.slice(mention.start - role.length - 2, mention.start) === `${role}, `) {
    // So is the description set off by a comma before it (`The finance minister, Lou Jiwei`, decision 0115).
    const start = mention.start - role.length - 2;
    if (!pieces.some((p) => p.start < mention.start && start < p.end)) phrase = toSpanJson(text, start, phrase ? phrase.end : mention.end);
  }
  // The representative who speaks for the body or person named (`A spokeswoman for YouTube`, `a spokesman for Mayor
  // Ruiz`): the mention stays the body spoken for (decision 0112), the phrase takes the representative in, as
  // PolNeAR's Source does.
  const head = phrase ?? mention;
  const spokesperson = endsWithForOrOf(text, Math.max(0, head.start - 48), head.start)
    ? /(?:^|[\s(])((?:[Aa]n?|[Tt]he)\s+(?:\p{Ll}+\s+)?(\p{Ll}+)\s+(?:for|of)\s+)$/u.exec(text.slice(Math.max(0, head.start - 48), head.start))
    : null;
  if (spokesperson && lex.representativeNouns.has(spokesperson[2]!)) {
    const start = head.start - spokesperson[1]!.length;
    if (!pieces.some((p) => p.start < head.start && start < p.end)) phrase = toSpanJson(text, start, head.end);
  }
  // A first conjunct before `and` opens it (`Sanders and his supporters argue`, decision 0136).
  const joined = phrase ?? mention;
  const coordinated = coordinatedStart(lex, text, joined.start, sentence.span.start);
  if (coordinated < joined.start && !pieces.some((p) => p.start < joined.start && coordinated < p.end)) phrase = toSpanJson(text, coordinated, joined.end);
  // A determiner, title or quantifier right before the phrase opens it (`the four contenders`, `Mrs. Clinton's aides`,
  // `about half of Democrats`, `former Gov. Jeb Bush`, decision 0115).
  const from = phrase ?? mention;
  const start = sourceOpenerStart(lex, text, from.start);
  if (start < from.start && !pieces.some((p) => p.start < from.start && start < p.end)) phrase = toSpanJson(text, start, from.end);
  return phrase ? speakerWithPhrase(speaker, phrase) : speaker;
}

/**
 * The speaker with its phrase added last, as `{ ...speaker, phrase }` gives it: one literal for each shape a
 * speaker has (`speakerRecord` with or without an antecedent, `itSpeaker` with one), with the fields in their
 * order. A spread copies through V8's generic path and gives each record a hidden class of its own.
 */
function speakerWithPhrase(speaker: SpeakerJson, phrase: SpanJson): SpeakerJson {
  const s = speaker as SpeakerJson & { antecedent?: SpanJson | null; phrase?: SpanJson };
  if ('phrase' in s) return { ...speaker, phrase };
  if ('antecedent' in s) return { mention: s.mention, role: s.role, entityId: s.entityId, name: s.name, basis: s.basis, reason: s.reason, antecedent: s.antecedent, phrase } as SpeakerJson;
  return { mention: s.mention, role: s.role, entityId: s.entityId, name: s.name, basis: s.basis, reason: s.reason, phrase } as SpeakerJson;
}
