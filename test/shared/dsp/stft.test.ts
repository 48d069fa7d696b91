import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { loadFft } from '@shared/dsp/fft'
import { stftMagnitude } from '@shared/dsp/stft'
import { frameCount } from '@shared/dsp/stft-options'
import { signalMean } from '@shared/dsp/summary'
import { GOLDEN_AUDIO, goldenJson } from '../../helpers/golden'
import { readPcm16Mono } from '../../helpers/pcm16'

interface GoldenStft {
  nFft: number
  hop: number
  frames: number
  magnitudeFrames: Record<string, number[]>
}

beforeAll(() => loadFft())

describe('stftMagnitude on the golden recording', () => {
  const golden = goldenJson<GoldenStft>('stft.json')
  const { samples } = readPcm16Mono(join(GOLDEN_AUDIO, 'park-lyon-0-0-b.wav'))

  it('has the golden frame count', () => {
    const opts = { nFft: golden.nFft, hopLength: golden.hop }
    expect(frameCount(samples.length, opts)).toBe(golden.frames)
    expect(stftMagnitude(samples, opts, signalMean(samples)).frames).toBe(golden.frames)
  })

  it('matches the golden magnitudes within 1e-4 relative for bins within 60 dB of the peak', () => {
    const spec = stftMagnitude(
      samples,
      { nFft: golden.nFft, hopLength: golden.hop },
      signalMean(samples),
    )
    let worst = 0
    for (const [t, expected] of Object.entries(golden.magnitudeFrames)) {
      const row = spec.data.subarray(Number(t) * spec.bins, (Number(t) + 1) * spec.bins)
      const peak = Math.max(...expected)
      expected.forEach((e, k) => {
        if (e < peak * 1e-3) return
        worst = Math.max(worst, Math.abs(row[k] - e) / e)
      })
    }
    expect(worst).toBeLessThan(1e-4)
  })
})
