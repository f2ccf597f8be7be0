/**
 * How output looks on this stdout: colour only when stdout is a terminal (or FORCE_COLOR asks for
 * it), never when NO_COLOR is set to anything (https://no-color.org); the width summaries wrap to.
 */
import type { CliIo } from './options.js';

/** Width when stdout is no terminal and COLUMNS says nothing. */
export const DEFAULT_WIDTH = 100;
/** Long lines tire the eye: text is wrapped to at most this many columns even on a wide terminal. */
export const MAX_WIDTH = 120;
/** Narrower than this and wrapping makes things worse: the text is wrapped to this anyway. */
export const MIN_WIDTH = 40;

export interface Style {
  color: boolean;
  /** Columns to wrap text to. */
  width: number;
  bold(text: string): string;
  dim(text: string): string;
  /** The one accent colour: matched words, stances that are not neutral. */
  accent(text: string): string;
  /** Section names. */
  heading(text: string): string;
  /** Errors. */
  error(text: string): string;
  warning(text: string): string;
}

/** Whether to colour, from stdout being a terminal and the NO_COLOR / FORCE_COLOR conventions. */
export function colorWanted(isTTY: boolean, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force !== 'false';
  return isTTY;
}

/** The wrap width: the terminal's, else $COLUMNS, else 100; kept between 40 and 120. */
export function outputWidth(io: Pick<CliIo, 'stdoutIsTTY' | 'stdoutColumns' | 'env'>): number {
  let width = DEFAULT_WIDTH;
  const fromEnv = Number(io.env.COLUMNS);
  if (io.stdoutIsTTY && io.stdoutColumns && io.stdoutColumns > 0) width = io.stdoutColumns;
  else if (Number.isInteger(fromEnv) && fromEnv > 0) width = fromEnv;
  return Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, width));
}

const sgr = (open: number, close: number) => (text: string) => (text === '' ? text : `\u001b[${open}m${text}\u001b[${close}m`);

export function makeStyle(color: boolean, width: number = DEFAULT_WIDTH): Style {
  const plain = (text: string): string => text;
  if (!color) return { color, width, bold: plain, dim: plain, accent: plain, heading: plain, error: plain, warning: plain };
  return {
    color,
    width,
    bold: sgr(1, 22),
    dim: sgr(2, 22),
    accent: sgr(33, 39),
    heading: (text) => sgr(1, 22)(sgr(36, 39)(text)),
    error: sgr(31, 39),
    warning: sgr(33, 39),
  };
}

/** The style of this command's stdout. */
export function styleFor(io: CliIo): Style {
  return makeStyle(colorWanted(Boolean(io.stdoutIsTTY), io.env), outputWidth(io));
}

/** Characters a terminal shows, without the colour escapes this module writes. */
export function visibleLength(text: string): number {
  // Counted as `Array.from(...).length` counts (code points; a lone surrogate is one), without building
  // the array: the text summary of `analyze` calls this for every word it wraps.
  const shown = text.includes('\u001b') ? text.replace(/\u001b\[\d+m/g, '') : text;
  let count = shown.length;
  for (let i = 0; i < shown.length - 1; i++) {
    const code = shown.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = shown.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/**
 * The width a table must fit: the terminal's, else $COLUMNS; null when stdout is not a terminal and
 * COLUMNS is unset (a table written to a file or a pipe keeps every cell whole).
 */
export function tableColumns(io: Pick<CliIo, 'stdoutIsTTY' | 'stdoutColumns' | 'env'>): number | null {
  if (io.stdoutIsTTY && io.stdoutColumns && io.stdoutColumns > 0) return io.stdoutColumns;
  const fromEnv = Number(io.env.COLUMNS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : null;
}
