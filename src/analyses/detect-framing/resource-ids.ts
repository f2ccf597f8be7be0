/**
 * The resources detect-framing reads, declared for `context.resources`. The values are the rows of
 * the TSV tables in `data/`, handed over by `../resources.ts`; nothing here imports a table.
 */
import type { ContextWordsRow, ContextsRow, CueVerbsRow, FramingWordsRow } from '../resources.js';

declare module '../../core/resources.js' {
  interface ResourceMap {
    'detect-framing/framing-words': readonly FramingWordsRow[];
    'detect-framing/cue-verbs': readonly CueVerbsRow[];
    'detect-framing/contexts': readonly ContextsRow[];
    'detect-framing/context-words': readonly ContextWordsRow[];
  }
}

export const FRAMING_WORDS = 'detect-framing/framing-words';
export const CUE_VERBS = 'detect-framing/cue-verbs';
export const CONTEXTS = 'detect-framing/contexts';
export const CONTEXT_WORDS = 'detect-framing/context-words';

export const DETECT_FRAMING_RESOURCES = [FRAMING_WORDS, CUE_VERBS, CONTEXTS, CONTEXT_WORDS] as const;
