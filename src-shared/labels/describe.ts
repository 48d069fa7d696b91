import type { LabelRule, LabelTable } from './types'

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`
}

function tableColumns(table: LabelTable): string {
  const { path, device, scene, group } = table.columns
  const roles = [`device = ${device}`]
  if (scene) roles.push(`scene = ${scene}`)
  if (group) roles.push(`group = ${group}`)
  return `joined on ${path}; ${roles.join(', ')}; ${plural(table.rows.length, 'row')}`
}

/** One line saying what a rule does, for the UI and the CLI. */
export function describeLabelRule(rule: LabelRule): string {
  switch (rule.kind) {
    case 'dcase':
      return 'DCASE file names (scene-city-location-segment[-subsegment]-device)'
    case 'dcase-meta':
      return `DCASE meta.csv (${tableColumns(rule.meta)})`
    case 'folders':
      return rule.depth === undefined
        ? 'One folder per device (the parent folder of each file)'
        : `One folder per device (folder level ${rule.depth} below the source root)`
    case 'regex':
      return `Regular expression /${rule.pattern}/ on the relative path`
    case 'table':
      return `Label table (${tableColumns(rule.table)})`
  }
}
