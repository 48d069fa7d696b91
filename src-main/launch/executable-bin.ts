// A build step for the `scw` bin: the build writes out/main/cli.js afresh (0644), and only
// `npm install` would set its execute bit, so after `npm run build` `npx scw` failed with
// "Permission denied". This plugin makes the named entry chunks executable once written, like
// `chmod +x`: execute wherever read is allowed.
import { chmod, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import type { Plugin } from 'vite'

/** Marks the entry chunks called `names` (rollup input keys) executable after each write. */
export function executableEntries(names: readonly string[]): Plugin {
  return {
    name: 'scw:executable-entries',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? (options.file ? dirname(options.file) : undefined)
      if (!dir) throw new Error('executableEntries: the build output has neither dir nor file')
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry || !names.includes(chunk.name)) continue
        const file = join(dir, chunk.fileName)
        const { mode } = await stat(file)
        await chmod(file, mode | ((mode & 0o444) >> 2))
      }
    },
  }
}
