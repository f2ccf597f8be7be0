/**
 * Which encoding an input read whole is in, and its text. Strict UTF-8 is the default and is never
 * second-guessed: bytes that are valid UTF-8 are read as UTF-8. The other cases, in order:
 *
 * - a UTF-16 byte order mark (FF FE, FE FF): decoded as UTF-16 LE or BE, with a warning;
 * - NUL bytes: binary, refused;
 * - an HTML page that declares its charset in a `<meta>` within its first 1024 bytes: decoded with that
 *   charset (WHATWG labels, so `latin1` and `iso-8859-1` mean windows-1252, as in browsers); a page that
 *   declares UTF-8 and is not valid UTF-8 is refused with the offset of the first bad byte;
 * - not valid UTF-8 and no declaration: decoded as Windows-1252 (a superset of the printable Latin-1),
 *   with a warning naming the first bad byte; refused when the result holds C1 control characters
 *   (bytes that no Windows-1252 text uses), which says the bytes are neither.
 *
 * A warning is a sentence for the user; the caller adds the file name.
 */
import { decodeUtf8 } from './read-document.js';

export type DecodedInput = { ok: true; text: string; warning: string | null } | { ok: false; problem: string };

/** How far into an HTML page a charset declaration is looked for (the WHATWG prescan's 1024 bytes). */
const PRESCAN_BYTES = 1024;

export function decodeInput(bytes: Uint8Array, options: { html: boolean }): DecodedInput {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le', 'UTF-16 LE');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be', 'UTF-16 BE');
  if (bytes.indexOf(0) !== -1) return { ok: false, problem: 'looks binary (NUL bytes), skipped' };
  const hasUtf8Bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;

  if (options.html && !hasUtf8Bom) {
    const declared = declaredCharset(bytes);
    if (declared !== null) {
      const encoding = encodingOfLabel(declared);
      if (encoding === null) {
        // An unknown label: read as if undeclared, and say so.
        const fallback = undeclared(bytes);
        if (!fallback.ok) return fallback;
        const note = `the page declares charset=${declared}, which is not an encoding label known to browsers`;
        return { ok: true, text: fallback.text, warning: fallback.warning ? `${note}; ${fallback.warning}` : `${note}; read as UTF-8` };
      }
      // A <meta> cannot truthfully declare UTF-16 (the bytes that say it are ASCII): browsers read UTF-8.
      if (encoding === 'utf-8' || encoding === 'utf-16le' || encoding === 'utf-16be') {
        const decoded = decodeUtf8(bytes);
        if (!decoded.ok) return { ok: false, problem: `${decoded.problem}, though the page declares charset=${declared}` };
        return { ok: true, text: decoded.text, warning: null };
      }
      if (encoding === 'windows-1252') return { ok: true, text: decodeWindows1252(bytes), warning: null };
      try {
        return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes), warning: null };
      } catch {
        return { ok: false, problem: `not valid ${encoding}, the charset the page declares (charset=${declared})` };
      }
    }
  }
  return undeclared(bytes);
}

/** Strict UTF-8, else Windows-1252 with a warning, else the UTF-8 problem. */
function undeclared(bytes: Uint8Array): DecodedInput {
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return { ok: true, text: decoded.text, warning: null };
  if (!decoded.problem.startsWith('not valid UTF-8')) return decoded;
  const text = decodeWindows1252(bytes);
  if (/[\u0080-\u009f]/.test(text)) return { ok: false, problem: `${decoded.problem}, nor Windows-1252 text` };
  return { ok: true, text, warning: `${decoded.problem}; decoded as Windows-1252 (Latin-1), the encoding assumed` };
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be', name: string): DecodedInput {
  let text: string;
  try {
    // ignoreBOM false: the decoder drops the byte order mark itself.
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, problem: `not valid ${name} text, though it starts with a UTF-16 byte order mark` };
  }
  if (text.includes('\u0000')) return { ok: false, problem: 'looks binary (NUL characters), skipped' };
  return { ok: true, text, warning: `decoded as ${name} (byte order mark)` };
}

/**
 * The charset label a page declares in `<meta charset=...>` or `<meta http-equiv="Content-Type"
 * content="...; charset=...">` within its first 1024 bytes, or null. Read as Latin-1 bytes: every
 * encoding a page can declare this way is ASCII-compatible.
 */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = decodeWindows1252(bytes.subarray(0, PRESCAN_BYTES)).replace(/<!--[\s\S]*?-->/g, '');
  const metaTags = /<meta\b[^>]*>/gi;
  for (let match = metaTags.exec(head); match !== null; match = metaTags.exec(head)) {
    const tag = match[0];
    const direct = /\bcharset\s*=\s*["']?\s*([^\s"'>;/]+)/i.exec(tag);
    if (direct && !/\bcontent\s*=/i.test(tag.slice(0, direct.index))) return direct[1]!;
    if (/\bhttp-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
      const value = content ? (content[1] ?? content[2] ?? content[3] ?? '') : '';
      const charset = /charset\s*=\s*["']?\s*([^\s"';]+)/i.exec(value);
      if (charset) return charset[1]!;
    }
  }
  return null;
}

/** The WHATWG encoding name of a label (`latin1` gives `windows-1252`), or null for an unknown label. */
export function encodingOfLabel(label: string): string | null {
  try {
    return new TextDecoder(label.trim()).encoding;
  } catch {
    return null;
  }
}

/**
 * Bytes 0x80-0x9F in the WHATWG windows-1252 index (0x81, 0x8D, 0x8F, 0x90, 0x9D map to the C1 control
 * of the same value); every other byte is the code point of the same value. Written out because Node 20's
 * TextDecoder('windows-1252') decodes as ISO-8859-1, so that 0x93 gives U+0093 instead of `“`.
 */
const WINDOWS_1252_HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/** Windows-1252 (what browsers use for `latin1` and `iso-8859-1` too): one UTF-16 unit per byte. */
export function decodeWindows1252(bytes: Uint8Array): string {
  const chunks: string[] = [];
  const size = 8192;
  for (let start = 0; start < bytes.length; start += size) {
    const units = Array.from(bytes.subarray(start, start + size), (byte) => (byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80]! : byte));
    chunks.push(String.fromCharCode(...units));
  }
  return chunks.join('');
}
