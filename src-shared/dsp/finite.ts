// Checks that numbers headed for storage or an estimate are finite: one overflowed value would
// otherwise turn a device's whole correction into zeros or NaN.

/** Index of the first value that is NaN or ±Infinity, or −1. */
export function firstNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return i
  return -1
}

/** Index of the first value that is not finite or not above 0 (a gain of zero), or −1. */
export function firstNonPositiveOrNonFinite(values: ArrayLike<number>): number {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    if (!Number.isFinite(v) || v <= 0) return i
  }
  return -1
}
