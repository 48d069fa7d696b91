import { checkLabelRule } from './check'
import { applyDcase } from './dcase'
import { applyFolders } from './folders-rule'
import { normalizeLabel, normalizePath } from './normalize'
import { applyRegex } from './regex-rule'
import { applyTable } from './table-rule'
import type { LabelPreviewRow, LabelResult, LabelRule } from './types'

// Rules already checked, so labelling many files checks (and indexes) a rule once; rules are
// treated as immutable values.
const checked = new WeakSet<LabelRule>()

function applyChecked(rule: LabelRule, path: string): LabelResult {
  switch (rule.kind) {
    case 'dcase':
      return applyDcase(path)
    case 'dcase-meta':
      return applyTable(rule.meta, path, `"${path}" is not listed in meta.csv`)
    case 'folders':
      return applyFolders(path, rule.depth)
    case 'regex':
      return applyRegex(rule.pattern, path)
    case 'table':
      return applyTable(rule.table, path, `"${path}" is not listed in the label table`)
  }
}

/**
 * The labels a rule gives the file at `relativePath` (relative to the source root); values are
 * trimmed, empty ones null. Throws when the rule itself is invalid (see `checkLabelRule`).
 */
export function applyLabelRule(rule: LabelRule, relativePath: string): LabelResult {
  if (!checked.has(rule)) {
    checkLabelRule(rule)
    checked.add(rule)
  }
  const path = normalizePath(relativePath)
  const { fields, error } = applyChecked(rule, path)
  const device = normalizeLabel(fields.device)
  const result = {
    fields: { device, scene: normalizeLabel(fields.scene), group: normalizeLabel(fields.group) },
    error,
  }
  if (device === null && error === null) result.error = `"${path}" got an empty device label`
  return result
}

/** What a rule yields on sample files, in their order, before it is applied to a source. */
export function previewLabelRule(
  rule: LabelRule,
  relativePaths: readonly string[],
): LabelPreviewRow[] {
  checkLabelRule(rule)
  return relativePaths.map((path) => ({ path, ...applyLabelRule(rule, path) }))
}
