/**
 * Comma- and tab-separated values as exported by spreadsheets, scrapers and news archives: RFC 4180
 * quoting (a field in double quotes may hold the delimiter, line breaks and `""` for one quote), CRLF or
 * LF line ends, a header row naming the columns. A pure function over a decoded string; the reader
 * (read-document.ts) turns rows into documents.
 *
 * A malformed row (a quote that opens inside a field, text after a closing quote, more fields than the
 * header) is reported with its row and line, and the other rows go on; a quote that never closes ends the
 * table, since everything after it is inside that one field.
 */

export interface DelimitedRow {
  /** 1-based among data rows (the header is row 0). */
  row: number;
  /** 1-based line of the file where the row starts. */
  line: number;
  fields: string[];
}

export interface DelimitedProblem {
  row: number;
  line: number;
  problem: string;
}

export interface DelimitedTable {
  header: string[];
  rows: DelimitedRow[];
  problems: DelimitedProblem[];
}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Parses `text` as a table with a header row. `null` when there is no header row (an empty input).
 * Rows with every field empty are skipped, as blank lines are in JSON Lines.
 */
export function parseDelimited(text: string, delimiter: ',' | '\t'): DelimitedTable | null {
  const separator = delimiter.charCodeAt(0);
  const records: Array<{ line: number; fields: string[]; problem: string | null }> = [];
  let position = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;

  while (position < text.length) {
    const startLine = line;
    const fields: string[] = [];
    let problem: string | null = null;
    let endOfRecord = false;
    while (!endOfRecord) {
      if (text.charCodeAt(position) === QUOTE) {
        // A quoted field: up to the next quote that is not doubled.
        const openedAt = line;
        let value = '';
        let from = position + 1;
        let closed = false;
        while (from <= text.length) {
          const quote = text.indexOf('"', from);
          if (quote < 0) break;
          value += text.slice(from, quote);
          if (text.charCodeAt(quote + 1) === QUOTE) {
            value += '"';
            from = quote + 2;
            continue;
          }
          position = quote + 1;
          closed = true;
          break;
        }
        line += lineBreaksIn(value);
        if (!closed) {
          records.push({ line: startLine, fields, problem: `a quoted field opened on line ${openedAt} never closes` });
          return finish(records);
        }
        fields.push(value);
        // After a closing quote: the delimiter, the end of the line, or the end of the input.
        const next = text.charCodeAt(position);
        if (position >= text.length) endOfRecord = true;
        else if (next === separator) position += 1;
        else if (next === LF || next === CR) {
          position += next === CR && text.charCodeAt(position + 1) === LF ? 2 : 1;
          line += 1;
          endOfRecord = true;
        } else {
          problem ??= `text after the closing quote of field ${fields.length}`;
          const skip = skipToFieldEnd(text, position, separator);
          position = skip.position;
          if (skip.endOfRecord) {
            line += skip.lineBreak ? 1 : 0;
            endOfRecord = true;
          }
        }
      } else {
        // An unquoted field: up to the delimiter or the end of the line.
        let end = position;
        while (end < text.length) {
          const code = text.charCodeAt(end);
          if (code === separator || code === LF || code === CR) break;
          end += 1;
        }
        const value = text.slice(position, end);
        if (value.includes('"')) problem ??= `a quote inside unquoted field ${fields.length + 1}`;
        fields.push(value);
        if (end >= text.length) {
          position = end;
          endOfRecord = true;
        } else if (text.charCodeAt(end) === separator) {
          position = end + 1;
          if (position >= text.length) fields.push('');
        } else {
          position = end + (text.charCodeAt(end) === CR && text.charCodeAt(end + 1) === LF ? 2 : 1);
          line += 1;
          endOfRecord = true;
        }
      }
    }
    records.push({ line: startLine, fields, problem });
  }
  return finish(records);
}

function finish(records: Array<{ line: number; fields: string[]; problem: string | null }>): DelimitedTable | null {
  const nonBlank = records.filter((record) => record.problem !== null || record.fields.some((field) => field !== ''));
  const headerRecord = nonBlank[0];
  if (headerRecord === undefined) return null;
  const header = headerRecord.fields.map((name) => name.trim());
  const rows: DelimitedRow[] = [];
  const problems: DelimitedProblem[] = [];
  if (headerRecord.problem !== null) problems.push({ row: 0, line: headerRecord.line, problem: `header: ${headerRecord.problem}` });
  nonBlank.slice(1).forEach((record, index) => {
    const row = index + 1;
    if (record.problem !== null) {
      problems.push({ row, line: record.line, problem: record.problem });
    } else if (record.fields.length > header.length) {
      problems.push({ row, line: record.line, problem: `${record.fields.length} fields, but the header names ${header.length} columns` });
    } else {
      // Fewer fields than columns: the missing trailing ones are empty, as spreadsheets write them.
      const fields = record.fields.slice();
      while (fields.length < header.length) fields.push('');
      rows.push({ row, line: record.line, fields });
    }
  });
  return { header, rows, problems };
}

/** Line breaks inside a quoted field (CRLF counts once). */
function lineBreaksIn(value: string): number {
  let count = 0;
  for (let index = 0; index < value.length; index += 1) {
    const code = value.charCodeAt(index);
    if (code === LF) count += 1;
    else if (code === CR && value.charCodeAt(index + 1) !== LF) count += 1;
  }
  return count;
}

function skipToFieldEnd(text: string, from: number, separator: number): { position: number; endOfRecord: boolean; lineBreak: boolean } {
  let position = from;
  while (position < text.length) {
    const code = text.charCodeAt(position);
    if (code === separator) return { position: position + 1, endOfRecord: false, lineBreak: false };
    if (code === LF || code === CR) {
      return { position: position + (code === CR && text.charCodeAt(position + 1) === LF ? 2 : 1), endOfRecord: true, lineBreak: true };
    }
    position += 1;
  }
  return { position, endOfRecord: true, lineBreak: false };
}
