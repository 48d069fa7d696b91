import { readFile } from 'node:fs/promises'
import { parseDcaseMeta, parseLabelTable, type LabelRule } from '@shared/labels'
import { openProject } from '../../services/project'
import { indexFolder, previewLabels } from '../../services/sources'
import { positionals } from '../args'
import { parse, printJson, str, type Command } from '../command'
import { EXIT, UsageError } from '../errors'
import { progressBar } from '../progress-bar'

/** `--labels` and `--meta` as a label rule (undefined: the folder's default). */
export async function labelRuleOf(
  labels: string | undefined,
  meta: string | undefined,
): Promise<LabelRule | undefined> {
  if (
    meta !== undefined &&
    labels !== undefined &&
    labels !== 'dcase-meta' &&
    !labels.startsWith('table')
  ) {
    throw new UsageError(`--meta goes with --labels dcase-meta or table, not ${labels}`)
  }
  const readTable = async (): Promise<string> => {
    if (!meta) throw new UsageError(`--labels ${labels} needs --meta <csv>`)
    return readFile(meta, 'utf8')
  }
  if (labels === undefined)
    return meta
      ? { kind: 'dcase-meta', meta: parseDcaseMeta(await readFile(meta, 'utf8')) }
      : undefined
  if (labels === 'dcase') return { kind: 'dcase' }
  if (labels === 'folders') return { kind: 'folders' }
  if (labels === 'dcase-meta') {
    return meta ? { kind: 'dcase-meta', meta: parseDcaseMeta(await readTable()) } : undefined
  }
  if (labels === 'table') return { kind: 'table', table: parseLabelTable(await readTable()) }
  if (labels.startsWith('regex:')) return { kind: 'regex', pattern: labels.slice('regex:'.length) }
  throw new UsageError(
    `--labels ${labels}: expected dcase, dcase-meta, folders, table or regex:<pattern>`,
  )
}

export const indexCommand: Command = {
  name: 'index',
  usage:
    'index <project.scw> <folder> [--labels dcase|dcase-meta|folders|table|regex:<re>] [--meta <csv>] [--preview] [--json]',
  summary: 'add a dataset folder to a project (created when missing), or rescan it',
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      labels: { type: 'string' },
      meta: { type: 'string' },
      preview: { type: 'boolean' },
      json: { type: 'boolean' },
    })
    const [projectPath, folder] = positionals(pos, ['project.scw', 'folder'])
    const rule = await labelRuleOf(str(values.labels), str(values.meta))
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
          devices: r.devices,
          unlabelled: r.unlabelled,
        })
      } else {
        io.out.write(
          `${r.root}: ${r.added} added, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} missing since the last scan\n`,
        )
        const devices = Object.entries(r.devices).map(([d, n]) => `${d || '(no label)'} ${n}`)
        io.out.write(`devices: ${devices.join(', ') || 'none'}\n`)
        for (const e of r.errors) io.out.write(`unreadable: ${e.error}\n`)
        for (const u of r.unlabelled) io.out.write(`no device: ${u.path}: ${u.error}\n`)
        io.err.write(`${Math.round(r.filesPerSecond)} files/s\n`)
      }
      return r.errors.length ? EXIT.someFailed : EXIT.ok
    } finally {
      project.close()
    }
  },
}
