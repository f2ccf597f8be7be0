/**
 * Reported speech without quotation marks, one sentence at a time:
 *
 * - `X said (that) …`, `X told reporters (that) …`, `X warned/claimed/denied …`: the speaker right
 *   before the cue, the content from the cue (or its addressee) to the end of the clause;
 * - `…, X said.` / `…, said X.`: the content before the attribution that closes the sentence;
 * - `According to X, …` and `…, according to X.`.
 *
 * The content keeps a leading `that` (the convention of the PolNeAR annotation, which the evaluation
 * follows) and runs to the end of the sentence, or to a `;` or a second attribution. Each sentence is
 * read once and only a bounded stretch of words around each cue is looked at, so the pass is linear.
 */
import type { QuoteLexicon } from './lexicon.js';
import { adverbialClauseTail } from './adverbial-tail.js';
import { cueAt, endsInPossessive, joinWords, nameEndingAt, nameWithoutTitles, shareFraction, speakerAfter, speakerBefore, type CueMatch, type SpeakerMatch } from './find-speaker.js';
import { numberColon, startsWithNumber, type Word } from './words.js';
import { actWithoutAgent, moreIndirect, openingSubject, verbLike, withParticipleSpeaker } from './find-more-indirect.js';
import { qualifierChainEnd } from './qualified-names.js';
import { apposedName } from './speaker-names.js';
import { sentenceSubject } from './sentence-subject.js';
import { nameBeforeClause } from './source-clause.js';
import { isProgressive } from './progressive.js';
import { coordinationGoesOn, secondThatClause } from './content-end.js';
import { relativeClauseEnd, relativeSpeaker, relativeWho } from './relative-speaker.js';
import { objectComplement } from './object-complement.js';
import { shortNamedObject } from './short-object.js';
import { afterParticiplePreposition, participleSubject } from './participle-after-preposition.js';

export interface IndirectMatch {
  /** Content range in the document (UTF-16 offsets). */
  readonly start: number;
  readonly end: number;
  readonly cue: CueMatch;
  /** Null for an impersonal passive ("it was reported that …"): nobody is named. */
  readonly speaker: SpeakerMatch | null;
  /** The words of the sentence; cue and speaker index into them. */
  readonly words: readonly Word[];
  readonly rule: string;
  /** The content in pieces when the attribution splits it ("A, she said, B"); start and end span them all. */
  readonly pieces?: readonly { start: number; end: number }[];
}

/** Sentences longer than this (in words) are read only up to it: run-on text stays linear. */
const MAX_SENTENCE_WORDS = 150;
/** Reported content shorter than this (in words, punctuation left out) is not a statement. */
const MIN_CONTENT_WORDS = 3;
/** The shortest sentence read: subject, cue and a one-word named object (`Sanders endorsed Clinton`). */
const SHORT_SENTENCE_WORDS = 3;

const isWord = (w: Word | undefined): w is Word => w !== undefined && !w.punct;
const contentWords = (words: readonly Word[], from: number, to: number): number => {
  let n = 0;
  for (let i = from; i < to; i++) if (!words[i]!.punct) n++;
  return n;
};

/** A cue that ends its sentence and follows a comma: "…, Smith said." / "…, said Smith." / "…, he told CNN." */
function closingAttribution(lex: QuoteLexicon, words: readonly Word[]): IndirectMatch | null {
  // The last comma of the sentence, with at most 12 words after it.
  let comma = -1;
  for (let i = words.length - 1; i >= Math.max(0, words.length - 14); i--) {
    if (words[i]!.text === ',') {
      comma = i;
      break;
    }
  }
  // "…, said David Autor, a professor of economics at M.I.T., who is one of …": an apposition of more than a
  // dozen words leaves no comma near the end; the inverted attribution looks further back.
  if (comma < MIN_CONTENT_WORDS) return cueThenSpeakerClosing(lex, words);
  const tailEnd = words.length;
  // "said X" after the comma.
  const first = comma + 1;
  for (const at of [first, first + 1]) {
    const cue = cueAt(lex, words, at);
    // Only "according to X" here: "…, said X." without marks was right a quarter of the time on train.
    if (!cue || cue.from !== first || cue.entry.lemma !== 'according to') continue;
    const speaker = speakerAfter(lex, words, cue.to, tailEnd) ?? sourceAfterAccordingTo(lex, words, cue.to, tailEnd);
    if (!speaker) continue;
    if (contentWords(words, speaker.to, tailEnd) > 4) return null;
    return { start: words[0]!.start, end: words[comma - 1]!.end, cue, speaker, words, rule: 'according-to-after-content' };
  }
  const inverted = cueThenSpeakerClosing(lex, words);
  if (inverted) return inverted;
  // "X said" after the comma.
  for (let j = first + 1; j < Math.min(tailEnd, first + 10); j++) {
    const w = words[j]!;
    if (w.punct && w.text !== '.' && w.text !== ',' && w.text !== '’' && w.text !== "'") break;
    const cue = cueAt(lex, words, j);
    if (!cue || words[cue.to - 1]!.lower.endsWith('ing') || lex.notIndirectCues.has(cue.entry.lemma)) continue;
    const speaker = speakerBefore(lex, words, cue.from, first);
    if (!speaker || speaker.from !== first) return null;
    // "Asked whether …, Cole did not answer.": a negated closing cue reports no statement, as before a content.
    if (negated(lex, words, speaker.to, cue.from)) return null;
    if (!adverbialTail(lex, words, cue.to, tailEnd, cue.entry.lemma === 'tell') && !adverbialClauseTail(lex, words, cue.to, tailEnd)) return null;
    return { start: words[0]!.start, end: words[comma - 1]!.end, cue, speaker, words, rule: 'indirect-speaker-then-cue-at-sentence-end' };
  }
  return null;
}

/**
 * "…, said Grant Green, a national security official under Reagan." / "…, said DeSantis, who was elected in
 * 2012.": an inverted attribution closes the sentence, its speaker a name or a noun phrase with an article,
 * followed by nothing, a short adverbial, or an apposition after a comma. The comma before the cue is
 * looked for among the last 40 words.
 */
function cueThenSpeakerClosing(lex: QuoteLexicon, words: readonly Word[]): IndirectMatch | null {
  const tailEnd = words.length;
  for (let comma = tailEnd - 3; comma >= Math.max(MIN_CONTENT_WORDS, tailEnd - 40); comma--) {
    if (words[comma]!.text !== ',') continue;
    const cue = cueAt(lex, words, comma + 1);
    if (!cue || cue.from !== comma + 1 || cue.entry.lemma === 'according to' || words[cue.to - 1]!.lower.endsWith('ing') || lex.notIndirectCues.has(cue.entry.lemma) || lex.needsThat.has(cue.entry.lemma)) continue;
    const speaker = speakerAfter(lex, words, cue.to, tailEnd);
    // A noun phrase after the cue is more often its object ("…, criticized the trade") than its speaker, and
    // so is one with a name set off after it ("…, announced a new operating system, Rocky Linux").
    if (!speaker || speaker.kind !== 'name' || (speaker.from > cue.to && lex.determiners.has(words[cue.to]!.lower))) return null;
    // Whatever follows the speaker: nothing, an adverbial ("on Monday"), or an apposition after a comma.
    // "…, said Doug Collins of Georgia, a senior member": the qualifiers after the name are its role.
    const after = qualifierChainEnd(lex, words, speaker.to, tailEnd);
    const next = words[after];
    const apposition = next?.text === ',' && isWord(words[after + 1]) && (speaker.role !== null || lex.relatives.has(words[after + 1]!.lower) || lex.determiners.has(words[after + 1]!.lower));
    if (!apposition && !adverbialTail(lex, words, after, tailEnd, false)) return null;
    let end = comma;
    while (end > 0 && words[end - 1]!.punct && !/[”"’»?!]/u.test(words[end - 1]!.text)) end--;
    if (contentWords(words, 0, end) < MIN_CONTENT_WORDS) return null;
    return { start: words[0]!.start, end: words[end - 1]!.end, cue, speaker, words, rule: 'indirect-cue-then-speaker-at-sentence-end' };
  }
  return null;
}

/**
 * The source after "according to" when it is neither a name nor opened by an article or a determiner: "according to
 * exit polls", "according to recent data from comScore". Up to 12 words, to the next punctuation.
 */
function sourceAfterAccordingTo(lex: QuoteLexicon, words: readonly Word[], from: number, max: number): SpeakerMatch | null {
  const first = words[from];
  // An article opens a noun phrase speakerAfter reads already.
  if (!first || first.punct || lex.functionWords.has(first.lower) || lex.pronouns.has(first.lower) || lex.determiners.has(first.lower)) return null;
  let end = from;
  while (end < max && end - from < 12 && !words[end]!.punct && !(end > from && timePhraseAt(lex, words, end))) end++;
  // "according to Wasef archaeologists have not found …": the writer's clause begins in the phrase.
  const name = nameBeforeClause(lex, words, from, end);
  if (name >= 0) end = name;
  return { from, to: end, name: joinWords(words.slice(from, end)), kind: 'noun-phrase', role: null };
}

/**
 * A time phrase opens at word `i`: `on Thursday`, `in March`, `last week`, `this morning` (version 31). After a
 * source it is no part of it (`according to port officials on Thursday`).
 */
function timePhraseAt(lex: QuoteLexicon, words: readonly Word[], i: number): boolean {
  const w = words[i]!;
  const next = words[i + 1];
  if (!next || next.punct) return false;
  const time = (x: Word): boolean => lex.timeNouns.has(x.lower) || lex.partsOfDay.has(x.lower) || (x.capital && lex.notName.has(x.text) && /^(?:\p{Lu}\p{Ll}+day|January|February|March|April|May|June|July|August|September|October|November|December)$/u.test(x.text));
  if (lex.timeDeictics.has(w.lower)) return time(next);
  return (w.lower === 'on' || w.lower === 'in' || w.lower === 'during') && time(next);
}

/**
 * What may follow a cue that closes its sentence: nothing, a time or place adverbial ("on Monday", "in
 * a statement"), or for "told" an addressee ("told CNN"); at most four words. Anything else is a
 * reported clause of its own ("In a statement, the company said the recall was voluntary").
 */
function adverbialTail(lex: QuoteLexicon, words: readonly Word[], from: number, to: number, addressee: boolean): boolean {
  if (contentWords(words, from, to) > 4) return false;
  const first = words[from];
  if (!first || first.punct) return true;
  return lex.adverbialOpeners.has(first.lower) || lex.notName.has(first.text) || (addressee && (first.capital || lex.addressees.has(first.lower)));
}

/** A cue in `-ing` at word `i`, one word (`saying`) or phrasal (`referring to`, `pointing out`). */
function participleCueAt(lex: QuoteLexicon, words: readonly Word[], i: number): boolean {
  const w = words[i];
  if (!w || w.punct || !w.lower.endsWith('ing')) return false;
  if (lex.cues.forms.has(w.lower)) return true;
  const cue = cueAt(lex, words, i);
  // `, according to` is read on its own (contentEnd).
  return cue !== null && cue.from === i && cue.entry.lemma !== 'according to';
}

/** Where reported content that starts at word `from` ends: the sentence end, a `;`, ", according to", ", and" or ", but". */
function contentEnd(lex: QuoteLexicon, words: readonly Word[], from: number): number {
  let end = words.length;
  for (let i = from; i < words.length; i++) {
    const w = words[i]!;
    // ", saying …": a participle cue opens an attribution of its own.
    if (w.text === ',' && participleCueAt(lex, words, i + 1)) {
      end = i;
      break;
    }
    if (w.text === ';') {
      end = i;
      break;
    }
    // ", according to …" closes the content; so does ", and …" / ", but …", where the writer goes on. Right after
    // an opening "that" it is the first words of the reported clause ("The IMF said that, according to data from
    // the central bank, growth had slowed"): the clause goes on after it.
    const opening = i === from + 1 && words[from]!.lower === 'that';
    if (w.text === ',' && !opening && ((words[i + 1]?.lower === 'according' && words[i + 2]?.lower === 'to') || ((words[i + 1]?.lower === 'and' || words[i + 1]?.lower === 'but') && !secondThatClause(words, i) && !coordinationGoesOn(words, from, i, lex.coordinationFocus)))) {
      end = i;
      break;
    }
  }
  // Leave out the final full stop and any closing punctuation but a closing quotation mark.
  while (end > from && words[end - 1]!.punct && !/[”"’»?!]/u.test(words[end - 1]!.text)) end--;
  return end;
}

/**
 * "While many trial lawyers opposed those decisions, the party has shown little interest": a cue inside a
 * clause that opens the sentence with a subordinator (class `subordinate-opener`) and no comma before the cue
 * reports up to the comma that closes that clause; the main clause after it is the writer's (decision 0116).
 */
function subordinateClauseEnd(lex: QuoteLexicon, words: readonly Word[], cueFrom: number, from: number, end: number): number {
  let first = 0;
  while (first < cueFrom && words[first]!.punct) first++;
  if (first >= cueFrom || !lex.subordinateOpeners.has(words[first]!.lower)) return end;
  for (let i = first; i < cueFrom; i++) if (words[i]!.text === ',') return end;
  for (let i = from; i < end; i++) {
    if (words[i]!.text !== ',') continue;
    let stop = i;
    while (stop > from && words[stop - 1]!.punct && !/[”"’»?!]/u.test(words[stop - 1]!.text)) stop--;
    return stop > from ? stop : end;
  }
  return end;
}

/** A leading adverbial that ends with a comma ("On Monday,", "In a statement,"): where the clause starts. */
function clauseStart(words: readonly Word[], limit: number): number {
  for (let i = 0; i < Math.min(limit, 8); i++) if (words[i]!.text === ',') return i + 1;
  return 0;
}

/**
 * The same, for an "according to" after it: the words before the comma must open as an adverbial does (a
 * preposition, "However", a weekday: `In 2014, according to the FBI, …`) or be too short for a clause,
 * not be a clause (`Turnout rose
 * in the north, according to the board, but …` reports the clause before the cue; decision 0085).
 */
function adverbialStart(lex: QuoteLexicon, words: readonly Word[], limit: number): number {
  const at = clauseStart(words, limit);
  if (at === 0) return 0;
  // "The IMF said that, according to …": words that end on "that" open the reported clause, no adverbial.
  if (words[at - 2]?.lower === 'that') return 0;
  const first = words[0]!;
  // Three words or fewer are too short for the content before the cue ("Thunberg then led, according to Time, the …").
  return at <= 4 || lex.notName.has(first.text) || lex.functionWords.has(first.lower) || lex.adverbialOpeners.has(first.lower) || startsWithNumber(first.text) ? at : 0;
}

/** How many words a description set off by commas after a source may have (`a cybersecurity firm`). */
const MAX_APPOSITION_WORDS = 6;

/**
 * The comma that closes a description of the source opened at the comma `k`: `a`/`an` and up to
 * `MAX_APPOSITION_WORDS` words with no verb form (`be`, an auxiliary, a word in -ed), then a comma. `k` itself when
 * the words after it are no such description (`According to police, a man was arrested, and …`).
 */
function afterApposition(lex: QuoteLexicon, words: readonly Word[], k: number): number {
  const first = words[k + 1];
  if (!first || (first.lower !== 'a' && first.lower !== 'an')) return k;
  for (let i = k + 2; i < words.length && i <= k + 1 + MAX_APPOSITION_WORDS; i++) {
    const w = words[i]!;
    if (w.text === ',') return i > k + 2 ? i : k;
    if (w.punct || lex.beForms.has(w.lower) || lex.auxiliaries.has(w.lower) || /\p{Ll}ed$/u.test(w.lower)) return k;
  }
  return k;
}

/**
 * The name that ends at word `end` (exclusive) is a possessive: `Microsoft's`, `Windsor Locks'` (an apostrophe
 * glued after a final s).
 */
function possessiveEnd(words: readonly Word[], end: number): boolean {
  const last = words[end - 1]!;
  if (endsInPossessive(last.lower)) return true;
  const mark = words[end];
  return mark !== undefined && (mark.text === "'" || mark.text === '’') && mark.start === last.end && /s$/u.test(last.lower) && words[end + 1]?.start !== mark.end;
}

/**
 * A name right after a possessive, before the cue form (`his Treasury post`, `their Labour colleagues`): it
 * modifies the noun after it, which is no verb.
 */
export function possessedName(lex: QuoteLexicon, words: readonly Word[], speaker: SpeakerMatch): boolean {
  if (speaker.kind !== 'name') return false;
  const first = words[speaker.from]!;
  if (lex.possessives.has(first.lower)) return true;
  return speaker.from >= 1 && lex.possessives.has(words[speaker.from - 1]!.lower);
}

/**
 * The reported speech of one sentence, or null. `words` are the words of the sentence, which holds no
 * quotation of its own (those are found from their marks).
 */
export function indirectInSentence(lex: QuoteLexicon, words: readonly Word[], subjects: readonly SpeakerMatch[] = []): IndirectMatch[] {
  // Three words at least: `Sanders endorsed Clinton.` (a verb of position with a short named object).
  if (words.length < SHORT_SENTENCE_WORDS) return [];
  const limited = words.length > MAX_SENTENCE_WORDS ? words.slice(0, MAX_SENTENCE_WORDS) : words;
  // "According to X, …" opening the sentence (possibly after an adverbial).
  for (const at of [0, adverbialStart(lex, limited, limited.length)]) {
    const cue = cueAt(lex, limited, at);
    if (!cue || cue.entry.lemma !== 'according to') continue;
    let speaker = speakerAfter(lex, limited, cue.to, Math.min(limited.length, cue.to + 16)) ?? sourceAfterAccordingTo(lex, limited, cue.to, Math.min(limited.length, cue.to + 16));
    if (!speaker) continue;
    let k = speaker.to;
    while (k < limited.length && limited[k]!.text !== ',' && k - speaker.to < 12) k++;
    if (limited[k]?.text !== ',') continue;
    // "According to Microsoft's chief executive, Satya Nadella, …", "According to Windsor Locks' first selectman,
    // Chris Kervick, …": a name owning the description is no source; the name set off after it is (version 34).
    if (speaker.kind === 'name' && k > speaker.to && possessiveEnd(limited, speaker.to)) {
      const apposed = apposedName(lex, limited, cue.to, k, limited.length, true);
      const holder = apposed ? nameWithoutTitles(lex, limited.slice(apposed.from, apposed.to)).name : '';
      if (apposed && holder) {
        speaker = { from: apposed.from, to: apposed.to, name: holder, kind: 'name', role: joinWords(limited.slice(cue.to, k)) };
        k = apposed.to;
      } else if (k - speaker.to <= 4) {
        // "According to Northwind's annual report, …": the whole phrase is the source.
        speaker = { from: speaker.from, to: k, name: joinWords(limited.slice(speaker.from, k)), kind: 'noun-phrase', role: null };
      }
    }
    // "According to UpGuard, a cybersecurity firm, two databases …": a description of the source set off by commas
    // is not what it said (version 31).
    k = afterApposition(lex, limited, k);
    const end = contentEnd(lex, limited, k + 1);
    if (contentWords(limited, k + 1, end) < MIN_CONTENT_WORDS) continue;
    return [{ start: limited[k + 1]!.start, end: limited[end - 1]!.end, cue, speaker, words: limited, rule: 'according-to-before-content' }];
  }
  const framed = viewFrame(lex, limited);
  if (framed) return [framed];
  const closing = closingAttribution(lex, limited);
  const closingCue = closing ? closing.cue.from : limited.length;
  const found: IndirectMatch[] = [];
  // Speaker and cue before the content. Every such cue counts: an attribution inside reported
  // content ("Smith said the report found that …") is an attribution of its own.
  for (let j = 1; j < Math.min(closingCue, limited.length - 1); j++) {
    const cue = cueAt(lex, limited, j);
    if (!cue || cue.entry.lemma === 'according to' || lex.notIndirectCues.has(cue.entry.lemma)) continue;
    // "Among sweeteners reported to have been discussed by …", "Five more barristers are now reported to be
    // threatening …": a raising passive; the words before it are what is reported, nobody reports it here.
    if (raisingPassive(lex, limited, cue)) continue;
    // "Patient advocates say …": a plural of people that is also a cue form is the subject of the cue after it.
    if (cue.to === cue.from + 1 && lex.collective.has(limited[cue.from]!.lower) && cueAt(lex, limited, cue.to)?.from === cue.to) continue;
    let speaker: SpeakerMatch | null;
    let rule: string;
    if (limited[cue.to - 1]!.lower.endsWith('ing') && cue.from >= 3 && limited[cue.from - 1]!.lower === 'as' && limited[cue.from - 2]!.lower === 'quoted') {
      // "Smith was quoted as saying …": the subject of the passive is the speaker, "quoted as saying" the cue.
      let k = cue.from - 3;
      while (k >= 0 && !limited[k]!.punct && (lex.beForms.has(limited[k]!.lower) || lex.auxiliaries.has(limited[k]!.lower))) k--;
      speaker = k >= 0 ? speakerBefore(lex, limited, k + 1, 0) : null;
      if (!speaker) continue;
      const quotedCue: CueMatch = { from: cue.from - 2, to: cue.to, entry: cue.entry, manner: false };
      const end = contentEnd(lex, limited, cue.to);
      if (end > cue.to && contentWords(limited, cue.to, end) >= MIN_CONTENT_WORDS && isWord(limited[cue.to])) {
        found.push({ start: limited[cue.to]!.start, end: limited[end - 1]!.end, cue: quotedCue, speaker, words: limited, rule: 'indirect-quoted-as-saying' });
      }
      j = cue.to - 1;
      continue;
    } else if ((limited[cue.to - 1]!.lower.endsWith('ing') || limited[cue.manner ? cue.from + 1 : cue.from]!.lower.endsWith('ing')) && !isProgressive(lex, limited, cue.from)) {
      // A phrasal cue in `-ing` (`referring to`, `taking aim at`) is a participle as `saying` is.
      // "Smith rejected the plan, saying it was too costly": the speaker is the subject of the clause.
      if (afterParticiplePreposition(lex, limited, cue.from)) {
        // "Bolton distanced himself from the movement by saying …": the subject of the clause (decision 0103).
        speaker = participleSubject(limited, cue.from, (before) => clauseSubject(lex, limited, before) ?? openingSubject(lex, limited, before));
        if (!speaker) continue;
        rule = 'indirect-participle-after-preposition';
      } else if (limited[cue.from - 1]?.text !== ',') {
        // "…, with Mike Pompeo blaming Iran for the attacks": the participle's own subject after "with".
        speaker = withParticipleSpeaker(lex, limited, cue.from);
        if (!speaker) continue;
        rule = 'indirect-participle-after-clause';
      } else {
        // "…, Zapata said, adding …": the participle continues the attribution right before it.
        const before = cueAt(lex, limited, cue.from - 2);
        const sameSpeaker = before && before.to === cue.from - 1 ? speakerBefore(lex, limited, before.from, 0) : null;
        speaker = sameSpeaker ?? attributionBeforeParticiple(lex, limited, cue.from - 1) ?? clauseSubject(lex, limited, cue.from - 1) ?? openingSubject(lex, limited, cue.from - 1);
        rule = 'indirect-participle-after-clause';
      }
    } else {
      speaker = speakerBefore(lex, limited, cue.from, 0);
      rule = 'indirect-speaker-cue-before-content';
      // "who stepped down from his Treasury post to stand …": a name right after a possessive modifies the noun
      // after it; that word is no verb (version 34).
      if (speaker && possessedName(lex, limited, speaker)) continue;
      // "Trump went on to criticize …", "she continued to insist …", "he has yet to explain …": the subject of the verb that takes the cue as its infinitive.
      const verb = speaker ? -1 : catenativeBefore(lex, limited, cue.from);
      if (verb !== -1) {
        speaker = speakerBefore(lex, limited, verb, 0);
        if (speaker) rule = 'indirect-catenative-cue';
      }
      // "…, echoing Ted Cruz, who said he would …": the antecedent of a relative clause whose verb is the cue.
      const antecedent = speaker ? null : relativeSpeaker(lex, limited, cue.from);
      if (antecedent) {
        speaker = antecedent;
        rule = 'indirect-relative-speaker';
      }
      // "X said A and claimed that B": a second reporting verb shares the subject of the first.
      const link = limited[cue.from - 1];
      if (!speaker && link && (link.lower === 'and' || link.lower === 'but') && cue.from >= 2) {
        const earlier = coordinatedSubject(found, subjects, cue.from - 1);
        // "She declared victory and said that …", "Wealth-X keeps its finances a secret but says …": with no
        // attribution before it, a coordinated cue takes the subject of the sentence.
        if (!earlier) {
          // "The senator survived five years in prison and says …": a noun phrase that opens the sentence with its verb.
          const subject = clauseSubject(lex, limited, cue.from - 1) ?? openingSubject(lex, limited, cue.from - 1);
          if (subject && subject.to < cue.from - 1) {
            speaker = subject;
            rule = 'indirect-coordinated-cue';
          }
        }
        if (earlier) {
          speaker = earlier.speaker;
          rule = 'indirect-coordinated-cue';
          // The earlier content stops before the coordinated verb.
          const previous = earlier.match;
          if (previous && previous.end > limited[cue.from - 1]!.start) {
            let stop = cue.from - 1;
            while (stop > 0 && limited[stop - 1]!.punct && !/[”"’»?!]/u.test(limited[stop - 1]!.text)) stop--;
            const index = found.indexOf(previous);
            if (stop > 0 && limited[stop - 1]!.end > previous.start) found[index] = { ...previous, end: limited[stop - 1]!.end };
            else found.splice(index, 1);
          }
        }
      }
    }
    // "It was reported that …", "it has been announced that …": an impersonal passive reports speech and names nobody.
    if (speaker?.kind === 'pronoun' && speaker.to < cue.from && limited[speaker.from]!.lower === 'it' && isPassive(lex, limited, cue.from) && limited[cue.to]?.lower === 'that' && !negated(lex, limited, speaker.to, cue.from)) {
      const end = contentEnd(lex, limited, cue.to);
      if (contentWords(limited, cue.to + 1, end) >= MIN_CONTENT_WORDS) {
        found.push({ start: limited[cue.to]!.start, end: limited[end - 1]!.end, cue, speaker: null, words: limited, rule: 'indirect-impersonal-passive' });
        j = cue.to - 1;
      }
      continue;
    }
    // "Jillian Chase, 27, a Tinder user, said", "Aides to Clinton say": when the words right before the cue give
    // no speaker, the subject that opens the sentence (decision 0091).
    if (found.length === 0 && rule === 'indirect-speaker-cue-before-content' && (!speaker || !plausibleSpeaker(lex, limited, speaker) || nounCue(lex, limited, cue, speaker))) {
      const subject = sentenceSubject(lex, limited, cue.from);
      // The verb agrees with the subject: "Clinton support from …" and "Supporters hopes of …" hold nouns, not cues.
      const form = limited[cue.from]!.lower;
      const single = subject !== null && !limited.slice(subject.from, subject.to).some((w) => w.lower === 'and');
      const pluralHead = subject?.kind === 'noun-phrase' && /s$/u.test(limited[subject.to - 1]!.lower);
      if (subject && !(single && nounCue(lex, limited, cue, subject)) && !(pluralHead && form !== cue.entry.lemma && form.endsWith('s') && !form.endsWith('ss'))) {
        speaker = subject;
        rule = 'indirect-sentence-subject';
      }
    }
    if (!speaker || (isPassive(lex, limited, cue.from) && !isProgressive(lex, limited, cue.from)) || (rule !== 'indirect-sentence-subject' && (!plausibleSpeaker(lex, limited, speaker) || nounCue(lex, limited, cue, speaker)))) continue;
    // "sent written explanations": a participle that is not a past form is a verb only after an auxiliary.
    if (lex.participlesOnly.has(limited[cue.to - 1]!.lower) && !(cue.from > 0 && (lex.finiteVerbs.has(limited[cue.from - 1]!.lower) || lex.auxiliaries.has(limited[cue.from - 1]!.lower)))) continue;
    // "Reyel has not commented on the count", "did not say that …": a negated cue reports no statement.
    if (negated(lex, limited, speaker.to, cue.from)) continue;
    // "…, Zapata said, adding …": the content is before the attribution; the participle is the next one.
    // "…, Smith said on Monday, adding …": a short adverbial may stand between the cue and that comma (decision 0116).
    let comma = cue.to;
    if (limited[comma]?.text !== ',') {
      let k = cue.to;
      while (k < limited.length && k - cue.to < 5 && !limited[k]!.punct) k++;
      if (k > cue.to && limited[k]?.text === ',' && adverbialTail(lex, limited, cue.to, k, cue.entry.lemma === 'tell')) comma = k;
    }
    const next = limited[comma + 1];
    if (limited[comma]?.text === ',' && next && participleCueAt(lex, limited, comma + 1)) {
      if (limited[speaker.from - 1]?.text === ',' && contentWords(limited, 0, speaker.from - 1) >= MIN_CONTENT_WORDS) {
        found.push({ start: limited[0]!.start, end: limited[speaker.from - 2]!.end, cue, speaker, words: limited, rule: 'indirect-speaker-then-cue-at-sentence-end' });
      }
      j = comma - 1;
      continue;
    }
    let from = cue.to;
    // The addressee of tell/ask/warn… and an adverbial before "that": "told reporters on Monday that".
    const addressee = cue.entry.lemma === 'tell' || cue.entry.lemma === 'ask' || cue.entry.lemma === 'assure';
    const thatAt = findThat(lex, limited, from, addressee);
    // "Murphy said he supports the final bill": a verb of position inside another attribution's content is
    // that content's verb, not a new attribution, unless a "that" clause follows it.
    if (thatAt === -1 && lex.positionVerbs.has(cue.entry.lemma) && found.some((f) => f.start <= limited[cue.from]!.start && limited[cue.from]!.start < f.end)) continue;
    if (thatAt !== -1) from = thatAt;
    else if (limited[from]?.text === ':') from++;
    // A verb that is an act without a clause ("abandoning calls, she says") reports speech only with that or a colon.
    // "They called him a political opportunist", "described the dinner as …": an object and its complement (decision 0103).
    else if (lex.needsThat.has(cue.entry.lemma) && !objectComplement(lex, limited, cue.entry.lemma, from)) continue;
    else if (limited[from]?.text === ',') from++;
    else if (addressee) from = skipAddressee(lex, limited, from);
    // "announced on Facebook on Tuesday there were …": adverbials before the reported clause stay out of it.
    if (thatAt === -1) from = afterAdjuncts(lex, limited, from);
    // "told BBC Radio 4's Today programme: …": a colon closes the addressee.
    const colon = colonAfter(limited, cue.to);
    if (colon !== -1 && colon >= from - 1) from = colon + 1;
    // Content that opens with a quotation mark is a quote the marks did not close: not reported speech of ours.
    if (limited[from]?.punct && QUOTE_MARK.test(limited[from]!.text)) continue;
    if (!isWord(limited[from])) continue;
    // "Wales claimed their first title": a claim whose object is a prize or a win is winning it, not speech.
    if (thatAt === -1 && lex.prizeCues.has(cue.entry.lemma) && prizeObject(lex, limited, from)) continue;
    let end = contentEnd(lex, limited, from);
    if (relativeWho(lex, limited, cue.from) !== -1) end = relativeClauseEnd(lex, limited, from, end);
    end = subordinateClauseEnd(lex, limited, cue.from, from, end);
    if (end <= from || (contentWords(limited, from, end) < MIN_CONTENT_WORDS && !(thatAt === -1 && shortNamedObject(lex, limited, from, end, cue.entry.lemma)))) continue;
    // "where they had said they would be": a short content that ends on an auxiliary states nothing.
    if (contentWords(limited, from, end) <= 4 && (lex.finiteVerbs.has(limited[end - 1]!.lower) || lex.beForms.has(limited[end - 1]!.lower))) continue;
    // "Many of the closures, he said, have involved public courses": an attribution between commas in
    // the middle of the sentence splits one content in two.
    const opening = speaker.from - 1;
    if (found.length === 0 && rule === 'indirect-speaker-cue-before-content' && limited[opening]?.text === ',' && limited[from - 1]?.text === ',' && contentWords(limited, 0, opening) >= MIN_CONTENT_WORDS) {
      let firstEnd = opening;
      while (firstEnd > 0 && limited[firstEnd - 1]!.punct && !/[”"’»?!]/u.test(limited[firstEnd - 1]!.text)) firstEnd--;
      const pieces = [
        { start: limited[0]!.start, end: limited[firstEnd - 1]!.end },
        { start: limited[from]!.start, end: limited[end - 1]!.end },
      ];
      found.push({ start: pieces[0]!.start, end: pieces[1]!.end, cue, speaker, words: limited, rule: 'indirect-attribution-inside-content', pieces });
      j = cue.to - 1;
      continue;
    }
    found.push({ start: limited[from]!.start, end: limited[end - 1]!.end, cue, speaker, words: limited, rule });
    j = cue.to - 1;
  }
  // An act with no agent found before it (`Clinton's tax plans would …`) is dropped below and does not keep the
  // closing attribution out (`…, analysts say.`; decision 0126).
  if (closing && (found.every((f) => actWithoutAgent(lex, f)) || (closing.cue.entry.lemma !== 'according to' && found.every((f) => f.start >= closing.start && f.end <= closing.end && f.cue.from < closing.cue.from)))) found.push(closing);
  for (const owned of ownedReportingNouns(lex, limited)) if (!found.some((f) => f.start === owned.start)) found.push(owned);
  for (let i = found.length - 1; i >= 0; i--) if (actWithoutAgent(lex, found[i]!)) found.splice(i, 1);
  for (const more of moreIndirect(lex, limited, found, MIN_CONTENT_WORDS)) found.push(more);
  return found;
}

/** The object that starts at word `from` is a prize (`prize-noun`) within its first four words and no verb follows it: "their first title", "a third successive victory". */
function prizeObject(lex: QuoteLexicon, words: readonly Word[], from: number): boolean {
  // Capitalised words of a prize's name do not count against the window: `her seventh Grand Slam title` (version 34).
  let reach = from + 4;
  for (let i = from; i < Math.min(words.length, reach); i++) {
    const w = words[i]!;
    if (w.capital && i > from && reach - from < 8) reach++;
    if (w.punct) return false;
    // "claimed it won 40 seats", "claimed voters backed the plan": a subject and its verb open a reported clause.
    if (lex.pronouns.has(w.lower) || lex.finiteVerbs.has(w.lower) || lex.beForms.has(w.lower) || (!lex.prizeNouns.has(w.lower) && w.lower.endsWith('ed'))) return false;
    // "claimed the cup was stolen": a verb after the noun makes it the subject of a reported clause.
    if (lex.prizeNouns.has(w.lower)) {
      const next = words[i + 1];
      // "sought the nomination last spring": `last` (an auxiliary before a cue, `he last said`) opens a time adverbial here.
      if (next && lex.timeDeictics.has(next.lower) && words[i + 2] && (lex.timeNouns.has(words[i + 2]!.lower) || lex.notName.has(words[i + 2]!.text))) return true;
      return !next || next.punct || !(lex.beForms.has(next.lower) || lex.finiteVerbs.has(next.lower) || lex.auxiliaries.has(next.lower) || lex.cues.forms.has(next.lower) || next.lower.endsWith('ed'));
    }
    if (lex.functionWords.has(w.lower) && !lex.determiners.has(w.lower) && !lex.possessives.has(w.lower)) return false;
  }
  return false;
}

/**
 * Past the adverbials that open a content without "that" ("on Facebook on Tuesday", "in a statement", "at
 * 10 Downing Street"): a preposition of the `adjunct-preposition` class with a name, a number or a short
 * phrase opened by a determiner. Only when the words after them open a clause with its subject (a
 * pronoun, "there", a determiner, a name); else `from` as it was.
 */
function afterAdjuncts(lex: QuoteLexicon, words: readonly Word[], from: number): number {
  let k = from;
  while (k < words.length && !words[k]!.punct && lex.adjunctPrepositions.has(words[k]!.lower)) {
    let m = k + 1;
    const first = words[m];
    if (!first || first.punct) break;
    if (lex.determiners.has(first.lower) && !first.capital) {
      m++;
      while (m < words.length && m - k <= 4 && !words[m]!.punct && !words[m]!.capital && !lex.functionWords.has(words[m]!.lower) && !lex.determiners.has(words[m]!.lower) && !lex.pronouns.has(words[m]!.lower)) m++;
      if (m === k + 2) break;
    } else {
      while (m < words.length && m - k <= 4 && !words[m]!.punct && (words[m]!.capital || startsWithNumber(words[m]!.text))) m++;
      if (m === k + 1) break;
    }
    k = m;
  }
  if (k === from) return from;
  const next = words[k];
  if (!next || next.punct || !(lex.pronouns.has(next.lower) || next.lower === 'there' || lex.determiners.has(next.lower) || next.capital)) return from;
  return k;
}

/** Possessive pronouns that own a reporting noun ("his claim that …"). */
const POSSESSIVE_PRONOUNS = new Set(['his', 'her', 'their', 'its']);

/**
 * A reporting noun with its owner before it and a "that" clause after it: "Trump's claim that …", "the
 * ministry's statement on Monday that …", "Sanders' repeated insistence that …", "his denial that …".
 * The owner is the speaker, the noun the cue (with the stance of its verb), the clause from "that" on
 * the content. Without an owner ("the claim that …", "allegations that …") nobody is named: no quote.
 */
function ownedReportingNouns(lex: QuoteLexicon, words: readonly Word[]): IndirectMatch[] {
  const out: IndirectMatch[] = [];
  for (let j = 1; j < words.length - MIN_CONTENT_WORDS; j++) {
    const noun = words[j]!;
    if (noun.punct || noun.capital) continue;
    const entry = lex.reportingNouns.get(noun.lower);
    if (!entry) continue;
    // "that" right after the noun, or after a short time adverbial ("statement on Wednesday that", "announcement Friday that").
    let t = j + 1;
    if (words[t] && words[t]!.lower !== 'that') {
      const first = words[t]!;
      if (first.punct || !(lex.adverbialOpeners.has(first.lower) || lex.notName.has(first.text))) continue;
      while (t < words.length && t - j <= 4 && !words[t]!.punct && words[t]!.lower !== 'that') t++;
    }
    if (words[t]?.lower !== 'that') continue;
    const speaker = nounOwner(lex, words, j);
    if (!speaker) continue;
    const end = contentEnd(lex, words, t);
    if (contentWords(words, t + 1, end) < MIN_CONTENT_WORDS) continue;
    out.push({ start: words[t]!.start, end: words[end - 1]!.end, cue: { from: j, to: j + 1, entry, manner: false }, speaker, words, rule: 'indirect-reporting-noun' });
    j = t;
  }
  return out;
}

/** The owner of the noun at word `noun`, one adjective allowed between ("Trump's repeated claim"), or null. */
function nounOwner(lex: QuoteLexicon, words: readonly Word[], noun: number): SpeakerMatch | null {
  let k = noun - 1;
  const isOwner = (w: Word): boolean => w.text === '’' || w.text === "'" || (!w.punct && (POSSESSIVE_PRONOUNS.has(w.lower) || /[’']s$/.test(w.text)));
  if (!isOwner(words[k]!) && k - 1 >= 0 && !words[k]!.punct && !words[k]!.capital && !lex.functionWords.has(words[k]!.lower) && isOwner(words[k - 1]!)) k--;
  const owner = words[k]!;
  if (owner.punct && owner.text !== '’' && owner.text !== "'") return null;
  if (POSSESSIVE_PRONOUNS.has(owner.lower)) return { from: k, to: k + 1, name: owner.text, kind: 'pronoun', role: null };
  // "Sanders’ claim": the apostrophe after a name in s.
  const apostrophe = owner.text === '’' || owner.text === "'";
  const last = apostrophe ? k - 1 : k;
  if (last < 0 || (apostrophe && !(words[last]!.capital && words[last]!.text.endsWith('s'))) || (!apostrophe && !/[’']s$/.test(owner.text))) return null;
  const bare = (w: Word): string => w.text.replace(/[’']s$/, '');
  if (words[last]!.capital && !lex.notName.has(words[last]!.text)) {
    const start = nameEndingAt(lex, words, last + 1, Math.max(0, last - 5));
    if (start === -1 || lex.notName.has(words[start]!.text) && start === last) return null;
    const nameWords = words.slice(start, last + 1);
    const { name } = nameWithoutTitles(lex, nameWords);
    const article = start - 1 >= 0 && words[start - 1]!.lower === 'the' ? start - 1 : start;
    return { from: article, to: k + 1, name: apostrophe ? name : name.replace(/[’']s$/, ''), kind: 'name', role: null };
  }
  // "the ministry's", "the union’s": a determiner opens the owner within four words.
  for (let d = last - 1; d >= Math.max(0, last - 4); d--) {
    const w = words[d]!;
    if (w.punct || lex.functionWords.has(w.lower) && !lex.determiners.has(w.lower)) return null;
    if (lex.determiners.has(w.lower)) return { from: d, to: k + 1, name: joinWords([...words.slice(d, last), { ...words[last]!, text: bare(words[last]!) }]), kind: 'noun-phrase', role: null };
  }
  return null;
}

/**
 * "In X's view, …", "In the opinion of X, …" opening the sentence (possibly after an adverbial): the
 * frame noun is the cue, X the speaker, the rest of the clause the content.
 */
function viewFrame(lex: QuoteLexicon, words: readonly Word[]): IndirectMatch | null {
  const at = words[0]?.lower === 'in' ? 0 : clauseStart(words, words.length);
  if (words[at]?.lower !== 'in') return null;
  let nounAt = -1;
  let speaker: SpeakerMatch | null = null;
  if (words[at + 1]?.lower === 'the' && lex.viewNouns.has(words[at + 2]?.lower ?? '') && words[at + 3]?.lower === 'of') {
    // "In the view of the agency, …"
    nounAt = at + 2;
    speaker = speakerAfter(lex, words, at + 4, Math.min(words.length, at + 14));
  } else {
    // "In Smith's view, …", "In the minister's words, …": the possessor ends one word before the noun.
    for (let k = at + 1; k < Math.min(words.length, at + 8); k++) {
      if (words[k]!.punct) break;
      if (lex.viewNouns.has(words[k]!.lower) && k > at + 1 && /[’']s$|s[’']$/.test(words[k - 1]!.text)) {
        nounAt = k;
        const owner = words.slice(at + 1, k);
        const text = joinWords(owner).replace(/[’']s?$/, '');
        speaker = { from: at + 1, to: k, name: owner[0]!.capital ? nameWithoutTitles(lex, owner).name.replace(/[’']s?$/, '') : text, kind: owner[0]!.capital && !lex.notName.has(owner[0]!.text) ? 'name' : 'noun-phrase', role: null };
        break;
      }
    }
  }
  if (nounAt === -1 || !speaker) return null;
  let k = speaker.to;
  while (k < words.length && words[k]!.text !== ',' && k - speaker.to < 12) k++;
  if (words[k]?.text !== ',') return null;
  const end = contentEnd(lex, words, k + 1);
  if (contentWords(words, k + 1, end) < MIN_CONTENT_WORDS) return null;
  const noun = words[nounAt]!.lower;
  const cue: CueMatch = { from: nounAt, to: nounAt + 1, entry: { lemma: noun, stance: 'neutral', reason: `word-classes/view-noun` }, manner: false };
  return { start: words[k + 1]!.start, end: words[end - 1]!.end, cue, speaker, words, rule: 'indirect-view-frame' };
}

/** A one-word cue of the `raising-passive` class before `to be` or `to have` (`reported to have been discussed`). */
function raisingPassive(lex: QuoteLexicon, words: readonly Word[], cue: CueMatch): boolean {
  if (cue.to !== cue.from + 1 || cue.manner || words[cue.to]?.lower !== 'to' || !lex.raisingPassives.has(words[cue.from]!.lower)) return false;
  const verb = words[cue.to + 1];
  return verb !== undefined && !verb.punct && (verb.lower === 'be' || verb.lower === 'have');
}

/**
 * The subject shared by a coordinated reporting verb at word `link` ("and"/"but"): the speaker of the
 * last attribution before it in the sentence, reported speech found here or a quote in marks.
 */
function coordinatedSubject(found: readonly IndirectMatch[], subjects: readonly SpeakerMatch[], link: number): { speaker: SpeakerMatch; match: IndirectMatch | null } | null {
  let best: { speaker: SpeakerMatch; match: IndirectMatch | null } | null = null;
  for (const subject of subjects) if (subject.to <= link && (!best || subject.to > best.speaker.to)) best = { speaker: subject, match: null };
  for (const match of found) {
    if (match.cue.to > link || match.rule === 'indirect-speaker-then-cue-at-sentence-end') continue;
    if (match.speaker && (!best || match.cue.from >= best.speaker.to)) best = { speaker: match.speaker, match };
  }
  return best;
}

/**
 * The subject at the start of the sentence, for "Smith rejected the plan, saying …": a pronoun or a
 * capitalised name followed by a lower-case word, after a leading adverbial ("On Monday, …", "In the
 * filing itself Ford …"). A capitalised function word ("In", "The") is never the subject.
 */
export function clauseSubject(lex: QuoteLexicon, words: readonly Word[], before: number): SpeakerMatch | null {
  let start = clauseStart(words, before);
  // "He called the actions lawful, and said …": a comma before `and` or `but` closes a clause, not an opening adverbial.
  if (start > 0 && (words[start]?.lower === 'and' || words[start]?.lower === 'but')) start = 0;
  let first = words[start];
  if (!first || first.punct) return null;
  if (lex.pronouns.has(first.lower)) return { from: start, to: start + 1, name: first.text, kind: 'pronoun', role: null };
  // A prepositional opener without a comma: the subject is the first name after it. With a comma later in the
  // sentence (`At a June Trump campaign event in St. Clairsville, Ohio, 62-year-old Brenda Johnson also railed … and
  // explained`) the opener runs to that comma and the names inside it are no subject (openingSubject reads the clause after it).
  if (lex.adverbialOpeners.has(first.lower)) {
    for (let k = start + 1; k < before && k - start <= 24; k++) if (words[k]!.text === ',') return null;
    let k = start + 1;
    while (k < Math.min(before, start + 8) && !(words[k]!.capital && !lex.notName.has(words[k]!.text))) k++;
    if (k >= Math.min(before, start + 8)) return null;
    start = k;
    first = words[k]!;
  }
  if (lex.notName.has(first.text) || lex.functionWords.has(first.lower)) return null;
  let end = start;
  while (end < before && words[end]!.capital) end++;
  if (end === start || end - start > 5) return null;
  // The name must be followed by its verb, not by more of a longer subject.
  const next = words[end];
  if (!next || next.punct || next.capital) return null;
  // "Council leader Ada Okafor gave …": role words in lower case after the capitalised word, then a name followed
  // by its verb; the name is the subject and the words before it its role.
  let k = end;
  while (k < Math.min(before, end + 3) && roleWord(lex, words[k]!)) k++;
  if (k > end && words[k]?.capital && !lex.notName.has(words[k]!.text) && !lex.determiners.has(first.lower)) {
    let nameEnd = k;
    while (nameEnd < before && words[nameEnd]!.capital) nameEnd++;
    const verb = words[nameEnd];
    // The verb after the name: a plural noun in `-s` (`CIA officers said`) is no verb unless it is a cue form.
    if (nameEnd - k <= 4 && verb && verbLike(lex, verb) && (!verb.lower.endsWith('s') || lex.cues.forms.has(verb.lower) || lex.finiteVerbs.has(verb.lower))) {
      const named = nameWithoutTitles(lex, words.slice(k, nameEnd)).name;
      if (named) return { from: k, to: nameEnd, name: named, kind: 'name', role: joinWords(words.slice(start, k)) };
    }
  }
  const { name } = nameWithoutTitles(lex, words.slice(start, end));
  return { from: start, to: end, name, kind: 'name', role: null };
}

/** A lower-case word that may stand in a role before a name (`leader`, `chair`): no verb, function word or preposition. */
function roleWord(lex: QuoteLexicon, w: Word): boolean {
  const x = w.lower;
  return !w.punct && !w.capital && !verbLike(lex, w) && !lex.functionWords.has(x) && !lex.determiners.has(x) && !lex.pronouns.has(x) && !lex.auxiliaries.has(x) && !lex.adverbialOpeners.has(x) && !x.endsWith('ed');
}

/**
 * A cue in its bare form after a singular subject is a noun, not a verb: "its annual report the …", "the
 * latest estimate". A singular name or noun phrase takes "reports", "said", "estimated".
 */
function nounCue(lex: QuoteLexicon, words: readonly Word[], cue: CueMatch, speaker: SpeakerMatch): boolean {
  // The bare form of the verb, or of the first word of a phrasal cue ("a conference call on Tuesday").
  if (speaker.kind === 'pronoun' || cue.manner) return false;
  const lemma = cue.entry.lemma;
  const space = lemma.indexOf(' ');
  const first = words[cue.from]!.lower;
  if (space === -1 ? first !== lemma : first.length !== space || !lemma.startsWith(first)) return false;
  // "Trump went on to criticize …": an infinitive is a verb.
  if (words[cue.from - 1]?.lower === 'to') return false;
  const head = words[speaker.to - 1]!.lower;
  // A share of a poll ("Six in 10", "52 percent") takes a plural verb, but a figure before a noun of the
  // `figure-noun-cue` class with no object after it is the noun: "Trump has 36 percent support in a Fox poll".
  // So do "one in five", "a third" and "those surveyed" (decision 0126).
  if (startsWithNumber(head) || lex.percentWords.has(head) || (lex.numberWords.has(head) && words[speaker.to - 2]?.lower === 'in') || shareFraction(lex, head) || lex.pollParticiples.has(head)) return figureNoun(lex, words, cue);
  // "The women say …": an irregular plural of people takes the bare form as a plural does.
  return !lex.collective.has(head) && !head.endsWith('s') && !/(?:men|people|children)$/.test(head);
}

/**
 * The bare cue after a figure is a noun (`36 percent support in a Fox poll`, `32% support gives him …`)
 * unless an object opens after it (a determiner, a pronoun or an `-ing` form: `52 percent support a ban`).
 * PolNeAR train: 19 such predictions, 1 matched (decision 0103).
 */
function figureNoun(lex: QuoteLexicon, words: readonly Word[], cue: CueMatch): boolean {
  if (!lex.figureNounCues.has(cue.entry.lemma)) return false;
  const next = words[cue.to];
  if (!next || next.punct) return true;
  return !(lex.determiners.has(next.lower) || lex.pronouns.has(next.lower) || lex.objectPronouns.has(next.lower) || (/ing$/u.test(next.lower) && !next.capital));
}

/**
 * The speaker of an attribution that ends at the comma before a participle cue, with a short adverbial after
 * its cue or its speaker after it: `Manafort said Thursday night, suggesting …`, `said Manafort, adding …`
 * (decision 0114). The cue right before the comma is read by the caller.
 */
function attributionBeforeParticiple(lex: QuoteLexicon, words: readonly Word[], comma: number): SpeakerMatch | null {
  for (let k = comma - 2; k >= Math.max(1, comma - 6); k--) {
    const earlier = cueAt(lex, words, k);
    if (!earlier || earlier.from !== k || words[earlier.to - 1]!.lower.endsWith('ing')) continue;
    // "said Manafort, adding …": the speaker after the cue reaches the comma.
    const after = speakerAfter(lex, words, earlier.to, comma);
    // A noun phrase after the cue is more often its object (`echoed those comments, saying …`).
    if (after && after.kind === 'name' && after.to === comma && after.from === earlier.to) return after;
    // "Manafort said Thursday night, adding …": a short adverbial between the cue and the comma.
    if (adverbialTail(lex, words, earlier.to, comma, earlier.entry.lemma === 'tell')) return speakerBefore(lex, words, earlier.from, 0);
    return null;
  }
  return null;
}

/**
 * The first word of a verb that takes the cue at `cueFrom` as its infinitive: `continued to`, `went on to`,
 * `has yet to` (class `catenative`); -1 when there is none.
 */
function catenativeBefore(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): number {
  if (cueFrom < 2 || words[cueFrom - 1]!.lower !== 'to') return -1;
  let k = cueFrom - 2;
  // "went on to", "goes on to".
  if (words[k]!.lower === 'on' && k > 0 && (words[k - 1]!.lower === 'went' || words[k - 1]!.lower === 'goes' || words[k - 1]!.lower === 'go')) k--;
  else if (words[k]!.lower === 'went' || words[k]!.lower === 'goes' || words[k]!.lower === 'go') return -1;
  // "was quick to point out" (class `catenative-adjective`), "were more likely to say" (class `comparative-catenative`
  // after a word of degree; `is likely to reject` forecasts): an adjective after a form of `be`, adverbs and words of
  // degree between them; the subject is before `be`.
  const adjective = words[k]!;
  const comparative = lex.comparativeCatenatives.has(adjective.lower) && lex.degreeWords.has(words[k - 1]?.lower ?? '');
  if (!adjective.punct && (lex.catenativeAdjectives.has(adjective.lower) || comparative)) {
    let j = k - 1;
    while (j > 0 && k - j <= 3 && !words[j]!.punct && !lex.beForms.has(words[j]!.lower) && (words[j]!.lower.endsWith('ly') || lex.degreeWords.has(words[j]!.lower))) j--;
    return j > 0 && lex.beForms.has(words[j]!.lower) ? j : -1;
  }
  return !words[k]!.punct && lex.catenatives.has(words[k]!.lower) ? k : -1;
}

/**
 * True when a negator stands in the verb group of the cue, between the speaker and the cue: `did not say`,
 * `has never publicly claimed`. A negator further back, in an apposition or a relative clause between the
 * speaker and the cue (`X, who did not give her name, said …`), negates another verb.
 */
function negated(lex: QuoteLexicon, words: readonly Word[], from: number, to: number): boolean {
  for (let i = to - 1; i >= from; i--) {
    const w = words[i]!;
    if (lex.negators.has(w.lower)) return true;
    if (w.punct || !(lex.auxiliaries.has(w.lower) || lex.finiteVerbs.has(w.lower) || lex.beForms.has(w.lower) || w.lower.endsWith('ly'))) return false;
  }
  return false;
}

/** "were admitted", "was told", "has been asked": a passive cue has no speaker before it. */
function isPassive(lex: QuoteLexicon, words: readonly Word[], cueFrom: number): boolean {
  for (let i = cueFrom - 1; i >= Math.max(0, cueFrom - 3); i--) {
    const w = words[i]!.lower;
    if (lex.beForms.has(w)) return true;
    // Only adverbs may stand between the auxiliary and the cue ("was later told").
    if (!w.endsWith('ly') && !lex.auxiliaries.has(w)) return false;
  }
  return false;
}

/**
 * A speaker of reported speech: not a day or month ("polls released Sunday said"), a number ("30
 * states"), or a phrase opened by a demonstrative ("that administration officials").
 */
function plausibleSpeaker(lex: QuoteLexicon, words: readonly Word[], speaker: SpeakerMatch): boolean {
  if (speaker.kind === 'pronoun') return true;
  const last = words[speaker.to - 1]!;
  const first = words[speaker.from]!;
  // A number is no speaker ("30 states said"), but a share of a poll is ("Six in 10 say").
  const share = speaker.to - speaker.from === 3 && (words[speaker.to - 2]!.lower === 'in' || words[speaker.to - 2]!.lower === 'of');
  if (lex.notName.has(last.text) || (startsWithNumber(last.text) && !share)) return false;
  // "those surveyed say" is a poll's respondents (decision 0126).
  if (speaker.kind === 'noun-phrase' && (first.lower === 'that' || first.lower === 'this' || first.lower === 'these' || first.lower === 'those') && !(speaker.to - speaker.from === 2 && lex.pollParticiples.has(last.lower))) return false;
  return true;
}

const QUOTE_MARK = /^["“”«»‘`]$/u;

/** A colon within the next few words after the cue, before any other clause punctuation; -1 when none. */
function colonAfter(words: readonly Word[], from: number): number {
  for (let i = from; i < Math.min(words.length, from + 10); i++) {
    const w = words[i]!;
    if (w.text === ':' && !numberColon(words, i)) return i;
    if (w.punct && w.text !== '’' && w.text !== "'" && w.text !== '.') return -1;
  }
  return -1;
}

/**
 * The "that" that opens the reported clause: right after the cue, or after an adverbial that starts
 * with a preposition or a time word ("said on Monday, March 4, that", "told CNN that" for cues with an
 * addressee). A "that" further on belongs to the content ("says a hit that used to be …").
 */
function findThat(lex: QuoteLexicon, words: readonly Word[], from: number, addressee: boolean): number {
  const first = words[from];
  if (!first) return -1;
  if (first.lower === 'that') return from;
  const second = words[from + 1];
  if (second?.lower === 'that') {
    // "argued insistently that …", "said explicitly that …": an adverb in -ly between the cue and `that` is the cue's.
    if (/^\p{Ll}{2,}ly$/u.test(first.text) && !lex.notMannerAdverbs.has(first.lower)) return from + 1;
    // "expressed concern that …", "expressed doubts that …": the attitude a cue of the class `attitude-object-cue` names
    // is its object; what the speaker said is the `that` clause.
    if (!first.punct && !first.capital && lex.attitudeObjectCues.has(words[from - 1]!.lower)) return from + 1;
  }
  if (!addressee && !lex.adverbialOpeners.has(first.lower) && !lex.notName.has(first.text)) return -1;
  let limit = from + 10;
  for (let i = from + 1; i < Math.min(words.length, limit); i++) {
    const w = words[i]!;
    if (w.lower === 'that') {
      // Inside the adverbial, "that" before a verb opens a relative clause on its noun ("said in a statement that
      // was published on Friday that …", "in a letter that has been seen by …"), not the reported clause, which
      // may then come up to ten words after it.
      const next = words[i + 1];
      if (next && (lex.beForms.has(next.lower) || lex.finiteVerbs.has(next.lower))) {
        limit = i + 10;
        continue;
      }
      return i;
    }
    if (w.punct && w.text !== ',') return -1;
  }
  return -1;
}

/** After "told"/"asked": a pronoun, a name or a short noun phrase is the addressee, not the content. */
export function skipAddressee(lex: QuoteLexicon, words: readonly Word[], from: number): number {
  const first = words[from];
  if (!first || first.punct) return from;
  if (lex.addressees.has(first.lower)) return from + 1;
  if (first.capital) {
    let k = from;
    while (k < words.length && words[k]!.capital) k++;
    return k;
  }
  if (lex.determiners.has(first.lower)) {
    let k = from + 1;
    // "told the Independent he expected …", "told the National Post he's …": a name after the article is the
    // whole addressee; a pronoun opens the reported clause (decision 0116).
    if (words[k]?.capital) {
      while (k < words.length && words[k]!.capital) k++;
      return k;
    }
    while (k < words.length && k - from < 4 && !words[k]!.punct && !lex.functionWords.has(words[k]!.lower) && !lex.pronouns.has(words[k]!.lower.split(/[’']/u)[0]!)) k++;
    return k;
  }
  // "told investigators he lost control", "told lawmakers the plan …": a bare plural noun before a pronoun or an
  // article that opens the clause is the addressee (version 31).
  const next = words[from + 1];
  if (/\p{Ll}{2}s$/u.test(first.text) && !first.lower.endsWith('ss') && !lex.functionWords.has(first.lower) && next && !next.punct && (lex.pronouns.has(next.lower.split(/[’']/u)[0]!) || lex.determiners.has(next.lower))) return from + 1;
  return from;
}

const LABEL_CUE = { lemma: ':', stance: 'neutral', reason: 'transcript-label' } as const;

/**
 * A speaker label opening a paragraph: `JAKE TAPPER: …`, `TRUMP: …` (transcripts, in capitals), or
 * in a headline also `OK Gov Fallin: …`. Returns the index of the colon, or -1.
 */
export function labelColon(lex: QuoteLexicon, words: readonly Word[], headline: boolean): number {
  let k = 0;
  while (k < words.length && k <= 5) {
    const w = words[k]!;
    if (w.text === ':') break;
    const caps = !w.punct && w.text === w.text.toUpperCase() && /\p{L}/u.test(w.text);
    const ok = !w.punct ? (headline ? w.capital : caps) : w.text === '.' && k > 0;
    if (!ok) return -1;
    k++;
  }
  if (k === 0 || k > 4 || words[k]?.text !== ':') return -1;
  if (lex.notName.has(words[0]!.text) && !headline) return -1;
  // `Breaking: …`, `Revealed: …`: a rubric of the page, not a speaker (class `rubric-label`, decision 0137).
  if (k <= 2 && lex.rubricLabels.has(k === 1 ? words[0]!.lower : `${words[0]!.lower} ${words[1]!.lower}`)) return -1;
  if (contentWords(words, k + 1, words.length) < MIN_CONTENT_WORDS) return -1;
  return k;
}

/** The label as the speaker and the colon as the cue. */
export function labelAttribution(lex: QuoteLexicon, words: readonly Word[], colon: number): { cue: CueMatch; speaker: SpeakerMatch } {
  const { name } = nameWithoutTitles(lex, words.slice(0, colon));
  return {
    cue: { from: colon, to: colon + 1, entry: LABEL_CUE, manner: false },
    speaker: { from: 0, to: colon, name, kind: 'name', role: null },
  };
}

/**
 * A headline that attributes in title case: `Minister Admits Cuts Went Too Far`, `Bellwether County
 * Says Trump Should Win`. The capitalised words before the first cue are the speaker.
 */
export function headlineAttribution(lex: QuoteLexicon, words: readonly Word[]): IndirectMatch | null {
  for (let j = 1; j < Math.min(words.length - 2, 8); j++) {
    const w = words[j]!;
    if (w.punct || !w.capital) return null;
    const entry = lex.cues.forms.get(w.lower);
    if (!entry || entry.lemma === 'according to' || lex.notIndirectCues.has(entry.lemma) || w.lower.endsWith('ing')) continue;
    if (lex.notName.has(words[0]!.text) || lex.pronouns.has(words[0]!.lower)) return null;
    let end = words.length;
    while (end > j + 1 && words[end - 1]!.punct) end--;
    if (contentWords(words, j + 1, end) < 2) return null;
    // `Rick Perry Just Said …`: an adverb of the `not-name` class before the cue is no part of the speaker.
    let to = j;
    while (to > 1 && lex.notName.has(words[to - 1]!.text)) to--;
    const { name } = nameWithoutTitles(lex, words.slice(0, to));
    return {
      start: words[j + 1]!.start,
      end: words[end - 1]!.end,
      cue: { from: j, to: j + 1, entry, manner: false },
      speaker: { from: 0, to, name, kind: 'name', role: null },
      words,
      rule: 'headline-attribution',
    };
  }
  return null;
}
