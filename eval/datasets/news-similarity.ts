/**
 * SemEval-2022 Task 8 English-English article pairs (`../shared/data/news-similarity/`, read in place,
 * internal evaluation only: never copied into the repository). Each pair has two truncated article
 * texts (title and text) and the annotators' mean Overall rating on a 1-4 scale, 1 = very similar.
 */
import fs from 'node:fs';
import path from 'node:path';
import { dataRoot } from '../paths.js';

export interface NewsSimilarityPair {
  pairId: string;
  text1: string;
  text2: string;
  /** Mean Overall rating, 1 (very similar) to 4 (very dissimilar). */
  overall: number;
}

/** RFC 4180 CSV: quoted fields with "" escapes and newlines inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function loadNewsSimilarity(): NewsSimilarityPair[] {
  const file = path.join(dataRoot(), 'news-similarity', 'training_set.en-en.csv');
  const [header, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  const col = (name: string) => {
    const i = header!.indexOf(name);
    if (i < 0) throw new Error(`${file}: no column ${name}`);
    return i;
  };
  const [id, t1, t2, overall] = [col('pair_id'), col('text1'), col('text2'), col('Overall')];
  return rows.filter((r) => r.length === header!.length).map((r) => ({ pairId: r[id]!, text1: r[t1]!, text2: r[t2]!, overall: Number(r[overall]) }));
}
