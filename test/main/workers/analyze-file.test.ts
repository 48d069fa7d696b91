// Long files are analysed in two passes instead of being held in memory: same numbers.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadFft } from '@shared/dsp/fft'
import { encodeWav } from '../../../src-main/audio'
import { analyzeFile } from '../../../src-main/workers/analyze-file'
import { tempFolder } from '../../helpers/cli'

const tmp = tempFolder()
afterAll(() => tmp.cleanup())
beforeAll(() => loadFft())

it('gives the same summary streamed in two passes as held in memory, also when resampling', async () => {
  const rate = 22050
  const x = Float32Array.from(
    { length: rate * 20 },
    (_, i) => 0.3 * Math.sin(i / 9) + 0.05 + ((i * 7919) % 101) / 2000,
  )
  const stereo = [x, x.map((v) => v * 0.5)]
  const path = join(tmp.dir, 'long.wav')
  writeFileSync(path, encodeWav(stereo, rate, 'pcm24').bytes)
  for (const sampleRate of [22050, 44100]) {
    const task = { path, nFft: 1024, hopLength: 256, sampleRate }
    const held = await analyzeFile(task)
    const streamed = await analyzeFile({ ...task, inMemoryFrames: 50_000 })
    expect(held.status).toBe('done')
    expect(streamed.frames).toBe(held.frames)
    expect(streamed.peak).toBe(held.peak)
    held.meanLog!.forEach((v, k) =>
      expect(streamed.meanLog![k]).toBeCloseTo(v, sampleRate === rate ? 5 : 3),
    )
    held.meanMag!.forEach((v, k) => expect(streamed.meanMag![k]).toBeCloseTo(v, 4))
  }
})
