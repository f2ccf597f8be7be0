/**
 * A document named on the command line: its whole id, or a unique prefix of it in any case (git
 * style: `show ed0573` for `ED0573a1b2c3`). An ambiguous prefix gives the candidates so the caller
 * can list them.
 */
import type { DocumentSummary, Store } from '../store/store.js';

/** How many candidates an ambiguous prefix reports (one more tells the caller there are others). */
export const AMBIGUOUS_CANDIDATES = 10;

export type DocumentLookup =
  | { kind: 'found'; document: DocumentSummary }
  | { kind: 'none' }
  /** `candidates` holds at most AMBIGUOUS_CANDIDATES; `more` says whether others match too. */
  | { kind: 'ambiguous'; candidates: DocumentSummary[]; more: boolean };

export async function findDocument(store: Store, typed: string): Promise<DocumentLookup> {
  const wanted = typed.trim();
  if (wanted === '') return { kind: 'none' };
  const matches = await store.findDocumentsByIdPrefix(wanted, { limit: AMBIGUOUS_CANDIDATES + 1 });
  // A whole id wins over longer ids it is a prefix of (exact case first), even past the first page.
  const exactIn = (list: readonly DocumentSummary[]): DocumentSummary | undefined =>
    list.find((document) => document.id === wanted) ?? list.find((document) => document.id.toLowerCase() === wanted.toLowerCase());
  let exact = exactIn(matches);
  if (!exact && matches.length > AMBIGUOUS_CANDIDATES) exact = exactIn(await store.findDocumentsByIdPrefix(wanted));
  if (exact) return { kind: 'found', document: exact };
  if (matches.length === 0) return { kind: 'none' };
  if (matches.length === 1) return { kind: 'found', document: matches[0]! };
  return { kind: 'ambiguous', candidates: matches.slice(0, AMBIGUOUS_CANDIDATES), more: matches.length > AMBIGUOUS_CANDIDATES };
}
