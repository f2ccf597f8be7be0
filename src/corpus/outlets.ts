/**
 * Outlets: which web domain belongs to which outlet, owner and network. The table in
 * `data/outlets.tsv` is the default; a user's file with the same columns adds rows or replaces the
 * row of a domain. Two documents from one outlet, or from outlets of one network, count as one
 * source for a claim.
 */
import { outletsTable, type OutletsRow } from './data/outlets.generated.js';

export interface Outlet {
  /** The domain as listed (`reuters.com`). */
  domain: string;
  outlet: string;
  /** Names by which articles cite the outlet ("Reuters", "the Associated Press"). */
  names: string[];
  owner: string;
  network: string;
}

export const OUTLET_COLUMNS = ['domain', 'outlet', 'names', 'owner', 'network'] as const;

export class OutletTable {
  private readonly byDomain = new Map<string, Outlet>();
  private readonly byName = new Map<string, Outlet>();

  constructor(rows: readonly Outlet[]) {
    for (const row of rows) {
      this.byDomain.set(row.domain.toLowerCase(), row);
      for (const name of [row.outlet, ...row.names]) if (name) this.byName.set(foldName(name), row);
    }
  }

  /** The outlet of a URL: its host without `www.`, or the nearest parent domain listed. */
  ofUrl(url: string | null): Outlet | null {
    if (!url) return null;
    let host: string;
    try {
      host = new URL(url).hostname.toLowerCase();
    } catch {
      return null;
    }
    host = host.replace(/^www\./, '');
    for (let h = host; h.includes('.'); h = h.slice(h.indexOf('.') + 1)) {
      const outlet = this.byDomain.get(h);
      if (outlet) return outlet;
    }
    return null;
  }

  /** The outlet a written name refers to ("Reuters", "the BBC"), or null. */
  ofName(name: string): Outlet | null {
    return this.byName.get(foldName(name)) ?? this.byName.get(foldName(name.replace(/^the\s+/i, ''))) ?? null;
  }

  get size(): number {
    return this.byDomain.size;
  }
}

function foldName(name: string): string {
  return name.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim();
}

function fromRow(row: Pick<OutletsRow, 'domain' | 'outlet' | 'names' | 'owner' | 'network'>): Outlet {
  return {
    domain: row.domain.toLowerCase(),
    outlet: row.outlet,
    names: row.names.split(';').map((n) => n.trim()).filter(Boolean),
    owner: row.owner,
    network: row.network || row.owner || row.outlet,
  };
}

export const defaultOutletRows: readonly Outlet[] = outletsTable.map(fromRow);

/**
 * Parses a user's outlets file: tab-separated, a header row naming at least `domain` and `outlet`
 * (`names`, `owner`, `network`, `note` and `source` are optional), `#` comments. Throws an Error
 * naming the file, the line and the problem.
 */
export function parseOutletsFile(text: string, fileName: string): Outlet[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let header: string[] | null = null;
  const rows: Outlet[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const cells = line.split('\t').map((c) => c.trim());
    if (!header) {
      header = cells;
      for (const needed of ['domain', 'outlet']) {
        if (!header.includes(needed)) throw new Error(`${fileName}:${index + 1}: the header has no "${needed}" column (tab-separated: domain, outlet, names, owner, network)`);
      }
      return;
    }
    if (cells.length > header.length) throw new Error(`${fileName}:${index + 1}: ${cells.length} cells, the header has ${header.length}`);
    const cell = (name: string) => cells[header!.indexOf(name)] ?? '';
    const domain = cell('domain');
    if (!/^[a-z0-9.-]+\.[a-z0-9-]+$/i.test(domain)) throw new Error(`${fileName}:${index + 1}: "${domain}" is not a domain such as example.com`);
    if (!cell('outlet')) throw new Error(`${fileName}:${index + 1}: the outlet name is empty`);
    rows.push(fromRow({ domain, outlet: cell('outlet'), names: cell('names'), owner: cell('owner'), network: cell('network') }));
  });
  if (!header) throw new Error(`${fileName}: empty outlets file (a header row is needed: domain, outlet, names, owner, network)`);
  return rows;
}

/** The default table with the user's rows added (a user row replaces the default row of its domain). */
export function outletTable(userRows: readonly Outlet[] = []): OutletTable {
  return new OutletTable([...defaultOutletRows, ...userRows]);
}
