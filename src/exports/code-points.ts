/**
 * Offsets in Unicode code points, as the W3C Web Annotation model and Python tools (Citron) count them,
 * converted from and to the contract's UTF-16 code-unit offsets. An astral character (an emoji, 𝔸) is
 * two UTF-16 units and one code point; everything else is one of each.
 */

/** Conversion tables for one text, built once: O(n) to build, O(log n) per lookup. */
export interface CodePointIndex {
  /** Code-point offset of a UTF-16 offset (an offset inside a surrogate pair rounds down). */
  toCodePoint(utf16: number): number;
  /** UTF-16 offset of a code-point offset. */
  toUtf16(codePoint: number): number;
  /** Length of the text in code points. */
  readonly length: number;
}

export function createCodePointIndex(text: string): CodePointIndex {
  // UTF-16 offsets of the second unit of each surrogate pair, ascending.
  const pairs: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs.push(i + 1);
        i++;
      }
    }
  }
  /** How many pair seconds lie strictly before `utf16`. (The exports layer may not import core, so it keeps its own search.) */
  const before = (utf16: number): number => {
    let lo = 0;
    let hi = pairs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[mid]! < utf16) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const length = text.length - pairs.length;
  /** Whole code points in text[0, utf16): a pair cut in half is not counted. */
  const codePointsBefore = (utf16: number): number => {
    const n = before(utf16);
    return pairs[n] === utf16 ? utf16 - n - 1 : utf16 - n;
  };
  return {
    length,
    toCodePoint(utf16: number): number {
      if (!Number.isInteger(utf16) || utf16 < 0 || utf16 > text.length) throw new RangeError(`UTF-16 offset ${utf16} is outside a text of ${text.length} units`);
      return codePointsBefore(utf16);
    },
    toUtf16(codePoint: number): number {
      if (!Number.isInteger(codePoint) || codePoint < 0 || codePoint > length) throw new RangeError(`code point offset ${codePoint} is outside a text of ${length} code points`);
      // The smallest offset with that many code points before it: never inside a pair, since the
      // offset before a pair's second half has the same count.
      let lo = codePoint;
      let hi = Math.min(text.length, codePoint + pairs.length);
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (codePointsBefore(mid) < codePoint) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    },
  };
}
