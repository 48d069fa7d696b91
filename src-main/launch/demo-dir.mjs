// The demo folder rule for the launcher, which runs before any build. Keep in step with
// demo-dir.ts (test/main/launch/folders.test.ts checks that both agree).
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * `$SCW_DEMO_DIR`, else `${XDG_DATA_HOME:-~/.local/share}/spectrum-correction-workbench/demo`.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function demoDir(env = process.env) {
  if (env.SCW_DEMO_DIR) return resolve(env.SCW_DEMO_DIR)
  const data = env.XDG_DATA_HOME || join(homedir(), '.local', 'share')
  return join(data, 'spectrum-correction-workbench', 'demo')
}
