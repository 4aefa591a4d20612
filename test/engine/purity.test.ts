// The engine must give the same bits in Node, the VS Code extension host and browsers, and run in all of
// them: so no engine-provided transcendental functions (their last bits differ between JavaScript
// engines; src/engine/portableMath.ts has deterministic ones), no `**` on variables (it is Math.pow),
// no Math.random, and no Node, VS Code or DOM APIs. This guard reads every src/engine/**/*.ts and names
// the file and line of each violation.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative, resolve } from 'node:path';

const root = resolve(__dirname, '../..');
const engineDir = join(root, 'src/engine');
const PORTABLE = 'portableMath.ts';

const FORBIDDEN_MATH = [
  'exp',
  'log',
  'log1p',
  'log2',
  'log10',
  'expm1',
  'sin',
  'cos',
  'tan',
  'tanh',
  'atan',
  'atan2',
  'asin',
  'acos',
  'sinh',
  'cosh',
  'asinh',
  'acosh',
  'atanh',
  'pow',
  'cbrt',
  'hypot',
  'random',
  'fround',
];
/** What portableMath itself may use: correctly rounded or exact operations only. */
const PORTABLE_ALLOWED_MATH = new Set(['sqrt', 'abs', 'floor', 'trunc', 'ceil', 'max', 'min', 'imul', 'sign']);
const HOST_GLOBALS = ['window', 'document', 'process', 'navigator', 'self', 'require', 'Buffer', '__dirname', '__filename'];
const FORBIDDEN_MODULES = new Set(['vscode', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * The source with comments (and, unless keepStrings, string/template/regex literal contents) replaced
 * by spaces, newlines kept, so line numbers still match and only code is searched.
 */
export function blank(src: string, keepStrings = false): string {
  const out = src.split('');
  const wipe = (from: number, to: number): void => {
    for (let k = from; k < to; k++) if (out[k] !== '\n') out[k] = ' ';
  };
  let i = 0;
  let lastSignificant = ''; // previous non-space code character, to tell a regex from a division
  while (i < src.length) {
    const c = src[i];
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      const end = src.indexOf('\n', i);
      const stop = end < 0 ? src.length : end;
      wipe(i, stop);
      i = stop;
    } else if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? src.length : end + 2;
      wipe(i, stop);
      i = stop;
    } else if (c === '"' || c === "'" || c === '`') {
      let j = i + 1;
      while (j < src.length && src[j] !== c) j += src[j] === '\\' ? 2 : 1;
      // Template substitutions hold code, but the engine has none worth searching; treat as text.
      if (!keepStrings) wipe(i + 1, j);
      i = j + 1;
      lastSignificant = c;
    } else if (
      c === '/' &&
      (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant) || /\breturn\s*$/.test(src.slice(Math.max(0, i - 10), i)))
    ) {
      // a regular expression literal
      let j = i + 1;
      let inClass = false;
      while (j < src.length && src[j] !== '\n' && (inClass || src[j] !== '/')) {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        j++;
      }
      if (!keepStrings) wipe(i + 1, j);
      i = j + 1;
      lastSignificant = '/';
    } else {
      if (!/\s/.test(c)) lastSignificant = c;
      i++;
    }
  }
  return out.join('');
}

const NUMBER = String.raw`(?:0[xX][\da-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][+-]?\d+)?)`;
const LITERAL_LEFT = new RegExp(String.raw`(?:^|[^\w$.)\]])\(?\s*${NUMBER}\s*$`);
const LITERAL_RIGHT = new RegExp(String.raw`^\s*[-+]?\s*${NUMBER}(?![\w$.(\[])`);

/** Violations in one file's text as "line: message". */
export function violations(file: string, src: string): string[] {
  const found: string[] = [];
  const code = blank(src).split('\n');
  const withStrings = blank(src, true).split('\n');
  const isPortable = file.endsWith(PORTABLE);
  code.forEach((line, k) => {
    const at = `${file}:${k + 1}`;
    for (const m of line.matchAll(/\bMath\s*\.\s*([A-Za-z_$][\w$]*)/g)) {
      const name = m[1];
      if (isPortable ? !PORTABLE_ALLOWED_MATH.has(name) && /^[a-z]/.test(name) : FORBIDDEN_MATH.includes(name)) {
        found.push(
          `${at}: Math.${name} (use ${isPortable ? 'basic IEEE operations' : `portableMath's ${name === 'hypot' ? 'hypot2' : name}`}: Math.${name} differs between JavaScript engines)`,
        );
      }
    }
    // Math used other than as Math.name: Math['exp'], const { exp } = Math, const M = Math, f(Math)
    for (const m of line.matchAll(/\bMath\b(?!\s*\.\s*[A-Za-z_$])/g)) {
      if (m.index !== undefined && line[m.index - 1] !== '.')
        found.push(`${at}: Math used indirectly (${line.trim()}): name the function, so this guard can check it`);
    }
    // ** (and **=) unless both operands are numeric literals
    for (const m of line.matchAll(/\*\*(=?)/g)) {
      const idx = m.index ?? 0;
      const left = line.slice(0, idx);
      const right = line.slice(idx + m[0].length);
      if (m[1] === '=' || !LITERAL_LEFT.test(left) || !LITERAL_RIGHT.test(right)) {
        found.push(`${at}: \`**\` on a non-literal operand (${line.trim()}): it is Math.pow; use portableMath's pow`);
      }
    }
    for (const g of HOST_GLOBALS) {
      if (new RegExp(String.raw`(?<![\w$.])${g}(?![\w$])(?!\s*:(?!:))`).test(line))
        found.push(`${at}: ${g} (a host API: the engine runs in Node, browsers and the extension host alike)`);
    }
  });
  withStrings.forEach((line, k) => {
    for (const m of line.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)(['"])([^'"]+)\1/g)) {
      const spec = m[2];
      if (FORBIDDEN_MODULES.has(spec) || spec.startsWith('node:'))
        found.push(`${file}:${k + 1}: imports '${spec}' (the engine may use nothing but the language itself)`);
    }
  });
  return found;
}

function engineFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...engineFiles(p));
    else if (entry.name.endsWith('.ts')) files.push(p);
  }
  return files.sort();
}

describe('engine purity guard', () => {
  it('finds the engine sources (so an empty scan cannot pass)', () => {
    const names = engineFiles(engineDir).map((f) => relative(engineDir, f));
    for (const expected of [PORTABLE, 'autodiff.ts', 'neuron.ts', 'data.ts', 'rng.ts', 'optimizers.ts', 'metrics.ts', 'expression.ts']) {
      assert.ok(names.includes(expected), `src/engine/${expected} not found among ${names.join(', ')}`);
    }
  });

  it('no engine-provided transcendental functions, `**` on variables, Math.random, host APIs or Node/VS Code imports in src/engine/**/*.ts', () => {
    const all = engineFiles(engineDir).flatMap((f) => violations(relative(root, f), readFileSync(f, 'utf8')));
    assert.deepEqual(all, [], `\n${all.join('\n')}`);
  });

  describe('the scanner itself', () => {
    const check = (src: string, file = 'src/engine/x.ts'): string[] => violations(file, src);
    it('flags each forbidden Math function, naming file and line', () => {
      for (const f of FORBIDDEN_MATH) {
        const v = check(`const a = 1;\nconst y = Math.${f}(x);\n`);
        assert.equal(v.length, 1, `Math.${f}: ${v.join('; ')}`);
        assert.match(v[0], new RegExp(`^src/engine/x\\.ts:2: Math\\.${f} `));
      }
      assert.equal(check('const y = Math . exp (x);').length, 1);
      assert.equal(check('const y = Math\n  .exp(x);').length, 1, 'Math on one line and .exp on the next');
    });
    it('allows exact Math functions, comments and strings that mention the others, and portableMath', () => {
      assert.deepEqual(check('const y = Math.sqrt(x) + Math.abs(z) + Math.max(a, b) + Math.floor(c) + Math.LN2;'), []);
      assert.deepEqual(check('// Math.exp differs between engines\n/* Math.pow(2, 3) ** */ const s = "Math.log(x) ** 2";'), []);
      assert.deepEqual(check('const re = /Math.exp|a**b/; const t = `Math.sin`;'), []);
      assert.deepEqual(check('const y = Math.exp(x);', 'src/engine/portableMath.ts').length, 1, 'portableMath may not use Math.exp either');
      assert.deepEqual(check('const y = Math.sqrt(x) + Math.floor(y);', 'src/engine/portableMath.ts'), []);
    });
    it('flags indirect uses of Math', () => {
      assert.equal(check("const f = Math['exp'];").length, 1);
      assert.equal(check('const { exp } = Math;').length, 1);
      assert.equal(check('const M = Math; M.exp(1);').length, 1);
    });
    it('flags ** unless both operands are numeric literals', () => {
      assert.deepEqual(check('const a = 2 ** 10; const b = 2 ** -52; const c = 1e3 ** 2; const d = (2 ** 0.5);'), []);
      for (const bad of [
        'const a = x ** 2;',
        'const a = 2 ** k;',
        'const a = (x + 1) ** 2;',
        'const a = 2 ** (k + 1);',
        'x **= 2;',
        'const a = o.v ** 2;',
        'const a = 2 ** f(1);',
        'const a = v[0] ** 2;',
      ]) {
        assert.equal(check(bad).length, 1, bad);
      }
    });
    it('flags host globals and Node/VS Code imports, not look-alikes', () => {
      assert.equal(check("import * as vscode from 'vscode';").length, 1);
      assert.equal(check("import { readFileSync } from 'node:fs';").length, 1);
      assert.equal(check("import { readFileSync } from 'fs';").length, 1);
      assert.equal(check("import { join } from 'path';").length, 1);
      assert.equal(check("const p = require('path');").length, 2, 'require is also a host global');
      assert.equal(check("const m = await import('node:os');").length, 1);
      assert.equal(check('const w = window.innerWidth;').length, 1);
      assert.equal(check('document.body.append(x);').length, 1);
      assert.equal(check('if (process.env.X) {}').length, 1);
      assert.deepEqual(
        check("import { exp } from './portableMath';\nconst o = { process: 1 }; o.process; const processed = 1; const windowSize = 2;"),
        [],
      );
    });
  });
});
