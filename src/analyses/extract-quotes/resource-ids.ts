/**
 * The resources extract-quotes reads, declared for `context.resources`. The values are the rows of
 * the TSV tables in `data/`, handed over by `../resources.ts`; nothing here imports a table.
 */
import type { IrregularVerbsRow, ReportingNounsRow, ReportingVerbsRow, SpeakerWordsRow, WordClassesRow } from '../resources.js';

declare module '../../core/resources.js' {
  interface ResourceMap {
    'extract-quotes/reporting-verbs': readonly ReportingVerbsRow[];
    'extract-quotes/irregular-verbs': readonly IrregularVerbsRow[];
    'extract-quotes/speaker-words': readonly SpeakerWordsRow[];
    'extract-quotes/word-classes': readonly WordClassesRow[];
    'extract-quotes/reporting-nouns': readonly ReportingNounsRow[];
  }
}

export const REPORTING_VERBS = 'extract-quotes/reporting-verbs';
export const IRREGULAR_VERBS = 'extract-quotes/irregular-verbs';
export const SPEAKER_WORDS = 'extract-quotes/speaker-words';
export const WORD_CLASSES = 'extract-quotes/word-classes';
export const REPORTING_NOUNS = 'extract-quotes/reporting-nouns';

export const EXTRACT_QUOTES_RESOURCES = [REPORTING_VERBS, IRREGULAR_VERBS, SPEAKER_WORDS, WORD_CLASSES, REPORTING_NOUNS] as const;
