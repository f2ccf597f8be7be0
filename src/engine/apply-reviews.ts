/**
 * Review decisions over an analysis: what the API, the UI and the exports show. Pure: the stored
 * analysis and the decisions in force go in, the reviewed object comes out; nothing is stored.
 *
 * A decision names its record by id and keeps the record's span as an anchor. After re-analysis the
 * id may name another record or none: a decision applies to the record with that id only when the
 * record still covers the anchored text, else to the record of the same kind whose text is the
 * anchored text nearest the old place; failing both it is listed under `review.unanchored`, shown
 * to the user, and never silently dropped.
 */
import type { EntityJson, QuoteJson, SpanJson } from '../api/analysis-json.js';
import type { AnalysisJson } from '../api/analysis-json.js';
import type { EntityReviewJson, QuoteReviewJson, ReviewedAnalysisJson, UnanchoredReviewJson } from '../api/http.js';
import type { Review, ReviewAnchor } from '../store/store.js';

type ReviewedQuote = QuoteJson & { review?: QuoteReviewJson };
type ReviewedEntity = EntityJson & { review?: EntityReviewJson };

/** The span a quote is reviewed by: its first quoted piece (`contents[0]`), else `content`. */
export function quoteAnchor(quote: QuoteJson): ReviewAnchor {
  const span = quote.contents[0] ?? quote.content;
  return { start: span.start, end: span.end, text: span.text };
}

/** The span an entity is reviewed by: its first mention. */
export function entityAnchor(entity: EntityJson): ReviewAnchor | null {
  const span = entity.mentions[0];
  return span ? { start: span.start, end: span.end, text: span.text } : null;
}

function find<T extends { id: string }>(items: readonly T[], review: Review, anchorOf: (item: T) => ReviewAnchor | null): T | null {
  const byId = items.find((item) => item.id === review.target);
  const anchor = review.anchor;
  if (!anchor) return byId ?? null;
  if (byId) {
    const current = anchorOf(byId);
    if (current && current.text === anchor.text) return byId;
  }
  let best: T | null = null;
  let distance = Infinity;
  for (const item of items) {
    const current = anchorOf(item);
    if (!current || current.text !== anchor.text) continue;
    const d = Math.abs(current.start - anchor.start);
    if (d < distance) [best, distance] = [item, d];
  }
  return best;
}

function unanchored(review: Review): UnanchoredReviewJson {
  return {
    targetKind: review.targetKind,
    target: review.target,
    facet: review.facet,
    action: review.action,
    value: review.value,
    anchor: review.anchor,
    who: review.who,
    at: review.at,
  };
}

interface SpeakerValue {
  name: string;
  entityId: string | null;
}

interface MergeValue {
  into: string;
}

interface SplitValue {
  name: string;
  mentionStart: number;
}

export function applyReviews(analysis: AnalysisJson, reviews: readonly Review[]): ReviewedAnalysisJson {
  const quotes: ReviewedQuote[] = analysis.quotes.map((quote) => ({ ...quote }));
  let entities: ReviewedEntity[] = analysis.entities.map((entity) => ({ ...entity }));
  const lost: UnanchoredReviewJson[] = [];
  const mine = reviews.filter((review) => review.documentId === analysis.document.id);

  // Entities first, so a quote's speaker follows a merge.
  const renamed = new Map<string, ReviewedEntity>();
  for (const review of mine.filter((r) => r.targetKind === 'entity' && r.action === 'merge')) {
    const value = review.value as MergeValue;
    const source = find(entities, review, entityAnchor);
    const target = entities.find((entity) => entity.id === value.into);
    if (!source || !target || source === target) {
      lost.push(unanchored(review));
      continue;
    }
    const merged: ReviewedEntity = {
      ...target,
      aliases: [...new Set([...target.aliases, source.name, ...source.aliases])].filter((alias) => alias !== target.name),
      roles: [...new Set([...target.roles, ...source.roles])],
      mentions: [...target.mentions, ...source.mentions].sort(bySpan),
      pronounMentions: [...target.pronounMentions, ...source.pronounMentions].sort(bySpan),
      review: { ...target.review, mergedFrom: [...(target.review?.mergedFrom ?? []), source.id], who: review.who, at: review.at },
    };
    entities = entities.map((entity) => (entity === target ? merged : entity)).filter((entity) => entity !== source);
    renamed.set(source.id, merged);
    for (const [from, to] of renamed) if (to === target) renamed.set(from, merged);
  }
  for (const review of mine.filter((r) => r.targetKind === 'entity' && r.action === 'split')) {
    const value = review.value as SplitValue;
    const source = find(entities, review, entityAnchor);
    const mention = source?.mentions.find((span) => span.start === value.mentionStart);
    if (!source || !mention || source.mentions.length < 2) {
      lost.push(unanchored(review));
      continue;
    }
    const rest: ReviewedEntity = { ...source, mentions: source.mentions.filter((span) => span !== mention) };
    const split: ReviewedEntity = {
      id: `${source.id}~split-${mention.start}`,
      analysis: source.analysis,
      type: source.type,
      name: value.name || mention.text,
      aliases: [],
      roles: [],
      mentions: [mention],
      pronounMentions: [],
      review: { splitFrom: source.id, who: review.who, at: review.at },
    };
    entities = entities.flatMap((entity) => (entity === source ? [rest, split] : [entity]));
  }

  for (const quote of quotes) {
    const target = quote.speaker?.entityId ? renamed.get(quote.speaker.entityId) : undefined;
    if (target && quote.speaker) quote.speaker = { ...quote.speaker, entityId: target.id, name: target.name };
  }
  for (const review of mine.filter((r) => r.targetKind === 'quote')) {
    const quote = find(quotes, review, quoteAnchor);
    if (!quote) {
      lost.push(unanchored(review));
      continue;
    }
    const state: QuoteReviewJson = quote.review ?? { status: null, who: review.who, at: review.at };
    if (review.at >= state.at) [state.who, state.at] = [review.who, review.at];
    if (review.facet === 'status') state.status = review.value === 'accepted' ? 'accepted' : review.value === 'rejected' ? 'rejected' : null;
    if (review.facet === 'speaker') {
      const value = review.value as SpeakerValue;
      state.originalSpeaker = quote.speaker;
      quote.speaker = { entityId: value.entityId, name: value.name, mention: null, basis: 'stated', reason: 'reviewer' };
    }
    quote.review = state;
  }
  return { ...analysis, quotes, entities, review: { decisions: mine.length, unanchored: lost } };
}

function bySpan(a: SpanJson, b: SpanJson): number {
  return a.start - b.start || a.end - b.end;
}
