import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetGiven, tuneV8ForBatches } from './tune-v8.js';

describe('tuneV8ForBatches', () => {
  it('leaves an interrupt budget the user gave alone', () => {
    assert.equal(budgetGiven([], ''), false);
    assert.equal(budgetGiven(['--import', 'tsx'], '--max-old-space-size=4096'), false);
    assert.equal(budgetGiven(['--interrupt-budget=50000'], ''), true);
    assert.equal(budgetGiven(['--interrupt_budget', '50000'], ''), true);
    assert.equal(budgetGiven([], '--max-old-space-size=4096 --interrupt-budget=50000'), true);
    assert.equal(budgetGiven(['--interrupt-budget-for-feedback-allocation=10'], ''), false);
  });

  it('sets the budget once per process', () => {
    assert.equal(tuneV8ForBatches(['--interrupt-budget=67584'], ''), false, 'given by the user: left alone');
    assert.equal(tuneV8ForBatches([], ''), false, 'already decided for this process');
  });
});
