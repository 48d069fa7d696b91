import { auditFindsAnything } from '@shared/model/label-audit'
import { auditProject } from '../../services/label-audit'
import { openProject } from '../../services/project'
import { positionals } from '../args'
import { parse, printJson, type Command } from '../command'
import { USAGE } from '../usage'
import { EXIT } from '../errors'
import { analysePending } from '../pending-analysis'

export const auditCommand: Command = {
  ...USAGE.audit,
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, { json: { type: 'boolean' } })
    const [projectPath] = positionals(pos, ['project'])
    const project = openProject(projectPath)
    try {
      if (!(await analysePending(project, io))) return EXIT.someFailed
      const report = auditProject(project)
      if (values.json) {
        printJson(io, report)
      } else {
        const w = (s: string): boolean => io.out.write(`${s}\n`)
        w(`${report.recordings} labelled recordings, ${report.fitted} with a spectrum to fit`)
        w(`suspected mislabels: ${report.suspects.length}`)
        for (const s of report.suspects) {
          w(
            `  ${s.path}: labelled ${s.device}, sounds like ${s.bestMatch} (${s.score.toFixed(2)} dB closer, ${s.method})`,
          )
        }
        w(`exact duplicates: ${report.duplicates.length}`)
        for (const d of report.duplicates) {
          w(`  ${d.kind}: ${d.recordings.map((r) => `${r.path} (${r.device})`).join(' = ')}`)
        }
        w(`anomalies: ${report.anomalies.length}`)
        for (const a of report.anomalies) {
          w(`  ${a.kind}: ${a.recordings.map((r) => r.path).join(', ')}: ${a.detail}`)
        }
      }
      return auditFindsAnything(report) ? EXIT.someFailed : EXIT.ok
    } finally {
      project.close()
    }
  },
}
