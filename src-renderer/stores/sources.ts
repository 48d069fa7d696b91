// Dataset folders of the project: the label-rule preview, adding and rescanning (scan jobs), and
// changing a source's rule. The sources themselves live in the project store's ProjectView.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import type { LabelRuleInput } from '@shared/api/schemas'
import type { LabelPreviewRow } from '@shared/api/views'
import type { IndexReport } from '@shared/model/index-report'
import { api, ApiError } from '../api'
import { useJobsStore } from './jobs'
import { useProjectStore } from './project'

/** The report of a finished scan job. */
export type ScanReport = IndexReport

/** `report` as a ScanReport, or null when it is not one. */
export function scanReportOf(report: unknown): ScanReport | null {
  const r = report as Partial<ScanReport> | null
  if (!r || typeof r.added !== 'number' || !Array.isArray(r.errors)) return null
  return { devices: {}, unlabelled: [], filesPerSecond: 0, ...r } as ScanReport
}

export const useSourcesStore = defineStore('sources', () => {
  const project = useProjectStore()
  const jobs = useJobsStore()

  const previewRows = shallowRef<LabelPreviewRow[] | null>(null)
  const previewError = ref<string | null>(null)
  const previewing = ref(false)
  /** The scan this session started last. */
  const scanJobId = ref<number | null>(null)
  let previewSeq = 0

  const sources = computed(() => project.sources)
  const scanJob = computed(() => jobs.job(scanJobId.value))
  const scanReport = computed(() => scanReportOf(scanJob.value?.report))

  /** Previews `rule` on sample files of `folder`; only the latest request's answer is kept. */
  async function preview(folder: string, rule: LabelRuleInput): Promise<void> {
    const seq = ++previewSeq
    previewing.value = true
    try {
      const rows = await api.call('sources.preview', { folder, rule })
      if (seq !== previewSeq) return
      previewRows.value = rows
      previewError.value = null
    } catch (e) {
      if (seq !== previewSeq) return
      // Expected while typing (a half-written pattern, a missing folder): shown inline.
      if (!(e instanceof ApiError)) throw e
      previewRows.value = null
      previewError.value = e.message
    } finally {
      if (seq === previewSeq) previewing.value = false
    }
  }

  function clearPreview(): void {
    previewSeq++
    previewRows.value = null
    previewError.value = null
    previewing.value = false
  }

  /** Adds `folder` with `rule` (main's default rule when absent) and starts its scan. */
  async function add(folder: string, rule?: LabelRuleInput): Promise<number> {
    const { jobId } = await api.call('sources.add', rule ? { folder, rule } : { folder })
    scanJobId.value = jobId
    jobs.track(jobId, 'scan')
    return jobId
  }

  async function rescan(sourceId: number): Promise<number> {
    const { jobId } = await api.call('sources.rescan', { sourceId })
    scanJobId.value = jobId
    jobs.track(jobId, 'scan')
    return jobId
  }

  /** Gives a source another rule; its recordings are relabelled (hand-set labels stay). */
  async function setRule(sourceId: number, rule: LabelRuleInput): Promise<void> {
    await api.call('sources.setRule', { sourceId, rule })
    // The new counts arrive with `project.changed`; fetch them now in case it was missed.
    await project.loadCurrent()
  }

  return {
    previewRows,
    previewError,
    previewing,
    scanJobId,
    sources,
    scanJob,
    scanReport,
    preview,
    clearPreview,
    add,
    rescan,
    setRule,
  }
})
