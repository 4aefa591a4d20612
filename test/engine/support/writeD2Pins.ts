// Writes fixtures/d2-pins.json: run once, on main before a change that must keep d = 2 numbers
// (npx tsx test/engine/support/writeD2Pins.ts <commit>), never to make a failing pin pass.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pinOf, pinnedScenarios } from './d2Pins';

const computedOn = process.argv[2];
if (!computedOn) throw new Error('usage: writeD2Pins.ts <commit the pins are computed on>');
const pins = Object.fromEntries(pinnedScenarios().map(([name, raw]) => [name, pinOf(raw)]));
writeFileSync(join(__dirname, '../fixtures/d2-pins.json'), JSON.stringify({ computedOn, pins }, null, 2) + '\n');
console.log(`${Object.keys(pins).length} pins written`);
