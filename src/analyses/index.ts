/**
 * THE per-document pipeline: one ordered list. Each analysis may only need (or use) analyses listed
 * before it, and each record kind has one producer; `validateRegistry` checks both at start-up.
 *
 * The order for the analyses to come, each contract array produced by exactly one of them:
 *
 *   segment-text       paragraphs, sentences, tokens                      (internal, not stored)
 *   detect-entities    person/organisation/place mentions                 (internal: mention)
 *   resolve-aliases    mentions merged into entities, pronouns linked     -> entities
 *   extract-dates      dates and durations, TIMEX3, anchored              -> dates
 *   extract-quotes     quotes; speaker.entityId from resolve-aliases,     -> quotes
 *                      quote.date from extract-dates (both optional uses)
 *   extract-figures    figures; claimant and quoteId from the quotes      -> figures
 *   detect-framing     the writer's marks, voice from the quote spans     -> framing
 *   rank-claims        check-worthy sentences, evidence from all above    -> claims
 *   extract-events     PLOVER events, actors, dates and places            -> events
 *
 * Quotes come after dates so that a statement's date is part of the quote record itself rather than
 * patched in later; entities come first because every later analysis names people through them.
 * See docs/architecture.md and docs/decisions/0005-records-compose-by-single-producer.md.
 */
import type { Analysis } from '../core/analysis.js';
import { detectEntities } from './detect-entities/detect-entities.js';
import { detectFraming } from './detect-framing/detect-framing.js';
import { extractEvents } from './extract-events/extract-events.js';
import { extractDates } from './extract-dates/extract-dates.js';
import { extractFigures } from './extract-figures/extract-figures.js';
import { extractQuotes } from './extract-quotes/extract-quotes.js';
import { resolveAliases } from './resolve-aliases/resolve-aliases.js';
import { rankClaims } from './rank-claims/rank-claims.js';
import { segmentText } from './segment-text/segment-text.js';

export const analyses: readonly Analysis[] = [
  segmentText,
  detectEntities,
  resolveAliases,
  extractDates,
  extractQuotes,
  extractFigures,
  detectFraming,
  rankClaims,
  extractEvents,
];
