/**
 * The lemma of a counted noun phrase, so that the same count written two ways compares equal across
 * sources ("the best wireless speakers" and "a good wireless speaker", "3 children" and "one child"):
 * lower case; the head noun (the last word) singular, by `counted-lemmas.tsv` (kind `plural`: "children",
 * "feet", "crises") or the regular endings (-ies → -y, -ches/-shes/-sses/-xes → without -es, -s); the words
 * before it with the base form of an adjective's degree (kind `degree`: "best" → "good", "proudest" →
 * "proud"); commas and quotation marks dropped. A word the table does not list is kept as written.
 */
import type { CountedLemmasRow } from '../resources.js';

const tables = new WeakMap<readonly CountedLemmasRow[], { plural: Map<string, string>; degree: Map<string, string> }>();

function lemmaTables(rows: readonly CountedLemmasRow[]) {
  let t = tables.get(rows);
  if (!t) {
    t = { plural: new Map(), degree: new Map() };
    for (const row of rows) (row.kind === 'plural' ? t.plural : t.degree).set(row.form, row.lemma);
    tables.set(rows, t);
  }
  return t;
}

/** The plurals the table lists ("children", "policemen"): nouns counted like a plural in -s. */
export function irregularPlurals(rows: readonly CountedLemmasRow[]): ReadonlySet<string> {
  let set = pluralSets.get(rows);
  if (!set) {
    set = new Set(rows.filter((r) => r.kind === 'plural').map((r) => r.form));
    pluralSets.set(rows, set);
  }
  return set;
}

const pluralSets = new WeakMap<readonly CountedLemmasRow[], ReadonlySet<string>>();

/** The singular of a regular plural noun, or the word as written when it does not look plural. */
function regularSingular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ss|sh|ch|x|zz)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && /[^sui'’]s$/.test(word)) return word.slice(0, -1);
  return word;
}

export function countedLemma(rows: readonly CountedLemmasRow[], phrase: string): string {
  const { plural, degree } = lemmaTables(rows);
  // Commas of an adjective series ("big, short, sharp shock") and quotation marks ('"critical" security holes')
  // are not part of the lemma.
  const words = phrase.toLowerCase().replace(/[,"“”]|(?<![\p{L}])‘|’(?![\p{L}])/gu, ' ').split(/\s+/).filter(Boolean);
  return words
    .map((w, i) => {
      if (i === words.length - 1) {
        // A hyphenated head ("Covid-19 cases", "passers-by"): the table first, else its last part.
        const listed = plural.get(w);
        if (listed) return listed;
        const dash = w.lastIndexOf('-');
        return dash > 0 ? w.slice(0, dash + 1) + (plural.get(w.slice(dash + 1)) ?? regularSingular(w.slice(dash + 1))) : regularSingular(w);
      }
      return degree.get(w) ?? w;
    })
    .join(' ');
}
