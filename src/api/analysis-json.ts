/**
 * The `claimtrace/analysis@1` contract as TypeScript types (see docs/contract.md).
 * Plain JSON only: null where the contract says null, ISO strings, no Map or Date.
 * This module imports nothing, so the browser, the CLI and external tools can share it.
 */
export const ANALYSIS_SCHEMA = 'claimtrace/analysis@1' as const;

export interface SpanJson {
  start: number;
  end: number;
  text: string;
}

export type BasisJson = 'stated' | 'inferred';

export interface DocumentJson {
  id: string;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  format: string;
  contentHash: string;
  length: number;
  text: string;
}

export interface RecordBase {
  id: string;
  analysis: string;
  reason?: string;
  evidence?: string[];
}

export interface EntityJson extends RecordBase {
  type: 'person' | 'organization' | 'place' | 'group' | 'other';
  name: string;
  aliases: string[];
  roles: string[];
  mentions: SpanJson[];
  pronounMentions: SpanJson[];
}

export type QuoteType = 'direct' | 'partial' | 'indirect' | 'mixed';
export type Stance = 'neutral' | 'endorsing' | 'concession' | 'distancing' | 'denial' | 'emphasis' | 'manner' | 'implicative' | 'other';

export interface CueJson {
  span: SpanJson;
  lemma: string;
  stance: Stance;
  /**
   * Added field: the whole verb group of the cue when it is longer than `span`, with the auxiliaries and
   * adverbs before the verb, a colon after it (`has also said:`) and a preposition the verb takes that opens
   * the content (`warned about`), as attribution corpora mark it.
   */
  phrase?: SpanJson;
}

export interface SpeakerJson {
  entityId: string | null;
  /**
   * The canonical name of the speaker, never a pronoun. Null means unresolved: the attribution names
   * the speaker only by a pronoun ("they said") that points at no person; `mention` is that pronoun.
   */
  name: string | null;
  mention: SpanJson | null;
  basis: BasisJson;
  /** Id-free description of the rule that found the speaker, e.g. `pronoun-after-closing-quote`. */
  reason?: string;
  /** The role or title written next to the name ("a spokeswoman for the FNV union"). */
  role?: string | null;
  /**
   * Added field: the whole source phrase when it is longer than `mention`, the mention with its apposition
   * or relative clause set off by a comma (`Kevin Brady, chairman of the House Ways and Means Committee`).
   */
  phrase?: SpanJson;
}

export interface QuoteDateJson {
  value: string;
  mention: SpanJson | null;
  basis: BasisJson;
}

/** An editor's change inside a quote's content: words put in (`[the government]`) or left out (`…`, `[...]`). */
export interface QuoteEditJson {
  kind: 'insertion' | 'omission';
  span: SpanJson;
}

export interface QuoteJson extends RecordBase {
  type: QuoteType;
  content: SpanJson;
  contents: SpanJson[];
  cue: CueJson | null;
  speaker: SpeakerJson | null;
  date: QuoteDateJson | null;
  voice: 'quoted';
  /** Insertions and omissions inside the content, in text order; absent when the quote shows none. */
  edits?: QuoteEditJson[];
  /** Share of the content's letters and digits that sit inside insertions (0–1); present with `edits`. */
  editorShare?: number;
  /** Reader-facing cautions, e.g. a quote stitched from many fragments; absent when none. */
  warnings?: string[];
}

export interface ClaimantJson {
  entityId: string | null;
  name: string;
  basis: BasisJson;
}

export interface FigureJson extends RecordBase {
  span: SpanJson;
  value: number | null;
  min: number | null;
  max: number | null;
  approx: 'exact' | 'more-than' | 'less-than' | 'about' | 'range' | 'at-least' | 'at-most';
  unit: string | null;
  counted: string | null;
  /** Added field `lemma`: the counted phrase in lower case with its head singular and adjectives in their base degree ("best speakers" → "good speaker"). */
  counting: { span: SpanJson; lemma: string } | null;
  claimant: ClaimantJson | null;
  voice: 'author' | 'quoted';
  quoteId: string | null;
}

export interface DateMentionJson extends RecordBase {
  span: SpanJson;
  value: string;
  granularity: 'day' | 'month' | 'season' | 'quarter' | 'year' | 'decade' | 'century' | 'duration' | 'time';
  mod: 'START' | 'MID' | 'END' | 'APPROX' | 'BEFORE' | 'AFTER' | null;
  basis: BasisJson;
  anchor: string | null;
}

export interface FramingMarkJson extends RecordBase {
  span: SpanJson;
  category:
    | 'evaluative-adverb'
    | 'loaded-label'
    | 'factive-cue'
    | 'certainty-marker'
    | 'unsourced-superlative'
    | 'intensifier'
    | 'hedge'
    | 'scare-quote';
  voice: 'author' | 'quoted';
  note: string;
  /**
   * For a `loaded-label`: the side it names (a person, group, party, country), written right next to
   * it (`Crooked Joe`, `the Assad regime`); null when none is (added field; absent in analyses made
   * before detect-framing 10).
   */
  target?: SpanJson | null;
}

/** How the writer frames one speaker's words: the cue verbs chosen for that speaker's quotes, by stance. */
export interface FramingCueStanceJson {
  speaker: string | null;
  entityId: string | null;
  quotes: number;
  stances: Partial<Record<Stance, number>>;
  cues: string[];
}

/** One document's framing at a glance (added field; absent when detect-framing did not run). */
export interface FramingProfileJson {
  sentences: number;
  sentencesWithAuthorMarks: number;
  /** sentencesWithAuthorMarks / sentences, three decimals. */
  authorMarkShare: number;
  authorMarks: number;
  quotedMarks: number;
  /** Author-voice marks per category. */
  byCategory: Partial<Record<FramingMarkJson['category'], number>>;
  /** The most frequent author-voice marks (lower-cased text), most frequent first. */
  topMarks: { text: string; category: string; count: number }[];
  /** Per speaker, the stances of the cue verbs the writer chose for their quotes. */
  cueStances: FramingCueStanceJson[];
  /**
   * Phrases of the span model (reason `model/framing-spans`), by voice. The figures above count the table and
   * rule marks only; absent in analyses made before the model.
   */
  modelPhrases?: { author: number; quoted: number };
}

export interface ClaimJson extends RecordBase {
  span: SpanJson;
  sentence: SpanJson;
  claimant: ClaimantJson | null;
  voice: 'author' | 'quoted';
  checkWorthiness: number;
}

/** A figure attached to an event: what it counts for that event (`1,200 protesters were detained`: detained). */
export interface EventFigureJson {
  /** The id of the figure record. */
  figureId: string;
  /** What the figure counts: `participants`, `detained`, `killed`, `casualties`. */
  role: string;
}

export interface EventJson extends RecordBase {
  /** The trigger: the word or phrase that names the event. */
  span: SpanJson;
  /** protest, riot, strike, arrest, killing, attack, execution, statement, agreement. */
  type: string;
  /** The PLOVER category (AGREE, PROTEST, COERCE, ASSAULT...; OTHER for a plain statement). */
  plover: string;
  /** Entity ids of the actors. */
  actors: string[];
  /** Added field: entity ids of those the event is done to (the arrested, the attacked): PLOVER's recipient. */
  recipients?: string[];
  /** The id of a date record. */
  date: string | null;
  /** The entity id of a place. */
  place: string | null;
  /** Added field: the dictionary form of the trigger. */
  lemma?: string;
  /** Added field: the PLOVER mode (demo, riot, boycott, arrest, firearms...), or null. */
  mode?: string | null;
  /** Added field: asserted, negated (`no arrests were made`) or planned (`unions threatened to strike`). */
  modality?: 'asserted' | 'negated' | 'planned';
  /** Added field: the figures that count something of this event. */
  figures?: EventFigureJson[];
  /** Added field: for a statement, the id of the quote it was read from. */
  quoteId?: string | null;
}

export interface DiagnosticJson {
  severity: 'error' | 'warning' | 'info';
  message: string;
  span: SpanJson | null;
  analysis: string;
}

export interface AnalysisJson {
  schema: typeof ANALYSIS_SCHEMA;
  tool: { name: 'claimtrace'; version: string };
  document: DocumentJson;
  entities: EntityJson[];
  quotes: QuoteJson[];
  figures: FigureJson[];
  dates: DateMentionJson[];
  framing: FramingMarkJson[];
  claims: ClaimJson[];
  events: EventJson[];
  diagnostics: DiagnosticJson[];
  /** Added field: the framing profile of the document (detect-framing). */
  framingProfile?: FramingProfileJson;
}
