// One handler per contract method, gathered from one file per domain (handlers/).
import type { MethodName } from '@shared/api/methods'
import { analysisHandlers } from './analysis'
import { appHandlers } from './app'
import { estimateHandlers } from './estimate'
import { evaluateHandlers } from './evaluate'
import { exportHandlers } from './export'
import type { Handler } from './handler'
import { jobsHandlers } from './jobs'
import { projectHandlers } from './project'
import { recordingsHandlers } from './recordings'
import { sourcesHandlers } from './sources'

export const handlers: { [M in MethodName]: Handler<M> } = {
  ...appHandlers,
  ...projectHandlers,
  ...sourcesHandlers,
  ...recordingsHandlers,
  ...analysisHandlers,
  ...estimateHandlers,
  ...exportHandlers,
  ...jobsHandlers,
  ...evaluateHandlers,
}
