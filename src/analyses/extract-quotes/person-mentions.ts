import { speakerWordsTable } from './data/speaker-words.generated.js';
import type { Gender } from './find-speaker.js';

/** A written name that "he" or "she" may refer to. */
export interface PersonMention {
  readonly start: number;
  readonly end: number;
  readonly name: string;
  gender: Gender;
}

const titleGender = new Map<string, Gender>();
for (const row of speakerWordsTable) if (row.kind === 'title') titleGender.set(row.word.replace(/\.$/, ''), (row.gender || null) as Gender);

/**
 * Words that make a capitalised sequence an organisation, place or work rather than a person.
 * Kept short on purpose: the entity analysis will replace this list.
 */
const NOT_PERSON_WORDS = new Set(
  'Union Party Ministry Department Authority Council Committee Company Corporation Group News Times Post Journal University College Association Agency Court House Senate Congress Parliament Government Street City County State States Republic Kingdom Organization Organisation Institute Foundation Bank Church Police Army Force Forces Airport Hospital School Club United International National Museum Centre Center Office Service Network Daily Radio TV Television Square Park River Island Islands Sea Ocean Mountains Road Avenue Commission Board Trust Fund Federation Alliance Coalition Movement Front Press Media Channel Airlines Motors Inc Ltd Corp Co Hall Library Station Stadium League Cup Championship Games Olympic Olympics Festival Awards Prize Day Week Act Bill Treaty Agreement Accord Conference Summit Assembly Capitol Pentagon Navy Guard Department Tribunal Prison Jail Coast Bay Valley North South East West Northern Southern Eastern Western Central Democrats Republicans Democratic Republican Twitter Facebook Google Apple Microsoft Amazon Wikinews Reuters'.split(' '),
);
const NOT_FIRST = new Set(
  'The A An But And Or So In On At For As If When While After Before Then That This It He She They We I You His Her Their Its Our My Still Yet Also However Meanwhile Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December According Last Next Earlier Later Some Many Most Several Both Each Every No Not Other Such Mr Mrs Ms Dr'.split(' '),
);

const CANDIDATE = /(?:\b(Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Gov|Sen|Rep|Prof|President|Senator|Governor|Minister|Mayor|Judge)\.?\s+)?\b(\p{Lu}[\p{Ll}’'\-]+(?:\s+(?:(?:de|van|der|von|da|di|bin|al|el|la|le|ter|den)\s+)?\p{Lu}[\p{Ll}\p{Lu}’'\-]*){0,3})/gu;

/** Capitalised sequences that look like people's names, in text order. */
export function findPersonMentions(text: string): PersonMention[] {
  const mentions: PersonMention[] = [];
  CANDIDATE.lastIndex = 0;
  for (let m = CANDIDATE.exec(text); m; m = CANDIDATE.exec(text)) {
    const title = m[1];
    let name = m[2]!;
    let words = name.split(/\s+/);
    // A title written as a capitalised word ("Captain Monica Rochester") is not part of the name.
    let leadingTitle: string | undefined;
    let skipped = 0;
    // Everything up to the last title goes ("Vermont Senator Bernie Sanders" -> "Bernie Sanders").
    let lastTitle = -1;
    for (let t = words.length - 2; t >= 0; t--) {
      if (titleGender.has(words[t]!.replace(/\.$/, ''))) {
        lastTitle = t;
        break;
      }
    }
    for (let t = 0; t <= lastTitle && words.length > 1; t++) {
      leadingTitle = words.shift()!.replace(/\.$/, '');
      skipped = m[2]!.length - name.length + /^\S+\s+/u.exec(name)![0].length;
      name = m[2]!.slice(skipped);
    }
    if (!title && words.length < 2) continue;
    if (NOT_FIRST.has(words[0]!)) continue;
    if (words.some((w) => NOT_PERSON_WORDS.has(w.replace(/[’']s$/, '')))) continue;
    const start = m.index + m[0].length - m[2]!.length + skipped;
    const clean = name.replace(/[’']s$/, '');
    mentions.push({ start, end: start + clean.length, name: clean, gender: titleGender.get(title ?? leadingTitle ?? '') ?? null });
  }
  return mentions;
}
