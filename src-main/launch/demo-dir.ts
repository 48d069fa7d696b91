// Where the demo corpus and project live. The same rule is in start.mjs (which runs before any
// build); test/main/launch checks that both agree.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** `$SCW_DEMO_DIR`, else `${XDG_DATA_HOME:-~/.local/share}/spectrum-correction-workbench/demo`. */
export function demoDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SCW_DEMO_DIR) return resolve(env.SCW_DEMO_DIR)
  const data = env.XDG_DATA_HOME || join(homedir(), '.local', 'share')
  return join(data, 'spectrum-correction-workbench', 'demo')
}
