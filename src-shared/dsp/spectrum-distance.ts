// The distance of a device from the reference: RMS over a band of the difference of their mean
// log spectra in dB, before correction, or after a correction whose realised gains are known.

/**
 * RMS in dB over the bins whose frequency lies in `bandHz` = [low, high] (inclusive, Hz) of
 * `deviceDb[k] + gainDb[k] − referenceDb[k]`, where the spectra are mean log spectra in dB on the
 * same bins (`DeviceSpectrum.meanLogDb`) and `gainDb` the realised correction at those bins
 * (omitted: 0, the distance before correction). Every bin counts once (linear frequency, as the
 * STFT bins are spaced), and the level difference counts too: a device 6 dB quieter everywhere is
 * 6 dB away.
 *
 * To measure the distance after export on the files themselves: analyse the exported files of the
 * device as the originals were (same analysis rate, nFft, hopLength; mono mixdown, each file's own
 * mean removed), average their summaries with `deviceSpectra`, and call this with that spectrum as
 * `deviceDb`, no gains, and the reference's spectrum from its original recordings, over the same
 * band (the pair's valid band from the original spectra).
 */
export function spectrumDistanceDb(
  deviceDb: ArrayLike<number>,
  referenceDb: ArrayLike<number>,
  frequenciesHz: ArrayLike<number>,
  bandHz: readonly [number, number],
  gainDb?: ArrayLike<number>,
): number {
  const n = frequenciesHz.length
  if (deviceDb.length !== n || referenceDb.length !== n || (gainDb && gainDb.length !== n)) {
    throw new Error(
      `spectra of ${deviceDb.length} and ${referenceDb.length} bins${gainDb ? ` and ${gainDb.length} gains` : ''} for ${n} frequencies`,
    )
  }
  if (!(bandHz[1] >= bandHz[0])) throw new Error(`bandHz=[${bandHz.join(', ')}] must ascend`)
  let sum = 0
  let bins = 0
  for (let k = 0; k < n; k++) {
    if (frequenciesHz[k] < bandHz[0] || frequenciesHz[k] > bandHz[1]) continue
    const e = deviceDb[k] + (gainDb ? gainDb[k] : 0) - referenceDb[k]
    sum += e * e
    bins++
  }
  if (bins === 0) throw new Error(`bandHz=[${bandHz.join(', ')}] holds no bin`)
  return Math.sqrt(sum / bins)
}
