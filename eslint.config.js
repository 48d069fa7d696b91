// Flat config. The layer rules of DESIGN.md live here so that a wrong import fails `npm test`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'url',
]

/** @param {string[]} names @param {string[]} patterns @param {string} why */
const restrict = (names, patterns, why) => ({
  'no-restricted-imports': [
    'error',
    {
      paths: names.map((name) => ({ name, message: why })),
      patterns: patterns.map((group) => ({ group: [group], message: why })),
    },
  ],
})

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'coverage/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
    },
  },
  {
    files: ['src-main/**', 'test/**', '*.config.*', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src-shared/**'],
    rules: restrict(
      ['electron', 'vue', 'pinia', 'better-sqlite3', 'piscina', 'wavesurfer.js', ...nodeBuiltins],
      ['node:*', '**/src-main/**', '**/src-renderer/**'],
      'src-shared is pure TypeScript: no Node, Electron, DOM or Vue imports.',
    ),
  },
  {
    files: ['src-renderer/**'],
    rules: restrict(
      ['electron', 'better-sqlite3', 'piscina', ...nodeBuiltins],
      ['node:*', '**/src-main/**'],
      'The renderer talks to main only through src-renderer/api.',
    ),
  },
  {
    files: ['src-main/**'],
    rules: restrict([], ['**/src-renderer/**'], 'Main never imports the renderer.'),
  },
  {
    files: ['src-main/workers/**', 'src-main/audio/**'],
    rules: restrict(
      ['electron', 'better-sqlite3'],
      ['**/db/**', '**/services/**', '**/ipc/**', '**/window/**', '**/server/**'],
      'Workers and audio import dsp and audio only.',
    ),
  },
  prettier,
)
