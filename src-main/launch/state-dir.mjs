// The state folder rule for the launcher, which runs before any build. Keep in step with
// state-dir.ts (test/main/launch/folders.test.ts checks that both agree).
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/**
 * `$SCW_STATE_DIR`, else `${XDG_STATE_HOME:-~/.local/state}/spectrum-correction-workbench`.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {string}
 */
export function browserStateDir(env = process.env) {
  if (env.SCW_STATE_DIR) return resolve(env.SCW_STATE_DIR)
  const state = env.XDG_STATE_HOME || join(homedir(), '.local', 'state')
  return join(state, 'spectrum-correction-workbench')
}
