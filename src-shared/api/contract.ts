// The one contract between main and renderer (DESIGN.md): each method's request and response,
// and each event's payload. Both transports (Electron IPC, browser mode) implement exactly this.
import type { JobProgress } from '../model/job'
import type { MethodName } from './methods'
import type { RequestOf } from './schemas'
import type {
  AppInfo,
  BandsView,
  DevicesView,
  DownloadView,
  EstimateView,
  EvaluationView,
  FirResponseView,
  FolderListing,
  JobView,
  LabelPreviewRow,
  ProjectView,
  RecordingDetail,
  RecordingRow,
  SourceView,
} from './views'

export interface Responses {
  'app.info': AppInfo
  'project.open': ProjectView
  'project.create': ProjectView
  'project.openDemo': ProjectView
  'project.current': ProjectView | null
  'project.updateSettings': ProjectView
  'project.setReference': ProjectView
  'system.pickPath': string | null
  'system.reveal': boolean
  'system.listFolder': FolderListing
  'sources.preview': LabelPreviewRow[]
  'sources.add': { jobId: number }
  'sources.rescan': { jobId: number }
  'sources.setRule': SourceView
  'recordings.list': RecordingRow[]
  'recordings.detail': RecordingDetail
  'recordings.relabel': { changed: number }
  'devices.overview': DevicesView
  'analysis.start': { jobId: number | null }
  'estimate.current': EstimateView | null
  'estimate.compute': EstimateView
  'estimate.bands': BandsView
  'estimate.firResponse': FirResponseView
  'estimate.download': DownloadView
  'export.start': { jobId: number }
  'jobs.list': JobView[]
  'jobs.cancel': { cancelled: boolean }
  'evaluate.run': EvaluationView
}

export type Request<M extends MethodName> = RequestOf<M>
export type Response<M extends MethodName> = Responses[M]

export interface Events {
  'job.progress': JobProgress
  'job.finished': JobView
  'project.changed': ProjectView
}

/** What a transport offers the renderer. */
export interface Transport {
  call<M extends MethodName>(method: M, request: Request<M>): Promise<Response<M>>
  /** Subscribes to an event; returns the unsubscribe. */
  on<E extends keyof Events>(event: E, listener: (payload: Events[E]) => void): () => void
  /** URL of a recording's audio (original, or corrected with the current estimate). */
  mediaUrl(recordingId: number, corrected?: { method: 'fir' | 'stft' }): string
}

/** A failure a method reports to the caller: message for people, code for programs. */
export interface ContractError {
  code: 'invalid-request' | 'no-project' | 'not-found' | 'failed'
  message: string
}

export type { MethodName }
