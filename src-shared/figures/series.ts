// Helpers the figure builders share: device order and colours, checks of the input arrays.
import { colorOf, deviceColorMap, type DeviceColorMap } from './palette'

export interface DeviceOptions {
  /** The project's colour map (default: one resolved from the devices in the data). */
  colors?: DeviceColorMap
  /** Which devices to draw, in legend order (default: all, sorted). */
  devices?: readonly string[]
}

/** The devices to draw: those asked for (each must be in the data), or all sorted. */
export function pickDevices(available: readonly string[], o: DeviceOptions): string[] {
  if (!o.devices) return [...available].sort()
  const missing = o.devices.filter((d) => !available.includes(d))
  if (missing.length) {
    throw new Error(
      `no data for device ${missing.join(', ')}; the data holds ${available.join(', ') || 'no device'}`,
    )
  }
  return [...o.devices]
}

/** The colour of each device: the project's map, or one resolved from the data's devices. */
export function colorsFor(available: readonly string[], o: DeviceOptions): (d: string) => string {
  const map = o.colors ?? deviceColorMap(available)
  return (d) => colorOf(map, d)
}

/** ys at x by linear interpolation over ascending xs; the end values outside. */
export function interpolateAt(xs: ArrayLike<number>, ys: ArrayLike<number>, x: number): number {
  const n = xs.length
  if (n === 0) return NaN
  if (x <= xs[0]) return ys[0]
  if (x >= xs[n - 1]) return ys[n - 1]
  let lo = 0
  let hi = n - 1
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1
    if (xs[mid] <= x) lo = mid
    else hi = mid
  }
  const t = (x - xs[lo]) / (xs[hi] - xs[lo])
  return ys[lo] + t * (ys[hi] - ys[lo])
}
