import { describe, expect, it } from 'vitest'
import { colorOf, deviceColorMap, DEVICE_PALETTE, NEUTRAL_COLOR } from '@shared/figures/palette'
import { ciede2000, contrast, deltaE, type Deficiency } from '../../helpers/color-vision'

/** The plot surfaces of the light and dark themes (src-renderer/styles/theme.css, --surface). */
const SURFACES = { light: '#ffffff', dark: '#1b1f26' }
const VISIONS: Deficiency[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia']

function minDeltaE(colors: readonly string[], vision: Deficiency): number {
  let min = Infinity
  for (let i = 0; i < colors.length; i++)
    for (let j = i + 1; j < colors.length; j++)
      min = Math.min(min, deltaE(colors[i], colors[j], vision))
  return min
}

describe('the colour science the palette test relies on', () => {
  it('reproduces CIEDE2000 test pairs of Sharma, Wu and Dalal (2005)', () => {
    expect(ciede2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4)
    expect(ciede2000([50, 3.1571, -77.2803], [50, 0, -82.7485])).toBeCloseTo(2.8615, 4)
    expect(ciede2000([50, -1.3802, -84.2814], [50, 0, -82.7485])).toBeCloseTo(1.0, 4)
    expect(ciede2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 4)
    expect(ciede2000([2.0776, 0.0795, -1.135], [0.9033, -0.0636, -0.5514])).toBeCloseTo(0.9082, 4)
  })

  it('makes red and green collide for a deuteranope, as the palette used to', () => {
    expect(deltaE('#e15759', '#59a14f', 'normal')).toBeGreaterThan(40)
    expect(deltaE('#e15759', '#59a14f', 'deuteranopia')).toBeLessThan(2)
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 6)
  })
})

describe('device palette', () => {
  it('has twelve distinct colours', () => {
    expect(DEVICE_PALETTE).toHaveLength(12)
    expect(new Set(DEVICE_PALETTE).size).toBe(12)
  })

  it.each(VISIONS)('keeps every pair apart for %s (CIEDE2000 ≥ 6.5; the first six ≥ 10)', (v) => {
    expect(minDeltaE(DEVICE_PALETTE, v)).toBeGreaterThanOrEqual(6.5)
    expect(minDeltaE(DEVICE_PALETTE.slice(0, 6), v)).toBeGreaterThanOrEqual(10)
  })

  it.each(Object.entries(SURFACES))('reads on the %s theme (contrast ≥ 3:1)', (_, surface) => {
    for (const c of [...DEVICE_PALETTE, NEUTRAL_COLOR])
      expect(contrast(c, surface)).toBeGreaterThanOrEqual(3)
  })

  it('resolves one map per project from its sorted device list', () => {
    const map = deviceColorMap(['s2', 'b', 'a', 'b', 'c', 's1'])
    expect([...map.keys()]).toEqual(['a', 'b', 'c', 's1', 's2'])
    expect([...map.values()]).toEqual(DEVICE_PALETTE.slice(0, 5))
    expect(deviceColorMap(['c', 'a', 's2', 's1', 'b'])).toEqual(map)
    const many = deviceColorMap(
      Array.from({ length: 14 }, (_, i) => `dev${String(i).padStart(2, '0')}`),
    )
    expect(many.get('dev12')).toBe(DEVICE_PALETTE[0])
  })

  it('gives a name outside the project a stable colour of the palette', () => {
    const map = deviceColorMap(['a', 'b'])
    expect(colorOf(map, 'b')).toBe(DEVICE_PALETTE[1])
    expect(DEVICE_PALETTE).toContain(colorOf(map, 'Pixel 7'))
    expect(colorOf(map, 'Pixel 7')).toBe(colorOf(deviceColorMap([]), 'Pixel 7'))
  })
})
