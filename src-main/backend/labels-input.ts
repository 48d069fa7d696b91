import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { LabelRuleInput } from '@shared/api/schemas'
import { parseDcaseMeta, parseLabelTable, type LabelRule } from '@shared/labels'
import { BackendError } from './types'

/**
 * The label rule a request describes. Tables arrive as CSV text read by the renderer; the one
 * file main reads itself is the `meta.csv` at the top of the folder being added.
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
        if (input.csv !== undefined) return { kind: 'dcase-meta', meta: parseDcaseMeta(input.csv) }
        const meta = join(folder, 'meta.csv')
        if (!existsSync(meta)) {
          throw new Error(`${folder} has no meta.csv; choose the CSV file or another rule`)
        }
        return { kind: 'dcase-meta', meta: parseDcaseMeta(await readFile(meta, 'utf8')) }
      }
    }
  } catch (e) {
    throw new BackendError('invalid-request', (e as Error).message)
  }
}
