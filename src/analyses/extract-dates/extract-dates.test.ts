import { runFixtures } from '../../../test/helpers/fixture-runner.js';
import { findingsOfKind } from '../../core/finding.js';

// Every field a reader of a date sees, the span as `start-end text`.
runFixtures('extract-dates', new URL('./fixtures/', import.meta.url), (findings) =>
  findingsOfKind(findings, 'date-mention').map((d) => ({
    id: d.id,
    span: `${d.span.start}-${d.span.end} ${d.span.text}`,
    value: d.data.value,
    type: d.data.type,
    granularity: d.data.granularity,
    mod: d.data.mod,
    basis: d.basis,
    anchor: d.data.anchor,
    range: d.data.range,
    reason: d.reason,
    ...(d.evidence ? { evidence: d.evidence } : {}),
  })),
);
