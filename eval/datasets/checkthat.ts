/**
 * CheckThat! 2024 Task 1, English check-worthiness (`../shared/data/checkthat2024/`, read in place,
 * never copied: no licence is stated for the data). Sentences of US political debates labelled `Yes`
 * (a check-worthy factual claim) or `No`. See that folder's FORMAT.md for the quoting and the one
 * glued line in train, both handled here.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export type CheckThatSplit = 'train' | 'dev' | 'dev-test';

export interface CheckThatRow {
  readonly id: string;
  readonly text: string;
  readonly label: 'Yes' | 'No';
}

export function checkThatPath(split: CheckThatSplit): string {
  return path.join(dataRoot(), 'checkthat2024', `CT24_checkworthy_english_${split}.tsv`);
}

/** A field with CSV quoting ("…" around it, "" inside) as the sentence it stands for. */
function unquote(field: string): string {
  return field.length >= 2 && field.startsWith('"') && field.endsWith('"') ? field.slice(1, -1).replace(/""/g, '"') : field;
}

function label(value: string, file: string, line: number): 'Yes' | 'No' {
  if (value === 'Yes' || value === 'No') return value;
  throw new Error(`${file}: line ${line}: label ${JSON.stringify(value)} is neither Yes nor No`);
}

/** Parses one file's text; `file` names it in errors. */
export function parseCheckThat(text: string, file: string): CheckThatRow[] {
  const rows: CheckThatRow[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  for (let n = 1; n < lines.length; n++) {
    const line = lines[n]!;
    if (line === '') continue;
    const fields = line.split('\t').map(unquote);
    // Two records on one line with the newline between them missing: "…\tNo29286\t…\tNo".
    const glued = fields.length === 5 ? /^(Yes|No)(\d+)$/.exec(fields[2]!) : null;
    if (glued) {
      rows.push({ id: fields[0]!, text: fields[1]!, label: label(glued[1]!, file, n + 1) });
      rows.push({ id: glued[2]!, text: fields[3]!, label: label(fields[4]!, file, n + 1) });
      continue;
    }
    if (fields.length !== 3) throw new Error(`${file}: line ${n + 1} has ${fields.length} fields, expected 3`);
    rows.push({ id: fields[0]!, text: fields[1]!, label: label(fields[2]!, file, n + 1) });
  }
  return rows;
}

export function loadCheckThat(split: CheckThatSplit): { file: string; bytes: Buffer; rows: CheckThatRow[] } {
  const file = checkThatPath(split);
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    throw new Error(`cannot read CheckThat! 2024 ${split} at ${file} (${(error as Error).message}); see eval/README.md for where the data lives`);
  }
  return { file, bytes, rows: parseCheckThat(bytes.toString('utf8'), file) };
}
