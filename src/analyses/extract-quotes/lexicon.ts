/**
 * Everything extract-quotes knows about words, built from its resources once per resource value
 * (see ../memo.ts) and passed down to the attribution rules: nothing is rebuilt per document, and
 * no rule reads a table except through this object.
 */
import { resourceValue, type Resources } from '../../core/resources.js';
import { derivedFrom } from '../memo.js';
import type { IrregularVerbsRow, ReportingVerbsRow, SpeakerWordsRow } from '../resources.js';
import { buildCueLexicon, type CueLexicon } from './cue-lexicon.js';
import { IRREGULAR_VERBS, REPORTING_VERBS, SPEAKER_WORDS } from './resource-ids.js';

export type Gender = 'male' | 'female' | null;

export interface QuoteLexicon {
  readonly cues: CueLexicon;
  /** Titles written before a name (without a final period) -> the gender they imply. */
  readonly titles: ReadonlyMap<string, Gender>;
  /** Role nouns (lower case) -> the gender they imply. */
  readonly roleGender: ReadonlyMap<string, Gender>;
  readonly pronouns: ReadonlyMap<string, Gender>;
  readonly nameParticles: ReadonlySet<string>;
  readonly determiners: ReadonlySet<string>;
  readonly auxiliaries: ReadonlySet<string>;
  readonly collective: ReadonlySet<string>;
  readonly notName: ReadonlySet<string>;
  readonly nounMarkers: ReadonlySet<string>;
  readonly functionWords: ReadonlySet<string>;
  readonly relatives: ReadonlySet<string>;
  readonly notPersonWords: ReadonlySet<string>;
  readonly notFirst: ReadonlySet<string>;
  /** Prepositions after which a capitalised sequence is a place ("in Des Moines"). */
  readonly placePrepositions: ReadonlySet<string>;
  readonly smallWords: ReadonlySet<string>;
  readonly namingCue: RegExp;
  readonly personCandidate: RegExp;
}

const words = (list: string): ReadonlySet<string> => new Set(list.split(' '));

function build(verbs: readonly ReportingVerbsRow[], irregular: readonly IrregularVerbsRow[], speakerWords: readonly SpeakerWordsRow[]): QuoteLexicon {
  const titles = new Map<string, Gender>();
  const roleGender = new Map<string, Gender>();
  for (const row of speakerWords) {
    const gender = (row.gender || null) as Gender;
    if (row.kind === 'title') titles.set(row.word.replace(/\.$/, ''), gender);
    else roleGender.set(row.word, gender);
  }
  return {
    cues: buildCueLexicon(verbs, irregular),
    titles,
    roleGender,
    pronouns: new Map<string, Gender>([
      ['he', 'male'],
      ['she', 'female'],
      ['they', null],
      ['we', null],
      ['i', null],
      ['it', null],
    ]),
    nameParticles: words('de van der von da di du del della dos das al el bin ibn ben la le ter den y'),
    determiners: words('the a an his her their its our this that these those one another some several many most two three four other'),
    auxiliaries: words('has have had was were is are will would did does do also later then again once further previously recently earlier repeatedly reportedly publicly privately separately initially originally subsequently simply often frequently directly not never last first finally ultimately even yesterday today who which had been'),
    collective: words('police officials experts analysts critics protesters protestors residents witnesses authorities sources prosecutors investigators researchers scientists doctors activists organizers organisers lawmakers democrats republicans observers supporters opponents members leaders aides advisers advisors staff workers people voters economists diplomats officers troops rebels reports documents studies polls others many some both'),
    notName: words('The A An But And Or So In On At For As If When While After Before Then That This It He She They We I You His Her Their Its Our My Still Yet Also However Meanwhile Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December According'),
    nounMarkers: words('the a an his her their its our my your this these those such no any every each latest new first recent false same whose'),
    functionWords: words('and or but to of in on at by for with from as than then so if because while when after before not be been being is was are were has have had do did does will would could should can may might must also about into over under against between through during without within upon just only even still there here what how why where whether'),
    relatives: words('who which that'),
    notPersonWords: words(
      'Union Party Ministry Department Authority Council Committee Company Corporation Group News Times Post Journal University College Association Agency Court House Senate Congress Parliament Government Street City County State States Republic Kingdom Organization Organisation Institute Foundation Bank Church Police Army Force Forces Airport Hospital School Club United International National Museum Centre Center Office Service Network Daily Radio TV Television Square Park River Island Islands Sea Ocean Mountains Road Avenue Commission Board Trust Fund Federation Alliance Coalition Movement Front Press Media Channel Airlines Motors Inc Ltd Corp Co Hall Library Station Stadium League Cup Championship Games Olympic Olympics Festival Awards Prize Day Week Act Bill Treaty Agreement Accord Conference Summit Assembly Capitol Pentagon Navy Guard Department Tribunal Prison Jail Coast Bay Valley North South East West Northern Southern Eastern Western Central Democrats Republicans Democratic Republican Twitter Facebook Google Apple Microsoft Amazon Wikinews Reuters',
    ),
    notFirst: words(
      'The A An But And Or So In On At For As If When While After Before Then That This It He She They We I You His Her Their Its Our My Still Yet Also However Meanwhile Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October November December According Last Next Earlier Later Some Many Most Several Both Each Every No Not Other Such Mr Mrs Ms Dr',
    ),
    placePrepositions: words('in at near across throughout outside inside'),
    smallWords: new Set(['of', 'the', 'and', 'a', 'an', 'in', 'on', 'for', 'to', 'at', 'by', 'with', 'from', 'or', 'de', 'la', 'le', 'du', 'is', 'are', '&']),
    namingCue:
      /(?:so-called|dubbed|called|named|titled|entitled|known as|nicknamed|labell?ed|branded|term|terms|word|words|phrase|slogan|hashtag|headline|motto|banner|campaign|programme|program|operation|book|film|song|album|show|series|article|column|editorial|report)\s*$/i,
    personCandidate:
      /(?:\b(Mr|Mrs|Ms|Miss|Dr|Sir|Dame|Lord|Lady|Gov|Sen|Rep|Prof|President|Senator|Governor|Minister|Mayor|Judge)\.?\s+)?\b(\p{Lu}[\p{Ll}’'\-]+(?:\s+(?:(?:de|van|der|von|da|di|bin|al|el|la|le|ter|den)\s+)?\p{Lu}[\p{Ll}\p{Lu}’'\-]*){0,3})/gu,
  };
}

const buildLexicon = derivedFrom(build);

/** The lexicon for a run context's resources; the same object for the same resource values. */
export function quoteLexicon(resources: Resources): QuoteLexicon {
  return buildLexicon(resourceValue(resources, REPORTING_VERBS), resourceValue(resources, IRREGULAR_VERBS), resourceValue(resources, SPEAKER_WORDS));
}
