// The reference device: one setting, changed in one step that recomputes the current estimate.
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { analyzeProject } from '../../../src-main/services/analysis'
import { currentEstimate } from '../../../src-main/services/estimation'
import { openProject, type Project } from '../../../src-main/services/project'
import { setReference, withProjectReference } from '../../../src-main/services/reference'
import { indexFolder } from '../../../src-main/services/sources'
import { GOLDEN_DIR } from '../../helpers/golden'
import { tempFolder } from '../../helpers/cli'

const tmp = tempFolder()
let project: Project

beforeAll(async () => {
  project = openProject(join(tmp.dir, 'p.scw'), { create: true })
  await indexFolder(project, join(GOLDEN_DIR, 'corpus'), { labels: { kind: 'dcase' } })
})
afterAll(() => {
  project.close()
  tmp.cleanup()
})

describe('reference service', () => {
  it('refuses to estimate on the user’s behalf before a reference is chosen', () => {
    expect(() => withProjectReference(project)).toThrow(/^no reference device is chosen yet/)
  })

  it('takes a labelled device before analysis, with no estimate yet', () => {
    expect(setReference(project, 'b')).toBeNull()
    expect(project.settings()).toMatchObject({ referenceDevice: 'b', currentEstimateId: null })
    expect(withProjectReference(project, { variant: 'aligned' })).toEqual({
      variant: 'aligned',
      reference: 'b',
    })
  })

  it('recomputes the current estimate towards the new reference once analysed', async () => {
    await analyzeProject(project, { workers: 2 })
    const e = setReference(project, 'c')!
    expect(e.reference).toBe('c')
    expect(e.variant).toBe(project.settings().estimate.variant)
    expect(project.settings()).toMatchObject({ referenceDevice: 'c', currentEstimateId: e.id })
    expect(currentEstimate(project)!.id).toBe(e.id)
  })

  it('names the devices when asked for one the project does not have, and changes nothing', () => {
    const before = project.settings()
    expect(() => setReference(project, 'x')).toThrow(
      'reference=x is not a device of this project (devices: a, b, c)',
    )
    expect(project.settings()).toEqual(before)
  })
})
