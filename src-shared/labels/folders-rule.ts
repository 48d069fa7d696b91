import { fileStem } from './normalize'
import type { LabelResult } from './types'

/**
 * Labels from a folder per device: device = the folder `depth` levels below the source root
 * (default: the file's parent folder), group = the file stem, so equal names across devices align.
 */
export function applyFolders(relativePath: string, depth: number | undefined): LabelResult {
  const parts = relativePath.split('/')
  const name = parts[parts.length - 1]
  const folders = parts.length - 1
  const group = fileStem(name)
  const none = { device: null, scene: null, group: null }
  if (folders === 0) {
    return { fields: none, error: `"${name}" is at the source root; put it in a folder per device` }
  }
  if (depth !== undefined && depth > folders) {
    return {
      fields: none,
      error: `"${relativePath}" has no folder at depth ${depth} (only ${folders}); lower the depth`,
    }
  }
  return { fields: { device: parts[(depth ?? folders) - 1], scene: null, group }, error: null }
}
