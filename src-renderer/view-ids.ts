// The app's views by id, in rail order: what stores, the location hash and the shell name. The
// components behind them are in views/registry.ts.
export const VIEW_IDS = [
  'projects',
  'sources',
  'recordings',
  'devices',
  'correction',
  'export',
  'evaluate',
  'recording',
] as const

export type ViewId = (typeof VIEW_IDS)[number]

export function isViewId(name: string): name is ViewId {
  return (VIEW_IDS as readonly string[]).includes(name)
}
