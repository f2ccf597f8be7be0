import type { Document } from '../../core/document.js';
import type { Finding } from '../../core/finding.js';
import { spanAt, type Span } from '../../core/span.js';
import { TOKEN_TYPES, type TokenTable, type TokenType } from './segment-text.js';

/** Accessors over the packed token table, so callers never see the arrays. */
export function tokenTable(findings: readonly Finding[]): TokenTable {
  const table = findings.find((f) => f.kind === 'token-table');
  if (!table) throw new Error('segment-text produced no token table');
  return table.data as TokenTable;
}

export function tokenSpan(document: Document, table: TokenTable, index: number): Span {
  return spanAt(document, table.starts[index]!, table.ends[index]!);
}

export function tokenText(document: Document, table: TokenTable, index: number): string {
  return document.text.slice(table.starts[index]!, table.ends[index]!);
}

export function tokenType(table: TokenTable, index: number): TokenType {
  return TOKEN_TYPES[table.types[index]!]!;
}
