/**
 * The resources detect-framing reads, declared for `context.resources`. The values are the rows of
 * the TSV tables in `data/`, handed over by `../resources.ts`, and the span model (`models/framing.model`,
 * its word classes and its plain words, loaded by the engine); nothing here imports a table.
 */
import type { SequenceTagger } from '../../learn/sequence-tagger.js';
import type { ContextWordsRow, ContextsRow, CueVerbsRow, FramingWordsRow } from '../resources.js';

declare module '../../core/resources.js' {
  interface ResourceMap {
    'detect-framing/framing-words': readonly FramingWordsRow[];
    'detect-framing/cue-verbs': readonly CueVerbsRow[];
    'detect-framing/contexts': readonly ContextsRow[];
    'detect-framing/context-words': readonly ContextWordsRow[];
    'detect-framing/model': FramingModel;
    'detect-framing/clusters': ReadonlyMap<number, number>;
    'detect-framing/plain-words': PlainWords;
  }
}

export const FRAMING_WORDS = 'detect-framing/framing-words';
export const CUE_VERBS = 'detect-framing/cue-verbs';
export const CONTEXTS = 'detect-framing/contexts';
export const CONTEXT_WORDS = 'detect-framing/context-words';

export const FRAMING_MODEL = 'detect-framing/model';

/** The span model's word classes (models/framing.clusters): detect-framing's word key to a cluster path. */
export const FRAMING_CLUSTERS = 'detect-framing/clusters';

/**
 * The plain words of the span model's phrases (models/framing.plain, written by `npm run train -- framing`):
 * word keys that lie inside PTC's propaganda spans less often than the threshold chosen by cross-validation
 * (decision 0127), and words the training articles never hold whose group is plain (decision 0133). A model phrase whose content
 * words are all plain is left out.
 */
export const FRAMING_PLAIN_WORDS = 'detect-framing/plain-words';

/**
 * Which words are plain, as `models/framing.plain` gives them (decision 0133). A word the training articles
 * never hold is plain as the words each training article alone holds are, by group: words of the news
 * vocabulary (the words of `models/framing.clusters`, frequent in unlabelled news text) and the others. A
 * word the training articles hold is plain by its own counts; `flipped` lists those whose verdict is not
 * their group's, so that a word not listed takes its group's.
 */
export interface PlainWords {
  /** The threshold the words were chosen with, relative to the share of all words (0: no word is plain). */
  readonly threshold: number;
  /** Whether a word the training articles never hold is plain: one of the news vocabulary, and one outside it. */
  readonly unseenNews: boolean;
  readonly unseenOther: boolean;
  /** The word keys whose verdict is not their group's. */
  readonly flipped: ReadonlySet<number>;
}

/** The span tagger (models/framing.model) and the bias on its label O chosen by cross-validation (header setting `outsideBias`). */
export interface FramingModel {
  readonly tagger: SequenceTagger;
  /** The emission weights, dense (`[feature * 5 + label]`): one cache line per feature when tagging. */
  readonly dense: Int16Array;
  /** Added to the label O's score, in the model's quantised units. */
  readonly outsideBias: number;
}

export const DETECT_FRAMING_RESOURCES = [FRAMING_WORDS, CUE_VERBS, CONTEXTS, CONTEXT_WORDS, FRAMING_MODEL, FRAMING_CLUSTERS, FRAMING_PLAIN_WORDS] as const;
