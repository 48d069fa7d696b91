// The names of the contract's methods and events: all a transport needs to know (no schemas,
// so the preload stays tiny).

export const METHODS = [
  'app.info',
  'project.open',
  'project.create',
  'project.openDemo',
  'project.current',
  'project.updateSettings',
  'project.setReference',
  'system.pickPath',
  'system.reveal',
  'system.listFolder',
  'sources.preview',
  'sources.add',
  'sources.rescan',
  'sources.setRule',
  'recordings.list',
  'recordings.detail',
  'recordings.relabel',
  'devices.overview',
  'analysis.start',
  'estimate.current',
  'estimate.compute',
  'estimate.bands',
  'estimate.firResponse',
  'estimate.download',
  'export.start',
  'jobs.list',
  'jobs.cancel',
  'evaluate.run',
] as const

export type MethodName = (typeof METHODS)[number]

export const EVENTS = ['job.progress', 'job.finished', 'project.changed'] as const

export type EventName = (typeof EVENTS)[number]

/** Electron IPC channel of a method or event. */
export const channelOf = (name: MethodName | EventName): string => `scw:${name}`
