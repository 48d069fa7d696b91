// The order the recordings table sorts text in: case-insensitive, with digit runs compared as
// numbers (`s2` before `s10`), empty values last and ties in the rows' own order. Main computes
// the path order once per revision with it, and the renderer every other column.

const ZEROS = '000000000000'

/** Lowercase with digit runs padded, so that `s2` sorts before `s10` by plain comparison. */
export function naturalKey(s: string): string {
  return s
    .toLowerCase()
    .replace(/\d+/g, (d) => (d.length >= ZEROS.length ? d : ZEROS.slice(d.length) + d))
}

/**
 * Indices of `keys` in ascending order (compared with `<`); null keys go last, and equal keys
 * keep their index order.
 */
export function ascendingOrder(keys: readonly (string | number | null)[]): Uint32Array {
  const order = Array.from({ length: keys.length }, (_, i) => i)
  order.sort((a, b) => {
    const ka = keys[a]
    const kb = keys[b]
    if (ka === kb) return a - b
    if (ka === null) return 1
    if (kb === null) return -1
    return ka < kb ? -1 : 1
  })
  return Uint32Array.from(order)
}

/** True when `order` is 0, 1, 2, … */
export function isIdentity(order: ArrayLike<number>): boolean {
  for (let i = 0; i < order.length; i++) if (order[i] !== i) return false
  return true
}
