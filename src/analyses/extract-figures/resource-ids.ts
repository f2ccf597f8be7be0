/**
 * The resources extract-figures reads, declared for `context.resources`. The values are the rows of
 * the TSV tables in `data/`, handed over by `../resources.ts`; nothing here imports a table. It also
 * reads two extract-quotes tables (reporting verbs and their irregular past forms, function words)
 * to find the subject of a reporting verb.
 */
import type {
  ApproximationCuesRow,
  ClaimVerbsRow,
  CountedHeadsRow,
  CountedLemmasRow,
  MultipliersRow,
  NonFigureCuesRow,
  NumberWordsRow,
  UnitsRow,
} from '../resources.js';
import { IRREGULAR_VERBS, REPORTING_VERBS, WORD_CLASSES } from '../extract-quotes/resource-ids.js';

declare module '../../core/resources.js' {
  interface ResourceMap {
    'extract-figures/number-words': readonly NumberWordsRow[];
    'extract-figures/multipliers': readonly MultipliersRow[];
    'extract-figures/units': readonly UnitsRow[];
    'extract-figures/approximation-cues': readonly ApproximationCuesRow[];
    'extract-figures/counted-heads': readonly CountedHeadsRow[];
    'extract-figures/counted-lemmas': readonly CountedLemmasRow[];
    'extract-figures/claim-verbs': readonly ClaimVerbsRow[];
    'extract-figures/non-figure-cues': readonly NonFigureCuesRow[];
  }
}

export const NUMBER_WORDS = 'extract-figures/number-words';
export const MULTIPLIERS = 'extract-figures/multipliers';
export const UNITS = 'extract-figures/units';
export const APPROXIMATION_CUES = 'extract-figures/approximation-cues';
export const COUNTED_HEADS = 'extract-figures/counted-heads';
export const COUNTED_LEMMAS = 'extract-figures/counted-lemmas';
export const CLAIM_VERBS = 'extract-figures/claim-verbs';
export const NON_FIGURE_CUES = 'extract-figures/non-figure-cues';

export const EXTRACT_FIGURES_RESOURCES = [
  NUMBER_WORDS,
  MULTIPLIERS,
  UNITS,
  APPROXIMATION_CUES,
  COUNTED_HEADS,
  COUNTED_LEMMAS,
  CLAIM_VERBS,
  NON_FIGURE_CUES,
  REPORTING_VERBS,
  IRREGULAR_VERBS,
  WORD_CLASSES,
] as const;
