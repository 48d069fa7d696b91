// Where browser mode keeps its state (the recent projects list) and where `npm start` remembers
// why Electron could not be set up. Electron uses its userData folder for its own recent list;
// the two lists are separate, like two installs of the app. The same rule is in state-dir.mjs
// (the launcher runs before any build); test/main/launch checks that both agree.
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** `$SCW_STATE_DIR`, else `${XDG_STATE_HOME:-~/.local/state}/spectrum-correction-workbench`. */
export function browserStateDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SCW_STATE_DIR) return resolve(env.SCW_STATE_DIR)
  const state = env.XDG_STATE_HOME || join(homedir(), '.local', 'state')
  return join(state, 'spectrum-correction-workbench')
}
