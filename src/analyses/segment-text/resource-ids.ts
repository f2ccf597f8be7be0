/**
 * The resources segment-text reads, declared for `context.resources`. The values are the rows of
 * the TSV tables in `data/`, handed over by `../resources.ts`; nothing here imports a table.
 */
import type { AbbreviationsRow, SentenceStartersRow } from '../resources.js';

declare module '../../core/resources.js' {
  interface ResourceMap {
    'segment-text/abbreviations': readonly AbbreviationsRow[];
    'segment-text/sentence-starters': readonly SentenceStartersRow[];
  }
}

export const ABBREVIATIONS = 'segment-text/abbreviations';
export const SENTENCE_STARTERS = 'segment-text/sentence-starters';

export const SEGMENT_TEXT_RESOURCES = [ABBREVIATIONS, SENTENCE_STARTERS] as const;
