import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'

const url = pathToFileURL(join(import.meta.dirname, '../../../src-main/launch/start-options.mjs'))
const { startOptions } = (await import(url.href)) as {
  startOptions(argv: string[], env: NodeJS.ProcessEnv): { retry: boolean; browser: boolean }
}

describe('npm start options', () => {
  it('retries Electron on --retry-electron or SCW_RETRY_ELECTRON=1, and not otherwise', () => {
    expect(startOptions([], {})).toEqual({ retry: false, browser: false })
    expect(startOptions(['--retry-electron'], {})).toEqual({ retry: true, browser: false })
    expect(startOptions([], { SCW_RETRY_ELECTRON: '1' })).toEqual({ retry: true, browser: false })
    expect(startOptions([], { SCW_RETRY_ELECTRON: '0' }).retry).toBe(false)
  })

  it('goes straight to browser mode on SCW_BROWSER=1', () => {
    expect(startOptions([], { SCW_BROWSER: '1' })).toEqual({ retry: false, browser: true })
  })

  it('refuses an argument it does not know, naming it', () => {
    expect(() => startOptions(['--retry'], {})).toThrow(
      'unknown argument --retry: npm start accepts only --retry-electron',
    )
  })
})
