import { fileName, fileStem } from './normalize'
import type { LabelResult } from './types'

/** The two DCASE file-name forms, for descriptions and error messages. */
export const DCASE_PATTERN =
  'scene-city-location-segment-device or scene-city-location-segment-subsegment-device'

// Scene and city never contain '-' (scenes use '_': street_pedestrian); location, segment and
// sub-segment are numbers; devices start with a letter (a, b, c, s1…s6).
const DCASE_STEM = new RegExp(
  '^(?<scene>[^-]+)-(?<city>[^-]+)-(?<location>\\d+)-(?<segment>\\d+)(?:-(?<sub>\\d+))?' +
    '-(?<device>[A-Za-z][A-Za-z0-9]*)$',
)

/** Labels from a DCASE file name: device = last part, scene = first, group = the rest. */
export function applyDcase(relativePath: string): LabelResult {
  const name = fileName(relativePath)
  const stem = fileStem(name)
  const match = DCASE_STEM.exec(stem)
  if (!match?.groups) {
    return {
      fields: { device: null, scene: null, group: null },
      error:
        `"${name}" does not match the DCASE file name ${DCASE_PATTERN} ` +
        '(e.g. airport-lisbon-2-20-a)',
    }
  }
  const { scene, device } = match.groups
  const group = stem.slice(0, stem.length - device.length - 1)
  return { fields: { device, scene, group }, error: null }
}
