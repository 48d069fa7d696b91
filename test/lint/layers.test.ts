// The layer allow-list of eslint.config.js (lint/layers.js), run through ESLint's Node API on
// deliberately wrong imports (each must be refused, naming the layers) and on right ones.
import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const root = join(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd: root })

/** The layer rule's messages for `code` as if it were the file `path`. */
async function layerErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, path) })
  return result.messages.filter((m) => m.ruleId === 'layers/allowed-imports').map((m) => m.message)
}

const vue = (script: string): string => `<script setup lang="ts">\n${script}\n</script>\n`

/** [file, code, what the error must say] */
const WRONG: [string, string, RegExp][] = [
  // The five arrows the old deny-lists let through.
  [
    'src-main/services/x.ts',
    "export { startServer } from '../server/server'",
    /main\/services may not import main\/server/,
  ],
  [
    'src-main/services/x.ts',
    "export { app } from 'electron'",
    /main\/services may not import the package electron/,
  ],
  [
    'src-main/db/x.ts',
    "export { BackendError } from '../backend/types'",
    /main\/db may not import main\/backend/,
  ],
  [
    'src-main/audio/x.ts',
    "export type { BackendApi } from '../backend/types'",
    /main\/audio may not import main\/backend/,
  ],
  [
    'src-main/db/x.ts',
    "export { openProject } from '../services/project'",
    /main\/db may not import main\/services/,
  ],
  // Transports do not know each other; the backend reaches the database only through services.
  [
    'src-main/window/x.ts',
    "export { startServer } from '../server/server'",
    /main\/window may not import main\/server/,
  ],
  [
    'src-main/server/x.ts',
    "export { registerSchemes } from '../window/protocols'",
    /main\/server may not import main\/window/,
  ],
  [
    'src-main/ipc/x.ts',
    "export { apiReply } from '../server/api-route'",
    /main\/ipc may not import main\/server/,
  ],
  [
    'src-main/backend/x.ts',
    "export { getSource } from '../db/sources-repo'",
    /main\/backend may not import main\/db/,
  ],
  [
    'src-main/jobs/x.ts',
    "export { analyzeProject } from '../services/analysis'",
    /main\/jobs may not import main\/services/,
  ],
  [
    'src-main/workers/x.ts',
    "export { getSource } from '../db/sources-repo'",
    /main\/workers may not import main\/db/,
  ],
  [
    'src-main/workers/x.ts',
    "export { Piscina } from 'piscina'",
    /may not import the package piscina/,
  ],
  [
    'src-main/services/x.ts',
    "export { analyzeFile } from '../workers/analyze-file'",
    /only types from main\/workers/,
  ],
  [
    'src-main/http/x.ts',
    "export { startServer } from '../server/server'",
    /main\/http may not import main\/server/,
  ],
  // Dynamic imports count too.
  [
    'src-main/db/x.ts',
    "export const p = import('../services/project')",
    /main\/db may not import main\/services/,
  ],
  // A new folder, or a package nobody was granted, is refused until allowed.
  ['src-main/reports/x.ts', 'export const x = 1', /src-main\/reports\/x\.ts lies in no layer/],
  [
    'src-main/services/x.ts',
    "export { chunk } from 'lodash'",
    /package lodash; it is granted to no layer/,
  ],
  [
    'src-main/audio/x.ts',
    "export { x } from '../../src-renderer/format'",
    /main\/audio may not import renderer\/helpers/,
  ],
  // src-shared is pure.
  [
    'src-shared/dsp/x.ts',
    "export { readFile } from 'node:fs'",
    /may not import the Node built-in node:fs/,
  ],
  ['src-shared/dsp/x.ts', "export { join } from 'path'", /may not import the Node built-in path/],
  [
    'src-shared/api/x.ts',
    "export { ref } from 'vue'",
    /shared\/api may not import the package vue/,
  ],
  [
    'src-shared/model/x.ts',
    "export { openProject } from '../../src-main/services/project'",
    /shared\/model may not import main\/services/,
  ],
  [
    'src-shared/dsp/x.ts',
    "export type { RecordingRow } from '../api/views'",
    /shared\/dsp may not import shared\/api/,
  ],
  // The renderer: only api/ talks to main; stores never see views or components.
  [
    'src-renderer/stores/x.ts',
    "export type { ViewEntry } from '../views/registry'",
    /renderer\/stores may not import renderer\/views/,
  ],
  [
    'src-renderer/stores/x.ts',
    "export { default } from '../components/NavRail.vue'",
    /renderer\/stores may not import renderer\/components/,
  ],
  ['src-renderer/stores/x.ts', "export { readFileSync } from 'node:fs'", /Node built-in node:fs/],
  [
    'src-renderer/composables/x.ts',
    "export { api } from '../api'",
    /renderer\/composables may not import renderer\/api/,
  ],
  [
    'src-renderer/components/X.vue',
    vue("import { api } from '../api'\napi.call('app.info')"),
    /renderer\/components may not import renderer\/api/,
  ],
  [
    'src-renderer/components/X.vue',
    vue("import { useAppStore } from '../stores/app'\nuseAppStore()"),
    /only types from renderer\/stores/,
  ],
  [
    'src-renderer/views/X.vue',
    vue(
      "import { BackendError } from '../../src-main/backend/types'\nnew BackendError('failed', 'x')",
    ),
    /renderer\/views may not import main\/backend/,
  ],
  [
    'src-renderer/api/x.ts',
    "export { useAppStore } from '../stores/app'",
    /renderer\/api may not import renderer\/stores/,
  ],
  [
    'src-renderer/views/X.vue',
    vue("import { ipcRenderer } from 'electron'\nipcRenderer.send('x')"),
    /package electron/,
  ],
]

/** [file, code]: imports the allow-list permits. */
const RIGHT: [string, string][] = [
  [
    'src-main/services/x.ts',
    [
      "import { readFile } from 'node:fs/promises'",
      "import { loadFft } from '@shared/dsp/fft'",
      "import { getSource } from '../db/sources-repo'",
      "import { runAll } from '../jobs/run-all'",
      "import { probeAudio } from '../audio'",
      "import { isInside } from '../fs/paths'",
      "import { writeDemoCorpus } from '../demo/corpus'",
      "import type { AnalyzeTask } from '../workers/analyze-file'",
      'export { readFile, loadFft, getSource, runAll, probeAudio, isInside, writeDemoCorpus }',
      'export type { AnalyzeTask }',
    ].join('\n'),
  ],
  [
    'src-main/window/x.ts',
    "export { protocol } from 'electron'\nexport { textReply } from '../http/reply'\nexport type { BackendApi } from '../backend/types'",
  ],
  ['src-main/jobs/x.ts', "import entry from '../workers/analyze?modulePath'\nexport { entry }"],
  [
    'src-main/db/x.ts',
    "export type { Database } from 'better-sqlite3'\nexport type { Source } from '@shared/model/recording'",
  ],
  [
    'src-renderer/views/X.vue',
    vue(
      [
        "import { api } from '../api'",
        "import { useAppStore } from '../stores/app'",
        "import NavRail from '../components/NavRail.vue'",
        "import { useDebounced } from '../composables/use-debounced'",
        "import { formatHz } from '../format'",
        'void [api, useAppStore, NavRail, useDebounced, formatHz]',
      ].join('\n'),
    ),
  ],
  [
    'src-renderer/components/X.vue',
    vue(
      "import type { Theme } from '../stores/app'\nimport { deviceColor } from '../device-colors'\nconst t: Theme = 'dark'\nvoid [t, deviceColor]",
    ),
  ],
  [
    'src-renderer/stores/x.ts',
    "export { api } from '../api'\nexport type { ViewId } from '../view-ids'\nexport { defineStore } from 'pinia'",
  ],
]

describe('layer allow-list', () => {
  for (const [file, code, expected] of WRONG) {
    it(`refuses in ${file}: ${code.split('\n').find((l) => /from|import\(/.test(l))}`, async () => {
      const errors = await layerErrors(file, code)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toMatch(expected)
    })
  }

  for (const [file, code] of RIGHT) {
    it(`allows in ${file} what DESIGN.md allows`, async () => {
      expect(await layerErrors(file, code)).toEqual([])
    })
  }
})
