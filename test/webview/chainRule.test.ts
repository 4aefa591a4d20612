import * as assert from 'node:assert/strict';
import { describeFanIn } from '../../webview/chainRule';

describe('the chain-rule strip at d > 2 (webview/chainRule.ts describeFanIn)', () => {
  it('counts the components that share the sign of dL/df for one example', () => {
    assert.equal(
      describeFanIn({ dimension: 784, positive: 784, negative: 0, zero: 0 }, -0.3),
      '0 of the 784 gradient components share the sign of ∂L/∂f, 784 have the other sign. The update lies in one of the 2 all-positive or all-negative orthants of the 2⁷⁸⁴.',
    );
    assert.equal(
      describeFanIn({ dimension: 784, positive: 0, negative: 784, zero: 0 }, -0.3),
      '784 of the 784 gradient components share the sign of ∂L/∂f (every input is positive), 0 have the other sign. The update lies in one of the 2 all-positive or all-negative orthants of the 2⁷⁸⁴.',
    );
    assert.equal(
      describeFanIn({ dimension: 10, positive: 6, negative: 3, zero: 1 }, 2),
      '6 of the 10 gradient components share the sign of ∂L/∂f, 3 have the other sign, 1 is 0. The update is not locked to the all-positive or all-negative orthant.',
    );
    assert.equal(describeFanIn({ dimension: 10, positive: 0, negative: 0, zero: 10 }, 0), '∂L/∂f = 0: all 10 gradient components are 0.');
    // One component: "is", "shares", "has".
    assert.equal(
      describeFanIn({ dimension: 3, positive: 1, negative: 1, zero: 1 }, 2),
      '1 of the 3 gradient components shares the sign of ∂L/∂f, 1 has the other sign, 1 is 0. The update is not locked to the all-positive or all-negative orthant.',
    );
  });

  it('splits a batch mean’s components by sign', () => {
    assert.equal(
      describeFanIn({ dimension: 1024, positive: 1000, negative: 24, zero: 0 }, null),
      "Of the 1,024 components of the batch's gradient, 1,000 are positive and 24 negative. The update is not locked to the all-positive or all-negative orthant.",
    );
    assert.equal(
      describeFanIn({ dimension: 4, positive: 1, negative: 3, zero: 0 }, null),
      "Of the 4 components of the batch's gradient, 1 is positive and 3 negative. The update is not locked to the all-positive or all-negative orthant.",
    );
  });
});
