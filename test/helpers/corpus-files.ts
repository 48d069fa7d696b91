// A generated corpus written to disk as the files `scw index` reads: one WAV per recording at
// its own rate, channel count and PCM depth, in a folder per device (`--labels folders`; the
// file stem is the alignment group). A recording can be filed under another device's folder,
// as a copying error or a shifted meta.csv row would label it.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { encodeWav } from '../../src-main/audio'
import type { CorpusRecording } from './device-corpus'

/** The file name of a recording inside its device folder: `<group or own-i>.wav`. */
export function stemOf(rec: CorpusRecording): string {
  return rec.name.slice(rec.name.indexOf('/') + 1)
}

/**
 * Writes `recordings` under `dir` as `<folder>/<stem>.wav`, the folder being the device unless
 * `fileUnder` names another for the recording's id. Returns the relative path of each id.
 */
export function writeCorpusFiles(
  recordings: readonly CorpusRecording[],
  dir: string,
  fileUnder: ReadonlyMap<number, string> = new Map(),
): Map<number, string> {
  const paths = new Map<number, string>()
  for (const rec of recordings) {
    const rel = `${fileUnder.get(rec.id) ?? rec.device}/${stemOf(rec)}`
    const path = join(dir, rel)
    mkdirSync(dirname(path), { recursive: true })
    const format = rec.bits === 16 ? 'pcm16' : 'pcm24'
    writeFileSync(path, encodeWav(rec.channels, rec.sampleRate, format).bytes)
    paths.set(rec.id, rel)
  }
  return paths
}
