/**
 * PolNeAR loader (Political News Attribution Relations, Newell et al., LREC 2018).
 *
 * Reads the corpus in place from `../shared/data/polnear/` (see FORMAT.md there); nothing is copied.
 * - `<split>/text/<doc>.txt`: article text (first line = headline).
 * - `<split>/attributions/<doc>_<annotator>.ann`: brat standoff. Only the FIRST annotator's file per
 *   document is used (the first id of the `annotators` column of metadata.tsv; fallback: the
 *   alphabetically smallest suffix), so multi-annotated documents count once.
 * - Spans may be discontinuous (`s e;s e`) and their text may contain newlines, so a T record is
 *   read by length, not line by line.
 * - Offsets are JavaScript string (UTF-16) indices into the decoded text; every span is checked
 *   against the text on load.
 * - An attribution is an E record; its roles point at Source / Cue / Content T records.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export type PolnearSplit = 'train' | 'dev';

/** One contiguous piece of a span: 0-based, end-exclusive UTF-16 offsets into the document text. */
export interface Fragment {
  start: number;
  end: number;
}

export interface GoldAttribution {
  /** The E record id (`E12`). */
  id: string;
  /** `Attribution` or `Attribution-no-source`. */
  kind: string;
  /** Fragments of the Source span, or null when the attribution has no source. */
  source: Fragment[] | null;
  /** Fragments of the Cue span (empty in the rare records without a Cue). */
  cue: Fragment[];
  /** Fragments of the Content span (empty in the rare records without a Content). */
  content: Fragment[];
}

export interface PolnearDoc {
  docId: string;
  split: PolnearSplit;
  /** The annotator whose `.ann` file was read. */
  annotator: string;
  title: string | null;
  publisher: string | null;
  /** `YYYY-MM-DD` from metadata.tsv, else from the document name. */
  publishedAt: string | null;
  text: string;
  attributions: GoldAttribution[];
}

export interface BratSpan {
  id: string;
  type: string;
  fragments: Fragment[];
  text: string;
}

export interface BratEvent {
  id: string;
  type: string;
  trigger: string;
  roles: Record<string, string>;
}

export interface BratAnnotations {
  spans: Map<string, BratSpan>;
  events: BratEvent[];
}

/** Parses a brat standoff file. Span text is read by length because it may contain newlines. */
export function parseBrat(src: string): BratAnnotations {
  const spans = new Map<string, BratSpan>();
  const events: BratEvent[] = [];
  let i = 0;
  while (i < src.length) {
    if (src[i] === '\n' || src[i] === '\r') {
      i++;
      continue;
    }
    const tab1 = src.indexOf('\t', i);
    const lineEnd = src.indexOf('\n', i);
    if (tab1 < 0 || (lineEnd >= 0 && tab1 > lineEnd)) {
      // A line without a tab is not a brat record: skip it.
      i = lineEnd < 0 ? src.length : lineEnd + 1;
      continue;
    }
    const id = src.slice(i, tab1);
    if (id.startsWith('T')) {
      const tab2 = src.indexOf('\t', tab1 + 1);
      if (tab2 < 0) throw new Error(`brat: T record ${id} without text at ${i}`);
      const header = src.slice(tab1 + 1, tab2);
      const space = header.indexOf(' ');
      const type = header.slice(0, space);
      const fragments = header
        .slice(space + 1)
        .split(';')
        .map((part) => {
          const [s, e] = part.trim().split(/\s+/).map(Number);
          if (!Number.isInteger(s) || !Number.isInteger(e) || e < s) throw new Error(`brat: bad offsets in ${id}: ${header}`);
          return { start: s, end: e };
        });
      const len = fragments.reduce((n, f) => n + (f.end - f.start), 0) + (fragments.length - 1);
      const text = src.slice(tab2 + 1, tab2 + 1 + len);
      spans.set(id, { id, type, fragments, text });
      i = tab2 + 1 + len;
      if (i < src.length && src[i] !== '\n' && src[i] !== '\r') throw new Error(`brat: T record ${id} length mismatch at ${i}`);
    } else {
      const nl = src.indexOf('\n', i);
      const end = nl < 0 ? src.length : nl;
      const body = src.slice(tab1 + 1, Math.max(tab1 + 1, end));
      i = end;
      if (id.startsWith('E')) {
        const [trig, ...args] = body.split('\t')[0].trim().split(/\s+/);
        const [type, trigger] = trig.split(':');
        const roles: Record<string, string> = {};
        for (const a of args) {
          const colon = a.indexOf(':');
          if (colon > 0) roles[a.slice(0, colon)] = a.slice(colon + 1);
        }
        events.push({ id, type, trigger, roles });
      }
      // `#` notes, attributes and anything else are ignored.
    }
  }
  return { spans, events };
}

export function polnearRoot(): string {
  return path.join(dataRoot(), 'polnear');
}

interface MetaRow {
  annotators: string[];
  title: string | null;
  publisher: string | null;
  publishedAt: string | null;
}

function readMetadata(root: string): Map<string, MetaRow> {
  const meta = new Map<string, MetaRow>();
  const file = path.join(root, 'metadata.tsv');
  if (!fs.existsSync(file)) return meta;
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = lines[0].split('\t');
  const col = (name: string) => header.indexOf(name);
  const [iFile, iAnn, iTitle, iPub, iDate] = ['filename', 'annotators', 'title', 'publisher', 'publication_date'].map(col);
  for (const line of lines.slice(1)) {
    const f = line.split('\t');
    const date = iDate >= 0 ? f[iDate] : undefined;
    meta.set(f[iFile], {
      annotators: iAnn >= 0 && f[iAnn] ? f[iAnn].split('|') : [],
      title: iTitle >= 0 && f[iTitle] ? f[iTitle] : null,
      publisher: iPub >= 0 && f[iPub] ? f[iPub] : null,
      publishedAt: date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null,
    });
  }
  return meta;
}

export interface LoadOptions {
  /** Only the first N documents (alphabetical by document name). */
  limit?: number;
  /** Corpus folder; defaults to `../shared/data/polnear` next to the repository. */
  root?: string;
  /** Throw when a span's stored text differs from the document text (default true). */
  checkSpans?: boolean;
}

function fragmentsOf(spans: Map<string, BratSpan>, id: string | undefined): Fragment[] | null {
  if (!id) return null;
  const span = spans.get(id);
  if (!span) return null;
  return span.fragments.map((f) => ({ start: f.start, end: f.end })).sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Loads one split: documents sorted by name, each with the first annotator's attributions. */
export function loadPolnear(split: PolnearSplit, options: LoadOptions = {}): PolnearDoc[] {
  const root = options.root ?? polnearRoot();
  const textDir = path.join(root, split, 'text');
  const annDir = path.join(root, split, 'attributions');
  if (!fs.existsSync(textDir) || !fs.existsSync(annDir)) {
    throw new Error(`PolNeAR ${split} split not found under ${root} (expected ${split}/text and ${split}/attributions)`);
  }
  const meta = readMetadata(root);
  const annotatorsByDoc = new Map<string, string[]>();
  for (const name of fs.readdirSync(annDir)) {
    const m = /^(.*)_([0-9a-f]{4})\.ann$/.exec(name);
    if (!m) continue;
    const list = annotatorsByDoc.get(m[1]) ?? [];
    list.push(m[2]);
    annotatorsByDoc.set(m[1], list);
  }
  let docIds = fs
    .readdirSync(textDir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => f.slice(0, -4))
    .sort();
  if (options.limit !== undefined && options.limit >= 0) docIds = docIds.slice(0, options.limit);

  const docs: PolnearDoc[] = [];
  for (const docId of docIds) {
    const text = fs.readFileSync(path.join(textDir, docId + '.txt'), 'utf8');
    const available = (annotatorsByDoc.get(docId) ?? []).slice().sort();
    if (available.length === 0) throw new Error(`PolNeAR: no .ann file for ${split}/${docId}`);
    const row = meta.get(docId);
    const first = row && row.annotators.length > 0 && available.includes(row.annotators[0]) ? row.annotators[0] : available[0];
    const { spans, events } = parseBrat(fs.readFileSync(path.join(annDir, `${docId}_${first}.ann`), 'utf8'));
    if (options.checkSpans !== false) {
      for (const s of spans.values()) {
        const sliced = s.fragments.map((f) => text.slice(f.start, f.end)).join(' ');
        if (sliced !== s.text) throw new Error(`PolNeAR: span ${s.id} of ${docId}_${first}.ann does not match the text`);
      }
    }
    const attributions: GoldAttribution[] = events
      .filter((e) => e.type === 'Attribution' || e.type === 'Attribution-no-source')
      .map((e) => ({
        id: e.id,
        kind: e.type,
        source: fragmentsOf(spans, e.roles.Source),
        cue: fragmentsOf(spans, e.roles.Cue) ?? [],
        content: fragmentsOf(spans, e.roles.Content) ?? [],
      }));
    const nameDate = /_(\d{4}-\d{2}-\d{2})_/.exec(docId)?.[1] ?? null;
    docs.push({
      docId,
      split,
      annotator: first,
      title: row?.title ?? null,
      publisher: row?.publisher ?? null,
      publishedAt: row?.publishedAt ?? nameDate,
      text,
      attributions,
    });
  }
  return docs;
}
