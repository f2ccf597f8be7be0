/**
 * What the routes work with: the store, the pipeline, the corpus view (rebuilt when the store
 * changes) and the ingest jobs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { DocumentRowJson, IngestFileJson, IngestJobJson, ReviewActionJson, ReviewedAnalysisJson } from '../api/index.js';
import {
  analyzeInputs,
  applyReviews,
  entityAnchor,
  loadAnalysis,
  quoteAnchor,
  type AuditEntry,
  type DocumentSummary,
  updateCorpus,
  type Outlet,
  type Pipeline,
  type ReviewInput,
  type Store,
} from '../engine/index.js';
import { buildCorpusState, type CorpusState } from './corpus-object.js';
import { buildCorpusView, type CorpusView } from './corpus-view.js';

export class ServiceError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** How long a corpus view is trusted before the store is asked whether it changed. */
const VIEW_CHECK_MS = 2000;
/** Finished ingest jobs kept for their progress answers. */
const KEPT_JOBS = 50;

export class Services {
  private view: { value: Promise<CorpusView>; signature: string; checkedAt: number } | null = null;
  private corpusState: { value: Promise<CorpusState>; signature: string; checkedAt: number } | null = null;
  private corpusUpdates: Promise<unknown> = Promise.resolve();
  private readonly jobs = new Map<string, IngestJobJson>();
  private jobCounter = 0;
  /** Bumped on every write made through the API, so the next view is rebuilt at once. */
  private generation = 0;

  constructor(
    readonly store: Store,
    readonly pipeline: Pipeline,
    readonly now: () => string,
    /** The user's outlets rows (`serve --outlets FILE`), added to the default table. */
    readonly outlets: readonly Outlet[] = [],
    /** Members listed per claim cluster, entity and origin group (default: the engine's). */
    readonly corpusMembers?: number,
  ) {}

  async analysis(documentId: string): Promise<ReviewedAnalysisJson | null> {
    const analysis = await loadAnalysis(this.store, documentId, this.pipeline);
    if (!analysis) return null;
    return applyReviews(analysis, await this.store.getReviews({ documentId }));
  }

  async documentRow(summary: DocumentSummary, snippet?: string): Promise<DocumentRowJson> {
    const counts = summary.recordCounts;
    const same = (await this.store.findByContentHash(summary.contentHash)).filter((id) => id !== summary.id);
    return {
      id: summary.id,
      title: summary.title,
      url: summary.url,
      source: summary.source,
      publishedAt: summary.publishedAt,
      analysedAt: summary.analysedAt,
      length: summary.length,
      contentHash: summary.contentHash,
      counts: {
        quotes: counts.quote ?? 0,
        figures: counts.figure ?? 0,
        dates: counts['date-mention'] ?? 0,
        framing: counts['framing-mark'] ?? 0,
        claims: counts.claim ?? 0,
        entities: counts.entity ?? 0,
      },
      errorCount: summary.errorCount,
      sameTextAs: same,
      ...(snippet !== undefined ? { snippet } : {}),
    };
  }

  /** The corpus view, rebuilt when the store has changed (a write through the API, or another process's). */
  async corpus(): Promise<CorpusView> {
    const now = Date.now();
    if (this.view && now - this.view.checkedAt < VIEW_CHECK_MS) return this.view.value;
    const signature = await this.signature();
    if (this.view && this.view.signature === signature) {
      this.view.checkedAt = now;
      return this.view.value;
    }
    const value = this.buildView();
    this.view = { value, signature, checkedAt: now };
    value.catch(() => {
      if (this.view?.value === value) this.view = null;
    });
    return value;
  }

  /**
   * What the `claimtrace/corpus@1` answers are made from (claim clusters, origins, corpus entities):
   * the corpus index brought up to date through the engine's incremental corpus state (documents
   * stored since the last call are linked, the rest come back from the store) and one line of facts
   * per cluster; the pieces are made per request. One update runs at a time; callers in between
   * share its answer.
   */
  async corpusObject(): Promise<CorpusState> {
    const now = Date.now();
    if (this.corpusState && now - this.corpusState.checkedAt < VIEW_CHECK_MS) return this.corpusState.value;
    const signature = await this.signature();
    if (this.corpusState && this.corpusState.signature === signature) {
      this.corpusState.checkedAt = now;
      return this.corpusState.value;
    }
    // The corpus state in the store takes one writer at a time: a new update waits for the last one.
    const value = this.corpusUpdates.then(async () => buildCorpusState(await updateCorpus(this.store, { outlets: this.outlets }), this.store, signature, this.corpusMembers));
    this.corpusUpdates = value.catch(() => null);
    this.corpusState = { value, signature, checkedAt: now };
    value.catch(() => {
      if (this.corpusState?.value === value) this.corpusState = null;
    });
    return value;
  }

  private async signature(): Promise<string> {
    const count = await this.store.countDocuments();
    const latest = (await this.store.listAudit({ limit: 1 })).items[0]?.id ?? 0;
    let last = '';
    for await (const summary of this.store.iterateDocuments({ pageSize: 1000 })) last += `${summary.id}@${summary.analysedAt};`;
    return `${this.generation}:${count}:${latest}:${hashString(last)}`;
  }

  private async buildView(): Promise<CorpusView> {
    const reviews = await this.store.getReviews();
    const analyses: ReviewedAnalysisJson[] = [];
    for await (const summary of this.store.iterateDocuments()) {
      const analysis = await loadAnalysis(this.store, summary.id, this.pipeline);
      if (analysis) analyses.push(applyReviews(analysis, reviews));
    }
    return buildCorpusView(analyses);
  }

  changed(): void {
    this.generation++;
    this.view = null;
    this.corpusState = null;
  }

  /** Applies one review action and returns its audit line. */
  async review(action: ReviewActionJson): Promise<AuditEntry> {
    const stored = await loadAnalysis(this.store, action.documentId, this.pipeline);
    if (!stored) throw new ServiceError(404, `no document with id ${JSON.stringify(action.documentId)}`);
    const analysis = applyReviews(stored, await this.store.getReviews({ documentId: action.documentId }));
    const who = action.who ?? 'local';
    const at = this.now();
    const base = { documentId: action.documentId, target: action.target, who, at };
    let input: ReviewInput;
    if (action.action === 'merge' || action.action === 'split') {
      const entity = analysis.entities.find((e) => e.id === action.target);
      if (!entity) throw new ServiceError(404, `no entity ${JSON.stringify(action.target)} in document ${action.documentId}`);
      if (action.action === 'merge') {
        if (!action.into) throw new ServiceError(400, 'merge needs "into": the entity to merge into');
        if (action.into === action.target) throw new ServiceError(400, 'an entity cannot be merged into itself');
        if (!analysis.entities.some((e) => e.id === action.into)) throw new ServiceError(404, `no entity ${JSON.stringify(action.into)} in document ${action.documentId}`);
        input = { ...base, targetKind: 'entity', facet: 'entity', action: 'merge', value: { into: action.into }, anchor: entityAnchor(entity) };
      } else {
        if (action.mentionStart === undefined) throw new ServiceError(400, 'split needs "mentionStart": the start offset of the mention to split off');
        const mention = entity.mentions.find((m) => m.start === action.mentionStart);
        if (!mention) throw new ServiceError(400, `entity ${action.target} has no mention starting at ${action.mentionStart}`);
        if (entity.mentions.length < 2) throw new ServiceError(400, 'an entity with one mention cannot be split');
        input = {
          ...base,
          targetKind: 'entity',
          facet: 'entity',
          action: 'split',
          value: { name: action.name ?? mention.text, mentionStart: mention.start },
          anchor: entityAnchor(entity),
        };
      }
    } else {
      const quote = analysis.quotes.find((q) => q.id === action.target);
      if (!quote) throw new ServiceError(404, `no quote ${JSON.stringify(action.target)} in document ${action.documentId}`);
      const anchor = quoteAnchor(quote);
      if (action.action === 'set-speaker') {
        if (!action.name) throw new ServiceError(400, 'set-speaker needs "name"');
        const entity = analysis.entities.find((e) => e.name.toLowerCase() === action.name!.toLowerCase() || e.aliases.some((a) => a.toLowerCase() === action.name!.toLowerCase()));
        input = {
          ...base,
          targetKind: 'quote',
          facet: 'speaker',
          action: 'set-speaker',
          value: { name: entity?.name ?? action.name, entityId: entity?.id ?? null },
          anchor,
        };
      } else {
        const value = action.action === 'accept' ? 'accepted' : action.action === 'reject' ? 'rejected' : null;
        input = { ...base, targetKind: 'quote', facet: 'status', action: action.action, value, anchor };
      }
    }
    const entry = await this.store.putReview(input);
    this.changed();
    return entry;
  }

  job(id: string): IngestJobJson | null {
    return this.jobs.get(id) ?? null;
  }

  /** Starts analysing uploaded files (or pasted text) into the store; progress is read with `job(id)`. */
  startIngest(files: readonly IngestFileJson[]): IngestJobJson {
    for (const file of files) {
      if (!isSafeUploadName(file.name)) throw new ServiceError(400, `refused file name ${JSON.stringify(file.name)}: a plain file name is expected, without folders`);
    }
    const id = `job-${++this.jobCounter}`;
    const job: IngestJobJson = { id, state: 'running', total: files.length, done: 0, analysed: [], errors: [] };
    this.jobs.set(id, job);
    for (const old of [...this.jobs.keys()].slice(0, Math.max(0, this.jobs.size - KEPT_JOBS))) this.jobs.delete(old);
    void this.runIngest(job, files).catch((error: unknown) => {
      job.state = 'failed';
      job.errors.push({ name: '(ingest)', message: error instanceof Error ? error.message : String(error) });
    });
    return { ...job };
  }

  private async runIngest(job: IngestJobJson, files: readonly IngestFileJson[]): Promise<void> {
    const directory = await mkdtemp(join(tmpdir(), 'claimtrace-upload-'));
    try {
      let fileCount = 0;
      for (const file of files) {
        // Pasted text has no name of its own: read as stdin, its id comes from its content.
        const pasted = file.name === 'pasted.txt';
        const data = file.encoding === 'base64' ? Buffer.from(file.content, 'base64') : Buffer.from(file.content, 'utf8');
        let results;
        if (pasted) {
          results = analyzeInputs(['-'], { store: this.store, stdin: Readable.from([data]), now: this.now, pipeline: this.pipeline, flushMs: 0 });
        } else {
          const path = join(directory, `${++fileCount}-${file.name}`);
          await writeFile(path, data);
          results = analyzeInputs([path], { store: this.store, now: this.now, pipeline: this.pipeline, flushMs: 0 });
        }
        for await (const result of results) {
          if (result.kind === 'analysed') job.analysed.push({ id: result.analysis.document.id, title: result.analysis.document.title });
          else if (result.kind === 'failed') job.errors.push({ name: file.name, message: result.diagnostic.message.split(directory).join('') });
          else job.errors.push({ name: file.name, message: `skipped: ${result.reason}` });
        }
        job.done++;
        this.changed();
      }
      job.state = 'done';
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }
}

/** A file name an upload may carry: no folder, no parent reference, no control character, not hidden. */
export function isSafeUploadName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    !/[\/\\\u0000-\u001f]/.test(name) &&
    name !== '.' &&
    name !== '..' &&
    !name.startsWith('.')
  );
}

function hashString(text: string): string {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return (h >>> 0).toString(16);
}
