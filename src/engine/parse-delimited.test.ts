import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDelimited } from './parse-delimited.js';

describe('parseDelimited', () => {
  it('reads quoted fields holding delimiters, doubled quotes and line breaks, with CRLF or LF row ends', () => {
    const text = 'id,text,title\r\n1,"He said, ""no.""\r\nThen left.",Plain\n2,Short,"A, B"\n';
    const table = parseDelimited(text, ',');
    assert.ok(table);
    assert.deepEqual(table.header, ['id', 'text', 'title']);
    assert.deepEqual(table.problems, []);
    assert.deepEqual(table.rows, [
      { row: 1, line: 2, fields: ['1', 'He said, "no."\r\nThen left.', 'Plain'] },
      { row: 2, line: 4, fields: ['2', 'Short', 'A, B'] },
    ]);
  });

  it('drops a BOM, skips blank rows, pads short rows and keeps a trailing empty field', () => {
    const table = parseDelimited('\ufeffa,b,c\n\nx,y\nx,y,\n', ',');
    assert.ok(table);
    assert.deepEqual(table.header, ['a', 'b', 'c']);
    assert.deepEqual(
      table.rows.map((row) => row.fields),
      [
        ['x', 'y', ''],
        ['x', 'y', ''],
      ],
    );
    assert.deepEqual(
      table.rows.map((row) => row.line),
      [3, 4],
    );
  });

  it('reads tab-separated values, where commas are plain text', () => {
    const table = parseDelimited('text\ttitle\nOne, two\t"Three\tfour"\n', '\t');
    assert.ok(table);
    assert.deepEqual(table.rows[0]!.fields, ['One, two', 'Three\tfour']);
  });

  it('reports a malformed row with its row and line and keeps the others', () => {
    const text = 'text,title\nGood,one\n"Bad" tail,two\nToo,many,fields\nha"lf,three\nAlso good,four';
    const table = parseDelimited(text, ',');
    assert.ok(table);
    assert.deepEqual(
      table.rows.map((row) => [row.row, row.line, row.fields[0]]),
      [
        [1, 2, 'Good'],
        [5, 6, 'Also good'],
      ],
    );
    assert.deepEqual(table.problems, [
      { row: 2, line: 3, problem: 'text after the closing quote of field 1' },
      { row: 3, line: 4, problem: '3 fields, but the header names 2 columns' },
      { row: 4, line: 5, problem: 'a quote inside unquoted field 1' },
    ]);
  });

  it('ends the table at a quote that never closes, saying where it opened', () => {
    const table = parseDelimited('text\nfine\n"open\nand on\n', ',');
    assert.ok(table);
    assert.deepEqual(
      table.rows.map((row) => row.fields),
      [['fine']],
    );
    assert.deepEqual(table.problems, [{ row: 2, line: 3, problem: 'a quoted field opened on line 3 never closes' }]);
  });

  it('gives null for an input with no header row', () => {
    assert.equal(parseDelimited('', ','), null);
    assert.equal(parseDelimited('\n\n', ','), null);
  });
});
