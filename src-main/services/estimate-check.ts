// An estimate never holds a coefficient that is not finite, or zero: a device whose curve has
// one (a bin where its recordings carry no energy, or extreme values) is left out of the
// estimate with the reason, like a device that cannot be estimated, instead of being exported
// as silence or noise.
import { firstNonPositiveOrNonFinite } from '@shared/dsp/finite'
import type { CorrectionEstimate } from '@shared/dsp/estimate'

/** Moves every device with a non-finite or zero coefficient from `devices` to `missing`. */
export function dropNonFiniteDevices(
  est: Pick<CorrectionEstimate, 'devices' | 'missing'>,
  frequencies: ArrayLike<number>,
): void {
  for (const [device, d] of Object.entries(est.devices)) {
    const at = firstNonPositiveOrNonFinite(d.coefficients)
    if (at < 0) continue
    delete est.devices[device]
    est.missing.push({
      device,
      reason: `its coefficient at ${Math.round(frequencies[at])} Hz is ${d.coefficients[at]} (not a finite gain above 0): its recordings carry no usable energy there; check its failed and clipped files, or hold the gain flat outside a band (--band)`,
    })
  }
}
