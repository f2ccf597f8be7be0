/**
 * Every id argument goes through here: a whole id or a unique prefix of one, in any case. An unknown
 * id and an ambiguous prefix are reported on stderr (the candidates listed with title and source),
 * and the caller exits 1.
 */
import { findDocument, type DocumentSummary, type Store } from '../engine/index.js';
import { documentTitle, oneLine, truncate, truncateStart } from './format-text.js';
import type { CliIo } from './options.js';

export async function resolveDocumentId(store: Store, typed: string, io: CliIo, dbPath: string): Promise<DocumentSummary | null> {
  const lookup = await findDocument(store, typed);
  if (lookup.kind === 'found') return lookup.document;
  if (lookup.kind === 'none') {
    io.stderr.write(`claimtrace: no document with id ${JSON.stringify(typed)} in ${dbPath} (see 'claimtrace list')\n`);
    return null;
  }
  const lines = [`claimtrace: the id prefix ${JSON.stringify(typed)} is ambiguous; it starts ${lookup.more ? 'more than ' : ''}${lookup.candidates.length} ids:`];
  for (const candidate of lookup.candidates) lines.push(`  ${candidateLine(candidate)}`);
  if (lookup.more) lines.push('  …');
  lines.push('Type more of the id.');
  io.stderr.write(`${lines.join('\n')}\n`);
  return null;
}

function candidateLine(document: DocumentSummary): string {
  const source = document.source ? `  ${truncateStart(oneLine(document.source), 40)}` : '';
  return `${oneLine(document.id)}  ${truncate(documentTitle(document), 50)}${source}`;
}
