// Conversions between linear gains and decibels.

/** Floor of `amplitudeToDb` unless given: 1e-10, −200 dB (the summaries' floor too). */
export const AMPLITUDE_FLOOR = 1e-10

/**
 * 20·log10(max(amplitude, amin)) in dB, like librosa's `amplitude_to_db` with ref = 1 and no
 * top_db. `amin` (a positive linear amplitude) keeps silence finite.
 */
export function amplitudeToDb(amplitude: number, options: { amin?: number } = {}): number {
  const amin = options.amin ?? AMPLITUDE_FLOOR
  if (!(amin > 0)) throw new Error(`amin=${amin} must be a positive amplitude`)
  return 20 * Math.log10(Math.max(amplitude, amin))
}

/** 10^(dB/20): the linear amplitude gain of a level in dB. */
export function dbToAmplitude(db: number): number {
  return Math.pow(10, db / 20)
}

/** dB per neper: 20 / ln 10, the dB of an amplitude whose natural logarithm is 1. */
export const DB_PER_NEPER = 20 / Math.LN10

/** The level in dB of an amplitude given by its natural logarithm (summaries keep mean log|S|). */
export function logAmplitudeToDb(logAmplitude: number): number {
  return logAmplitude * DB_PER_NEPER
}
