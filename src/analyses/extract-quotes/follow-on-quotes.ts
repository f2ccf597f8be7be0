/**
 * A quotation that stands alone as its own sentence, with no attribution of its own and no quote before it
 * to continue, right after a sentence that reports someone's words without quotation marks: `Mike Hobday,
 * from the league, said video evidence would be passed to police. "Our evidence suggests that most hunts
 * did operate within the law."` News writing gives the quotation to the speaker of that sentence. The
 * quote-mark pass cannot see it (the indirect attribution is found later), so the link is made here, once
 * every draft is known.
 *
 * Counted on PolNeAR train: in the same paragraph, 7 such quotes were matched to gold with a source, 6 of them
 * to this speaker; from the paragraph before, 9 more, only 5 right, so a quotation in a new paragraph is not
 * linked.
 */
import { lastStartingAtOrBefore, type Finding } from '../../core/finding.js';

export interface FollowOnDraft {
  readonly type: string;
  readonly pieces: readonly { start: number; end: number }[];
  readonly attribution: unknown;
  inherited: FollowOnDraft | null;
  rule: string;
  readonly paragraph: number;
}

/** The rule name of a quotation that takes the speaker of the reported sentence before it. */
export const FOLLOW_ON_RULE = 'same-speaker-as-previous-sentence';

/**
 * Links each unattributed stand-alone direct quote (`rule` `unattributed-quote`) to the draft with an
 * attribution whose content ends in the sentence right before the quote's, in the same paragraph. `ordered`
 * is sorted by the start of the first piece.
 */
export function linkFollowOnQuotes<D extends FollowOnDraft>(ordered: readonly D[], sentences: readonly Finding[]): void {
  for (let i = 1; i < ordered.length; i++) {
    const draft = ordered[i]!;
    if (draft.type !== 'direct' || draft.attribution || draft.inherited || draft.rule !== 'unattributed-quote') continue;
    const sentence = lastStartingAtOrBefore(sentences, draft.pieces[0]!.start);
    // The nearest earlier draft with its own attribution; a quotation between them breaks the link.
    const before = ordered[i - 1]!;
    if (!before.attribution || before.paragraph !== draft.paragraph) continue;
    const lastPiece = before.pieces[before.pieces.length - 1]!;
    if (lastStartingAtOrBefore(sentences, Math.max(lastPiece.start, lastPiece.end - 1)) !== sentence - 1) continue;
    draft.inherited = before;
    draft.rule = FOLLOW_ON_RULE;
  }
}
