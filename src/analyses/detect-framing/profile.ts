/**
 * The framing profile of one document: how much of it carries the writer's own marks, which
 * categories, the most frequent marks, and, from the quotes, which stance the writer's cue verbs
 * give each speaker (whom it lets "say" and whom it makes "admit"). Figures only, so documents of
 * different outlets compare side by side.
 */
import type { FramingCueStanceJson, FramingMarkJson, FramingProfileJson, Stance } from '../../api/analysis-json.js';
import type { Finding } from '../../core/finding.js';
import { lastAtOrBefore } from '../../core/search.js';

export interface QuoteCue {
  readonly id: string;
  readonly speaker: string | null;
  readonly entityId: string | null;
  readonly lemma: string;
  readonly stance: Stance;
}

const TOP_MARKS = 10;

/** The mark categories in sorted order: `byCategory` lists those found in this order. */
const CATEGORIES: readonly FramingMarkJson['category'][] = (
  ['evaluative-adverb', 'loaded-label', 'factive-cue', 'certainty-marker', 'unsourced-superlative', 'intensifier', 'hedge', 'scare-quote'] as const
).slice().sort();

function categoryIndex(category: FramingMarkJson['category']): number {
  const c = CATEGORIES.indexOf(category);
  if (c < 0) throw new Error(`framing profile: unknown mark category "${category}"`);
  return c;
}

function sentenceIndex(sentences: readonly { start: number; end: number }[], position: number): number {
  return lastAtOrBefore(sentences.length, (i) => sentences[i]!.start, position);
}

/**
 * The profile counts the table and rule marks, each with a reason a reader can check; the span model's
 * phrases (`modelReason`) are counted apart (`modelPhrases`), since the model is tuned for recall on
 * propaganda spans and would otherwise make the shares of neutral outlets mostly its own noise.
 */
export function framingProfile(
  allMarks: readonly Finding<'framing-mark'>[],
  sentences: readonly { start: number; end: number }[],
  cues: readonly QuoteCue[],
  modelReason: string,
): FramingProfileJson {
  const marks = allMarks.filter((m) => m.reason !== modelReason);
  const modelPhrases = allMarks.length - marks.length;
  const modelAuthor = allMarks.filter((m) => m.reason === modelReason && m.data.voice === 'author').length;
  const author = marks.filter((m) => m.data.voice === 'author');
  const marked = new Set<number>();
  const byCategory = new Int32Array(CATEGORIES.length);
  const counts = new Map<string, { text: string; category: string; count: number }>();
  for (const mark of author) {
    marked.add(sentenceIndex(sentences, mark.span.start));
    byCategory[categoryIndex(mark.data.category)]!++;
    const text = mark.span.text.toLowerCase();
    const key = `${mark.data.category}\t${text}`;
    const entry = counts.get(key) ?? { text, category: mark.data.category, count: 0 };
    entry.count++;
    counts.set(key, entry);
  }
  // Counted in a fixed array, written in the categories' sorted order, those found only.
  const sortedCategories: Record<string, number> = {};
  for (let c = 0; c < CATEGORIES.length; c++) if (byCategory[c]! > 0) sortedCategories[CATEGORIES[c]!] = byCategory[c]!;
  const topMarks = [...counts.values()]
    .sort((a, b) => b.count - a.count || (a.text < b.text ? -1 : a.text > b.text ? 1 : a.category < b.category ? -1 : 1))
    .slice(0, TOP_MARKS);
  const bySpeaker = new Map<string, FramingCueStanceJson>();
  for (const cue of cues) {
    const key = `${cue.entityId ?? ''}\t${cue.speaker ?? ''}`;
    const entry = bySpeaker.get(key) ?? { speaker: cue.speaker, entityId: cue.entityId, quotes: 0, stances: {}, cues: [] };
    entry.quotes++;
    entry.stances[cue.stance] = (entry.stances[cue.stance] ?? 0) + 1;
    if (!entry.cues.includes(cue.lemma)) entry.cues.push(cue.lemma);
    bySpeaker.set(key, entry);
  }
  const cueStances = [...bySpeaker.values()];
  for (const e of cueStances) e.cues.sort();
  cueStances.sort((a, b) => b.quotes - a.quotes || ((a.speaker ?? '') < (b.speaker ?? '') ? -1 : (a.speaker ?? '') > (b.speaker ?? '') ? 1 : 0));
  const sentenceCount = sentences.length;
  return {
    sentences: sentenceCount,
    sentencesWithAuthorMarks: marked.size,
    authorMarkShare: sentenceCount === 0 ? 0 : Math.round((marked.size / sentenceCount) * 1000) / 1000,
    authorMarks: author.length,
    quotedMarks: marks.length - author.length,
    byCategory: sortedCategories,
    topMarks,
    cueStances,
    modelPhrases: { author: modelAuthor, quoted: modelPhrases - modelAuthor },
  };
}
