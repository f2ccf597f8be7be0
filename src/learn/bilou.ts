/**
 * Span tags for sequence taggers, in two schemes:
 * - BILOU (Ratinov & Roth 2009): Begin, Inside, Last of a multi-token span, Unit for a one-token span,
 *   O outside. Label sets are `['O', 'B-T', 'I-T', 'L-T', 'U-T', ...]` for the types in order.
 * - BIO (IOB2, Tjong Kim Sang & Veenstra 1999): Begin of every span, Inside for the rest, O outside.
 *   Label sets are `['O', 'B-T', 'I-T', ...]`: 1 + 2 × types labels instead of 1 + 4 × types.
 * A label set's scheme is read from its labels (`tagScheme`): one with an `L-` or `U-` label is
 * BILOU. Decoding (`decodeBilou`) reads both; the constraints (`spanConstraints`) follow the scheme.
 */

export type TagScheme = 'BIO' | 'BILOU';

export interface TokenSpan {
  /** First token, inclusive. */
  readonly start: number;
  /** Last token + 1. */
  readonly end: number;
  readonly type: string;
}

export function bilouLabels(types: readonly string[]): string[] {
  const labels = ['O'];
  for (const type of types) labels.push(`B-${type}`, `I-${type}`, `L-${type}`, `U-${type}`);
  return labels;
}

/** The BIO label set of the types: `['O', 'B-T', 'I-T', ...]`. */
export function bioLabels(types: readonly string[]): string[] {
  const labels = ['O'];
  for (const type of types) labels.push(`B-${type}`, `I-${type}`);
  return labels;
}

/** The labels of a scheme for the types. */
export function schemeLabels(scheme: TagScheme, types: readonly string[]): string[] {
  return scheme === 'BIO' ? bioLabels(types) : bilouLabels(types);
}

/** The scheme of a label set: BILOU when it has an `L-` or `U-` label, BIO otherwise. */
export function tagScheme(labels: readonly string[]): TagScheme {
  return labels.some((l) => l.startsWith('L-') || l.startsWith('U-')) ? 'BILOU' : 'BIO';
}

function parse(label: string): { prefix: string; type: string } {
  return label === 'O' ? { prefix: 'O', type: '' } : { prefix: label.slice(0, 1), type: label.slice(2) };
}

/**
 * Tag indices (into `labels`) for `length` tokens carrying `spans`; spans must not overlap. The
 * scheme is the label set's: under BIO a span is B-T then I-T.
 */
export function encodeSpans(length: number, spans: readonly TokenSpan[], labels: readonly string[]): Uint8Array {
  return tagScheme(labels) === 'BIO' ? encodeBio(length, spans, labels) : encodeBilou(length, spans, labels);
}

function encodeBio(length: number, spans: readonly TokenSpan[], labels: readonly string[]): Uint8Array {
  const index = new Map(labels.map((l, i) => [l, i]));
  const tags = new Uint8Array(length);
  for (const span of spans) {
    const b = index.get(`B-${span.type}`);
    const i = index.get(`I-${span.type}`);
    if (b === undefined || i === undefined) throw new Error(`type ${span.type} is not in the label set`);
    tags[span.start] = b;
    for (let k = span.start + 1; k < span.end; k++) tags[k] = i;
  }
  return tags;
}

/** Tag indices (into a BILOU label set) for `length` tokens carrying `spans`; spans must not overlap. */
export function encodeBilou(length: number, spans: readonly TokenSpan[], labels: readonly string[]): Uint8Array {
  const index = new Map(labels.map((l, i) => [l, i]));
  const tags = new Uint8Array(length);
  const id = (label: string): number => {
    const i = index.get(label);
    if (i === undefined) throw new Error(`label ${label} is not in the label set`);
    return i;
  };
  for (const span of spans) {
    if (span.end - span.start === 1) tags[span.start] = id(`U-${span.type}`);
    else {
      tags[span.start] = id(`B-${span.type}`);
      for (let i = span.start + 1; i < span.end - 1; i++) tags[i] = id(`I-${span.type}`);
      tags[span.end - 1] = id(`L-${span.type}`);
    }
  }
  return tags;
}

const parsedCache = new WeakMap<readonly string[], readonly { prefix: string; type: string }[]>();

/** The parsed labels of a label set, once per set. */
function parsedLabels(labels: readonly string[]): readonly { prefix: string; type: string }[] {
  let parsed = parsedCache.get(labels);
  if (!parsed) parsedCache.set(labels, (parsed = labels.map(parse)));
  return parsed;
}

/**
 * Spans of a tag sequence, BILOU or BIO (a BIO span ends where the next label is not its I-T); an
 * ill-formed run (possible only without constraints) is closed where it breaks.
 */
export function decodeBilou(tags: ArrayLike<number>, labels: readonly string[]): TokenSpan[] {
  const spans: TokenSpan[] = [];
  decodeBilouInto(tags, tags.length, labels, 0, spans);
  return spans;
}

/** `decodeBilou` of the first `n` tags, each span shifted by `offset` and appended to `out`. */
export function decodeBilouInto(tags: ArrayLike<number>, n: number, labels: readonly string[], offset: number, out: TokenSpan[]): void {
  const parsed = parsedLabels(labels);
  let open = -1;
  let openType = '';
  for (let i = 0; i < n; i++) {
    const { prefix, type } = parsed[tags[i]!]!;
    if (prefix === 'O') {
      if (open >= 0) out.push({ start: open + offset, end: i + offset, type: openType });
      open = -1;
    } else if (prefix === 'U') {
      if (open >= 0) out.push({ start: open + offset, end: i + offset, type: openType });
      open = -1;
      out.push({ start: i + offset, end: i + 1 + offset, type });
    } else if (prefix === 'B') {
      if (open >= 0) out.push({ start: open + offset, end: i + offset, type: openType });
      open = i;
      openType = type;
    } else if (prefix === 'I' || prefix === 'L') {
      if (open < 0 || openType !== type) {
        if (open >= 0) out.push({ start: open + offset, end: i + offset, type: openType });
        open = i;
        openType = type;
      }
      if (prefix === 'L') {
        out.push({ start: open + offset, end: i + 1 + offset, type: openType });
        open = -1;
      }
    }
  }
  if (open >= 0) out.push({ start: open + offset, end: n + offset, type: openType });
}

/**
 * Which label may follow which under BILOU: `allowed[(prev + 1) * L + next]`, where row 0 is the
 * sentence start; `allowedEnd[label]` says whether a sentence may end on it.
 */
export function bilouConstraints(labels: readonly string[]): { allowed: Uint8Array; allowedEnd: Uint8Array } {
  const L = labels.length;
  const parsed = labels.map(parse);
  const allowed = new Uint8Array((L + 1) * L);
  const allowedEnd = new Uint8Array(L);
  const opens = (p: { prefix: string }) => p.prefix === 'O' || p.prefix === 'B' || p.prefix === 'U';
  for (let next = 0; next < L; next++) {
    const n = parsed[next]!;
    allowed[next] = opens(n) ? 1 : 0;
    allowedEnd[next] = n.prefix === 'O' || n.prefix === 'L' || n.prefix === 'U' ? 1 : 0;
    for (let prev = 0; prev < L; prev++) {
      const p = parsed[prev]!;
      const inside = p.prefix === 'B' || p.prefix === 'I';
      const ok = inside ? (n.prefix === 'I' || n.prefix === 'L') && n.type === p.type : opens(n);
      allowed[(prev + 1) * L + next] = ok ? 1 : 0;
    }
  }
  return { allowed, allowedEnd };
}

/**
 * Which label may follow which under BIO: `B-T` and `O` may follow anything (and start a sentence),
 * `I-T` only `B-T` or `I-T`; a sentence may end on any label. Same layout as `bilouConstraints`.
 */
export function bioConstraints(labels: readonly string[]): { allowed: Uint8Array; allowedEnd: Uint8Array } {
  const L = labels.length;
  const parsed = labels.map(parse);
  const allowed = new Uint8Array((L + 1) * L);
  const allowedEnd = new Uint8Array(L).fill(1);
  for (let next = 0; next < L; next++) {
    const n = parsed[next]!;
    if (n.prefix !== 'O' && n.prefix !== 'B' && n.prefix !== 'I') throw new Error(`label ${labels[next]} is not a BIO label`);
    allowed[next] = n.prefix === 'I' ? 0 : 1;
    for (let prev = 0; prev < L; prev++) {
      const p = parsed[prev]!;
      const ok = n.prefix !== 'I' || ((p.prefix === 'B' || p.prefix === 'I') && p.type === n.type);
      allowed[(prev + 1) * L + next] = ok ? 1 : 0;
    }
  }
  return { allowed, allowedEnd };
}

/** The constraints of a label set's scheme (`tagScheme`). */
export function spanConstraints(labels: readonly string[]): { allowed: Uint8Array; allowedEnd: Uint8Array } {
  return tagScheme(labels) === 'BIO' ? bioConstraints(labels) : bilouConstraints(labels);
}
