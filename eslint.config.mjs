// ESLint (flat config) with typescript-eslint's type-aware rules for every TypeScript file. The layer
// boundaries of docs/architecture.md: src/tsconfig.pure.json keeps DOM, Node and vscode out of the
// engine and shared/; the rule below keeps the playground webview to the engine's types, catalogs and
// metrics timeline (test/webview/bundle.test.ts checks the bundle itself); the embeds (webview/embed/) run the engine.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.test-artifacts/**', 'examples/**', '**/*.d.mts'] },
  js.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['webview/**/*.{ts,tsx}'],
    ignores: ['webview/embed/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              // metrics: MetricsTimeline, the metrics of the run up to the current step, by the engine's one
              // definition (pure arithmetic over the run the webview already has).
              regex: 'src/engine/(?!types$|catalog/|metrics$)',
              allowTypeImports: true,
              message:
                'The webview imports only the engine’s types, catalogs and metrics timeline; runs come from the host (docs/architecture.md).',
            },
            {
              regex: '(^|/)src/(host|cli)/|^vscode$|^node:',
              message: 'The webview runs in a browser sandbox: no host, CLI, vscode or Node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    // The plots in Markdown previews and notebook outputs have no host to ask: they run the engine in the
    // page (their bundles are listed with it in test/webview/bundle.test.ts). Still a browser sandbox.
    files: ['webview/embed/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)src/(host|cli)/|^vscode$|^node:',
              message: 'An embed runs in a browser sandbox: no host, CLI, vscode or Node modules.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/catalog/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./',
              allowTypeImports: true,
              message: 'A catalog is data the webview bundles: it imports only types from the rest of the engine.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests: messages print arrays and caught values as they are; doubles implement async interfaces
    // synchronously; the determinism test evaluates the engine's source text in Chromium on purpose.
    files: ['test/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowArray: true, allowNullish: true, allowBoolean: true },
      ],
      '@typescript-eslint/no-base-to-string': 'off',
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-unnecessary-type-assertion': 'off',
      '@typescript-eslint/no-implied-eval': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs}'],
    // Scripts run in Node; functions they hand to page.evaluate run in the browser.
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  {
    // CommonJS for tools that load it so (mocha's configuration files and what they require).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: globals.node },
  },
);
