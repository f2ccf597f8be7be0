/**
 * V8's tier-up, set for a process that analyses batches of documents (decision 0067). V8 optimises a
 * function once it has run for a budget of bytecodes (`--interrupt-budget`, 67,584 in Node 20). The
 * analyses are large functions that inline their callees; optimised that early, each is compiled before
 * the rarer branches and object shapes of news text have reached it, thrown away when they do, and
 * compiled again: on 1,000 BBC articles about 4.5 CPU s of compilation, as much as a third of the whole
 * run, that a second pass over the same texts no longer pays (docs/performance.md, "Third round").
 * With a budget about fifteen times larger the code runs a little longer unoptimised and is compiled
 * once it has seen more: the same output, about a quarter less CPU in all.
 */
import { setFlagsFromString } from 'node:v8';

/** Bytecodes a function runs before V8 considers optimising it. */
export const INTERRUPT_BUDGET = 1_000_000;

let tuned = false;

/**
 * Raises V8's interrupt budget for this process and the worker threads it starts afterwards; a budget
 * the user set (`node --interrupt-budget=N`, or in `NODE_OPTIONS`) is left alone. The flag changes only
 * when V8 compiles, never what the code computes.
 */
export function tuneV8ForBatches(execArgv: readonly string[] = process.execArgv, nodeOptions: string = process.env['NODE_OPTIONS'] ?? ''): boolean {
  if (tuned) return false;
  tuned = true;
  if (budgetGiven(execArgv, nodeOptions)) return false;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
  return true;
}

/** Whether Node's arguments or NODE_OPTIONS already set the interrupt budget. */
export function budgetGiven(execArgv: readonly string[], nodeOptions: string): boolean {
  const given = (text: string): boolean => /(?:^|\s)--interrupt[-_]budget(?:=|\s|$)/.test(text);
  return execArgv.some(given) || given(nodeOptions);
}
