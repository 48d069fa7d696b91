// The demo corpus recipe (resources/demo/recipe.json): checked once, plus the curve arithmetic
// shared by the generator and the true corrections.
import { z } from 'zod'
import recipeJson from '../../resources/demo/recipe.json'
import { DEMO_EVENTS } from './events'

const point = z.tuple([z.number().nonnegative(), z.number()])
const curve = z.array(point).min(1)
const label = z.string().regex(/^[a-z][a-z0-9_]*$/)

const schema = z.object({
  sampleRate: z.number().int().positive(),
  clipSec: z.number().positive(),
  seed: z.number().int(),
  peakDbfs: z.number().max(0),
  devices: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z][a-z0-9]*$/),
        description: z.string(),
        selfNoiseDbfs: z.number(),
        responseDb: curve,
      }),
    )
    .min(1),
  scenes: z.array(
    z.object({
      label,
      cities: z.array(label),
      levelDbfs: z.number(),
      bedDb: curve,
      events: z.array(z.string()),
    }),
  ),
  segments: z.array(
    z.object({
      scene: label,
      city: label,
      location: z.number().int().nonnegative(),
      segment: z.number().int().nonnegative(),
      devices: z.array(z.string()).min(1),
    }),
  ),
})

/** The demo recipe: rates in Hz, durations in seconds, levels in dBFS, curves as [Hz, dB]. */
export type DemoRecipe = z.infer<typeof schema>
/** One simulated device of the recipe. */
export type DemoDevice = DemoRecipe['devices'][number]
/** One scene of the recipe. */
export type DemoScene = DemoRecipe['scenes'][number]
/** One planned segment: a moment of a scene recorded by one or more devices. */
export type DemoSegment = DemoRecipe['segments'][number]

/** Throws unless the curve's frequencies ascend strictly. */
function checkCurve(what: string, points: readonly (readonly [number, number])[]): void {
  for (let i = 1; i < points.length; i++) {
    if (points[i][0] <= points[i - 1][0]) {
      throw new Error(
        `${what}: ${points[i][0]} Hz after ${points[i - 1][0]} Hz; points must ascend`,
      )
    }
  }
}

/** Parses and cross-checks a recipe; errors name the bad entry. */
export function checkDemoRecipe(raw: unknown): DemoRecipe {
  const recipe = schema.parse(raw)
  const devices = new Set(recipe.devices.map((d) => d.id))
  const scenes = new Map(recipe.scenes.map((s) => [s.label, s]))
  for (const d of recipe.devices) checkCurve(`device ${d.id} responseDb`, d.responseDb)
  for (const s of recipe.scenes) {
    checkCurve(`scene ${s.label} bedDb`, s.bedDb)
    const unknown = s.events.filter((e) => !Object.hasOwn(DEMO_EVENTS, e))
    if (unknown.length > 0) {
      const known = Object.keys(DEMO_EVENTS).join(', ')
      throw new Error(`scene ${s.label}: unknown event ${unknown.join(', ')} (${known})`)
    }
  }
  const names = new Set<string>()
  for (const s of recipe.segments) {
    const name = segmentName(s)
    const scene = scenes.get(s.scene)
    if (!scene) throw new Error(`segment ${name}: unknown scene ${s.scene}`)
    if (!scene.cities.includes(s.city)) {
      throw new Error(`segment ${name}: ${s.city} is not a city of ${s.scene}`)
    }
    const unknown = s.devices.filter((d) => !devices.has(d))
    if (unknown.length > 0) throw new Error(`segment ${name}: unknown device ${unknown.join(', ')}`)
    if (names.has(name)) throw new Error(`segment ${name} is planned twice`)
    names.add(name)
  }
  return recipe
}

let cached: DemoRecipe | undefined

/** The bundled recipe, checked on first use. */
export function demoRecipe(): DemoRecipe {
  return (cached ??= checkDemoRecipe(recipeJson))
}

/** DCASE alignment group of a segment: `scene-city-location-segment`. */
export function segmentName(s: DemoSegment): string {
  return `${s.scene}-${s.city}-${s.location}-${s.segment}`
}

/** The device of the recipe with this id; the error names the known ones. */
export function demoDevice(recipe: DemoRecipe, id: string): DemoDevice {
  const device = recipe.devices.find((d) => d.id === id)
  if (!device) {
    throw new Error(
      `device=${id} is not a demo device (${recipe.devices.map((d) => d.id).join(', ')})`,
    )
  }
  return device
}

/**
 * A curve of [Hz, dB] points evaluated at `frequenciesHz`: linear in dB over log frequency between
 * points, held flat below the first and above the last point (so 0 Hz takes the first value).
 */
export function curveDbAt(
  points: readonly (readonly [number, number])[],
  frequenciesHz: ArrayLike<number>,
): Float64Array {
  const out = new Float64Array(frequenciesHz.length)
  const last = points.length - 1
  let j = 0
  for (let i = 0; i < out.length; i++) {
    const f = frequenciesHz[i]
    if (!(f > points[0][0])) out[i] = points[0][1]
    else if (f >= points[last][0]) out[i] = points[last][1]
    else {
      while (j > 0 && points[j][0] > f) j--
      while (points[j + 1][0] < f) j++
      const [f0, d0] = points[j]
      const [f1, d1] = points[j + 1]
      const u = f0 > 0 ? Math.log(f / f0) / Math.log(f1 / f0) : (f - f0) / (f1 - f0)
      out[i] = d0 + u * (d1 - d0)
    }
  }
  return out
}
