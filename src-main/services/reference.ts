// The reference device is one project setting, and the current estimate always corrects towards
// it: changing the setting recomputes the estimate here, in one step, so nothing else has to keep
// the two in step. Nothing picks a reference on the user's behalf.
import { InvalidInputError } from './errors'
import { deviceCounts } from '../db/recordings-repo'
import { analysisCounts } from '../db/summaries-repo'
import { estimate, type EstimateRequest, type EstimateResult } from './estimation'
import type { Project } from './project'

/**
 * Makes `device` the project's reference and recomputes the current estimate towards it with the
 * project's estimate settings. Returns the new estimate, or null when nothing is analysed yet
 * (the project then has no current estimate until one is computed). Throws, changing nothing,
 * when `device` labels no readable recording or has no analysed recordings while others have.
 */
export function setReference(project: Project, device: string): EstimateResult | null {
  const devices = Object.keys(deviceCounts(project.db)).filter((d) => d !== '')
  if (!devices.includes(device)) {
    const known = devices.length ? devices.join(', ') : 'none yet: label recordings first'
    throw new InvalidInputError(
      `reference=${device} is not a device of this project (devices: ${known})`,
    )
  }
  if (analysisCounts(project.db, project.analysisKey()).done === 0) {
    project.updateSettings({ referenceDevice: device, currentEstimateId: null })
    return null
  }
  return estimate(project, { reference: device })
}

/**
 * The request with the project's reference, for estimates computed on the user's behalf; throws
 * when no reference is chosen yet instead of choosing one.
 */
export function withProjectReference(
  project: Project,
  request: Omit<EstimateRequest, 'reference'> = {},
): EstimateRequest & { reference: string } {
  const reference = project.settings().referenceDevice
  if (!reference) {
    throw new InvalidInputError(
      'no reference device is chosen yet: choose one (Correction or Devices view, or `scw estimate --reference`)',
    )
  }
  return { ...request, reference }
}
