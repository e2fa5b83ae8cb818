import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeOnly = ['electron', 'electron/*', 'better-sqlite3', 'node:*', 'fs', 'path', 'os', 'child_process', 'http', 'crypto', 'url', 'util'];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    files: ['electron/**/*.ts', 'scripts/**/*.mjs', 'test/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // One clock: services take `now` from their context, tests a fixed instant (test/helpers/clock.ts).
    // The wall clock is read in electron/app/clock.ts and, for the renderer, in renderer/i18n/format.ts.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}', 'test/**/*.ts'],
    ignores: ['electron/app/clock.ts', 'renderer/i18n/format.ts', 'test/bench/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'No wall clock here: take `now` from the context (electron/app/clock.ts) or the fixed test instant.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'No wall clock here: take `now` from the context (electron/app/clock.ts) or the fixed test instant.' },
      ],
    },
  },
  {
    // shared/ runs everywhere: it must not reach for Electron, Node, the database or the DOM.
    files: ['shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: nodeOnly, message: 'shared/ is runtime-neutral: no Electron, Node or SQLite here.' }] }],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', '__dirname'],
    },
  },
  {
    // The renderer talks only to the typed API: no Node, no Electron, no store.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [...nodeOnly, 'kysely', '**/electron/**'], message: 'The renderer reaches data only through renderer/api.' }] },
      ],
    },
  },
);
