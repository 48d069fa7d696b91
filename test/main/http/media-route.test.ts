import { describe, expect, it } from 'vitest'
import { browserMediaUrl, electronMediaUrl } from '@shared/api/bridge'
import { parseMediaTarget, parseMediaUrl } from '../../../src-main/http/media-route'

describe('media URLs', () => {
  it('parses what the renderer builds for Electron', () => {
    expect(parseMediaUrl(electronMediaUrl(12))).toEqual({ kind: 'recording', recordingId: 12 })
    expect(parseMediaUrl(electronMediaUrl(12, { method: 'stft' }))).toEqual({
      kind: 'corrected',
      recordingId: 12,
      method: 'stft',
    })
  })

  it('builds same-origin paths for browser mode', () => {
    expect(browserMediaUrl(3)).toBe('/media/recording/3')
    expect(browserMediaUrl(3, { method: 'fir' })).toBe('/media/corrected/3?method=fir')
  })

  it.each([
    'scw-media://recording/0',
    'scw-media://recording/-1',
    'scw-media://recording/1.5',
    'scw-media://recording/1e3',
    'scw-media://recording/99999999999999999999',
    'scw-media://recording/5/extra',
    'scw-media://recording/5?method=fir',
    'scw-media://corrected/5?method=other',
    'scw-media://files/5',
    'scw-media://recording/%2e%2e',
    'scw-app://recording/5',
    'not a url',
  ])('refuses %s', (url) => {
    expect(parseMediaUrl(url)).toBeNull()
  })

  it('defaults corrected previews to the FIR', () => {
    expect(parseMediaTarget('corrected', '4', null)).toEqual({
      kind: 'corrected',
      recordingId: 4,
      method: 'fir',
    })
  })
})
