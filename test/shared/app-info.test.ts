import { describe, expect, it } from 'vitest'
import { APP_VERSION } from '@shared/app-info'
import pkg from '../../package.json'

describe('app info', () => {
  it('reports the package version', () => {
    expect(APP_VERSION).toBe(pkg.version)
  })
})
