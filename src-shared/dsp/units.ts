// Conversions between linear gains and decibels.

/** 20·log10(max(amplitude, amin)), like librosa's `amplitude_to_db` with ref = 1 and no top_db. */
export function amplitudeToDb(amplitude: number, amin = 1e-10): number {
  return 20 * Math.log10(Math.max(amplitude, amin))
}

/** 10^(dB/20): the linear amplitude gain of a level in dB. */
export function dbToAmplitude(db: number): number {
  return Math.pow(10, db / 20)
}
