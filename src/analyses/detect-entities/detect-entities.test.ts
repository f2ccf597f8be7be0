import { runFixtures } from '../../../test/helpers/fixture-runner.js';
import { findingsOfKind } from '../../core/finding.js';

// Every mention with its offsets and text, its type and the model's label.
runFixtures('detect-entities', new URL('./fixtures/', import.meta.url), (findings) =>
  findingsOfKind(findings, 'entity-mention').map((m) => ({
    id: m.id,
    span: `${m.span.start}-${m.span.end} ${m.span.text}`,
    type: m.data.type,
    label: m.data.label,
    reason: m.reason,
  })),
);
