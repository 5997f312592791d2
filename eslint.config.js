import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import officeAddins from 'eslint-plugin-office-addins';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

// The layers (templates/ is the domain, scripts/ the Node CLI, addin/ the pane, both over templates/): which folder may
// import which. test/layers.test.ts plants a breach of each and sees lint fail.
const NODE = `^(node:|(${builtinModules.filter((m) => !m.startsWith('_')).join('|')})(/|$))`;
const layer = (...patterns) => ({ rules: { 'no-restricted-imports': ['error', { patterns }] } });
const layers = [
  {
    files: ['templates/**/*.ts'],
    ...layer(
      {
        regex: '(^|/)(scripts|addin)/',
        message: 'templates/ is the domain: it imports nothing from scripts/ or addin/.',
      },
      { regex: NODE, message: 'templates/ runs in the pane as well as in Node: no Node modules.' },
    ),
  },
  {
    files: ['addin/**/*.{ts,tsx}'],
    ...layer({
      regex: '(^|/)scripts/',
      message: 'addin/ does not import scripts/ (the Node CLI); what both need belongs in templates/.',
    }),
  },
  {
    files: ['scripts/**/*.ts'],
    ...layer({
      regex: '(^|/)addin/',
      message: 'scripts/ does not import addin/ (the pane); what both need belongs in templates/.',
    }),
  },
];

// The Office.js rules of eslint-plugin-office-addins, for the add-in's code only (not the fake, which is the host
// side). Its "recommended" preset is not used: it brings Prettier and React presets that would restyle the project.
const officeRules = {
  // Off: their flow analysis is per statement sequence and flags correct code — a read after `await ctx.sync()`
  // inside an `if`, reads in a helper called after the sync, `range.worksheet.load('name')` read as
  // range.worksheet.name. The same mistakes are caught at test time instead: the typed fake throws
  // PropertyNotLoaded for any property read before its load and sync (test/addin/excel.test.ts).
  'office-addins/call-sync-after-load': 'off',
  'office-addins/call-sync-before-read': 'off',
  'office-addins/load-object-before-read': 'off',
  'office-addins/no-context-sync-in-loop': 'error',
  'office-addins/no-empty-load': 'warn',
  'office-addins/no-navigational-load': 'warn',
  'office-addins/no-office-initialize': 'warn',
  'office-addins/test-for-null-using-isNullObject': 'error',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.js', '**/*.mjs', 'scripts/**', 'test/**', 'bin/**'],
    languageOptions: { globals: globals.node },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  ...layers,
  {
    files: ['addin/**/*.{ts,tsx}'],
    ignores: ['addin/fake/**'],
    plugins: { 'office-addins': officeAddins },
    rules: officeRules,
  },
  {
    // The two classic hooks rules; v7's React Compiler rules are left out (the pane is not compiled by it).
    files: ['addin/**/*.tsx', 'addin/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    // Inline in taskpane.html, for any web view Office may use (IE11 too): ES5, a browser script. The ES5 syntax is
    // checked by test/e2e/unsupported.test.ts (acorn, ecmaVersion 5).
    files: ['addin/taskpane/compat.js'],
    languageOptions: { sourceType: 'script', globals: globals.browser },
    rules: { '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }] },
  },
  {
    // Node scripts of the add-in (icon generator, start/stop, the preview server) and the webpack config.
    files: ['addin/**/*.mjs', 'webpack.config.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' } },
  },
);
