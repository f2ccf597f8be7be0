/**
 * `npm run fuzz`: the property-based tests of every analysis (test/helpers/properties.ts) at length.
 *
 *   npm run fuzz                        100,000 cases (a third random text, two thirds mutated articles)
 *   npm run fuzz -- --runs 5000 --seed 7
 *
 * Cases run in rounds of 1,000, each round with its own seed (seed + round), and the count, the time
 * and any failure (with the seed to replay it and the shrunk text) are printed. Exits 1 on a failure.
 */
import fc from 'fast-check';
import { articleText, problemsOf, seedArticles } from '../test/helpers/properties.js';

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isInteger(value) || value < 0) {
    console.error(`fuzz: --${name} needs a whole number`);
    process.exit(2);
  }
  return value;
}

const runs = option('runs', 100_000);
const seed = option('seed', 20261201);
const ROUND = 1000;
const seeds = seedArticles();
const started = process.cpuUsage();
const wall = Date.now();
let done = 0;
let round = 0;
while (done < runs) {
  const numRuns = Math.min(ROUND, runs - done);
  const roundSeed = seed + round;
  // Every tenth case is analysed twice, for determinism.
  let n = 0;
  const result = fc.check(
    fc.property(articleText(seeds), (text) => {
      const problems = problemsOf(text, { again: n++ % 10 === 0 });
      if (problems.length > 0) throw new Error(problems.join('\n'));
    }),
    { numRuns, seed: roundSeed },
  );
  done += result.numRuns;
  round++;
  const cpu = process.cpuUsage(started);
  console.log(`fuzz: ${done.toLocaleString('en')} cases, ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s CPU, ${((Date.now() - wall) / 1000).toFixed(0)} s wall`);
  if (result.failed) {
    console.error(`fuzz: a property failed in round seed ${roundSeed} (replay: npm run fuzz -- --runs ${numRuns} --seed ${roundSeed})`);
    console.error(fc.defaultReportMessage(result));
    process.exit(1);
  }
}
console.log(`fuzz: all ${done.toLocaleString('en')} cases passed (seeds ${seed}..${seed + round - 1})`);
