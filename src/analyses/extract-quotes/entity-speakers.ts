/**
 * The entities of resolve-aliases, indexed for speakers: which entity a written speaker is a mention
 * of, and which entity a pronoun was linked to. Speakers are never places ("In Kyiv, ..." is not a
 * speaker; "Washington said" keeps its written name and no entity).
 */
import type { EntityJson, SpanJson } from '../../api/analysis-json.js';
import type { Finding } from '../../core/finding.js';
import { overlapLength } from '../../core/span.js';
import { foldName } from '../resolve-aliases/names.js';
import { firstAtOrAfter } from '../../core/search.js';

export interface PronounLink {
  readonly entity: Finding<'entity'>;
  readonly reason: string;
  readonly antecedent: SpanJson | null;
}

export interface EntityIndex {
  /** The entity resolve-aliases linked this pronoun to, if any. */
  pronoun(span: { start: number; end: number }): PronounLink | null;
  /**
   * The entity the written speaker is a mention of: the one whose mention overlaps it most, else the
   * one entity whose name or alias is the written name; places are left out. With `headOnly` (a noun
   * phrase) only a mention that reaches the end of the span counts: the head names the speaker.
   */
  speakerAt(span: { start: number; end: number }, writtenName: string | null, headOnly?: boolean): Finding<'entity'> | null;
  /**
   * Whether a `he`/`him` (`male`) or `she`/`her` (`female`) can name the entity: a person none of whose
   * linked pronouns is of the other gender.
   */
  fitsPronoun(entityId: string, gender: 'male' | 'female'): boolean;
  /** The type of the entity with this id, or null when there is none. */
  typeOf(entityId: string): EntityJson['type'] | null;
  /** The first mention of an organisation that starts at or after `from` and ends at or before `to`, with its entity. */
  organisationFrom(from: number, to: number): { entity: Finding<'entity'>; mention: SpanJson } | null;
  /** Whether a mention of a person, organisation or group lies inside `[from, to)`. */
  nameIn(from: number, to: number): boolean;
  /** The organisation with a mention inside [start, end) that ends at `end`, if any. */
  organizationEndingAt(start: number, end: number): Finding<'entity'> | null;
  /** Whether the entity is an organisation, which an `it` can name. */
  isOrganization(entityId: string): boolean;
}

const PRONOUN_GENDER: Readonly<Record<string, 'male' | 'female'>> = { he: 'male', him: 'male', his: 'male', she: 'female', her: 'female' };

/** The gender of a singular person pronoun (`he`, `him`, `she`, `her`), else null. */
export function pronounGender(pronoun: string): 'male' | 'female' | null {
  return PRONOUN_GENDER[pronoun.toLowerCase()] ?? null;
}

interface Placed {
  readonly start: number;
  readonly end: number;
  readonly entity: Finding<'entity'>;
}

export function createEntityIndex(findings: readonly Finding[]): EntityIndex {
  // A loop of this module's own: the shared `findingsOfKind` reads the records of every analysis, and its
  // reads of `kind` go through V8's slowest (megamorphic) path in a full pipeline.
  const entities: Finding<'entity'>[] = [];
  for (let i = 0; i < findings.length; i++) if (findings[i]!.kind === 'entity') entities.push(findings[i] as Finding<'entity'>);
  // Each part is built on its first use: a document's quotes may have no pronoun, or only pronouns.
  let pronouns: Map<number, Map<number, PronounLink>> | null = null;
  let placed: Placed[] | null = null;
  let byName: Map<string, Finding<'entity'> | null> | null = null;
  /** Pronoun links by start offset, then end (no string key to build for every merge of every entity). */
  const pronounLinks = (): Map<number, Map<number, PronounLink>> => {
    if (pronouns) return pronouns;
    pronouns = new Map();
    for (const entity of entities) {
      for (const merge of entity.data.merges) {
        if (merge.basis !== 'inferred') continue;
        let byEnd = pronouns.get(merge.mention.start);
        if (!byEnd) pronouns.set(merge.mention.start, (byEnd = new Map()));
        byEnd.set(merge.mention.end, { entity, reason: merge.reason, antecedent: merge.antecedent ?? null });
      }
    }
    return pronouns;
  };
  /** Mentions of entities that are not places, in text order. */
  const mentions = (): Placed[] => {
    if (placed) return placed;
    placed = [];
    for (const entity of entities) {
      if (entity.data.type === 'place') continue;
      for (const m of entity.data.mentions) placed.push({ start: m.start, end: m.end, entity });
    }
    placed.sort((a, b) => a.start - b.start || a.end - b.end);
    return placed;
  };
  // Names are folded only when a speaker is looked up by name (most speakers overlap a mention).
  const names = (): Map<string, Finding<'entity'> | null> => {
    if (byName) return byName;
    byName = new Map();
    for (const entity of entities) {
      if (entity.data.type === 'place') continue;
      for (const name of [entity.data.name, ...entity.data.aliases]) {
        const key = foldName(name);
        // A name two entities share points at neither.
        byName.set(key, byName.has(key) && byName.get(key) !== entity ? null : entity);
      }
    }
    return byName;
  };
  return {
    typeOf: (entityId) => entities.find((e) => e.id === entityId)?.data.type ?? null,
    nameIn(from, to) {
      const placed = mentions();
      const i = firstAtOrAfter(placed.length, (k) => placed[k]!.start, from);
      return i < placed.length && placed[i]!.end <= to;
    },
    organisationFrom(from, to) {
      const placed = mentions();
      for (let i = firstAtOrAfter(placed.length, (k) => placed[k]!.start, from); i < placed.length && placed[i]!.start < to; i++) {
        const p = placed[i]!;
        if (p.end > to || p.entity.data.type !== 'organization') continue;
        return { entity: p.entity, mention: { start: p.start, end: p.end, text: p.entity.data.mentions.find((m) => m.start === p.start && m.end === p.end)!.text } };
      }
      return null;
    },
    fitsPronoun(entityId, gender) {
      const entity = entities.find((e) => e.id === entityId);
      if (!entity || entity.data.type !== 'person') return false;
      return entity.data.merges.every((m) => m.basis !== 'inferred' || (pronounGender(m.mention.text) ?? gender) === gender);
    },
    organizationEndingAt(start, end) {
      const placed = mentions();
      for (let i = firstAtOrAfter(placed.length, (k) => placed[k]!.start, end) - 1; i >= 0 && placed[i]!.start >= start; i--) {
        const p = placed[i]!;
        if (p.end === end && p.entity.data.type === 'organization') return p.entity;
      }
      return null;
    },
    isOrganization: (entityId) => entities.find((e) => e.id === entityId)?.data.type === 'organization',
    pronoun: (span) => pronounLinks().get(span.start)?.get(span.end) ?? null,
    speakerAt(span, writtenName, headOnly = false) {
      const placed = mentions();
      // The first mention that could overlap: mentions are short, so start from the last one that
      // starts before the span by a binary search and walk a few back.
      const lo = firstAtOrAfter(placed.length, (i) => placed[i]!.start, span.end);
      let best: Placed | null = null;
      for (let i = lo - 1; i >= 0 && placed[i]!.end > span.start - 200; i--) {
        const p = placed[i]!;
        const overlap = overlapLength(p, span);
        // A noun phrase is the entity of its head only: "Iranian officials" are not Iran, "the Trump campaign" is not Trump.
        if (headOnly && p.end < span.end) continue;
        if (overlap > 0 && (!best || overlap > overlapLength(best, span))) best = p;
      }
      if (best) return best.entity;
      return writtenName ? (names().get(foldName(writtenName)) ?? null) : null;
    },
  };
}
