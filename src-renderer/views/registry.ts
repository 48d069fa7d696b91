// Every view of the app, in rail order. A new view is a component in this folder, its id in
// ../view-ids.ts and one entry here; the rail, the Alt+N shortcuts, the location hash and the
// no-project guard follow.
import type { Component } from 'vue'
import type { ViewId } from '../view-ids'
import CorrectionView from './CorrectionView.vue'
import DevicesView from './DevicesView.vue'
import EvaluateView from './EvaluateView.vue'
import ExportView from './ExportView.vue'
import ProjectsView from './ProjectsView.vue'
import RecordingView from './RecordingView.vue'
import RecordingsView from './RecordingsView.vue'
import SourcesView from './SourcesView.vue'

export interface ViewEntry {
  id: ViewId
  title: string
  component: Component
  /** Listed in the rail (with an Alt+N shortcut in rail order). */
  rail: boolean
  /** Shown only with a project open; otherwise the shell asks to open one. */
  needsProject: boolean
}

export const VIEWS = [
  { id: 'projects', title: 'Projects', component: ProjectsView, rail: true, needsProject: false },
  { id: 'sources', title: 'Sources', component: SourcesView, rail: true, needsProject: true },
  {
    id: 'recordings',
    title: 'Recordings',
    component: RecordingsView,
    rail: true,
    needsProject: true,
  },
  { id: 'devices', title: 'Devices', component: DevicesView, rail: true, needsProject: true },
  {
    id: 'correction',
    title: 'Correction',
    component: CorrectionView,
    rail: true,
    needsProject: true,
  },
  { id: 'export', title: 'Export', component: ExportView, rail: true, needsProject: true },
  { id: 'evaluate', title: 'Evaluate', component: EvaluateView, rail: true, needsProject: true },
  {
    id: 'recording',
    title: 'Recording',
    component: RecordingView,
    rail: false,
    needsProject: true,
  },
] as const satisfies readonly ViewEntry[]

/** The rail's views with their shortcuts, Alt+1 for the first. */
export const RAIL = VIEWS.filter((v) => v.rail).map((v, i) => ({
  id: v.id,
  title: v.title,
  shortcut: `Alt+${i + 1}`,
}))

export function viewEntry(id: ViewId): ViewEntry {
  return VIEWS.find((v) => v.id === id)!
}
