// package.json is data VS Code reads before any of our code runs, so its lists cannot be derived: they are
// compared here with the catalogs they copy. Every settings enum equals its catalog, whole and in order;
// every zigzag.* setting is one the host reads, with the engine's default and the protocol's limits;
// every command a menu or walkthrough names is contributed. (That contributed and registered commands
// are the same set is checked in the real extension host: test/extension/suite/commands.test.ts.)
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DISTRIBUTIONS } from '../../src/engine/catalog/choices';
import { HYPERPARAMETERS, HYPERPARAMETER_NAMES, OPTIMIZER_NAMES } from '../../src/engine/catalog/optimizers';
import { resolveScenario } from '../../src/engine/scenario';
import { UI_LIMITS } from '../../src/shared/uiLimits';
import { QUADRANT_CHOICES } from '../../src/shared/quadrants';
import { SCENARIO_SETTINGS } from '../../src/host/settings';

interface Setting {
  readonly type: string;
  readonly enum?: readonly string[];
  readonly enumDescriptions?: readonly string[];
  readonly default?: unknown;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly exclusiveMinimum?: number;
  readonly exclusiveMaximum?: number;
}

interface Manifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string }[];
    readonly menus: Record<string, readonly { readonly command: string }[]>;
    readonly configuration: { readonly properties: Record<string, Setting> };
    readonly walkthroughs: readonly { readonly steps: readonly { readonly completionEvents?: readonly string[] }[] }[];
  };
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as Manifest;
const settings = manifest.contributes.configuration.properties;

/** The value at a dotted path of an object. */
const at = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, k) => (v as Record<string, unknown> | undefined)?.[k], o);

describe('package.json against the catalogs', () => {
  it('every settings enum equals its catalog, whole and in order', () => {
    const expected: Record<string, readonly string[]> = {
      'zigzag.defaults.optimizer': OPTIMIZER_NAMES,
      // "points" and "file" need the points or the file themselves, which a setting cannot hold.
      'zigzag.defaults.inputs': DISTRIBUTIONS.filter((d) => d !== 'points' && d !== 'file'),
      // The order of the palette's quick pick and the target control.
      'zigzag.defaults.targetQuadrant': QUADRANT_CHOICES.map((q) => q.quadrant),
    };
    const enums = Object.fromEntries(Object.entries(settings).flatMap(([key, s]) => (s.enum ? [[key, s.enum]] : [])));
    assert.deepEqual(enums, expected);
    for (const [key, s] of Object.entries(settings)) {
      if (s.enumDescriptions) assert.equal(s.enumDescriptions.length, s.enum?.length, `${key}: one description per value`);
    }
  });

  it('the quadrant choices cover exactly the engine’s quadrants', () => {
    assert.deepEqual(QUADRANT_CHOICES.map((q) => q.quadrant).sort(), ['ne', 'nw', 'se', 'sw']);
  });

  it('every zigzag.defaults.* setting is one the host maps to a scenario field, and the other way round', () => {
    const declared = Object.keys(settings).filter((k) => k.startsWith('zigzag.defaults.'));
    assert.deepEqual(
      declared.sort(),
      Object.keys(SCENARIO_SETTINGS)
        .map((k) => `zigzag.${k}`)
        .sort(),
    );
  });

  it('each zigzag.defaults.* default is the engine’s default for its field', () => {
    const engine = resolveScenario({});
    for (const [key, field] of Object.entries(SCENARIO_SETTINGS)) {
      assert.deepEqual(settings[`zigzag.${key}`].default, at(engine, field), `zigzag.${key} (${field})`);
    }
  });

  it('a hyperparameter’s zigzag.defaults.* setting carries the catalog’s range', () => {
    const hyperparameters = Object.entries(SCENARIO_SETTINGS).filter(([, field]) =>
      (HYPERPARAMETER_NAMES as readonly string[]).includes(field.replace(/^optimizer\./, '')),
    );
    assert.ok(hyperparameters.length >= 1);
    for (const [key, field] of hyperparameters) {
      const r = HYPERPARAMETERS[field.replace(/^optimizer\./, '') as keyof typeof HYPERPARAMETERS].range;
      const s = settings[`zigzag.${key}`];
      assert.deepEqual(
        [s.minimum, s.exclusiveMinimum, s.maximum, s.exclusiveMaximum],
        [r.minOpen ? undefined : r.min, r.minOpen ? r.min : undefined, r.maxOpen ? undefined : r.max, r.maxOpen ? r.max : undefined],
        `zigzag.${key}`,
      );
    }
  });

  it('zigzag.ui.* settings carry the protocol’s UI limits, and steps stop at the playground’s maximum', () => {
    const ui = Object.keys(settings).filter((k) => k.startsWith('zigzag.ui.'));
    assert.deepEqual(ui.sort(), ['zigzag.ui.contourLevels', 'zigzag.ui.stepsPerSecond']);
    for (const key of ['stepsPerSecond', 'contourLevels'] as const) {
      const s = settings[`zigzag.ui.${key}`];
      const limits = UI_LIMITS[key];
      assert.deepEqual({ min: s.minimum, max: s.maximum, default: s.default }, { ...limits }, `zigzag.ui.${key}`);
    }
    assert.equal(settings['zigzag.defaults.steps'].maximum, UI_LIMITS.maxSteps);
  });

  it('every command a menu or walkthrough names is contributed', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const named = [
      ...Object.values(manifest.contributes.menus).flatMap((items) => items.map((i) => i.command)),
      ...manifest.contributes.walkthroughs.flatMap((w) =>
        w.steps.flatMap((s) =>
          (s.completionEvents ?? []).filter((e) => e.startsWith('onCommand:')).map((e) => e.slice('onCommand:'.length)),
        ),
      ),
    ];
    assert.ok(named.length >= 5, 'menus and walkthrough steps were read');
    assert.deepEqual(
      named.filter((c) => !contributed.has(c)),
      [],
    );
  });
});
