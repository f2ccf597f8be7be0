/**
 * Builds the bundled demo corpus and the shared test corpus from the Wikinews sample (CC BY 2.5).
 *
 *   npx tsx scripts/make-demo-corpus.ts [wikinews-dir]
 *
 * Reads `../shared/data/wikinews/wikinews_{2019,2020}.csv` (relative to the repository root) unless a
 * directory is given, and writes:
 *   demo/wikinews-sample.jsonl   40 articles, one JSON object a line: id, title, url, publishedAt, text
 *   demo/ATTRIBUTION.md, demo/LICENSE.md
 *   test/corpus/<slug>.txt       5 of those articles, the text alone
 *   test/corpus/<slug>.html      one of the 5 wrapped in a small hand-made page
 *   test/corpus/ATTRIBUTION.md, test/corpus/LICENSE.md
 *
 * Texts are written exactly as they are in the CSV after unquoting; the selection is deterministic, so
 * running the script again gives the same bytes. Other files in test/corpus/ are left alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DATA_DIR = path.resolve(REPO_ROOT, process.argv[2] ?? '../shared/data/wikinews');
const DEMO_DIR = path.join(REPO_ROOT, 'demo');
const TEST_CORPUS_DIR = path.join(REPO_ROOT, 'test/corpus');

const YEARS = ['2019', '2020'] as const;
const PER_YEAR = 20;
/** Interviews and monthly round-ups run to tens of thousands of characters; the news stories are far shorter. */
const MAX_TEXT_LENGTH = 8000;
/**
 * The sample articles (by id) that also go to test/corpus/ as single files, chosen for variety: figures with
 * "according to", a concession ("admits"), distancing verbs, quotes split by their attribution, both years.
 */
const TEST_CORPUS_IDS = [
  'dozens-dead-in-california-boat-fire',
  'hundreds-arrested-for-dark-web-child-porn-by',
  'uk-supreme-court-rules-prorogation-of-parliament',
  'iran-admits-downing-ukrainian-jet-cites-human',
  'stores-in-australia-lower-toilet-paper-limits',
];

interface Article {
  url: string;
  date: string;
  title: string;
  text: string;
  file: string;
}

interface SampleArticle extends Article {
  id: string;
}

/**
 * RFC 4180: comma-separated fields, a field in double quotes may hold commas, newlines and `""` for a
 * quote. Line ends outside quotes may be `\n` or `\r\n`; inside quotes every character is kept as is.
 */
export function parseCsv(input: string, name: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let fieldStarted = false;
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (quoted) {
      if (char !== '"') field += char;
      else if (input[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
        const next = input[i + 1];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new Error(`${name}: unexpected ${JSON.stringify(next)} after a closing quote at offset ${i + 1}`);
        }
      }
      continue;
    }
    if (char === '"' && !fieldStarted) {
      quoted = true;
      fieldStarted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
      fieldStarted = false;
    } else if (char === '\n' || (char === '\r' && input[i + 1] === '\n')) {
      if (char === '\r') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      fieldStarted = false;
    } else {
      field += char;
      fieldStarted = true;
    }
  }
  if (quoted) throw new Error(`${name}: a quoted field is not closed at the end of the file`);
  if (fieldStarted || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readArticles(file: string): Article[] {
  const [header, ...rows] = parseCsv(fs.readFileSync(path.join(DATA_DIR, file), 'utf8'), file);
  if (header?.join(',') !== 'url,date,title,text') throw new Error(`${file}: unexpected header ${JSON.stringify(header)}`);
  return rows.map((row, index) => {
    if (row.length !== 4) throw new Error(`${file}: record ${index + 1} has ${row.length} fields, expected 4`);
    const [url, date, title, text] = row as [string, string, string, string];
    return { url, date, title, text, file };
  });
}

const DIRECT_QUOTATION = /“[^”]{15,}”|"[^"\n]{15,}"/;
const ATTRIBUTION_CUE = /\b(?:said|says|told|according to)\b/;

/** Why an article is left out of the sample, or null when it qualifies. */
function exclusionReason(article: Article): string | null {
  if (article.title.startsWith('TEST PAGE')) return 'a Wikinews test page, not news';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(article.date)) return 'no publication date';
  if (article.text.length > MAX_TEXT_LENGTH) return 'an interview or round-up, too long for a demo';
  if (/pre-publication review/.test(article.text)) return 'starts with an editorial banner';
  if (/\bWikinews\b/.test(article.title)) return 'an interview transcript';
  if (!DIRECT_QUOTATION.test(article.text)) return 'no direct quotation';
  if (!ATTRIBUTION_CUE.test(article.text)) return 'no said/says/told/according to';
  return null;
}

/** `count` items spread evenly over `items` (the middle of each equal share), in their order. */
function spread<T>(items: T[], count: number): T[] {
  if (items.length < count) throw new Error(`only ${items.length} qualifying articles, ${count} wanted`);
  return Array.from({ length: count }, (_, i) => items[Math.floor(((i + 0.5) * items.length) / count)]!);
}

function slugOf(title: string, taken: Set<string>): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    if (slug && slug.length + 1 + word.length > 48) break;
    slug = slug ? `${slug}-${word}` : word.slice(0, 48);
  }
  let unique = slug;
  for (let n = 2; taken.has(unique); n++) unique = `${slug}-${n}`;
  taken.add(unique);
  return unique;
}

const byUrl = (a: Article, b: Article): number => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0);

function selectSample(): { sample: SampleArticle[]; testPicks: SampleArticle[] } {
  const all = ['wikinews_2019.csv', 'wikinews_2020.csv'].flatMap(readArticles);
  const taken = new Set<string>();
  const sample: SampleArticle[] = [];
  for (const year of YEARS) {
    const qualifying = all.filter((article) => article.date.startsWith(`${year}-`) && exclusionReason(article) === null).sort(byUrl);
    const chosen = spread(qualifying, PER_YEAR).map((article) => ({ ...article, id: slugOf(article.title, taken) }));
    sample.push(...chosen);
  }
  const testPicks = TEST_CORPUS_IDS.map((id) => {
    const article = sample.find((candidate) => candidate.id === id);
    if (!article) throw new Error(`test corpus article ${id} is no longer in the sample; update TEST_CORPUS_IDS`);
    return article;
  });
  return { sample, testPicks };
}

function write(file: string, content: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  console.log(`wrote ${path.relative(REPO_ROOT, file)}`);
}

const LICENCE_LINE = '[Creative Commons Attribution 2.5 Generic (CC BY 2.5)](https://creativecommons.org/licenses/by/2.5/)';
const SOURCE_LINE =
  'Taken from the Wikinews sample collected by Wouter van Atteveldt (<https://github.com/vanatteveldt/wikinews>, ' +
  'commit `347254178bf343f3801aac1d03c41cc09c35decb`, files `data/wikinews_2019.csv` and `data/wikinews_2020.csv`), ' +
  'which scraped the article paragraphs from <https://en.wikinews.org/>.';

function articleList(articles: SampleArticle[], fileOf: (article: SampleArticle) => string | null): string {
  return articles
    .map((article) => {
      const file = fileOf(article);
      return `- ${file ? `\`${file}\`: ` : ''}“${article.title}”, ${article.date}, <${article.url}>`;
    })
    .join('\n');
}

function demoAttribution(sample: SampleArticle[]): string {
  return `# Attribution: demo corpus

\`wikinews-sample.jsonl\` holds ${sample.length} news articles by **Wikinews contributors**, published on
[Wikinews](https://en.wikinews.org/) under the ${LICENCE_LINE} licence. The licence text summary is in
\`LICENSE.md\` beside this file.

${SOURCE_LINE}

**Changes:** none to the article texts. Each \`text\` is the scraped body exactly as it is in the CSV file after
CSV unquoting (2019 texts still begin with their dateline line). Each record adds an \`id\` made from the title,
and \`title\`, \`url\` (as scraped, with its double slash) and \`publishedAt\` come from the CSV columns. The file was
derived by \`scripts/make-demo-corpus.ts\`, which also lists how the articles were chosen.

## Articles (record \`id\`: title, publication date, URL)

${articleList(sample, (article) => article.id)}
`;
}

function testCorpusAttribution(picks: SampleArticle[], wrapped: SampleArticle): string {
  return `# Attribution: test corpus

The articles in this folder are by **Wikinews contributors**, published on [Wikinews](https://en.wikinews.org/)
under the ${LICENCE_LINE} licence. The licence text summary is in \`LICENSE.md\` beside this file.

${SOURCE_LINE}

**Changes:**
- Each \`<slug>.txt\` is one article's text exactly as it is in the CSV file after CSV unquoting, nothing else
  changed (no title line added, no trailing newline added).
- \`${wrapped.id}.html\` is derived from \`${wrapped.id}.txt\`: the same paragraphs (split at blank lines, trimmed,
  HTML-escaped) wrapped in a small page made for these tests, with the title, the Wikinews URL as canonical link and
  the publication date as \`article:published_time\`. The page's navigation and footer are ours, not Wikinews'.

The files were derived by \`scripts/make-demo-corpus.ts\`.

## Articles (file: title, publication date, URL)

${articleList(picks, (article) => `${article.id}.txt`)}
`;
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A small news page around the article, with the metadata readInputs takes from HTML. */
function articlePage(article: SampleArticle): string {
  const paragraphs = article.text
    .split(/\n[ \t]*\n/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => `      <p>${escapeHtml(paragraph)}</p>`)
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>${escapeHtml(article.title)} – Test News</title>
  <meta property="og:title" content="${escapeHtml(article.title)}">
  <meta property="article:published_time" content="${article.date}T12:00:00Z">
  <link rel="canonical" href="${escapeHtml(article.url)}">
</head>
<body>
  <header>
    <nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/science">Science</a> | <a href="/about">About</a></nav>
  </header>
  <main>
    <article>
      <h1>${escapeHtml(article.title)}</h1>
${paragraphs}
    </article>
  </main>
  <footer>
    <p>Article by Wikinews contributors, CC BY 2.5. Page layout made for the claimtrace tests.</p>
  </footer>
</body>
</html>
`;
}

function main(): void {
  const { sample, testPicks } = selectSample();

  write(path.join(DEMO_DIR, 'wikinews-sample.jsonl'),
    sample.map(({ id, title, url, date, text }) => JSON.stringify({ id, title, url, publishedAt: date, text })).join('\n') + '\n');
  write(path.join(DEMO_DIR, 'ATTRIBUTION.md'), demoAttribution(sample));
  write(path.join(DEMO_DIR, 'LICENSE.md'), fs.readFileSync(path.join(DATA_DIR, 'LICENSE.md'), 'utf8'));

  for (const article of testPicks) write(path.join(TEST_CORPUS_DIR, `${article.id}.txt`), article.text);
  // The shortest of the five makes the smallest page.
  const wrapped = [...testPicks].sort((a, b) => a.text.length - b.text.length || byUrl(a, b))[0]!;
  write(path.join(TEST_CORPUS_DIR, `${wrapped.id}.html`), articlePage(wrapped));
  write(path.join(TEST_CORPUS_DIR, 'ATTRIBUTION.md'), testCorpusAttribution(testPicks, wrapped));
  write(path.join(TEST_CORPUS_DIR, 'LICENSE.md'), fs.readFileSync(path.join(DATA_DIR, 'LICENSE.md'), 'utf8'));

  // The texts must survive the round trip unchanged; a mismatch here is a bug in this script.
  const lines = fs.readFileSync(path.join(DEMO_DIR, 'wikinews-sample.jsonl'), 'utf8').trimEnd().split('\n');
  lines.forEach((line, index) => {
    if ((JSON.parse(line) as { text: string }).text !== sample[index]!.text) throw new Error(`record ${index + 1} changed on the way out`);
  });
  for (const article of testPicks) {
    if (fs.readFileSync(path.join(TEST_CORPUS_DIR, `${article.id}.txt`), 'utf8') !== article.text) {
      throw new Error(`${article.id}.txt changed on the way out`);
    }
  }
  console.log(`${sample.length} articles (${YEARS.join(', ')}), ${testPicks.length} in test/corpus/`);
}

main();
