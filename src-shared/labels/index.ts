// Public API of labelling: rules that give each file a device, scene and alignment group.
export type {
  LabelColumns,
  LabelFields,
  LabelPreviewRow,
  LabelResult,
  LabelRule,
  LabelTable,
  LabelTableRow,
} from './types'
export { applyLabelRule, previewLabelRule } from './apply'
export { checkLabelRule } from './check'
export { describeLabelRule } from './describe'
export { relabel } from './relabel'
export { parseDcaseMeta, parseLabelTable, type LabelTableOptions } from './label-table'
export { type Delimiter } from './csv'
export { DCASE_PATTERN } from './dcase'
export { normalizeLabel, normalizePath } from './normalize'
export { stemWithoutDevice } from './device-part'
