/**
 * Column stores for what the corpus keeps per record, per link and per piece of origin evidence.
 * A large corpus holds millions of records and links; one JS object each (with a pointer to each of
 * its strings and arrays) made memory grow by several kilobytes per document. Here every field is a
 * slot in a growable typed array, strings are numbers into one string pool, and a record is made
 * into an object only when it is read (`at`), so what a document adds is a few dozen bytes per
 * record.
 */
import type { FigureUnit } from './features.js';

/** A typed array that doubles when full. */
class Column<T extends Int32Array | Uint8Array | Uint16Array | Float64Array> {
  private data: T;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(256);
  }
  get(i: number): number {
    return this.data[i]!;
  }
  set(i: number, value: number): void {
    if (i >= this.data.length) {
      const grown = this.make(Math.max(this.data.length * 2, i + 1));
      grown.set(this.data);
      this.data = grown;
    }
    this.data[i] = value;
  }
}

const int32 = () => new Column((n) => new Int32Array(n));
const uint8 = () => new Column((n) => new Uint8Array(n));
const uint16 = () => new Column((n) => new Uint16Array(n));
const float64 = () => new Column((n) => new Float64Array(n));

/** A growable list of integers in an Int32Array (4 bytes an entry, against 8 in a JS array). */
export class IntList {
  length = 0;
  private data = new Int32Array(4);
  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }
  get(i: number): number {
    return this.data[i]!;
  }
  toArray(): number[] {
    return Array.from(this.data.subarray(0, this.length));
  }
}

/** One copy of each string, by number; -1 is null. */
export class StringPool {
  private readonly ids = new Map<string, number>();
  private readonly values: string[] = [];

  id(value: string | null): number {
    if (value === null) return -1;
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.ids.set(value, id);
      this.values.push(value);
    }
    return id;
  }

  /** The pooled copy of a string (so that equal strings share one object). */
  intern<T extends string | null>(value: T): T {
    return (value === null ? null : this.values[this.id(value)]!) as T;
  }

  get(id: number): string | null {
    return id < 0 ? null : this.values[id]!;
  }

  get size(): number {
    return this.values.length;
  }
}

export type UnitKind = 'quote' | 'claim' | 'figure';
const KINDS: readonly UnitKind[] = ['quote', 'claim', 'figure'];

/** A record as the index reads it (made from the columns on each read). */
export interface IndexedUnit {
  document: number;
  kind: UnitKind;
  recordId: string;
  start: number;
  end: number;
  speakerKey: string | null;
  speakerName: string | null;
  figure: FigureUnit | null;
  /** Statement words and grams; kept only for statements in the candidate index. */
  words: Uint32Array | null;
  grams: Uint32Array | null;
}

/**
 * Records (quotes, claims, figures) of every document, in the order added; a document's records are
 * consecutive. Figures are kept once per distinct figure object (a copy's figure that equals its
 * representative's shares it), statement words only while a statement is in the candidate index.
 */
export class UnitTable {
  length = 0;
  private readonly document = int32();
  private readonly kind = uint8();
  private readonly recordId = int32();
  private readonly start = int32();
  private readonly end = int32();
  /** Speaker key and name as one number into `speakers` (a record's pair repeats across documents). */
  private readonly speaker = int32();
  private readonly speakers: { key: number; name: number }[] = [];
  private readonly speakerIds = new Map<string, number>();
  private readonly figureId = int32();
  private readonly figures: FigureUnit[] = [];
  private readonly statementWords = new Map<number, { words: Uint32Array; grams: Uint32Array }>();

  constructor(private readonly strings: StringPool) {}

  /** Adds a record; `sameFigureAs` names a record whose figure object this one shares. */
  push(unit: IndexedUnit, sameFigureAs?: number): number {
    const i = this.length++;
    this.document.set(i, unit.document);
    this.kind.set(i, KINDS.indexOf(unit.kind));
    this.recordId.set(i, this.strings.id(unit.recordId));
    this.start.set(i, unit.start);
    this.end.set(i, unit.end);
    this.speaker.set(i, this.speakerId(this.strings.id(unit.speakerKey), this.strings.id(unit.speakerName)));
    if (sameFigureAs !== undefined) this.figureId.set(i, this.figureId.get(sameFigureAs));
    else if (unit.figure) {
      this.figureId.set(i, this.figures.length);
      this.figures.push(unit.figure);
    } else this.figureId.set(i, -1);
    if (unit.words && unit.grams) this.statementWords.set(i, { words: unit.words, grams: unit.grams });
    return i;
  }

  private speakerId(key: number, name: number): number {
    const joined = `${key}:${name}`;
    let id = this.speakerIds.get(joined);
    if (id === undefined) {
      id = this.speakers.length;
      this.speakers.push({ key, name });
      this.speakerIds.set(joined, id);
    }
    return id;
  }

  /** Drops a statement's words (it left the candidate index, or never needs comparing again). */
  dropWords(i: number): void {
    this.statementWords.delete(i);
  }

  documentOf(i: number): number {
    return this.document.get(i);
  }

  kindOf(i: number): UnitKind {
    return KINDS[this.kind.get(i)]!;
  }

  recordIdOf(i: number): string {
    return this.strings.get(this.recordId.get(i))!;
  }

  speakerKeyOf(i: number): string | null {
    return this.strings.get(this.speakers[this.speaker.get(i)]!.key);
  }

  figureOf(i: number): FigureUnit | null {
    const f = this.figureId.get(i);
    return f < 0 ? null : this.figures[f]!;
  }

  wordsOf(i: number): { words: Uint32Array; grams: Uint32Array } | null {
    return this.statementWords.get(i) ?? null;
  }

  at(i: number): IndexedUnit {
    if (i < 0 || i >= this.length) throw new RangeError(`no record ${i}`);
    const words = this.statementWords.get(i);
    return {
      document: this.document.get(i),
      kind: this.kindOf(i),
      recordId: this.recordIdOf(i),
      start: this.start.get(i),
      end: this.end.get(i),
      speakerKey: this.speakerKeyOf(i),
      speakerName: this.strings.get(this.speakers[this.speaker.get(i)]!.name),
      figure: this.figureOf(i),
      words: words?.words ?? null,
      grams: words?.grams ?? null,
    };
  }
}

export interface LinkReason {
  reason: string;
  score: number;
  detail?: string;
}

export interface UnitLink {
  a: number;
  b: number;
  score: number;
  reasons: readonly LinkReason[];
}

/**
 * Links between records: two record numbers, a score and a number into a table of distinct reason
 * lists. Scores are kept in thousandths (every link score is rounded to three decimals), 2 bytes.
 */
export class LinkTable {
  length = 0;
  private readonly a = int32();
  private readonly b = int32();
  private readonly score = uint16();
  private readonly reasons = int32();
  private readonly reasonLists: (readonly LinkReason[])[] = [];
  private readonly reasonIds = new Map<string, number>();

  constructor(private readonly strings: StringPool) {}

  push(a: number, b: number, score: number, reasons: readonly LinkReason[]): number {
    const key = JSON.stringify(reasons);
    let id = this.reasonIds.get(key);
    if (id === undefined) {
      id = this.reasonLists.length;
      this.reasonIds.set(key, id);
      this.reasonLists.push(Object.freeze(reasons.map((r) => Object.freeze({ ...r, ...(r.detail !== undefined ? { detail: this.strings.intern(r.detail) } : {}) }))));
    }
    const thousandths = Math.round(score * 1000);
    if (!(thousandths >= 0 && thousandths <= 0xffff && thousandths / 1000 === score)) throw new RangeError(`link score ${score} is not in thousandths from 0 to 65.535`);
    const i = this.length++;
    this.a.set(i, a);
    this.b.set(i, b);
    this.score.set(i, thousandths);
    this.reasons.set(i, id);
    return i;
  }

  aOf(i: number): number {
    return this.a.get(i);
  }

  at(i: number): UnitLink {
    if (i < 0 || i >= this.length) throw new RangeError(`no link ${i}`);
    return { a: this.a.get(i), b: this.b.get(i), score: this.score.get(i) / 1000, reasons: this.reasonLists[this.reasons.get(i)]! };
  }

  /** Distinct reason lists kept (each link holds a number into them). */
  get reasonListCount(): number {
    return this.reasonLists.length;
  }
}

export interface OriginEvidence {
  a: number;
  b: number;
  kind: 'near-duplicate' | 'shared-passage';
  score: number;
  /** Word runs, as character ranges [aStart, aEnd, bStart, bEnd]. */
  passages: number[][];
  words: number;
}

const EVIDENCE_KINDS: readonly OriginEvidence['kind'][] = ['near-duplicate', 'shared-passage'];

/** Origin evidence between documents; passages as four numbers each in one column. */
export class EvidenceTable {
  length = 0;
  private readonly a = int32();
  private readonly b = int32();
  private readonly kind = uint8();
  private readonly score = float64();
  private readonly words = int32();
  private readonly passageStart = int32();
  private passageCount = 0;
  private readonly passages = int32();

  push(evidence: OriginEvidence): number {
    const i = this.length++;
    this.a.set(i, evidence.a);
    this.b.set(i, evidence.b);
    this.kind.set(i, EVIDENCE_KINDS.indexOf(evidence.kind));
    this.score.set(i, evidence.score);
    this.words.set(i, evidence.words);
    this.passageStart.set(i, this.passageCount);
    for (const passage of evidence.passages) {
      for (let k = 0; k < 4; k++) this.passages.set(this.passageCount * 4 + k, passage[k]!);
      this.passageCount++;
    }
    this.passageStart.set(i + 1, this.passageCount);
    return i;
  }

  at(i: number): OriginEvidence {
    if (i < 0 || i >= this.length) throw new RangeError(`no evidence ${i}`);
    const passages: number[][] = [];
    for (let p = this.passageStart.get(i); p < this.passageStart.get(i + 1); p++) passages.push([this.passages.get(p * 4), this.passages.get(p * 4 + 1), this.passages.get(p * 4 + 2), this.passages.get(p * 4 + 3)]);
    return { a: this.a.get(i), b: this.b.get(i), kind: EVIDENCE_KINDS[this.kind.get(i)]!, score: this.score.get(i), passages, words: this.words.get(i) };
  }

  *[Symbol.iterator](): Generator<OriginEvidence> {
    for (let i = 0; i < this.length; i++) yield this.at(i);
  }

  /** Evidence from number `from` on. */
  slice(from: number): OriginEvidence[] {
    const out: OriginEvidence[] = [];
    for (let i = from; i < this.length; i++) out.push(this.at(i));
    return out;
  }
}
