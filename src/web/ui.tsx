/** Pieces every page shares: the page header with its JSON twin, loading, empty and error states, stance bars. */
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Stance } from '../api/index.js';

export function PageHeader(props: { title: string; json?: string; children?: ComponentChildren }) {
  return (
    <header class="page-header">
      <h1>{props.title}</h1>
      <div class="page-header-tools">
        {props.children}
        {props.json ? (
          <a class="json-link" href={props.json} title="The same data as JSON, from the API">
            JSON
          </a>
        ) : null}
      </div>
    </header>
  );
}

export function Loading(props: { what: string }) {
  return (
    <p class="state state-loading" role="status">
      Loading {props.what}…
    </p>
  );
}

export function Empty(props: { children: ComponentChildren }) {
  return <div class="state state-empty">{props.children}</div>;
}

export function ErrorBox(props: { error: unknown }) {
  const message = props.error instanceof Error ? props.error.message : String(props.error);
  return (
    <div class="state state-error" role="alert">
      <strong>Could not load this page.</strong> {message}
    </div>
  );
}

/** Loads data with the typed client; reloads when `key` changes. */
export function useData<T>(load: () => Promise<T>, key: string): { data: T | null; error: unknown; reload: () => void } {
  const [state, setState] = useState<{ data: T | null; error: unknown; key: string | null }>({ data: null, error: null, key: null });
  const [generation, setGeneration] = useState(0);
  useEffect(() => {
    let live = true;
    setState((old) => ({ data: old.key === key ? old.data : null, error: null, key }));
    load().then(
      (data) => live && setState({ data, error: null, key }),
      (error: unknown) => live && setState({ data: null, error, key }),
    );
    return () => {
      live = false;
    };
  }, [key, generation]);
  return { data: state.key === key ? state.data : null, error: state.error, reload: () => setGeneration((n) => n + 1) };
}

export const STANCE_ORDER: readonly Stance[] = ['neutral', 'endorsing', 'emphasis', 'concession', 'distancing', 'denial', 'manner', 'implicative', 'other'];

/** A small stacked bar of cue-verb stances with a text legend (never colour alone). */
export function StanceBar(props: { stances: Partial<Record<Stance, number>>; label: string }) {
  const total = STANCE_ORDER.reduce((sum, s) => sum + (props.stances[s] ?? 0), 0);
  if (total === 0) return <span class="muted">no cue verbs</span>;
  const parts = STANCE_ORDER.filter((s) => (props.stances[s] ?? 0) > 0);
  const summary = parts.map((s) => `${props.stances[s]} ${s}`).join(', ');
  return (
    <span class="stance-bar-wrap">
      <span class="stance-bar" role="img" aria-label={`${props.label}: ${summary}`}>
        {parts.map((s) => (
          <span key={s} class={`stance-part stance-${s}`} ref={(el) => {
            if (el) el.style.flexGrow = String(props.stances[s]);
          }} title={`${s}: ${props.stances[s]}`} />
        ))}
      </span>
      <span class="stance-legend">{summary}</span>
    </span>
  );
}

export function KindBadge(props: { kind: string }) {
  return <span class={`kind-badge kind-${props.kind}`}>{props.kind}</span>;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
