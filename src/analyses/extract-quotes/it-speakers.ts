/**
 * `it` as the speaker of a quote (`It said profits would rise`, `…, it added`). resolve-aliases links no
 * `it`: most are not references at all (`it is believed`, `it seems`). As the subject of a reporting verb,
 * though, `it` names a body: a company, a ministry, a court, a union. It takes, in this order:
 *
 * 1. the speaker of an earlier quote written in its own sentence or the sentence before, when that speaker
 *    is an organisation or group (a run of quotes keeps its speaker: `…, the OECD said. "…," it added`);
 * 2. the organisation that is the subject of its own sentence (before it), else of the sentence before: an
 *    organisation named within the first words of the sentence, or of the clause after the sentence's first
 *    comma (`Electrolux saw its shares rise after it said …`, `In addition to the freeze, Borussia Dortmund
 *    will get loans. It estimated …`);
 * 3. the speaker of an earlier quote two sentences back, when that speaker is an organisation or group.
 *
 * Anything else stays unresolved: an organisation named elsewhere in the sentence (an object, a place of
 * listing, a nationality) was the wrong antecedent more often than the right one in news copy. Persons and
 * places are never its antecedent. The mention stays `it`; the basis is `inferred`, with the antecedent.
 */
import type { SpanJson, SpeakerJson } from '../../api/analysis-json.js';
import { lastStartingAtOrBefore, type Finding } from '../../core/finding.js';
import type { EntityIndex } from './entity-speakers.js';
import { isSpaceUnit } from './words.js';

/** The last quote speaker that was an organisation or group, with the sentence of its mention. */
export interface BodySpeaker {
  readonly sentence: number;
  readonly speaker: SpeakerJson;
}

/** How many sentences back the speaker of an earlier quote may stand. */
const PREVIOUS_SPEAKER_SENTENCES = 2;
/** How many words from the start of a sentence or clause its subject may begin (`And TCI`, `The Pentagon`). */
const SUBJECT_WORDS = 3;
/** How many words into the sentence its first comma may stand for the clause after it to count. */
const OPENING_CLAUSE_WORDS = 12;

/** Whether this resolved speaker is a body that a later `it` may name. */
export function bodySpeaker(speaker: SpeakerJson | null | undefined, sentences: readonly Finding[], entities: EntityIndex): BodySpeaker | null {
  if (!speaker?.entityId || !speaker.mention) return null;
  const type = entities.typeOf(speaker.entityId);
  if (type !== 'organization' && type !== 'group') return null;
  return { sentence: lastStartingAtOrBefore(sentences, speaker.mention.start), speaker };
}

/**
 * The speaker an unresolved `it` names, or null when the rules above find none. `isCue` tells a reporting
 * verb's form (`said`): an organisation written after one is not the subject (`the company said AOL's profit`).
 */
export function itSpeaker(text: string, speaker: SpeakerJson, sentences: readonly Finding[], previous: BodySpeaker | null, entities: EntityIndex, isCue: (word: string) => boolean): SpeakerJson | null {
  const mention = speaker.mention;
  if (!mention || speaker.entityId || mention.text.toLowerCase() !== 'it') return null;
  const sentence = lastStartingAtOrBefore(sentences, mention.start);
  const earlier = previous && previous.speaker.mention && previous.speaker.mention.start < mention.start ? previous : null;
  if (earlier && sentence - earlier.sentence <= 1) return fromSpeaker(mention, speaker.role, earlier.speaker);
  const own = sentences[sentence]?.span;
  if (own) {
    const subject = subjectOrganisation(text, own.start, mention.start, entities, isCue);
    if (subject) return record(mention, speaker.role, subject.entity.id, subject.entity.data.name, 'it-sentence-subject-organization', subject.mention);
    // Only an `it` that is its sentence's subject reaches back into the sentence before (`… the IMF remains
    // cautious. In particular, it pointed to …`); one inside a later clause (`The government has ruled it out,
    // because it says …`) refers within its sentence.
    const before = sentences[sentence - 1]?.span;
    if (before && clauseStart(text, own.start, mention.start, entities) !== null) {
      const subjectBefore = subjectOrganisation(text, before.start, before.end, entities, isCue);
      if (subjectBefore) return record(mention, speaker.role, subjectBefore.entity.id, subjectBefore.entity.data.name, 'it-sentence-subject-organization', subjectBefore.mention);
    }
  }
  if (earlier && sentence - earlier.sentence <= PREVIOUS_SPEAKER_SENTENCES) return fromSpeaker(mention, speaker.role, earlier.speaker);
  return null;
}

/**
 * Where the subject of the sentence starting at `start` may begin, when `at` lies within its first words:
 * `start` itself, or the clause after an opening phrase closed by a comma that names nobody (`However,`,
 * `In addition to the freeze,`). Null when `at` is further in.
 */
function clauseStart(text: string, start: number, at: number, entities: EntityIndex): number | null {
  if (at < afterWords(text, start, SUBJECT_WORDS, text.length)) return start;
  const comma = text.indexOf(',', start);
  if (comma < 0 || comma >= at || comma >= afterWords(text, start, OPENING_CLAUSE_WORDS, text.length) || entities.nameIn(start, comma)) return null;
  return at < afterWords(text, comma + 1, SUBJECT_WORDS + 1, text.length) ? comma + 1 : null;
}

/**
 * An organisation named within the first words of the sentence `[start, end)`, or of the clause after an
 * opening phrase that names nobody, with no reporting verb before it.
 */
function subjectOrganisation(text: string, start: number, end: number, entities: EntityIndex, isCue: (word: string) => boolean): ReturnType<EntityIndex['organisationFrom']> {
  const found = (from: number, words: number): ReturnType<EntityIndex['organisationFrom']> => {
    const hit = entities.organisationFrom(from, Math.min(end, afterWords(text, from, words, end)));
    if (!hit) return null;
    for (const word of text.slice(from, hit.mention.start).split(/[\s,]+/u)) if (word && isCue(word.toLowerCase())) return null;
    return hit;
  };
  const atStart = found(start, SUBJECT_WORDS);
  if (atStart) return atStart;
  const comma = text.indexOf(',', start);
  if (comma < 0 || comma >= end || comma >= afterWords(text, start, OPENING_CLAUSE_WORDS, end) || entities.nameIn(start, comma)) return null;
  return found(comma + 1, SUBJECT_WORDS + 1);
}

/** The offset after the first `n` words from `from` (words: runs of non-space), at most `limit`. */
function afterWords(text: string, from: number, n: number, limit: number): number {
  let i = from;
  for (let w = 0; w < n && i < limit; w++) {
    while (i < limit && isSpaceUnit(text.charCodeAt(i))) i++;
    while (i < limit && !isSpaceUnit(text.charCodeAt(i))) i++;
  }
  return i;
}

function fromSpeaker(mention: SpanJson, role: string | null | undefined, earlier: SpeakerJson): SpeakerJson {
  return record(mention, role, earlier.entityId!, earlier.name, 'it-previous-body-speaker', (earlier as { antecedent?: SpanJson }).antecedent ?? earlier.mention!);
}

/** The speaker record, its fields in the contract's order (one hidden class with the other speakers). */
function record(mention: SpanJson, role: string | null | undefined, entityId: string, name: string | null, reason: string, antecedent: SpanJson): SpeakerJson {
  return { mention, role, entityId, name, basis: 'inferred', reason, antecedent } as SpeakerJson;
}
