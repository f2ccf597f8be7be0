/**
 * The resources extract-events reads, declared for `context.resources`. The values are the rows of the
 * TSV tables in `data/`, handed over by `../resources.ts`; nothing here imports a table.
 */
import type { BlockersRow, EventContextsRow, ModalityRow, StatementPloverRow, TriggersRow } from '../resources.js';

declare module '../../core/resources.js' {
  interface ResourceMap {
    'extract-events/triggers': readonly TriggersRow[];
    'extract-events/contexts': readonly EventContextsRow[];
    'extract-events/blockers': readonly BlockersRow[];
    'extract-events/modality': readonly ModalityRow[];
    'extract-events/statement-plover': readonly StatementPloverRow[];
  }
}

export const TRIGGERS = 'extract-events/triggers';
export const CONTEXTS = 'extract-events/contexts';
export const BLOCKERS = 'extract-events/blockers';
export const MODALITY = 'extract-events/modality';
export const STATEMENT_PLOVER = 'extract-events/statement-plover';

export const EXTRACT_EVENTS_RESOURCES = [TRIGGERS, CONTEXTS, BLOCKERS, MODALITY, STATEMENT_PLOVER] as const;
