/**
 * The model file: one binary format for every trained model of the project.
 *
 *   bytes 0-7    magic "CTMODEL\0"
 *   u32          format version (MODEL_FORMAT_VERSION)
 *   u32 + bytes  header: UTF-8 JSON (kind, name, feature templates, labels, sizes, weight scale,
 *                hash of the training data, training settings)
 *   u32          number of arrays, then for each: u8 encoding (0 dense, 1 sparse), u32 length, and
 *                dense: length Int16 values; sparse: u32 count, count varint gaps between the
 *                indices of non-zero values, count Int16 values
 *   u32          FNV-1a checksum of every byte before it
 *
 * All integers little-endian. Weights are quantised to Int16 with one scale per model (the header's
 * `scale`: real weight = stored value × scale); most hashed weights are zero, hence the sparse arrays.
 * `decodeModelFile` validates all of it and throws `ModelFormatError` saying what is wrong.
 */

export const MODEL_MAGIC = 'CTMODEL\0';
export const MODEL_FORMAT_VERSION = 1;
/** The project's limit for a model file in the repository. */
export const MAX_MODEL_BYTES = 10 * 1024 * 1024;

export class ModelFormatError extends Error {
  constructor(message: string) {
    super(`bad model file: ${message}`);
    this.name = 'ModelFormatError';
  }
}

export interface ModelHeader {
  readonly kind: string;
  readonly name: string;
  readonly templates: readonly string[];
  readonly labels: readonly string[];
  /** Hash table size (a power of two) of the hashed features. */
  readonly buckets: number;
  /** Real weight = stored Int16 × scale. */
  readonly scale: number;
  /** sha256 (hex) of the training data and of the tables the features read. */
  readonly dataHash: string;
  readonly settings: Readonly<Record<string, string | number | boolean>>;
  /** Name and length of each array, in file order. */
  readonly arrays: readonly { readonly name: string; readonly length: number }[];
}

/**
 * One array as stored: dense (`indices` null, `values` has `length` entries) or sparse (`values[k]` is
 * the value at `indices[k]`, indices increasing; every other value is 0). Large weight tables stay
 * sparse in memory, so loading never allocates the full table.
 */
export interface StoredArray {
  readonly length: number;
  readonly indices: Uint32Array | null;
  readonly values: Int16Array;
}

export interface ModelFile {
  readonly header: ModelHeader;
  readonly arrays: ReadonlyMap<string, StoredArray>;
}

/** The array with every value in place. */
export function denseArray(stored: StoredArray): Int16Array {
  if (!stored.indices) return stored.values;
  const out = new Int16Array(stored.length);
  for (let k = 0; k < stored.indices.length; k++) out[stored.indices[k]!] = stored.values[k]!;
  return out;
}

function fnv1a(bytes: Uint8Array, end: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < end; i++) {
    h ^= bytes[i]!;
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

class Writer {
  private buffer = new Uint8Array(1 << 16);
  private view = new DataView(this.buffer.buffer);
  length = 0;
  private reserve(n: number): void {
    if (this.length + n <= this.buffer.length) return;
    let size = this.buffer.length * 2;
    while (size < this.length + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buffer.subarray(0, this.length));
    this.buffer = next;
    this.view = new DataView(next.buffer);
  }
  u8(v: number): void {
    this.reserve(1);
    this.buffer[this.length++] = v;
  }
  u32(v: number): void {
    this.reserve(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }
  i16(v: number): void {
    this.reserve(2);
    this.view.setInt16(this.length, v, true);
    this.length += 2;
  }
  varint(v: number): void {
    while (v >= 0x80) {
      this.u8((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.u8(v);
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buffer.set(b, this.length);
    this.length += b.length;
  }
  result(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/** Serialises a model; the header's `arrays` is filled from `arrays`. Deterministic: same input, same bytes. */
export function encodeModelFile(header: Omit<ModelHeader, 'arrays'>, arrays: readonly { name: string; values: Int16Array }[]): Uint8Array {
  const full: ModelHeader = { ...header, arrays: arrays.map((a) => ({ name: a.name, length: a.values.length })) };
  const w = new Writer();
  w.bytes(new TextEncoder().encode(MODEL_MAGIC));
  w.u32(MODEL_FORMAT_VERSION);
  const json = new TextEncoder().encode(JSON.stringify(full));
  w.u32(json.length);
  w.bytes(json);
  w.u32(arrays.length);
  for (const { values } of arrays) {
    let nonZero = 0;
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) nonZero++;
    const sparse = nonZero * 4 < values.length * 2;
    w.u8(sparse ? 1 : 0);
    w.u32(values.length);
    if (!sparse) {
      for (let i = 0; i < values.length; i++) w.i16(values[i]!);
      continue;
    }
    w.u32(nonZero);
    let last = -1;
    for (let i = 0; i < values.length; i++) {
      if (values[i] === 0) continue;
      w.varint(i - last - 1);
      last = i;
    }
    for (let i = 0; i < values.length; i++) if (values[i] !== 0) w.i16(values[i]!);
  }
  const checksum = fnv1a(w.result(), w.length);
  w.u32(checksum);
  const bytes = w.result();
  if (bytes.length > MAX_MODEL_BYTES) throw new ModelFormatError(`${bytes.length} bytes is over the ${MAX_MODEL_BYTES}-byte limit`);
  return bytes;
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && (n & (n - 1)) === 0;
}

function checkHeader(value: unknown): ModelHeader {
  const h = value as ModelHeader;
  const fail = (what: string): never => {
    throw new ModelFormatError(`header: ${what}`);
  };
  if (!h || typeof h !== 'object') fail('not an object');
  if (typeof h.kind !== 'string' || !h.kind) fail('no kind');
  if (typeof h.name !== 'string') fail('no name');
  if (!Array.isArray(h.templates) || !h.templates.every((t) => typeof t === 'string')) fail('templates must be a list of names');
  if (!Array.isArray(h.labels) || h.labels.length === 0 || !h.labels.every((t) => typeof t === 'string')) fail('labels must be a non-empty list');
  if (!isPowerOfTwo(h.buckets)) fail(`buckets must be a power of two, got ${String(h.buckets)}`);
  if (typeof h.scale !== 'number' || !(h.scale > 0) || !Number.isFinite(h.scale)) fail('scale must be a positive number');
  if (typeof h.dataHash !== 'string' || !/^[0-9a-f]{8,}$/.test(h.dataHash)) fail('dataHash must be hex');
  if (!h.settings || typeof h.settings !== 'object') fail('no settings');
  if (!Array.isArray(h.arrays)) fail('no array list');
  return h;
}

/** Reads and validates a model file; throws `ModelFormatError` on anything unexpected. */
export function decodeModelFile(bytes: Uint8Array): ModelFile {
  if (bytes.length > MAX_MODEL_BYTES) throw new ModelFormatError(`${bytes.length} bytes is over the ${MAX_MODEL_BYTES}-byte limit`);
  if (bytes.length < 20) throw new ModelFormatError(`only ${bytes.length} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = new TextDecoder().decode(bytes.subarray(0, 8));
  if (magic !== MODEL_MAGIC) throw new ModelFormatError('not a claimtrace model (wrong magic bytes)');
  const version = view.getUint32(8, true);
  if (version !== MODEL_FORMAT_VERSION) throw new ModelFormatError(`format version ${version}, this build reads ${MODEL_FORMAT_VERSION}`);
  const end = bytes.length - 4;
  const stored = view.getUint32(end, true);
  if (stored !== fnv1a(bytes, end)) throw new ModelFormatError('checksum mismatch (truncated or corrupted)');
  let pos = 12;
  const need = (n: number, what: string) => {
    if (pos + n > end) throw new ModelFormatError(`truncated in ${what}`);
  };
  need(4, 'header length');
  const headerLength = view.getUint32(pos, true);
  pos += 4;
  need(headerLength, 'header');
  let header: ModelHeader;
  try {
    header = checkHeader(JSON.parse(new TextDecoder().decode(bytes.subarray(pos, pos + headerLength))));
  } catch (error) {
    if (error instanceof ModelFormatError) throw error;
    throw new ModelFormatError(`header is not JSON (${(error as Error).message})`);
  }
  pos += headerLength;
  need(4, 'array count');
  const count = view.getUint32(pos, true);
  pos += 4;
  if (count !== header.arrays.length) throw new ModelFormatError(`${count} arrays, the header lists ${header.arrays.length}`);
  const arrays = new Map<string, StoredArray>();
  for (const { name, length } of header.arrays) {
    need(5, `array ${name}`);
    const encoding = bytes[pos]!;
    const stored = view.getUint32(pos + 1, true);
    pos += 5;
    if (stored !== length) throw new ModelFormatError(`array ${name} has ${stored} values, the header says ${length}`);
    if (encoding === 0) {
      need(length * 2, `array ${name}`);
      const values = new Int16Array(length);
      for (let i = 0; i < length; i++) values[i] = view.getInt16(pos + i * 2, true);
      pos += length * 2;
      arrays.set(name, { length, indices: null, values });
    } else if (encoding === 1) {
      need(4, `array ${name}`);
      const nonZero = view.getUint32(pos, true);
      pos += 4;
      if (nonZero > length) throw new ModelFormatError(`array ${name}: ${nonZero} non-zero values in ${length}`);
      const indices = new Uint32Array(nonZero);
      let index = -1;
      for (let k = 0; k < nonZero; k++) {
        let gap = 0;
        let mul = 1;
        for (;;) {
          if (pos >= end) throw new ModelFormatError(`truncated in array ${name}`);
          const b = bytes[pos++]!;
          gap += (b & 0x7f) * mul;
          if (b < 0x80) break;
          mul *= 128;
        }
        index += gap + 1;
        if (index >= length) throw new ModelFormatError(`array ${name}: index ${index} outside ${length}`);
        indices[k] = index;
      }
      need(nonZero * 2, `array ${name}`);
      const values = new Int16Array(nonZero);
      for (let k = 0; k < nonZero; k++) values[k] = view.getInt16(pos + k * 2, true);
      pos += nonZero * 2;
      arrays.set(name, { length, indices, values });
    } else throw new ModelFormatError(`array ${name}: unknown encoding ${encoding}`);
  }
  if (pos !== end) throw new ModelFormatError(`${end - pos} unexpected bytes after the arrays`);
  return { header, arrays };
}

/** Quantises real weights to Int16 with one shared scale (largest magnitude → 32767). */
export function quantise(arrays: readonly ArrayLike<number>[]): { scale: number; values: Int16Array[] } {
  let max = 0;
  for (const a of arrays) for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]!));
  const scale = max > 0 ? max / 32767 : 1;
  const values = arrays.map((a) => {
    const q = new Int16Array(a.length);
    for (let i = 0; i < a.length; i++) q[i] = Math.round(a[i]! / scale);
    return q;
  });
  // Round the scale through JSON so that a loaded model holds the exact same number.
  return { scale: Number(JSON.parse(JSON.stringify(scale))), values };
}
