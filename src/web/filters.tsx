/**
 * The filter bars of the list pages (documents, claims, cross-source) and the reader's kind toggles:
 * one labelled group of selects and checkboxes. Each control only reports the value picked; the page
 * turns it into its URL query, so a filtered view can be bookmarked and the back button undoes a filter.
 */
import type { ComponentChildren } from 'preact';

/** A select's option: the value it sets, the label it shows. */
export type FilterOption = readonly [value: string, label: string];

/** A facet's values as options that show how many items each would keep: `bbc.co.uk (12)`. */
export function facetOptions(facets: readonly { value: string; count: number }[]): FilterOption[] {
  return facets.map((f) => [f.value, `${f.value} (${f.count})`]);
}

/** Options whose label is their value. */
export function plainOptions(values: readonly string[]): FilterOption[] {
  return values.map((value) => [value, value]);
}

/**
 * The group around a page's filters, named for screen readers. `filters` lays the controls out as
 * captioned columns (list pages); `toolbar` as one line of inline controls under a rule.
 */
export function FilterBar(props: { label: string; layout?: 'filters' | 'toolbar'; children: ComponentChildren }) {
  return (
    <div class={props.layout ?? 'filters'} role="group" aria-label={props.label}>
      {props.children}
    </div>
  );
}

/** A select with its caption; `onChange` gets the value picked ('' for the first, "all" option by convention). */
export function SelectFilter(props: { label: string; value: string; options: readonly FilterOption[]; onChange: (value: string) => void; id?: string }) {
  return (
    <label>
      {props.label}{' '}
      <select id={props.id} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
        {props.options.map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A checkbox with its caption after it; `onChange` gets the new state. */
export function ToggleFilter(props: { checked: boolean; onChange: (checked: boolean) => void; class?: string; children: ComponentChildren }) {
  return (
    <label class={props.class}>
      <input type="checkbox" checked={props.checked} onChange={() => props.onChange(!props.checked)} />
      {props.children}
    </label>
  );
}

/** A record kind's toggle: its highlight swatch, its name and how many there are. */
export function KindToggle(props: { kind: string; label: string; count: number; checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <ToggleFilter class={`toggle kind-${props.kind}`} checked={props.checked} onChange={props.onChange}>
      <span class={`swatch swatch-${props.kind}`} aria-hidden="true" />
      {props.label} ({props.count})
    </ToggleFilter>
  );
}
