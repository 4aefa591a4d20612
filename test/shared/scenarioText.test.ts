import * as assert from 'node:assert/strict';
import { ScenarioEditError } from '../../src/shared/scenarioEdit';
import { SCENARIO_TEXT_LIMITS, parseScenarioText, utf8Length } from '../../src/shared/scenarioText';

describe('reading a scenario text', () => {
  it('parseScenarioText refuses a key given twice, naming it and both lines (JSON.parse would keep the last)', () => {
    const refused = (text: string, message: string): void =>
      assert.throws(
        () => parseScenarioText(text, 'a.zigzag.json'),
        (e: unknown) => e instanceof ScenarioEditError && e.message === message,
      );
    refused(
      '{\n  "start": [1, 2],\n  "steps": 100,\n  "start": [3, 4]\n}\n',
      'a.zigzag.json: start is given twice, on lines 2 and 4 (JSON would keep only the last): remove one',
    );
    // Nested, written with an escape, CRLF and a byte-order mark: the same key all the same.
    refused(
      '\ufeff{\r\n  "optimizer": {\r\n    "lr": 0.1,\r\n    "l\\u0072": 0.2\r\n  }\r\n}',
      'a.zigzag.json: optimizer.lr is given twice, on lines 3 and 4 (JSON would keep only the last): remove one',
    );
    refused(
      '{ "inputs": { "points": [[1, 2]] }, "x": [{ "a b": 1, "a b": 2 }] }',
      'a.zigzag.json: x[0]."a b" is given twice, on lines 1 and 1 (JSON would keep only the last): remove one',
    );
    // The same key in two objects is no duplicate.
    assert.deepEqual(parseScenarioText('{ "a": { "k": 1 }, "b": { "k": 2 }, "k": 3 }', 'f'), { a: { k: 1 }, b: { k: 2 }, k: 3 });
  });

  it('parseScenarioText refuses a text over 1 MB (in UTF-8 bytes) or nested too deep, before walking it', () => {
    const max = SCENARIO_TEXT_LIMITS.maxBytes;
    const padded = (bytes: number, fill = ' '): string => `{${fill.repeat(bytes - 2)}}`;
    assert.deepEqual(parseScenarioText(padded(max), 'f'), {});
    assert.throws(() => parseScenarioText(padded(max + 1), 'big.zigzag.json'), {
      message: 'big.zigzag.json is 1,000,001 characters long; a scenario may be at most 1,000,000 bytes (1 MB)',
    });
    // 'é' is two bytes: half as many characters reach the limit.
    const accents = `{"$schema":"${'é'.repeat((max - 14) / 2)}"}`;
    assert.equal(utf8Length(accents), max);
    assert.doesNotThrow(() => parseScenarioText(accents, 'f'));
    assert.throws(() => parseScenarioText(accents.replace('"}', 'é"}'), 'f'), {
      message: /^f is 1,000,002 bytes; a scenario may be at most/,
    });
    assert.equal(utf8Length('a\u00e9\u20ac\u{1f600}\ud800'), 1 + 2 + 3 + 4 + 3);
    assert.throws(() => parseScenarioText(`{"a":${'['.repeat(8)}${']'.repeat(8)}}`, 'f'), { message: /nest more than 8 levels/ });
    // Nesting a recursive parser could not walk: refused with a message, not a stack overflow.
    assert.throws(() => parseScenarioText(`{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`, 'f'), {
      message: /nest more than 8 levels/,
    });
  });
});
