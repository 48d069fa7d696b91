// `scw demo`: a deterministic device-mixed demo corpus and a ready project beside it.
import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { readdir, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { findSourceByRoot } from '../db/sources-repo'
import { analyzeProject } from './analysis'
import { writeDemoCorpus } from '../demo/corpus'
import { demoRecipe } from '../demo/recipe'
import { estimate } from './estimation'
import { openProject } from './project'
import { indexFolder } from './sources'

/** The demo's reference device: flat response. */
const DEMO_REFERENCE = 'a'
/** File name of the demo project inside the demo folder. */
export const DEMO_PROJECT_FILE = 'demo.scw'
/** Bump when the synthesis code changes what the recipe produces, so old demos are rebuilt. */
const SYNTH_VERSION = 1
const MARKER_FILE = '.scw-demo.json'

interface Marker {
  fingerprint: string
  /** File name → size in bytes, of dir/audio. */
  files: Record<string, number>
}

function fingerprint(): string {
  return createHash('sha256')
    .update(JSON.stringify({ SYNTH_VERSION, recipe: demoRecipe() }))
    .digest('hex')
}

/** True when dir holds a finished demo of this recipe: marker, files and an estimated project. */
async function isComplete(dir: string): Promise<boolean> {
  const projectPath = join(dir, DEMO_PROJECT_FILE)
  try {
    const marker = JSON.parse(await readFile(join(dir, MARKER_FILE), 'utf8')) as Marker
    if (marker.fingerprint !== fingerprint() || !existsSync(projectPath)) return false
    const audioDir = join(dir, 'audio')
    for (const [name, size] of Object.entries(marker.files)) {
      if ((await stat(join(audioDir, name))).size !== size) return false
    }
    const project = openProject(projectPath)
    try {
      const root = await realpath(audioDir)
      return (
        project.settings().currentEstimateId !== null &&
        findSourceByRoot(project.db, root) !== undefined
      )
    } finally {
      project.close()
    }
  } catch {
    return false
  }
}

/**
 * Writes the corpus and a ready project dir/demo.scw (indexed with the DCASE preset, analysed,
 * estimated with reference a); returns the project path. Idempotent: an existing complete demo
 * is reused; an incomplete one (interrupted, or from another recipe) is rebuilt from scratch.
 */
export async function createDemoProject(
  dir: string,
  options: { onProgress?: (message: string) => void } = {},
): Promise<string> {
  const say = options.onProgress ?? (() => undefined)
  const projectPath = join(dir, DEMO_PROJECT_FILE)
  if (await isComplete(dir)) {
    say(`Using the demo project ${projectPath}`)
    return projectPath
  }
  await rm(join(dir, MARKER_FILE), { force: true })
  for (const suffix of ['', '-wal', '-shm']) await rm(projectPath + suffix, { force: true })
  say('Writing the demo corpus…')
  const corpus = await writeDemoCorpus(dir)
  say(`Wrote ${corpus.files} files (${corpus.seconds} s); indexing…`)
  const project = openProject(projectPath, { create: true })
  try {
    await indexFolder(project, corpus.audioDir, { labels: { kind: 'dcase' } })
    const report = await analyzeProject(project, {
      onProgress: (p) => say(`Analysing ${p.done}/${p.total} files…`),
    })
    if (report.failed.length > 0) {
      const first = report.failed[0]
      throw new Error(`demo analysis failed for ${first.path}: ${first.error}`)
    }
    say('Estimating…')
    estimate(project, { variant: 'unaligned', reference: DEMO_REFERENCE })
  } finally {
    project.close()
  }
  const files: Record<string, number> = {}
  for (const name of (await readdir(corpus.audioDir)).sort()) {
    files[name] = (await stat(join(corpus.audioDir, name))).size
  }
  const marker: Marker = { fingerprint: fingerprint(), files }
  await writeFile(join(dir, MARKER_FILE), `${JSON.stringify(marker, null, 1)}\n`)
  say(`Demo project ready: ${projectPath}`)
  return projectPath
}
