import { readFile } from 'node:fs/promises'
import type { LabelRuleInput } from '@shared/api/schemas'
import { labelRuleOf } from '../../services/label-rules'
import { openProject } from '../../services/project'
import { indexFolder, previewLabels } from '../../services/sources'
import { positionals } from '../args'
import { parse, printJson, str, type Command } from '../command'
import { USAGE } from '../usage'
import { EXIT, UsageError } from '../errors'
import { progressBar } from '../progress-bar'
import { printWarnings } from '../warnings'

/**
 * `--labels` and `--meta` as the label rule input the Sources view would send (undefined: the
 * folder's default). The rule itself is built by the same code for both.
 */
export async function labelInputOf(
  labels: string | undefined,
  meta: string | undefined,
): Promise<LabelRuleInput | undefined> {
  if (meta !== undefined && labels !== undefined && labels !== 'dcase-meta' && labels !== 'table') {
    throw new UsageError(`--meta goes with --labels dcase-meta or table, not ${labels}`)
  }
  const csv = meta === undefined ? undefined : await readFile(meta, 'utf8')
  if (labels === undefined) return csv === undefined ? undefined : { kind: 'dcase-meta', csv }
  if (labels === 'dcase' || labels === 'folders') return { kind: labels }
  if (labels === 'dcase-meta') return { kind: 'dcase-meta', csv }
  if (labels === 'table') {
    if (csv === undefined) throw new UsageError('--labels table needs --meta <csv>')
    return { kind: 'table', csv }
  }
  if (labels.startsWith('regex:')) return { kind: 'regex', pattern: labels.slice('regex:'.length) }
  throw new UsageError(
    `--labels ${labels}: expected dcase, dcase-meta, folders, table or regex:<pattern>`,
  )
}

export const indexCommand: Command = {
  ...USAGE.index,
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      labels: { type: 'string' },
      meta: { type: 'string' },
      preview: { type: 'boolean' },
      json: { type: 'boolean' },
    })
    const [projectPath, folder] = positionals(pos, ['project.scw', 'folder'])
    const input = await labelInputOf(str(values.labels), str(values.meta))
    const rule = input && (await labelRuleOf(input, folder))
    if (values.preview) {
      const rows = await previewLabels(folder, rule ?? { kind: 'dcase' })
      if (values.json) printJson(io, rows)
      else {
        for (const r of rows) {
          const f = r.fields
          io.out.write(
            `${r.path}\tdevice=${f.device ?? '-'}\tscene=${f.scene ?? '-'}\tgroup=${f.group ?? '-'}${r.error ? `\t(${r.error})` : ''}\n`,
          )
        }
      }
      return EXIT.ok
    }
    const project = openProject(projectPath, { create: true })
    try {
      const r = await indexFolder(project, folder, {
        labels: rule,
        signal: io.signal,
        onProgress: progressBar(io.err),
      })
      if (values.json) {
        printJson(io, {
          added: r.added,
          updated: r.updated,
          removed: r.removed,
          unchanged: r.unchanged,
          errors: r.errors,
          skipped: r.skipped,
          warnings: r.warnings,
          devices: r.devices,
          unlabelled: r.unlabelled,
          analysisRate: r.analysisRate,
        })
      } else {
        io.out.write(
          `${r.root}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} missing since the last scan\n`,
        )
        const devices = Object.entries(r.devices).map(([d, n]) => `${d || '(no label)'} ${n}`)
        io.out.write(`devices: ${devices.join(', ') || 'none'}\n`)
        const a = r.analysisRate
        if (a) {
          const why = a.chosen ? 'chosen' : "the corpus's most common rate"
          io.out.write(
            `analysis rate: ${a.sampleRate} Hz (${why}${a.changed ? '; changed by this scan' : ''})\n`,
          )
        }
        for (const e of r.errors) io.out.write(`unreadable: ${e.error}\n`)
        for (const e of r.skipped) io.out.write(`skipped: ${e.path}: ${e.error}\n`)
        printWarnings(io, r.warnings)
        for (const u of r.unlabelled) io.out.write(`no device: ${u.path}: ${u.error}\n`)
        io.err.write(`${Math.round(r.filesPerSecond)} files/s\n`)
      }
      return r.errors.length || r.skipped.length ? EXIT.someFailed : EXIT.ok
    } finally {
      project.close()
    }
  },
}
