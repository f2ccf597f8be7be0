import { createHash } from 'node:crypto';

/** sha256 hex of the document text (UTF-8), the document's content hash. */
export function hashText(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
