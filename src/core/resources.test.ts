import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createResources, resourceValue, type Resource } from './resources.js';

test('createResources keeps a value that is computed on first read (a model decoded lazily) lazy', () => {
  let reads = 0;
  const lazy = {
    id: 'extract-quotes/reporting-verbs',
    hash: 'abcdef0123456789',
    get value() {
      reads++;
      return [];
    },
  } as unknown as Resource;
  const resources = createResources([lazy]);
  assert.equal(reads, 0, 'building the set does not read the value');
  assert.deepEqual(resourceValue(resources, 'extract-quotes/reporting-verbs' as never), []);
  assert.equal(reads, 1);
  assert.ok(Object.isFrozen(resources['extract-quotes/reporting-verbs' as never]));
});
