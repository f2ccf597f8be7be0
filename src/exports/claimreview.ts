/**
 * schema.org ClaimReview skeletons (https://schema.org/ClaimReview) for the check-worthy claims of
 * the selection, for fact-checkers to complete: `claimReviewed` is the claim as written,
 * `itemReviewed` a `Claim` whose `author` is the claimant and whose `appearance` is the article, and
 * `datePublished` the day of the export. Left for the fact-checker: `reviewRating`, the review's
 * `author` and `url`. Claims come from the contract's `claims` array (rank-claims); without claims
 * the result is an empty array and a message saying so.
 */
import type { AnalysisJson, ClaimJson } from '../api/analysis-json.js';
import type { ExportOptions, ExportResult } from './types.js';

export interface ClaimReviewSkeleton {
  '@context': 'https://schema.org';
  '@type': 'ClaimReview';
  identifier: string;
  datePublished: string;
  claimReviewed: string;
  itemReviewed: {
    '@type': 'Claim';
    author?: { '@type': 'Person' | 'Organization'; name: string };
    datePublished?: string;
    appearance: { '@type': 'CreativeWork'; url?: string; headline?: string; datePublished?: string };
  };
}

export const DEFAULT_MIN_CHECK_WORTHINESS = 0.5;

function authorOf(analysis: AnalysisJson, claim: ClaimJson): ClaimReviewSkeleton['itemReviewed']['author'] | undefined {
  if (!claim.claimant) return undefined;
  const entity = claim.claimant.entityId ? analysis.entities.find((e) => e.id === claim.claimant!.entityId) : undefined;
  return { '@type': entity && entity.type !== 'person' ? 'Organization' : 'Person', name: claim.claimant.name };
}

export function claimReviewOf(analysis: AnalysisJson, claim: ClaimJson, today: string): ClaimReviewSkeleton {
  const { document } = analysis;
  const author = authorOf(analysis, claim);
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    identifier: `urn:claimtrace:claim:${encodeURIComponent(document.id)}:${encodeURIComponent(claim.id)}`,
    datePublished: today,
    claimReviewed: claim.span.text,
    itemReviewed: {
      '@type': 'Claim',
      ...(author ? { author } : {}),
      ...(document.publishedAt ? { datePublished: document.publishedAt } : {}),
      appearance: {
        '@type': 'CreativeWork',
        ...(document.url ? { url: document.url } : {}),
        ...(document.title ? { headline: document.title } : {}),
        ...(document.publishedAt ? { datePublished: document.publishedAt } : {}),
      },
    },
  };
}

export function exportClaimReview(analyses: readonly AnalysisJson[], options: ExportOptions): ExportResult {
  const min = options.minCheckWorthiness ?? DEFAULT_MIN_CHECK_WORTHINESS;
  const all = analyses.flatMap((analysis) => analysis.claims.map((claim) => ({ analysis, claim })));
  const kept = all.filter(({ claim }) => claim.checkWorthiness >= min).sort((a, b) => b.claim.checkWorthiness - a.claim.checkWorthiness);
  const messages: string[] = [];
  if (all.length === 0) {
    messages.push('no claims in the selection: ClaimReview skeletons are made from the claims array (rank-claims), which is empty for these documents');
  } else if (kept.length === 0) {
    messages.push(`none of the ${all.length} claims reaches a check-worthiness of ${min}`);
  } else if (kept.length < all.length) {
    messages.push(`${all.length - kept.length} of ${all.length} claims below a check-worthiness of ${min} left out`);
  }
  const reviews = kept.map(({ analysis, claim }) => claimReviewOf(analysis, claim, options.today));
  return {
    format: 'claimreview',
    files: [{ name: 'claimreview.json', mediaType: 'application/ld+json', content: `${JSON.stringify(reviews, null, 1)}\n` }],
    messages,
    count: reviews.length,
  };
}
