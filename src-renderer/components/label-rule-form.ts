// The label-rule form's state and the contract's LabelRuleInput it stands for.
import type { LabelRuleInput } from '@shared/api/schemas'

export type RuleKind = LabelRuleInput['kind']

export interface RuleForm {
  kind: RuleKind
  /** folders: level below the source root; null = each file's parent folder. */
  depth: number | null
  /** regex: JS RegExp with named groups device (required), scene, group. */
  pattern: string
  /** dcase-meta: the folder's own meta.csv, or a chosen file. */
  metaFrom: 'folder' | 'file'
  /** dcase-meta from a file, or table: the chosen file's text and name. */
  csv: string | null
  csvName: string | null
}

export const RULE_KINDS: readonly { kind: RuleKind; title: string; help: string }[] = [
  {
    kind: 'dcase',
    title: 'DCASE file names',
    help: 'scene-city-location-segment[-subsegment]-device.wav, e.g. airport-lisbon-1000-40000-a.wav',
  },
  {
    kind: 'dcase-meta',
    title: 'DCASE meta.csv',
    help: 'Tab-separated filename, scene_label, identifier, source_label columns.',
  },
  {
    kind: 'folders',
    title: 'One folder per device',
    help: 'The device is the name of a folder on the path: its parent by default, or a level below the root.',
  },
  {
    kind: 'regex',
    title: 'Regular expression',
    help: 'JavaScript pattern on the path relative to the folder, with named groups (?<device>…), optionally (?<scene>…) and (?<group>…).',
  },
  {
    kind: 'table',
    title: 'CSV/TSV table',
    help: 'A table with a path column and a device column (scene and group optional).',
  },
]

export function emptyRuleForm(kind: RuleKind = 'dcase'): RuleForm {
  return { kind, depth: null, pattern: '', metaFrom: 'folder', csv: null, csvName: null }
}

/** The rule the form describes, or null while it is incomplete. */
export function ruleInputOf(form: RuleForm): LabelRuleInput | null {
  switch (form.kind) {
    case 'dcase':
      return { kind: 'dcase' }
    case 'dcase-meta':
      if (form.metaFrom === 'folder') return { kind: 'dcase-meta' }
      return form.csv === null ? null : { kind: 'dcase-meta', csv: form.csv }
    case 'folders':
      return form.depth === null ? { kind: 'folders' } : { kind: 'folders', depth: form.depth }
    case 'regex':
      return form.pattern ? { kind: 'regex', pattern: form.pattern } : null
    case 'table':
      return form.csv ? { kind: 'table', csv: form.csv } : null
  }
}
