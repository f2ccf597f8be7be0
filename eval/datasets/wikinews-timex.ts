/**
 * The hand-annotated Wikinews TIMEX3 set (`eval/datasets/wikinews-dates/`, CC BY 2.5, Wikinews contributors;
 * README.md there says how the articles were chosen and annotated). Unlike TempEval-3 and MEANTIME, its texts are in
 * the repository. It is a train split: its errors may be read. Each article's publication date is its anchor.
 */
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths.js';
import type { GoldTimex, TimexDoc } from './tempeval3.js';

export const WIKINEWS_DATES_GOLD = path.join(repoRoot, 'eval', 'datasets', 'wikinews-dates', 'gold.json');

export interface WikinewsTimex extends GoldTimex {
  readonly mod: string | null;
}

export interface WikinewsDatesArticle {
  readonly url: string;
  readonly date: string;
  readonly title: string;
  readonly annotated: string;
  readonly batch: number;
  readonly text: string;
  readonly timexes: readonly WikinewsTimex[];
  readonly notes?: readonly string[];
}

/** Reads the gold set and checks every span against its text. */
export function loadWikinewsDatesGold(file = WIKINEWS_DATES_GOLD): WikinewsDatesArticle[] {
  const { articles } = JSON.parse(fs.readFileSync(file, 'utf8')) as { articles: WikinewsDatesArticle[] };
  for (const a of articles) {
    for (const t of a.timexes) {
      if (a.text.slice(t.start, t.end) !== t.text) throw new Error(`${path.basename(file)}: ${a.url}: span ${t.start}-${t.end} is not "${t.text}"`);
    }
  }
  return articles;
}

/** The articles as scoring documents: the id is the article's title in the URL. */
export function loadWikinewsTimex(file = WIKINEWS_DATES_GOLD): TimexDoc[] {
  return loadWikinewsDatesGold(file).map((a) => ({
    id: decodeURIComponent(a.url.replace(/^.*\/wiki\//, '')),
    text: a.text,
    publishedAt: a.date,
    timexes: a.timexes,
  }));
}
