/**
 * Offset <-> line/column conversion for human-readable messages only. Lines and columns are
 * 1-based; offsets are the same UTF-16 indices as spans.
 */
export interface Point {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

export interface LineIndex {
  toPoint(offset: number): Point;
  toOffset(line: number, column: number): number;
  readonly lineCount: number;
}

export function createLineIndex(text: string): LineIndex {
  const lineStarts: number[] = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineStarts.push(i + 1);
    else if (c === 13) {
      if (text.charCodeAt(i + 1) === 10) i++;
      lineStarts.push(i + 1);
    }
  }
  return {
    lineCount: lineStarts.length,
    toPoint(offset: number): Point {
      if (offset < 0 || offset > text.length) throw new RangeError(`offset ${offset} is outside a text of length ${text.length}`);
      let lo = 0;
      let hi = lineStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (lineStarts[mid]! <= offset) lo = mid;
        else hi = mid - 1;
      }
      return { line: lo + 1, column: offset - lineStarts[lo]! + 1, offset };
    },
    toOffset(line: number, column: number): number {
      const start = lineStarts[line - 1];
      if (start === undefined || column < 1) throw new RangeError(`no line ${line}, column ${column}`);
      return Math.min(start + column - 1, text.length);
    },
  };
}
