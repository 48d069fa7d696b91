// `npm run figures`: the README's figures of the demo, made by `scw plot` from the built app into
// resources/docs/figures/<figure>.svg (test/main/cli/plot.test.ts checks they are current).
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const root = join(import.meta.dirname, '..')
const cli = join(root, 'out', 'main', 'cli.js')
const outDir = join(root, 'resources', 'docs', 'figures')
/** The figures of `scw plot` (src-main/cli/commands/plot.ts, PLOT_FIGURES). */
export const FIGURES = ['coefficients', 'spectra', 'spectra-relative', 'fir', 'evaluate']

const scw = (...args) => execFileSync(process.execPath, [cli, ...args], { stdio: 'inherit' })

const tmp = mkdtempSync(join(tmpdir(), 'scw-figures-'))
try {
  scw('demo', join(tmp, 'demo'))
  mkdirSync(outDir, { recursive: true })
  for (const figure of FIGURES) {
    scw('plot', join(tmp, 'demo', 'demo.scw'), figure, '--out', join(outDir, `${figure}.svg`))
  }
} finally {
  rmSync(tmp, { recursive: true, force: true })
}
