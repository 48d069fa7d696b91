// Signal checks per device: recordings with substantial digital silence, clipping or a DC offset.

export type SignalFlag = 'silence' | 'clipping' | 'dc'

/** One kind of problem in one device: how many recordings, how much of the device, examples. */
export interface SignalFlagCount {
  recordings: number
  /** Seconds of audio in those recordings, and their share of the device's. */
  seconds: number
  share: number
  /** Relative paths of the first few. */
  examples: string[]
}

export interface DeviceSignalChecks {
  device: string
  /** Analysed recordings (silent ones included) and their seconds. */
  recordings: number
  seconds: number
  kinds: Record<SignalFlag, SignalFlagCount>
  /** Share of all the device's STFT frames that are digitally silent (what gating leaves out). */
  silentFrameShare: number
  /** Recordings whose silence is unknown (analysed before it was measured). */
  silenceUnknown: number
  /** Recordings silent throughout (left out of every estimate). */
  silentRecordings: number
}
