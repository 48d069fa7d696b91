// Flat config. The layer rules of DESIGN.md live here (an allow-list per layer, checked by
// lint/layers.js) so that a wrong import fails `npm test`.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import prettier from 'eslint-config-prettier'
import globals from 'globals'
import { fileURLToPath } from 'node:url'
import layers from './lint/layers.js'

const root = fileURLToPath(new URL('.', import.meta.url))

const SHARED = ['shared/*']
/** What the Electron shell, browser mode and the command line may reach. */
const TRANSPORT = ['main/backend', 'main/http', ...SHARED]

/**
 * The layers of DESIGN.md and the arrows allowed between them (downwards only). A file's layer
 * is its longest matching path; a folder in no layer is refused until it is added here.
 */
export const LAYERS = {
  // src-shared: pure TypeScript, no Node, DOM, Vue or Electron.
  'shared/dsp': { paths: ['src-shared/dsp/'] },
  'shared/labels': { paths: ['src-shared/labels/'] },
  'shared/io': { paths: ['src-shared/io/'], allow: ['shared/dsp'] },
  'shared/figures': { paths: ['src-shared/figures/'], allow: ['shared/io', 'shared/dsp'] },
  'shared/model': { paths: ['src-shared/model/'], allow: ['shared/dsp', 'shared/labels'] },
  'shared/api': {
    paths: ['src-shared/api/'],
    allow: ['shared/model', 'shared/dsp', 'shared/labels'],
  },
  'shared/app-info': { paths: ['src-shared/app-info.ts'], allow: ['package.json'] },
  // src-main: transports on top, then backend, services, and the infrastructure below them.
  'main/entry': {
    paths: ['src-main/index.ts'],
    allow: ['main/ipc', 'main/window', 'main/launch', ...TRANSPORT],
    node: true,
  },
  'main/preload': { paths: ['src-main/preload/'], allow: SHARED },
  'main/window': { paths: ['src-main/window/'], allow: TRANSPORT, node: true },
  'main/ipc': { paths: ['src-main/ipc/'], allow: TRANSPORT, node: true },
  'main/server': { paths: ['src-main/server/'], allow: [...TRANSPORT, 'main/fs'], node: true },
  // The `scw` command line; `serve` starts browser mode (server/) on the backend.
  'main/cli': {
    paths: ['src-main/cli/'],
    allow: ['main/server', 'main/services', 'main/launch', 'main/figures', ...TRANSPORT],
    node: true,
  },
  'main/launch': { paths: ['src-main/launch/'], node: true },
  'main/http': { paths: ['src-main/http/'], allow: ['main/backend', ...SHARED], node: true },
  'main/backend': {
    paths: ['src-main/backend/'],
    allow: ['main/services', 'main/jobs', ...SHARED],
    node: true,
  },
  'main/services': {
    paths: ['src-main/services/'],
    allow: ['main/db', 'main/jobs', 'main/audio', 'main/fs', 'main/demo', ...SHARED],
    // The tasks and results that cross into worker threads.
    allowTypes: ['main/workers'],
    node: true,
  },
  'main/demo': {
    paths: ['src-main/demo/'],
    allow: ['main/audio', 'main/fs', 'resources', ...SHARED],
    node: true,
  },
  'main/db': { paths: ['src-main/db/'], allow: SHARED, node: true },
  // jobs/ names the worker entry files (`?modulePath`), the build bundles them.
  'main/jobs': { paths: ['src-main/jobs/'], allow: ['main/workers', ...SHARED], node: true },
  'main/workers': {
    paths: ['src-main/workers/'],
    allow: ['main/audio', 'main/fs', ...SHARED],
    node: true,
  },
  'main/audio': { paths: ['src-main/audio/'], allow: SHARED, node: true },
  'main/fs': { paths: ['src-main/fs/'], allow: SHARED, node: true },
  'main/figures': { paths: ['src-main/figures/'], allow: SHARED, node: true },
  // src-renderer: only api/ talks to main; stores never see views or components.
  'renderer/shell': {
    paths: ['src-renderer/main.ts', 'src-renderer/App.vue', 'src-renderer/env.d.ts'],
    allow: ['renderer/*', ...SHARED],
  },
  'renderer/helpers': {
    paths: [
      'src-renderer/format.ts',
      'src-renderer/device-colors.ts',
      'src-renderer/view-ids.ts',
      'src-renderer/recording-table.ts',
      'src-renderer/recording-columns.ts',
      // The forms' pure parsing and checking, used by components and composables alike.
      'src-renderer/forms/',
    ],
    allow: SHARED,
  },
  'renderer/styles': { paths: ['src-renderer/styles/'] },
  'renderer/api': { paths: ['src-renderer/api/'], allow: SHARED },
  'renderer/stores': {
    paths: ['src-renderer/stores/'],
    allow: ['renderer/api', 'renderer/helpers', ...SHARED],
  },
  'renderer/composables': {
    paths: ['src-renderer/composables/'],
    allow: ['renderer/stores', 'renderer/helpers', ...SHARED],
  },
  // Presentational: props in, events out; a store's types, never the store.
  'renderer/components': {
    paths: ['src-renderer/components/'],
    allow: ['renderer/composables', 'renderer/helpers', ...SHARED],
    allowTypes: ['renderer/stores'],
  },
  'renderer/views': {
    paths: ['src-renderer/views/'],
    allow: [
      'renderer/components',
      'renderer/composables',
      'renderer/stores',
      'renderer/api',
      'renderer/helpers',
      ...SHARED,
    ],
  },
  // Files outside the source folders that code may read.
  resources: { paths: ['resources/'] },
  'package.json': { paths: ['package.json'] },
}

/** Which layers may import each npm package; a package not listed here is refused. */
export const PACKAGES = {
  electron: ['main/entry', 'main/window', 'main/ipc', 'main/preload'],
  'better-sqlite3': ['main/db'],
  piscina: ['main/jobs'],
  ws: ['main/server'],
  zod: ['shared/api', 'main/demo'],
  '@echogarden/pffft-wasm': ['shared/dsp'],
  'mpg123-decoder': ['main/audio'],
  '@wasm-audio-decoders/ogg-vorbis': ['main/audio'],
  vue: ['renderer/*'],
  pinia: ['renderer/shell', 'renderer/stores'],
  uplot: ['renderer/composables', 'renderer/components'],
  'wavesurfer.js': ['renderer/composables'],
  '@tanstack/vue-virtual': ['renderer/components'],
  // The build's own plugin (out/main/cli.js executable), imported by electron.vite.config.ts.
  vite: ['main/launch'],
  // PNG figures: the rasteriser and the font it draws text with, both inside npm packages.
  '@resvg/resvg-js': ['main/figures'],
  'dejavu-fonts-ttf': ['main/figures'],
}

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
    files: ['src-main/**', 'test/**', 'build/**', '*.config.*', '.ci/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['src-main/**', 'src-shared/**', 'src-renderer/**'],
    plugins: { layers },
    rules: {
      'layers/allowed-imports': ['error', { root, layers: LAYERS, packages: PACKAGES }],
    },
  },
  prettier,
)
