import { exportSummariesNpz } from '../../services/numbers-out'
import { openProject } from '../../services/project'
import { exportSummaries, importSummaries } from '../../services/summary-files'
import { parse, printJson, type Command } from '../command'
import { EXIT, UsageError } from '../errors'

export const summariesCommand: Command = {
  name: 'summaries',
  usage:
    'summaries export <project> <file.scws|file.npz> | summaries import <project> <file.scws>... [--json]',
  summary:
    'move spectral summaries between projects and machines (.scws, merge cluster shards), or write them for NumPy (.npz)',
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, { json: { type: 'boolean' } })
    const [action, projectPath, ...files] = pos
    if ((action !== 'export' && action !== 'import') || !projectPath || files.length === 0) {
      throw new UsageError(`expected: ${this.usage}`)
    }
    if (action === 'export' && files.length !== 1)
      throw new UsageError('summaries export writes one file')
    const project = openProject(projectPath)
    try {
      if (action === 'export') {
        const npz = files[0].toLowerCase().endsWith('.npz')
        const n = npz
          ? await exportSummariesNpz(project, files[0])
          : await exportSummaries(project, files[0])
        if (values.json) printJson(io, { exported: n })
        else io.out.write(`${n} summaries written to ${files[0]}\n`)
        return EXIT.ok
      }
      const r = await importSummaries(project, files)
      if (values.json) printJson(io, r)
      else {
        io.out.write(`${r.imported} summaries imported\n`)
        for (const u of r.unmatched) io.out.write(`not imported: ${u.path}: ${u.reason}\n`)
      }
      return r.unmatched.length ? EXIT.someFailed : EXIT.ok
    } finally {
      project.close()
    }
  },
}
