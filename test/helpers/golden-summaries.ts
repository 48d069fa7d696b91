// Spectral summaries of the whole golden corpus, computed once per test file.
import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { SummaryRecord } from '@shared/dsp/estimate'
import { summarize } from '@shared/dsp/summary'
import { GOLDEN_AUDIO } from './golden'
import { readPcm16Mono } from './pcm16'

/** DCASE names: scene-city-location-segment-device.wav; the group is the name without the device. */
export function goldenSummaries(nFft = 2048, hopLength = 512): SummaryRecord[] {
  return readdirSync(GOLDEN_AUDIO)
    .filter((f) => f.endsWith('.wav'))
    .sort()
    .map((file, id) => {
      const stem = file.replace(/\.wav$/, '')
      const cut = stem.lastIndexOf('-')
      const { samples } = readPcm16Mono(join(GOLDEN_AUDIO, file))
      const s = summarize(samples, { nFft, hopLength })
      return { id, device: stem.slice(cut + 1), group: stem.slice(0, cut), ...s }
    })
}
