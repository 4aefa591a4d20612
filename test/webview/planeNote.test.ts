import * as assert from 'node:assert/strict';
import { axisNames, planeNote, pointOnPlane } from '../../webview/planeNote';

describe('the plane in one line (webview/planeNote.ts)', () => {
  it('says nothing at d = 2, and names the pair, the projection and the slice beyond', () => {
    assert.equal(planeNote({ axes: [0, 1], dimension: 2, target: [1, 1] }), null);
    assert.deepEqual(axisNames({ axes: [1, 0] }), ['w₂', 'w₁']);
    assert.deepEqual(axisNames(null), ['w₁', 'w₂']);
    assert.equal(
      planeNote({ axes: [783, 0], dimension: 784, target: [1, 1] }),
      'w₇₈₄ and w₁ of 784 weights: the path projected onto them, the contours a slice of the loss through w* (the other 782 weights at their values in w*).',
    );
  });

  it('names the pair a moved point lies in beyond d = 2 (the embed\'s "changed on this plot only" line)', () => {
    assert.equal(pointOnPlane({ axes: [0, 1], dimension: 2 }, [0.5, -1]), '(0.5, -1)');
    assert.equal(pointOnPlane({ axes: [5, 300], dimension: 784 }, [0.5, -1]), '(w₆, w₃₀₁) = (0.5, -1)');
  });
});
