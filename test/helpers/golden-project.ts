import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
import { analyzeProject } from '../../src-main/services/analysis'
import { openProject, type Project } from '../../src-main/services/project'
import { indexFolder } from '../../src-main/services/sources'
import { tempFolder } from './cli'
import { GOLDEN_DIR } from './golden'

/**
 * A project of the golden corpus (DCASE labels), indexed and analysed once for the test file in a
 * temporary folder, closed and removed after it. Call at the top of a test file.
 */
export function analysedGoldenProject(): () => Project {
  const tmp = tempFolder()
  let project: Project | undefined
  beforeAll(async () => {
    project = openProject(join(tmp.dir, 'p.scw'), { create: true })
    await indexFolder(project, join(GOLDEN_DIR, 'corpus'), { labels: { kind: 'dcase' } })
    await analyzeProject(project, { workers: 2 })
  })
  afterAll(() => {
    project?.close()
    tmp.cleanup()
  })
  return () => project!
}
