/**
 * A one-line progress bar with an ETA, redrawn in place with `\r` on stderr. Commands create one
 * only when stderr is a terminal, so pipes and log files never see it.
 */
import type { TextSink } from './options.js';
import { oneLine } from './format-text.js';

export interface Progress {
  done: number;
  total: number | null;
  source: string;
}

export interface ProgressBar {
  update(progress: Progress): void;
  /** Writes a line (a failure message) above the bar without leaving a half-drawn bar behind. */
  message(text: string): void;
  /** Erases the bar; call before the closing summary. */
  clear(): void;
}

const REDRAW_INTERVAL_MS = 100;
const BAR_WIDTH = 24;
const CLEAR_LINE = '\r\u001b[K';

export function createProgressBar(sink: TextSink, options: { columns?: number; now?: () => number } = {}): ProgressBar {
  const now = options.now ?? (() => Date.now());
  const columns = Math.max(20, options.columns ?? 80);
  const started = now();
  let drawn = false;
  let lastDraw = -Infinity;
  let last: Progress | null = null;

  const draw = (progress: Progress): void => {
    const line = renderProgress(progress, now() - started);
    const source = oneLine(progress.source);
    const room = columns - 1 - line.length - 2;
    const tail = room > 8 ? `  ${source.length > room ? `…${source.slice(source.length - room + 1)}` : source}` : '';
    sink.write(`${CLEAR_LINE}${line}${tail}`.slice(0, columns + CLEAR_LINE.length - 1));
    drawn = true;
    lastDraw = now();
  };

  return {
    update(progress) {
      last = progress;
      const finished = progress.total !== null && progress.done >= progress.total;
      if (finished || now() - lastDraw >= REDRAW_INTERVAL_MS) draw(progress);
    },
    message(text) {
      if (drawn) sink.write(CLEAR_LINE);
      sink.write(text.endsWith('\n') ? text : `${text}\n`);
      if (drawn && last) draw(last);
    },
    clear() {
      if (drawn) sink.write(CLEAR_LINE);
      drawn = false;
    },
  };
}

/** `[#########---------------] 12/40  30%  ETA 0:05`, or `12 documents  0:03` with no known total. */
export function renderProgress(progress: Progress, elapsedMs: number): string {
  const { done } = progress;
  if (progress.total === null) return `${done} ${done === 1 ? 'document' : 'documents'}  ${formatDuration(elapsedMs)}`;
  // The total is an estimate (a JSON file may hold fewer records than lines); never show done > total.
  const total = Math.max(progress.total, done, 1);
  const fraction = done / total;
  const filled = Math.round(fraction * BAR_WIDTH);
  const eta = done > 0 ? formatDuration((elapsedMs / done) * (total - done)) : '?';
  return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${done}/${total}  ${Math.floor(fraction * 100)}%  ETA ${eta}`;
}

/** `m:ss`, or `h:mm:ss` from an hour. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
