/**
 * Turns the bytes of one input into documents, or into failures that say what is wrong with it.
 *
 * `document.text` is the input exactly as decoded, BOM removed, nothing else changed (no newline,
 * whitespace, quote or dash normalisation), so that every offset is valid against the file's text. UTF-8
 * is the default; `decodeInput` (decode-text.ts) reads UTF-16 with a BOM, an HTML page's declared charset,
 * and Windows-1252 for a file that is not valid UTF-8, and a document read with an assumed encoding
 * carries a `warnings` diagnostic saying which.
 * HTML is the one exception the contract allows: the text is the extracted article text and the
 * document's format says `html`. Nothing here throws for bad input; odd input becomes a failure outcome.
 *
 * JSON Lines never becomes one string: `splitLines` cuts bytes at `\n` and `documentsFromJsonLines`
 * decodes and reads one line at a time, so an input of any size is read in flat memory. Every other
 * input is one document (or one JSON value) and must fit in `maxBytes` (256 MiB by default).
 */
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { createRequire } from 'node:module';
import type { Readability as ReadabilityType } from '@mozilla/readability';
import type { parseHTML as ParseHtml } from 'linkedom';
import type { DiagnosticJson } from '../api/analysis-json.js';
import { createDocument, isIsoDay, type Document, type DocumentFormat } from '../core/document.js';
import { decodeInput, decodeWindows1252 } from './decode-text.js';
import { hashText } from './hash-text.js';
import { parseDelimited } from './parse-delimited.js';

export type ReadOutcome =
  /** `warnings`: what the reader assumed (an encoding), for the document's diagnostics. */
  | { kind: 'document'; document: Document; warnings?: DiagnosticJson[] }
  | { kind: 'failure'; source: string; diagnostic: DiagnosticJson }
  /** A file a directory walk passed over, with the reason (`unsupported extension .pdf`). Not an error. */
  | { kind: 'skipped'; source: string; reason: string };

export interface DocumentMeta {
  /** Where the bytes came from: the path as the user gave it, or `-` for stdin. Also picks the format. */
  source: string;
  /** Overrides the format the file extension implies. */
  format?: DocumentFormat;
  /** `YYYY-MM-DD` (a full ISO timestamp is cut to its date); wins over any date found in the input. */
  publishedAt?: string | null;
  /**
   * The file's absolute real path (symbolic links resolved), the identity of a document that has no
   * given id and no URL. Defaults to `source` resolved against the working directory. Unused for stdin.
   */
  path?: string;
  /** The largest input read as one string (a text, Markdown, HTML or JSON input, one JSON Lines line). */
  maxBytes?: number;
}

/** 256 MiB: well under V8's longest string, and far over any real article or JSON feed read whole. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

export type DecodeResult = { ok: true; text: string } | { ok: false; problem: string };

const EXTENSION_FORMATS: Readonly<Record<string, DocumentFormat>> = {
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.json': 'json',
  '.jsonl': 'json',
  '.ndjson': 'json',
  '.csv': 'csv',
  '.tsv': 'csv',
};

export const JSON_LINES_EXTENSIONS: ReadonlySet<string> = new Set(['.jsonl', '.ndjson']);

/** The lower-cased extension of the last path segment (`.md`), or `''` when it has none. Dotfiles have none. */
export function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}

/**
 * The format a path's extension implies: `text` for a name without extension, `null` for an
 * extension claimtrace does not read (a directory walk skips those files).
 */
export function formatFromPath(path: string): DocumentFormat | null {
  const extension = extensionOf(path);
  if (extension === '') return 'text';
  return EXTENSION_FORMATS[extension] ?? null;
}

export function readFailure(source: string, message: string): ReadOutcome {
  return { kind: 'failure', source, diagnostic: { severity: 'error', message, span: null, analysis: 'read-document' } };
}

/** `314572800 bytes (300 MiB)`: the exact count, and from 1 MiB on the size as people read it. */
export function describeSize(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1 ? `${bytes} bytes (${Number(mib.toFixed(1))} MiB)` : `${bytes} bytes`;
}

/** The failure for an input too large to be read as one string. */
export function tooLargeFailure(source: string, size: number, maxBytes: number): ReadOutcome {
  return readFailure(
    source,
    `${source}: too large to read as one document: ${describeSize(size)}, over the limit of ${describeSize(maxBytes)}; ` +
      'split it, or give its records as JSON Lines (.jsonl), which is read line by line',
  );
}

// ---------------------------------------------------------------------------------------------------
// Document identity

/**
 * What a document is, for its id. Distinct inputs are distinct documents even when their texts are the
 * same; reading the same input again gives the same identity. In order of preference: a URL (stable
 * across machines), the file (its absolute real path, plus the record's line or item number), and for
 * stdin, which has no name, the content hash. A record's given `id` is used verbatim and needs none.
 */
export type DocumentIdentity =
  | { kind: 'url'; url: string }
  | { kind: 'file'; path: string; record?: number }
  | { kind: 'stdin'; contentHash: string };

/** The string that is hashed into an id: the kind on the first line, so that kinds cannot collide. */
export function identityString(identity: DocumentIdentity): string {
  switch (identity.kind) {
    case 'url':
      return `url\n${identity.url}`;
    case 'file':
      return `file\n${identity.path}${identity.record === undefined ? '' : `#${identity.record}`}`;
    case 'stdin':
      return `stdin\n${identity.contentHash}`;
  }
}

/** The first 12 hex digits of sha256 over the identity string. */
export function documentIdOf(identity: DocumentIdentity): string {
  return createHash('sha256').update(identityString(identity), 'utf8').digest('hex').slice(0, 12);
}

/**
 * A URL as an identity: an http(s) URL in its normalised form (`new URL(...).href`, so that
 * `HTTPS://Example.org` and `https://example.org/` agree), anything else trimmed but otherwise as given.
 */
function urlIdentity(url: string): string {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') return parsed.href;
  } catch {
    // Not a URL this code can normalise: the string itself is the identity.
  }
  return url.trim();
}

// ---------------------------------------------------------------------------------------------------
// Decoding

/**
 * Decodes UTF-8 strictly and drops a leading BOM. Refuses UTF-16, text with NUL bytes (binary files)
 * and invalid UTF-8, naming the offset of the first bad byte (counted in the file, BOM included).
 * `baseOffset` is where `bytes` start in the file, for a line of a larger input.
 */
export function decodeUtf8(bytes: Uint8Array, baseOffset = 0): DecodeResult {
  if (baseOffset === 0 && bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, problem: 'UTF-16 text (byte order mark), not UTF-8; convert it to UTF-8 first' };
  }
  if (bytes.indexOf(0) !== -1) return { ok: false, problem: 'looks binary (NUL bytes), skipped' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (error) {
    const offset = firstInvalidUtf8Offset(bytes);
    if (offset !== -1) return { ok: false, problem: `not valid UTF-8 (first bad byte at offset ${baseOffset + offset})` };
    // Well-formed bytes that still do not decode: the string would be too long for the engine
    // (or memory ran out). Say that, not "invalid UTF-8".
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: `could not be decoded as one string of ${describeSize(bytes.length)}: ${reason}` };
  }
  return { ok: true, text: baseOffset === 0 && text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Start of the first ill-formed sequence (Unicode table 3-7), or -1 when the bytes are well-formed UTF-8. */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  const isContinuation = (index: number, low = 0x80, high = 0xbf): boolean =>
    index < bytes.length && bytes[index]! >= low && bytes[index]! <= high;
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i]!;
    let size: number;
    if (lead < 0x80) size = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) size = isContinuation(i + 1) ? 2 : 0;
    else if (lead === 0xe0) size = isContinuation(i + 1, 0xa0) && isContinuation(i + 2) ? 3 : 0;
    else if (lead === 0xed) size = isContinuation(i + 1, 0x80, 0x9f) && isContinuation(i + 2) ? 3 : 0;
    else if (lead >= 0xe1 && lead <= 0xef) size = isContinuation(i + 1) && isContinuation(i + 2) ? 3 : 0;
    else if (lead === 0xf0) size = isContinuation(i + 1, 0x90) && isContinuation(i + 2) && isContinuation(i + 3) ? 4 : 0;
    else if (lead >= 0xf1 && lead <= 0xf3) size = isContinuation(i + 1) && isContinuation(i + 2) && isContinuation(i + 3) ? 4 : 0;
    else if (lead === 0xf4) size = isContinuation(i + 1, 0x80, 0x8f) && isContinuation(i + 2) && isContinuation(i + 3) ? 4 : 0;
    else size = 0;
    if (size === 0) return i;
    i += size;
  }
  return -1;
}

/**
 * `YYYY-MM-DD` from a date or an ISO timestamp (`2019-11-20T23:30:00-05:00` gives `2019-11-20`: the
 * date as written, not converted to UTC), or null when the value is not a real calendar day.
 */
export function normalisePublishedAt(value: string): string | null {
  const match = /^\s*(\d{4}-\d{2}-\d{2})(?:$|[T\s])/.exec(value);
  return match && isIsoDay(match[1]!) ? match[1]! : null;
}

interface BuildContext {
  source: string;
  /** The caller's publication date, already normalised; it wins over the input's own. */
  override: string | null;
  /** The file's absolute path for file identities, or null for stdin. */
  path: string | null;
  /** The limit for one string (see `DocumentMeta.maxBytes`). */
  maxBytes: number;
}

/** The context every document of one input is built with, or the failure for a bad caller date. */
function buildContext(meta: DocumentMeta): BuildContext | ReadOutcome {
  const { source } = meta;
  let override: string | null = null;
  if (meta.publishedAt != null) {
    override = normalisePublishedAt(meta.publishedAt);
    if (override === null) {
      return readFailure(source, `${source}: publication date ${JSON.stringify(meta.publishedAt)} is not a date (expected YYYY-MM-DD)`);
    }
  }
  return {
    source,
    override,
    path: source === '-' ? null : (meta.path ?? resolve(source)),
    maxBytes: meta.maxBytes ?? MAX_INPUT_BYTES,
  };
}

/** Whether `format` and `source` mean JSON Lines, read line by line whatever the size. */
function isJsonLinesSource(meta: Pick<DocumentMeta, 'source' | 'format'>): boolean {
  return (meta.format ?? formatFromPath(meta.source)) === 'json' && JSON_LINES_EXTENSIONS.has(extensionOf(meta.source));
}

/**
 * The documents in one input's bytes. Text, Markdown and HTML give one document; JSON and JSON Lines
 * give one per record, and a bad record is a failure that does not stop the others. Ids follow the
 * identity rule (`DocumentIdentity`), with `meta.path` as the file. For a large JSON Lines input, read
 * it as a stream with `splitLines` and `documentsFromJsonLines` instead.
 */
export function documentsFromBytes(bytes: Uint8Array, meta: DocumentMeta): ReadOutcome[] {
  const { source } = meta;
  const build = buildContext(meta);
  if ('kind' in build) return [build];
  if (isJsonLinesSource(meta)) return jsonLinesOutcomes(splitLinesOf(bytes, build.maxBytes), build);
  if (bytes.length > build.maxBytes) return [tooLargeFailure(source, bytes.length, build.maxBytes)];
  const givenFormat = meta.format ?? (source === '-' ? null : (formatFromPath(source) ?? 'text'));
  const decoded = decodeInput(bytes, { html: givenFormat === 'html' || (givenFormat === null && looksLikeHtml(bytes)) });
  if (!decoded.ok) return [readFailure(source, `${source}: ${decoded.problem}`)];
  const text = decoded.text;
  if (text.trim() === '') return [readFailure(source, `${source}: empty document`)];

  const format = givenFormat ?? sniffFormat(text);
  const outcomes = documentsOfFormat(text, format, build);
  if (decoded.warning === null) return outcomes;
  const warning: DiagnosticJson = { severity: 'warning', message: `${source}: ${decoded.warning}`, span: null, analysis: 'read-document' };
  return outcomes.map((outcome) => (outcome.kind === 'document' ? { ...outcome, warnings: [...(outcome.warnings ?? []), warning] } : outcome));
}

/** Whether stdin bytes start like an HTML page (then a declared charset is looked for). */
function looksLikeHtml(bytes: Uint8Array): boolean {
  return HTML_START.test(decodeWindows1252(bytes.subarray(0, 256)).trimStart());
}

const HTML_START = /^(?:\ufeff|\u00ef\u00bb\u00bf)?\s*<(?:!doctype\s+html|html|head|body)[\s>]/i;

function documentsOfFormat(text: string, format: DocumentFormat, build: BuildContext): ReadOutcome[] {
  switch (format) {
    case 'text':
      return [wholeInputDocument(text, 'text', build, { title: plainTextTitle(text, build), url: null, publishedAt: build.override })];
    case 'markdown':
      return [
        wholeInputDocument(text, 'markdown', build, {
          title: markdownTitle(text) ?? plainTextTitle(text, build),
          url: null,
          publishedAt: build.override,
        }),
      ];
    case 'html':
      return [htmlDocument(text, build)];
    case 'json':
      return jsonDocuments(text, build);
    case 'csv':
      return delimitedDocuments(text, extensionOf(build.source) === '.tsv' ? '\t' : ',', build);
  }
}

/** Stdin has no extension: recognise an HTML page or parseable JSON, and read anything else as text. */
function sniffFormat(text: string): DocumentFormat {
  const start = text.trimStart();
  if (/^<(?:!doctype\s+html|html|head|body)[\s>]/i.test(start)) return 'html';
  if (start.startsWith('{') || start.startsWith('[')) {
    if (parseJson(text).ok) return 'json';
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length > 0 && lines.every((line) => parseJson(line).ok)) return 'json';
  }
  return 'text';
}

/**
 * A text, Markdown or HTML document: one per input, so its identity is its URL when it has one,
 * otherwise the file, otherwise (stdin) its content hash.
 */
function wholeInputDocument(
  text: string,
  format: DocumentFormat,
  build: BuildContext,
  fields: { title: string | null; url: string | null; publishedAt: string | null },
): ReadOutcome {
  const contentHash = hashText(text);
  const identity: DocumentIdentity =
    fields.url !== null
      ? { kind: 'url', url: urlIdentity(fields.url) }
      : build.path !== null
        ? { kind: 'file', path: build.path }
        : { kind: 'stdin', contentHash };
  return {
    kind: 'document',
    document: createDocument({ id: documentIdOf(identity), text, contentHash, format, source: build.source, ...fields }),
  };
}

/** A first line longer than this is a paragraph, not a headline. */
const HEADLINE_MAX_LENGTH = 150;

/**
 * The headline of a plain-text article: its first non-blank line when that line looks like one
 * (at most 150 characters, at least one letter, no final full stop, comma, colon or semicolon, not
 * a date alone, followed by a blank line and then more text). Null otherwise.
 * A wire copy, a BBC text or a pasted article starts this way; a text that opens with its first
 * paragraph does not.
 */
export function headlineOf(text: string): string | null {
  const lines = text.split(/\r?\n/);
  let first = 0;
  while (first < lines.length && lines[first]!.trim() === '') first++;
  if (first >= lines.length) return null;
  const line = lines[first]!.replace(/^\ufeff/, '').trim();
  const next = lines[first + 1];
  // The line must be followed by a blank line and more text after it.
  if (next === undefined || next.trim() !== '') return null;
  if (!lines.slice(first + 2).some((rest) => rest.trim() !== '')) return null;
  if (line.length > HEADLINE_MAX_LENGTH || !/\p{L}/u.test(line)) return null;
  // A full stop (not an ellipsis or an abbreviation's dot inside), a comma, a colon or a semicolon
  // at the end means a sentence or a lead-in, not a headline.
  if (/[,;:]$/.test(line) || (/\.$/.test(line) && !/\.\.\.$/.test(line))) return null;
  // A dateline (`Wednesday, September 18, 2019`, as Wikinews texts start) is not a headline.
  if (DATELINE.test(line)) return null;
  return line.replace(/\s+/g, ' ');
}

const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
const WEEKDAY = '(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\\.?';
/** A line that is only a date: weekday optional, day and month in either order, year; or an ISO date. */
const DATELINE = new RegExp(
  `^(?:${WEEKDAY},?\\s+)?(?:${MONTH}\\s+\\d{1,2}(?:st|nd|rd|th)?|\\d{1,2}(?:st|nd|rd|th)?\\s+${MONTH}),?\\s+\\d{4}$|^\\d{4}-\\d{2}-\\d{2}$`,
  'i',
);

/**
 * The title of a text (or a Markdown file without a level-one heading): its headline when it has
 * one, else the file's name; null for standard input without a headline.
 */
function plainTextTitle(text: string, build: BuildContext): string | null {
  return headlineOf(text) ?? (build.path !== null ? basename(build.source) || null : null);
}

/** The first level-one ATX heading (`# Title`) outside fenced code blocks, or null. */
export function markdownTitle(text: string): string | null {
  let fence: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    const fenceMatch = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (fenceMatch) {
      const marker = fenceMatch[1]!;
      if (fence === null) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const opening = /^ {0,3}#[ \t]+/.exec(line);
    if (opening) {
      const title = withoutClosingHashes(line.slice(opening[0].length)).trim();
      if (title !== '') return title;
    }
  }
  return null;
}

/**
 * A heading's text without its optional closing sequence (`# Title ##`: spaces, then `#`s, then
 * spaces). Written as a scan from the end: the regular expression for it backtracks quadratically
 * on a long line of spaces.
 */
function withoutClosingHashes(rest: string): string {
  let end = rest.length;
  while (end > 0 && (rest[end - 1] === ' ' || rest[end - 1] === '\t')) end--;
  let hashes = end;
  while (hashes > 0 && rest[hashes - 1] === '#') hashes--;
  if (hashes < end && hashes > 0 && (rest[hashes - 1] === ' ' || rest[hashes - 1] === '\t')) end = hashes;
  return rest.slice(0, end);
}


// ---------------------------------------------------------------------------------------------------
// HTML

/** Elements whose start and end break a paragraph; text between them is joined into one paragraph. */
const BLOCK_ELEMENTS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'CAPTION', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET',
  'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN',
  'NAV', 'OL', 'P', 'PRE', 'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);

/** Elements whose content is never article text. */
const SKIPPED_ELEMENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'SVG', 'IFRAME', 'OBJECT', 'CANVAS']);

/** The DOM's document type (lib.dom), not claimtrace's `Document`. */
type HtmlPage = globalThis.Document;

interface HtmlMetadata {
  title: string | null;
  url: string | null;
  publishedAt: string | null;
}

/**
 * The HTML libraries, loaded when the first HTML input is read: together they cost about 0.3 CPU
 * seconds to import, which a run over text or JSON Lines never needs (docs/performance.md). Both
 * ship a CommonJS build, so they load synchronously here.
 */
let htmlLibraries: { Readability: typeof ReadabilityType; parseHTML: typeof ParseHtml } | null = null;

function libraries(): { Readability: typeof ReadabilityType; parseHTML: typeof ParseHtml } {
  if (!htmlLibraries) {
    const load = createRequire(import.meta.url);
    htmlLibraries = {
      Readability: (load('@mozilla/readability') as { Readability: typeof ReadabilityType }).Readability,
      parseHTML: (load('linkedom') as { parseHTML: typeof ParseHtml }).parseHTML,
    };
  }
  return htmlLibraries;
}

function htmlDocument(html: string, build: BuildContext): ReadOutcome {
  const { source } = build;
  let metadata: HtmlMetadata;
  let paragraphs: string[];
  try {
    // Readability rewrites the DOM it is given, so metadata is read first and the fallback parses afresh.
    const page = parsePage(html);
    metadata = htmlMetadata(page);
    let article: ReturnType<ReadabilityType<Node>['parse']> = null;
    // Too deep for Readability (see MAX_READABILITY_DEPTH): the flat extraction below reads it.
    // From the root element: in linkedom a doctype node has no next sibling, so the document's children end there.
    if (nestingDepth(page.documentElement ?? page, MAX_READABILITY_DEPTH) <= MAX_READABILITY_DEPTH) {
      try {
        article = new (libraries().Readability)<Node>(page, { serializer: (node) => node }).parse();
      } catch {
        // Readability failed on this page: the flat extraction below reads it.
        article = null;
      }
    }
    paragraphs = article?.content ? paragraphsOf(article.content) : [];
    if (article?.title && article.title.trim() !== '') metadata = { ...metadata, title: collapseWhitespace(article.title) };
    if (paragraphs.length === 0) {
      const fallback = parsePage(html);
      paragraphs = fallback.body ? paragraphsOf(fallback.body) : [];
    }
  } catch (error) {
    return readFailure(source, `${source}: could not parse the HTML (${error instanceof Error ? error.message : String(error)})`);
  }
  if (paragraphs.length === 0) return readFailure(source, `${source}: no article text found in the HTML`);

  const text = paragraphs.join('\n\n');
  return wholeInputDocument(text, 'html', build, {
    title: metadata.title,
    url: metadata.url,
    publishedAt: build.override ?? metadata.publishedAt,
  });
}

/**
 * linkedom is not an HTML5 tree builder: content outside an explicit `<body>` (a fragment, or a page
 * that leaves out the optional tags) is not placed in `document.body`. Such input gets the skeleton first.
 */
function parsePage(html: string): HtmlPage {
  const complete = /<html[\s>]/i.test(html) && /<body[\s>]/i.test(html);
  let markup = html;
  if (!complete) {
    const head = headElement(html);
    const withoutHead = head ? html.slice(0, head.start) + html.slice(head.end) : html;
    const body = removeTags(removeTags(withoutHead, /<!doctype/gi), /<\/?(?:html|body)(?=[\s>])/gi);
    markup = `<!DOCTYPE html><html><head>${head ? head.content : ''}</head><body>${body}</body></html>`;
  }
  return libraries().parseHTML(markup).document as unknown as HtmlPage;
}

/*
 * The skeleton is found by scanning, not by one regular expression per tag: a pattern such as
 * `<head(?:\s[^>]*)?>` reads to the end of the page from every `<head` that no `>` follows, which is
 * quadratic on a hostile page (test/contract/regex-backtracking.test.ts checks every pattern).
 */

/** Where the tag opened by `opener` (a global pattern for `<name`) at or after `from` ends, after its `>`. */
function nextTag(html: string, opener: RegExp, from: number): { start: number; end: number } | null {
  opener.lastIndex = from;
  const match = opener.exec(html);
  if (!match) return null;
  const close = html.indexOf('>', match.index + match[0].length);
  // No `>` after this tag: none after any later one either.
  return close < 0 ? null : { start: match.index, end: close + 1 };
}

/** The first `<head>` element that is closed, with its content. */
function headElement(html: string): { start: number; end: number; content: string } | null {
  const open = nextTag(html, /<head(?=[\s>])/gi, 0);
  if (!open) return null;
  const closing = /<\/head\s*>/gi;
  closing.lastIndex = open.end;
  const close = closing.exec(html);
  if (!close) return null;
  return { start: open.start, end: close.index + close[0].length, content: html.slice(open.end, close.index) };
}

/** The page without every tag opened by `opener` (a global pattern). */
function removeTags(html: string, opener: RegExp): string {
  const parts: string[] = [];
  let at = 0;
  for (let tag = nextTag(html, opener, 0); tag !== null; tag = nextTag(html, opener, tag.end)) {
    parts.push(html.slice(at, tag.start));
    at = tag.end;
  }
  parts.push(html.slice(at));
  return parts.join('');
}

function htmlMetadata(page: HtmlPage): HtmlMetadata {
  const metaContent = (selector: string): string | null => {
    const value = page.querySelector(selector)?.getAttribute('content');
    return value && value.trim() !== '' ? value.trim() : null;
  };
  const titleElement = page.querySelector('title')?.textContent;
  const title = metaContent('meta[property="og:title"]') ?? (titleElement ? collapseWhitespace(titleElement) || null : null);

  let url: string | null = null;
  for (const link of Array.from(page.querySelectorAll('link[rel]'))) {
    const rel = (link.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
    if (rel.includes('canonical')) {
      url = absoluteUrl(link.getAttribute('href'));
      if (url) break;
    }
  }
  url ??= absoluteUrl(metaContent('meta[property="og:url"]'));

  return { title, url, publishedAt: htmlPublishedAt(page, metaContent) };
}

/** `article:published_time`, then the first `<time datetime>`, then JSON-LD `datePublished`. */
function htmlPublishedAt(page: HtmlPage, metaContent: (selector: string) => string | null): string | null {
  const fromMeta = metaContent('meta[property="article:published_time"]');
  if (fromMeta && normalisePublishedAt(fromMeta)) return normalisePublishedAt(fromMeta);
  for (const time of Array.from(page.querySelectorAll('time[datetime]'))) {
    const day = normalisePublishedAt(time.getAttribute('datetime') ?? '');
    if (day) return day;
  }
  for (const script of Array.from(page.querySelectorAll('script[type="application/ld+json"]'))) {
    const parsed = parseJson(script.textContent ?? '');
    if (!parsed.ok) continue;
    const day = jsonLdDatePublished(parsed.value);
    if (day) return day;
  }
  return null;
}

/** Breadth-first, so a top-level `datePublished` wins over one nested in an `@graph` or `isPartOf`. */
function jsonLdDatePublished(root: unknown): string | null {
  let level: unknown[] = [root];
  for (let depth = 0; depth < 8 && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const value of level) {
      if (Array.isArray(value)) {
        next.push(...value);
      } else if (value !== null && typeof value === 'object') {
        const record = value as Record<string, unknown>;
        if (typeof record.datePublished === 'string') {
          const day = normalisePublishedAt(record.datePublished);
          if (day) return day;
        }
        next.push(...Object.values(record).filter((child) => child !== null && typeof child === 'object'));
      }
    }
    level = next;
  }
  return null;
}

function absoluteUrl(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function collapseWhitespace(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * The text of each block, internal whitespace runs collapsed to one space; empty blocks dropped.
 * Iterative (an explicit stack, no recursion), so any nesting depth is read in time linear in the nodes.
 */
function paragraphsOf(root: Node): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const paragraph = collapseWhitespace(current);
    if (paragraph !== '') paragraphs.push(paragraph);
    current = '';
  };
  // Each entry is a node to enter, or the marker that a block element's children are done.
  const stack: Array<Node | typeof BLOCK_END> = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node === BLOCK_END) {
      flush();
      continue;
    }
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      continue;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) continue;
    const tag = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : '';
    if (SKIPPED_ELEMENTS.has(tag)) continue;
    if (tag === 'BR') {
      current += ' ';
      continue;
    }
    const block = BLOCK_ELEMENTS.has(tag);
    if (block) {
      flush();
      stack.push(BLOCK_END);
    }
    // Children pushed last-first, so that they are entered in document order.
    const children: Node[] = [];
    for (let child = node.firstChild; child !== null; child = child.nextSibling) children.push(child);
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]!);
  }
  flush();
  return paragraphs;
}

const BLOCK_END = Symbol('block end');

/**
 * Above this element nesting depth Readability is not used and the page is read flat (`paragraphsOf`
 * over the body). Readability's scoring walks each candidate's ancestors and recurses over the tree,
 * so its time grows faster than linearly with depth (500 nested elements took 1.7 s, 1,000 took 12 s)
 * and from a few thousand levels it overflows the stack. Real article pages nest a few dozen levels.
 */
export const MAX_READABILITY_DEPTH = 200;

/** The deepest element nesting under `root` (iterative), stopping early once it passes `limit`. */
function nestingDepth(root: Node, limit: number): number {
  let deepest = 0;
  const stack: Array<[Node, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > deepest) {
      deepest = depth;
      if (deepest > limit) return deepest;
    }
    for (let child = node.firstChild; child !== null; child = child.nextSibling) {
      if (child.nodeType === 1) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}


// ---------------------------------------------------------------------------------------------------
// JSON and JSON Lines

type Parsed = { ok: true; value: unknown } | { ok: false; problem: string };

function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, problem: error instanceof Error ? error.message : String(error) };
  }
}

/** Whether one line (without its `\n`) is blank or parses as JSON on its own: how JSON Lines is recognised. */
export function jsonLineParses(bytes: Uint8Array): boolean {
  const decoded = decodeUtf8(bytes);
  return decoded.ok && parseJson(decoded.text).ok;
}

/**
 * A JSON input read whole (a `.json` file, or JSON on stdin): one object or an array of objects. When it
 * does not parse as a whole but its first line does and there are more, it is JSON Lines after all.
 */
function jsonDocuments(text: string, build: BuildContext): ReadOutcome[] {
  const { source } = build;
  const whole = parseJson(text);
  if (whole.ok) {
    if (Array.isArray(whole.value)) {
      if (whole.value.length === 0) return [readFailure(source, `${source}: empty array, no records`)];
      return whole.value.map((value, index) => recordDocument(value, index + 1, `${source} item ${index + 1}`, build));
    }
    return [recordDocument(whole.value, null, source, build)];
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  if (lines.length < 2 || !parseJson(lines[0]!).ok) return [readFailure(source, `${source}: not valid JSON (${whole.problem})`)];
  const outcomes: ReadOutcome[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const outcome = jsonLineOutcome(rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine, index + 1, build);
    if (outcome !== null) outcomes.push(outcome);
  });
  return outcomes;
}

/** One line of JSON Lines, decoded and without its line break: a record, a failure, or null when blank. */
function jsonLineOutcome(line: string, number: number, build: BuildContext): ReadOutcome | null {
  if (line.trim() === '') return null;
  const where = `${build.source} line ${number}`;
  const parsed = parseJson(line);
  return parsed.ok ? recordDocument(parsed.value, number, where, build) : readFailure(`${build.source}#${number}`, `${where}: not valid JSON (${parsed.problem})`);
}

// ---------------------------------------------------------------------------------------------------
// JSON Lines, byte by byte

/** One line of an input, cut at `\n` (which it does not include). */
export interface InputLine {
  /** 1-based. */
  number: number;
  /** Byte offset of the line's first byte in the input. */
  offset: number;
  /** Length in bytes, without the `\n`. */
  length: number;
  /** The line's bytes, or null when it is longer than the limit (then they were not kept). */
  bytes: Uint8Array | null;
}

/**
 * Cuts a stream of bytes into lines at the byte level: nothing is decoded here, so a chunk boundary
 * inside a multi-byte character does no harm, and memory holds one line (at most `maxLineBytes`) at a time.
 */
export class LineSplitter {
  private parts: Uint8Array[] = [];
  private length = 0;
  private number = 1;
  private offset = 0;

  constructor(private readonly maxLineBytes: number = MAX_INPUT_BYTES) {}

  /** The lines that `chunk` completes. */
  *push(chunk: Uint8Array): Generator<InputLine> {
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      this.add(chunk.subarray(start, newline === -1 ? chunk.length : newline));
      if (newline === -1) return;
      yield this.take();
      start = newline + 1;
    }
  }

  /** The last line, when the input does not end with `\n`. */
  *end(): Generator<InputLine> {
    if (this.length > 0) yield this.take();
  }

  private add(piece: Uint8Array): void {
    if (piece.length === 0) return;
    this.length += piece.length;
    if (this.length <= this.maxLineBytes) this.parts.push(piece);
    else this.parts = [];
  }

  private take(): InputLine {
    const { number, offset, length, parts } = this;
    let bytes: Uint8Array | null;
    if (length > this.maxLineBytes) bytes = null;
    else if (parts.length === 1) bytes = parts[0]!;
    else bytes = parts.length === 0 ? new Uint8Array(0) : Buffer.concat(parts, length);
    this.parts = [];
    this.length = 0;
    this.number += 1;
    this.offset += length + 1;
    return { number, offset, length, bytes };
  }
}

/** The lines of a stream of chunks (a file stream, stdin), one at a time. */
export async function* splitLines(
  chunks: AsyncIterable<Uint8Array | string>,
  maxLineBytes: number = MAX_INPUT_BYTES,
): AsyncGenerator<InputLine> {
  const splitter = new LineSplitter(maxLineBytes);
  for await (const chunk of chunks) yield* splitter.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk);
  yield* splitter.end();
}

function* splitLinesOf(bytes: Uint8Array, maxLineBytes: number): Generator<InputLine> {
  const splitter = new LineSplitter(maxLineBytes);
  yield* splitter.push(bytes);
  yield* splitter.end();
}

/** How much of the start of a JSON Lines input is looked at for a UTF-16 byte order mark or NUL bytes. */
const SNIFF_BYTES = 8000;

/**
 * Reads JSON Lines one line at a time. The lines that cover the first `SNIFF_BYTES` are held back and
 * looked at first, so that a binary or UTF-16 file is one failure rather than one per line; after
 * that, each line becomes its outcome as it arrives.
 */
class JsonLinesReader {
  private head: InputLine[] | null = [];
  private sawRecord = false;
  /** Set when the input as a whole failed; the caller stops reading. */
  stopped = false;

  constructor(private readonly build: BuildContext) {}

  *push(line: InputLine): Generator<ReadOutcome> {
    if (this.stopped) return;
    if (this.head !== null) {
      this.head.push(line);
      if (line.offset + line.length < SNIFF_BYTES) return;
      yield* this.flushHead();
      return;
    }
    const outcome = this.lineOutcome(line);
    if (outcome !== null) yield outcome;
  }

  *end(): Generator<ReadOutcome> {
    if (this.head !== null) yield* this.flushHead();
    if (!this.stopped && !this.sawRecord) yield readFailure(this.build.source, `${this.build.source}: empty document`);
  }

  private *flushHead(): Generator<ReadOutcome> {
    const head = this.head ?? [];
    this.head = null;
    const problem = headProblem(head);
    if (problem !== null) {
      this.stopped = true;
      yield readFailure(this.build.source, `${this.build.source}: ${problem}`);
      return;
    }
    for (const line of head) {
      const outcome = this.lineOutcome(line);
      if (outcome !== null) yield outcome;
    }
  }

  private lineOutcome(line: InputLine): ReadOutcome | null {
    const { source, maxBytes } = this.build;
    const where = `${source} line ${line.number}`;
    if (line.bytes === null) {
      this.sawRecord = true;
      return readFailure(
        `${source}#${line.number}`,
        `${where}: too long to read: ${describeSize(line.length)}, over the limit of ${describeSize(maxBytes)}`,
      );
    }
    const bytes = line.bytes[line.bytes.length - 1] === 0x0d ? line.bytes.subarray(0, -1) : line.bytes;
    const decoded = decodeUtf8(bytes, line.offset);
    if (!decoded.ok) {
      this.sawRecord = true;
      return readFailure(`${source}#${line.number}`, `${where}: ${decoded.problem}`);
    }
    const outcome = jsonLineOutcome(decoded.text, line.number, this.build);
    if (outcome !== null) this.sawRecord = true;
    return outcome;
  }
}

function headProblem(head: InputLine[]): string | null {
  for (const line of head) {
    if (line.bytes === null) continue;
    if (line.offset === 0 && line.bytes.length >= 2) {
      const [first, second] = [line.bytes[0], line.bytes[1]];
      if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) {
        return 'UTF-16 text (byte order mark), not UTF-8; convert it to UTF-8 first';
      }
    }
    if (line.bytes.subarray(0, Math.max(0, SNIFF_BYTES - line.offset)).indexOf(0) !== -1) return 'looks binary (NUL bytes), skipped';
  }
  return null;
}

/**
 * Whether a line is blank (whitespace only, as `String.prototype.trim` sees it), looking at bytes:
 * only a line with bytes beyond ASCII is decoded. A line too long to keep is not blank.
 */
export function isBlankLine(line: InputLine): boolean {
  const { bytes } = line;
  if (bytes === null) return false;
  let ascii = true;
  for (const byte of bytes) {
    if (byte >= 0x80) ascii = false;
    else if (byte !== 0x20 && (byte < 0x09 || byte > 0x0d)) return false;
  }
  if (ascii) return true;
  const decoded = decodeUtf8(bytes, line.offset);
  return decoded.ok && decoded.text.trim() === '';
}

/** JSON Lines from bytes already in memory. */
function jsonLinesOutcomes(lines: Iterable<InputLine>, build: BuildContext): ReadOutcome[] {
  const reader = new JsonLinesReader(build);
  const outcomes: ReadOutcome[] = [];
  for (const line of lines) {
    outcomes.push(...reader.push(line));
    if (reader.stopped) return outcomes;
  }
  outcomes.push(...reader.end());
  return outcomes;
}

/**
 * The documents of a JSON Lines input given as lines (see `splitLines`), yielded as each line is read:
 * memory holds one line at a time (after the first few kilobytes, looked at together for binary or UTF-16
 * input). Each line is decoded strictly, so a bad byte is reported with its line number and offset, and
 * a bad line is a failure that does not stop the others. Records without an id or URL are identified by
 * `meta.path` (or, for stdin, by their content hash) and their line number.
 */
export async function* documentsFromJsonLines(lines: AsyncIterable<InputLine>, meta: DocumentMeta): AsyncGenerator<ReadOutcome> {
  const build = buildContext(meta);
  if ('kind' in build) {
    yield build;
    return;
  }
  const reader = new JsonLinesReader(build);
  for await (const line of lines) {
    yield* reader.push(line);
    if (reader.stopped) return;
  }
  yield* reader.end();
}

const DATE_FIELDS = ['publishedAt', 'published_at', 'date'] as const;

/** The columns a CSV or TSV row is read from: the JSON record's fields, matched without regard to case. */
const RECORD_COLUMNS = ['id', 'text', 'title', 'url', ...DATE_FIELDS] as const;

/**
 * A CSV (`.csv`) or TSV (`.tsv`) table with a header row: one document per row, read as the JSON record
 * with the same field names (`text` required; `id`, `title`, `url`, `publishedAt`|`published_at`|`date`),
 * column names matched without regard to case, other columns ignored. A bad row is a failure naming its
 * row and line; the other rows go on. Identity as for JSON Lines, with the row number as the record.
 */
function delimitedDocuments(text: string, delimiter: ',' | '\t', build: BuildContext): ReadOutcome[] {
  const { source } = build;
  const kind = delimiter === ',' ? 'CSV' : 'TSV';
  const table = parseDelimited(text, delimiter);
  if (table === null) return [readFailure(source, `${source}: empty ${kind} file`)];
  const columns = new Map<string, number>();
  table.header.forEach((name, index) => {
    const field = RECORD_COLUMNS.find((candidate) => candidate.toLowerCase() === name.toLowerCase());
    if (field !== undefined && !columns.has(field)) columns.set(field, index);
  });
  if (!columns.has('text')) {
    const shown = table.header.slice(0, 12).map((name) => JSON.stringify(name)).join(', ');
    return [readFailure(source, `${source}: no "text" column in the ${kind} header (columns: ${shown}${table.header.length > 12 ? ', …' : ''})`)];
  }
  const outcomes: Array<{ row: number; outcome: ReadOutcome }> = table.problems.map((problem) => ({
    row: problem.row,
    outcome: readFailure(
      problem.row === 0 ? source : `${source}#${problem.row}`,
      `${source} ${problem.row === 0 ? '' : `row ${problem.row} `}(line ${problem.line}): ${problem.problem}`,
    ),
  }));
  for (const { row, line, fields } of table.rows) {
    const record: Record<string, string | null> = {};
    for (const [field, index] of columns) {
      const value = fields[index]!;
      record[field] = field === 'text' || value.trim() !== '' ? value : null;
    }
    outcomes.push({ row, outcome: recordDocument(record, row, `${source} row ${row} (line ${line})`, build, 'csv') });
  }
  return outcomes.sort((a, b) => a.row - b.row).map((entry) => entry.outcome);
}

/**
 * One JSON record `{id?, text, title?, url?, publishedAt?|published_at?|date?}` as a document. `record`
 * is its line number (JSON Lines) or item number (array), null for a file that is one object.
 */
function recordDocument(value: unknown, record: number | null, where: string, build: BuildContext, format: 'json' | 'csv' = 'json'): ReadOutcome {
  const recordSource = record === null ? build.source : `${build.source}#${record}`;
  const fail = (problem: string): ReadOutcome => readFailure(recordSource, `${where}: ${problem}`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(`expected an object with a "text" field, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const fields = value as Record<string, unknown>;
  if (fields.text === undefined || fields.text === null) return fail('missing "text"');
  if (typeof fields.text !== 'string') return fail(`"text" must be a string, got ${typeof fields.text}`);
  if (fields.text.trim() === '') return fail('empty "text"');

  let id: string | null = null;
  if (typeof fields.id === 'string' && fields.id.trim() !== '') id = fields.id;
  else if (typeof fields.id === 'number' && Number.isFinite(fields.id)) id = String(fields.id);
  else if (fields.id !== undefined && fields.id !== null && fields.id !== '') return fail(`"id" must be a string or a number, got ${typeof fields.id}`);

  const optionalString = (field: 'title' | 'url'): string | null | Error => {
    const fieldValue = fields[field];
    if (fieldValue === undefined || fieldValue === null) return null;
    if (typeof fieldValue !== 'string') return new Error(`"${field}" must be a string, got ${typeof fieldValue}`);
    return fieldValue.trim() === '' ? null : fieldValue;
  };
  const title = optionalString('title');
  if (title instanceof Error) return fail(title.message);
  const url = optionalString('url');
  if (url instanceof Error) return fail(url.message);

  let publishedAt = build.override;
  if (publishedAt === null) {
    const field = DATE_FIELDS.find((name) => fields[name] !== undefined && fields[name] !== null);
    if (field !== undefined) {
      const raw = fields[field];
      const day = typeof raw === 'string' ? normalisePublishedAt(raw) : null;
      if (day === null) return fail(`invalid "${field}": ${JSON.stringify(raw)} is not a date (expected YYYY-MM-DD)`);
      publishedAt = day;
    }
  }

  const contentHash = hashText(fields.text);
  const identity: DocumentIdentity =
    url !== null
      ? { kind: 'url', url: urlIdentity(url) }
      : build.path !== null
        ? { kind: 'file', path: build.path, ...(record === null ? {} : { record }) }
        : { kind: 'stdin', contentHash };
  return {
    kind: 'document',
    document: createDocument({
      id: id ?? documentIdOf(identity),
      text: fields.text,
      contentHash,
      title,
      url,
      publishedAt,
      format,
      source: recordSource,
    }),
  };
}
