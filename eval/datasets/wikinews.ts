/**
 * The Wikinews sample articles (2019-2020, CC BY 2.5, Wikinews contributors), read in place from
 * `../shared/data/wikinews/` (see that folder's FORMAT.md): RFC 4180 CSV with the columns url, date,
 * title and text, whose text fields span many lines. Unlabelled news text.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';
import { parseCsv } from './news-similarity.js';

export interface WikinewsArticle {
  readonly url: string;
  readonly date: string;
  readonly title: string;
  readonly text: string;
}

export const WIKINEWS_FILES = ['wikinews_2019.csv', 'wikinews_2020.csv'] as const;

export function loadWikinews(): WikinewsArticle[] {
  const out: WikinewsArticle[] = [];
  for (const name of WIKINEWS_FILES) {
    const file = path.join(dataRoot(), 'wikinews', name);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new Error(`cannot read the Wikinews articles at ${file} (${(error as Error).message})`);
    }
    const [header, ...rows] = parseCsv(text);
    if (!header || header.join(',') !== 'url,date,title,text') throw new Error(`${file}: header ${JSON.stringify(header?.join(','))}, expected "url,date,title,text"`);
    rows.forEach((row, i) => {
      if (row.length === 1 && row[0] === '') return;
      if (row.length !== 4) throw new Error(`${file}: record ${i + 1} has ${row.length} fields, expected 4`);
      out.push({ url: row[0]!, date: row[1]!, title: row[2]!, text: row[3]! });
    });
  }
  return out;
}
