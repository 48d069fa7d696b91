// What `npm start` was asked for: its one flag and the environment variables it reads.

/**
 * @param {string[]} argv the arguments after `npm start --`
 * @param {NodeJS.ProcessEnv} env
 * @returns {{ retry: boolean, browser: boolean }} `retry`: try again to set up Electron even
 *   if that failed before; `browser`: go straight to browser mode
 */
export function startOptions(argv, env) {
  let retry = env.SCW_RETRY_ELECTRON === '1'
  for (const arg of argv) {
    if (arg === '--retry-electron') retry = true
    else throw new Error(`unknown argument ${arg}: npm start accepts only --retry-electron`)
  }
  return { retry, browser: env.SCW_BROWSER === '1' }
}
