/**
 * Explicit citation cues: where a writer says the material comes from another outlet ("as reported
 * by Reuters", "told Xinhua") or from a statement every outlet can copy ("said in a statement",
 * "told state media"). The cues are the data of `data/citation-cues.tsv`, each with a source.
 */
import type { EntityJson } from '../api/analysis-json.js';
import { citationCuesTable } from './data/citation-cues.generated.js';
import type { Outlet, OutletTable } from './outlets.js';

/** The commas and full stops that end a name (one or more), matched from a character that is not one: linear. */
const FINAL_STOPS = /(?<![.,])[.,]+$/;

export interface Citation {
  cueId: string;
  kind: 'outlet' | 'statement';
  start: number;
  end: number;
  /** For `outlet` cues: the cited outlet's domain and name. */
  outletDomain: string | null;
  outletName?: string;
  /**
   * What two documents must share to count as one origin through this cue: `outlet:<domain>` or
   * `statement:<entity key>` (the organisation or person whose statement it is).
   */
  key: string;
}

/** Capitalised words (an outlet name), optionally after "the". */
const NAME = String.raw`((?:[Tt]he\s+)?[A-Z][\p{L}\p{N}&.'’-]*(?:\s+[A-Z][\p{L}\p{N}&.'’-]*){0,4})`;

function literal(words: string): string {
  return words
    .split(/\s+/)
    .map((word) => {
      const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return `(?:${escaped}|${escaped[0]!.toUpperCase()}${escaped.slice(1)})`;
    })
    .join(String.raw`\s+`);
}

interface CompiledCue {
  id: string;
  kind: 'outlet' | 'statement';
  regex: RegExp;
}

const CUES: readonly CompiledCue[] = citationCuesTable.map((row) => {
  const parts = row.pattern.split('{source}').map((part) => part.trim());
  const body = parts.length === 1 ? literal(parts[0]!) : [parts[0] ? literal(parts[0]) : '', NAME, parts[1] ? literal(parts[1]) : ''].filter(Boolean).join(String.raw`\s+`);
  return { id: row.id, kind: row.kind === 'outlet' ? 'outlet' : 'statement', regex: new RegExp(String.raw`(?<![\p{L}\p{N}])${body}(?![\p{L}\p{N}])`, 'gu') };
});

/** The longest run of the captured words that names an outlet of the table. */
function outletIn(name: string, outlets: OutletTable): Outlet | null {
  const words = name.split(/\s+/);
  for (let length = words.length; length >= 1; length--) {
    for (let from = 0; from + length <= words.length; from++) {
      const outlet = outlets.ofName(words.slice(from, from + length).join(' ').replace(FINAL_STOPS, ''));
      if (outlet) return outlet;
    }
  }
  return null;
}

/** How far back a statement cue looks for the organisation or person whose statement it is. */
const STATEMENT_REACH = 250;

export function findCitations(text: string, entities: readonly EntityJson[], keyOf: (entity: EntityJson) => string, outlets: OutletTable): Citation[] {
  const citations: Citation[] = [];
  for (const cue of CUES) {
    cue.regex.lastIndex = 0;
    for (const match of text.matchAll(cue.regex)) {
      const start = match.index!;
      const end = start + match[0].length;
      if (cue.kind === 'outlet') {
        const outlet = outletIn(match[1] ?? '', outlets);
        if (!outlet) continue;
        citations.push({ cueId: cue.id, kind: 'outlet', start, end, outletDomain: outlet.domain, outletName: outlet.outlet, key: `outlet:${outlet.network}` });
      } else {
        // The statement of whom: the nearest person or organisation named before the cue.
        let best: { end: number; key: string } | null = null;
        for (const entity of entities) {
          if (entity.type !== 'person' && entity.type !== 'organization') continue;
          for (const mention of entity.mentions) {
            if (mention.end <= start && start - mention.end <= STATEMENT_REACH && (!best || mention.end > best.end)) best = { end: mention.end, key: keyOf(entity) };
          }
        }
        if (best) citations.push({ cueId: cue.id, kind: 'statement', start, end, outletDomain: null, key: `statement:${best.key}` });
      }
    }
  }
  citations.sort((a, b) => a.start - b.start || a.end - b.end);
  return citations.filter((c, i) => i === 0 || c.start >= citations[i - 1]!.end);
}
