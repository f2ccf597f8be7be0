/**
 * Turns the bytes of one input into documents, or into failures that say what is wrong with it.
 *
 * `document.text` is the input exactly as decoded: UTF-8, BOM removed, nothing else changed (no newline,
 * whitespace, quote or dash normalisation), so that every offset is valid against the file the user has.
 * HTML is the one exception the contract allows: the text is the extracted article text and the
 * document's format says `html`. Nothing here throws for bad input; odd input becomes a failure outcome.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { DiagnosticJson } from '../api/analysis-json.js';
import { createDocument, isIsoDay, type Document, type DocumentFormat } from '../core/document.js';
import { hashText } from './hash-text.js';

export type ReadOutcome =
  | { kind: 'document'; document: Document }
  | { kind: 'failure'; source: string; diagnostic: DiagnosticJson };

export interface DocumentMeta {
  /** Where the bytes came from: the path as the user gave it, or `-` for stdin. Also picks the format. */
  source: string;
  /** Overrides the format the file extension implies. */
  format?: DocumentFormat;
  /** `YYYY-MM-DD` (a full ISO timestamp is cut to its date); wins over any date found in the input. */
  publishedAt?: string | null;
}

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
};

const JSON_LINES_EXTENSIONS = new Set(['.jsonl', '.ndjson']);

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

/**
 * Decodes UTF-8 strictly and drops a leading BOM. Refuses UTF-16, text with NUL bytes (binary files)
 * and invalid UTF-8, naming the offset of the first bad byte (counted in the file, BOM included).
 */
export function decodeUtf8(bytes: Uint8Array): DecodeResult {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { ok: false, problem: 'UTF-16 text (byte order mark), not UTF-8; convert it to UTF-8 first' };
  }
  if (bytes.indexOf(0) !== -1) return { ok: false, problem: 'looks binary (NUL bytes), skipped' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const offset = firstInvalidUtf8Offset(bytes);
    return { ok: false, problem: offset === -1 ? 'not valid UTF-8' : `not valid UTF-8 (first bad byte at offset ${offset})` };
  }
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
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

/**
 * The documents in one input's bytes. Text, Markdown and HTML give one document; JSON and JSON Lines
 * give one per record, and a bad record is a failure that does not stop the others.
 */
export function documentsFromBytes(bytes: Uint8Array, meta: DocumentMeta): ReadOutcome[] {
  const { source } = meta;
  let override: string | null = null;
  if (meta.publishedAt != null) {
    override = normalisePublishedAt(meta.publishedAt);
    if (override === null) {
      return [readFailure(source, `${source}: publication date ${JSON.stringify(meta.publishedAt)} is not a date (expected YYYY-MM-DD)`)];
    }
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) return [readFailure(source, `${source}: ${decoded.problem}`)];
  const text = decoded.text;
  if (text.trim() === '') return [readFailure(source, `${source}: empty document`)];

  const format = meta.format ?? (source === '-' ? sniffFormat(text) : (formatFromPath(source) ?? 'text'));
  const build = { source, override };
  switch (format) {
    case 'text':
      return [hashedDocument(text, 'text', build.source, { title: null, publishedAt: build.override })];
    case 'markdown':
      return [hashedDocument(text, 'markdown', build.source, { title: markdownTitle(text), publishedAt: build.override })];
    case 'html':
      return [htmlDocument(text, build)];
    case 'json':
      return jsonDocuments(text, JSON_LINES_EXTENSIONS.has(extensionOf(source)), build);
  }
}

interface BuildContext {
  source: string;
  /** The caller's publication date, already normalised; it wins over the input's own. */
  override: string | null;
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

/** A document whose id is derived from its content hash (every input but JSON records). */
function hashedDocument(
  text: string,
  format: DocumentFormat,
  source: string,
  fields: { title: string | null; url?: string | null; publishedAt: string | null },
): ReadOutcome {
  const contentHash = hashText(text);
  return {
    kind: 'document',
    document: createDocument({ id: contentHash.slice(0, 12), text, contentHash, format, source, ...fields }),
  };
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
    const heading = /^ {0,3}#[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (heading && heading[1]!.trim() !== '') return heading[1]!.trim();
  }
  return null;
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

function htmlDocument(html: string, build: BuildContext): ReadOutcome {
  const { source } = build;
  let metadata: HtmlMetadata;
  let paragraphs: string[];
  try {
    // Readability rewrites the DOM it is given, so metadata is read first and the fallback parses afresh.
    const page = parsePage(html);
    metadata = htmlMetadata(page);
    let article: ReturnType<Readability<Node>['parse']> = null;
    try {
      article = new Readability<Node>(page, { serializer: (node) => node }).parse();
    } catch {
      article = null;
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
  return hashedDocument(text, 'html', source, {
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
    const head = /<head(?:\s[^>]*)?>([\s\S]*?)<\/head\s*>/i.exec(html);
    const body = html
      .replace(/<head(?:\s[^>]*)?>[\s\S]*?<\/head\s*>/i, '')
      .replace(/<!doctype[^>]*>/gi, '')
      .replace(/<\/?(?:html|body)(?:\s[^>]*)?>/gi, '');
    markup = `<!DOCTYPE html><html><head>${head ? head[1] : ''}</head><body>${body}</body></html>`;
  }
  return parseHTML(markup).document as unknown as HtmlPage;
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

/** The text of each block, internal whitespace runs collapsed to one space; empty blocks dropped. */
function paragraphsOf(root: Node): string[] {
  const paragraphs: string[] = [];
  let current = '';
  const flush = (): void => {
    const paragraph = collapseWhitespace(current);
    if (paragraph !== '') paragraphs.push(paragraph);
    current = '';
  };
  const visit = (node: Node): void => {
    if (node.nodeType === 3) {
      current += node.nodeValue ?? '';
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeType === 1 ? (node as Element).tagName.toUpperCase() : '';
    if (SKIPPED_ELEMENTS.has(tag)) return;
    if (tag === 'BR') {
      current += ' ';
      return;
    }
    const block = BLOCK_ELEMENTS.has(tag);
    if (block) flush();
    for (let child = node.firstChild; child !== null; child = child.nextSibling) visit(child);
    if (block) flush();
  };
  visit(root);
  flush();
  return paragraphs;
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

/**
 * A `.jsonl`/`.ndjson` file is read line by line. Any other JSON input is one object or an array of
 * objects; when it does not parse as a whole but every line does, it is read as JSON Lines too.
 */
function jsonDocuments(text: string, jsonLines: boolean, build: BuildContext): ReadOutcome[] {
  const { source } = build;
  if (!jsonLines) {
    const whole = parseJson(text);
    if (whole.ok) {
      if (Array.isArray(whole.value)) {
        if (whole.value.length === 0) return [readFailure(source, `${source}: empty array, no records`)];
        return whole.value.map((value, index) => recordDocument(value, `${source}#${index + 1}`, `${source} item ${index + 1}`, build));
      }
      return [recordDocument(whole.value, source, source, build)];
    }
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length < 2 || !parseJson(lines[0]!).ok) return [readFailure(source, `${source}: not valid JSON (${whole.problem})`)];
  }
  const outcomes: ReadOutcome[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (line.trim() === '') return;
    const where = `${source} line ${index + 1}`;
    const parsed = parseJson(line);
    outcomes.push(
      parsed.ok
        ? recordDocument(parsed.value, `${source}#${index + 1}`, where, build)
        : readFailure(`${source}#${index + 1}`, `${where}: not valid JSON (${parsed.problem})`),
    );
  });
  return outcomes;
}

const DATE_FIELDS = ['publishedAt', 'published_at', 'date'] as const;

/** One JSON record `{id?, text, title?, url?, publishedAt?|published_at?|date?}` as a document. */
function recordDocument(value: unknown, recordSource: string, where: string, build: BuildContext): ReadOutcome {
  const fail = (problem: string): ReadOutcome => readFailure(recordSource, `${where}: ${problem}`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(`expected an object with a "text" field, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`);
  }
  const record = value as Record<string, unknown>;
  if (record.text === undefined || record.text === null) return fail('missing "text"');
  if (typeof record.text !== 'string') return fail(`"text" must be a string, got ${typeof record.text}`);
  if (record.text.trim() === '') return fail('empty "text"');

  let id: string | null = null;
  if (typeof record.id === 'string' && record.id.trim() !== '') id = record.id;
  else if (typeof record.id === 'number' && Number.isFinite(record.id)) id = String(record.id);
  else if (record.id !== undefined && record.id !== null && record.id !== '') return fail(`"id" must be a string or a number, got ${typeof record.id}`);

  const optionalString = (field: 'title' | 'url'): string | null | Error => {
    const fieldValue = record[field];
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
    const field = DATE_FIELDS.find((name) => record[name] !== undefined && record[name] !== null);
    if (field !== undefined) {
      const raw = record[field];
      const day = typeof raw === 'string' ? normalisePublishedAt(raw) : null;
      if (day === null) return fail(`invalid "${field}": ${JSON.stringify(raw)} is not a date (expected YYYY-MM-DD)`);
      publishedAt = day;
    }
  }

  const contentHash = hashText(record.text);
  return {
    kind: 'document',
    document: createDocument({
      id: id ?? contentHash.slice(0, 12),
      text: record.text,
      contentHash,
      title,
      url,
      publishedAt,
      format: 'json',
      source: recordSource,
    }),
  };
}
