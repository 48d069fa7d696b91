// better-sqlite3 is a native addon: plain Node (CLI, tests, browser mode) loads the build that
// npm made, Electron loads a copy built against Electron's headers by `npm start` (see
// src-main/launch/electron-native.mjs), kept beside the app so neither path needs a manual rebuild.
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { appRoot } from './app-root'

/** Path of the addon for the running runtime, or undefined for better-sqlite3's own build. */
export function nativeBindingPath(): string | undefined {
  const electron = process.versions.electron
  if (!electron) return undefined
  const candidate = join(appRoot(), '.scw-native', `electron-${electron}`, 'better_sqlite3.node')
  return existsSync(candidate) ? candidate : undefined
}
