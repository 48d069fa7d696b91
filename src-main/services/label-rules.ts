// Label rules from what the user chose (the Sources view's form, or `scw index --labels`): one
// builder for both, so a rule means the same whichever way it was asked for.
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LabelRuleInput } from '@shared/api/schemas'
import { parseDcaseMeta, parseLabelTable, type LabelRule } from '@shared/labels'
import { InvalidInputError } from './errors'

/** The text of a folder's DCASE `meta.csv`, if it has one. */
async function folderMeta(folder: string): Promise<string | undefined> {
  const meta = join(folder, 'meta.csv')
  return existsSync(meta) ? readFile(meta, 'utf8') : undefined
}

/**
 * The label rule an input describes. Tables arrive as CSV text (read by the renderer, or from
 * `--meta`); without one, `dcase-meta` reads the `meta.csv` at the top of the folder.
 */
export async function labelRuleOf(input: LabelRuleInput, folder: string): Promise<LabelRule> {
  try {
    switch (input.kind) {
      case 'dcase':
        return { kind: 'dcase' }
      case 'folders':
        return input.depth === undefined
          ? { kind: 'folders' }
          : { kind: 'folders', depth: input.depth }
      case 'regex':
        return { kind: 'regex', pattern: input.pattern }
      case 'table':
        return { kind: 'table', table: parseLabelTable(input.csv) }
      case 'dcase-meta': {
        const csv = input.csv ?? (await folderMeta(folder))
        if (csv === undefined) {
          throw new Error(`${folder} has no meta.csv; choose the CSV file or another rule`)
        }
        return { kind: 'dcase-meta', meta: parseDcaseMeta(csv) }
      }
    }
  } catch (e) {
    throw new InvalidInputError((e as Error).message)
  }
}

/** The default label rule for a folder: its DCASE meta.csv if present, else DCASE file names. */
export async function defaultLabelRule(root: string): Promise<LabelRule> {
  const csv = await folderMeta(root)
  return csv === undefined ? { kind: 'dcase' } : { kind: 'dcase-meta', meta: parseDcaseMeta(csv) }
}
