// `scw summaries export <project> <file.npz>`: every analysed recording's spectral summary as
// NumPy arrays, for Python and R. The README's five lines of numpy reproduce an unaligned
// estimate from it (test/shared/io/summaries-npz.test.ts runs them).
import { encodeNpz, npy } from './npz'

/** One analysed recording (labels may be missing). */
export interface SummaryRow {
  path: string
  device: string | null
  scene: string | null
  group: string | null
  frames: number
  /** mean_t ln|S(t,f)| per bin (natural log, as the summaries store it). */
  meanLogMagnitude: ArrayLike<number>
  /** mean_t |S(t,f)| per bin. */
  meanMagnitude: ArrayLike<number>
}

export interface SummariesExport {
  sampleRate: number
  nFft: number
  hopLength: number
  /** Hz of every bin. */
  frequencies: ArrayLike<number>
  recordings: readonly SummaryRow[]
}

/**
 * `mean_log` and `mean_mag` [recordings × bins] float32, `frames` [recordings] int32,
 * `frequencies` [bins] float64, the labels `device`, `scene`, `group`, `path` as fixed-width
 * unicode ('' where a label is missing), and `sample_rate`, `n_fft`, `hop_length` as 0-d int32.
 */
export function summariesNpz(s: SummariesExport): Uint8Array[] {
  const bins = s.frequencies.length
  const n = s.recordings.length
  const meanLog = new Float32Array(n * bins)
  const meanMag = new Float32Array(n * bins)
  s.recordings.forEach((r, i) => {
    if (r.meanLogMagnitude.length !== bins || r.meanMagnitude.length !== bins) {
      throw new Error(
        `${r.path}: its summary has ${r.meanLogMagnitude.length} bins, the export ${bins}`,
      )
    }
    meanLog.set(r.meanLogMagnitude, i * bins)
    meanMag.set(r.meanMagnitude, i * bins)
  })
  const labels = (pick: (r: SummaryRow) => string | null): readonly string[] =>
    s.recordings.map((r) => pick(r) ?? '')
  return encodeNpz({
    mean_log: npy.f4(meanLog, [n, bins]),
    mean_mag: npy.f4(meanMag, [n, bins]),
    frames: npy.i4(s.recordings.map((r) => r.frames)),
    frequencies: npy.f8(s.frequencies),
    device: npy.strings(labels((r) => r.device)),
    scene: npy.strings(labels((r) => r.scene)),
    group: npy.strings(labels((r) => r.group)),
    path: npy.strings(labels((r) => r.path)),
    sample_rate: npy.scalar(s.sampleRate),
    n_fft: npy.scalar(s.nFft),
    hop_length: npy.scalar(s.hopLength),
  })
}
