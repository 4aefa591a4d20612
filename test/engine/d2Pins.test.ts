// Every d = 2 scenario keeps its numbers bit for bit: the hashes of fixtures/d2-pins.json were computed
// on main before fan-in existed (test/engine/support/writeD2Pins.ts), from everything the engine gives
// for each scenario (support/d2Pins.ts says what).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinOf, pinnedScenarios } from './support/d2Pins';

const fixture = JSON.parse(readFileSync(join(__dirname, 'fixtures/d2-pins.json'), 'utf8')) as {
  readonly computedOn: string;
  readonly pins: Record<string, string>;
};

describe(`d = 2 runs are bit-identical to main at ${fixture.computedOn}`, () => {
  const scenarios = pinnedScenarios();

  it('pins every scenario it lists, and lists every scenario pinned', () => {
    assert.deepEqual(
      scenarios.map(([name]) => name),
      Object.keys(fixture.pins),
    );
  });

  for (const [name, raw] of scenarios) {
    it(name, () => assert.equal(pinOf(raw), fixture.pins[name]));
  }
});
