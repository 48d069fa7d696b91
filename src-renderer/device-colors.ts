// One colour per device, the same in every plot and both themes: DCASE-style names (a, b, c, d,
// s1…) get fixed slots, other names a slot from a hash of the name. Mid-luminance colours, so
// lines read on light and dark backgrounds.

export const DEVICE_PALETTE: readonly string[] = [
  '#4e79a7', // blue
  '#f28e2b', // orange
  '#e15759', // red
  '#59a14f', // green
  '#b07aa1', // purple
  '#4fa8a2', // teal
  '#c9a227', // ochre
  '#ff8fa3', // pink
  '#9c755f', // brown
  '#8c8c8c', // grey
  '#1f9ec9', // cyan
  '#7f8f2a', // olive
]

const KNOWN: Record<string, number> = {
  a: 0,
  b: 1,
  c: 2,
  d: 3,
  s1: 4,
  s2: 5,
  s3: 6,
  s4: 7,
  s5: 8,
  s6: 9,
  s7: 10,
  s8: 11,
}

/** FNV-1a of the name: stable across sessions and machines. */
function hash(name: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

function slotOf(name: string): number {
  return KNOWN[name.toLowerCase()] ?? hash(name) % DEVICE_PALETTE.length
}

/** The colour of one device. */
export function deviceColor(name: string): string {
  return DEVICE_PALETTE[slotOf(name)]
}

/**
 * Colours for devices shown together: each its own slot, and where two hashed names collide the
 * later one (in sorted order) takes the next free slot.
 */
export function deviceColors(names: readonly string[]): Map<string, string> {
  const out = new Map<string, string>()
  const taken = new Set<number>()
  // Known names first, so they keep their fixed slots.
  const known = (n: string): number => Number(KNOWN[n.toLowerCase()] !== undefined)
  const sorted = [...new Set(names)].sort(
    (a, b) => known(b) - known(a) || (a < b ? -1 : a > b ? 1 : 0),
  )
  for (const name of sorted) {
    let slot = slotOf(name)
    for (let k = 0; taken.has(slot) && k < DEVICE_PALETTE.length; k++) {
      slot = (slot + 1) % DEVICE_PALETTE.length
    }
    taken.add(slot)
    out.set(name, DEVICE_PALETTE[slot])
  }
  return out
}
