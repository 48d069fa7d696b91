// The corrections an export applies, one per device and sample rate of its files, chosen by the
// correction policy (or the paper's exact FIR when asked), with the report of what each realises.
// A device the policy cannot bring closer to the reference stops the export before anything is
// written, with the reason and the flags that override it.
import type { CorrectionChoice, DeviceCorrection } from '@shared/model/correction'
import type { ExportCandidate } from '../../db/recordings-repo'
import type { CorrectionSpec } from '../../workers/export-file'
import { contextOf, deviceCorrection } from '../correction-plan'
import type { EstimateResult } from '../estimation'
import type { Project } from '../project'
import { signalChecks } from '../signal-checks'

/** The key of a file's correction: `device@sampleRate`. */
export const correctionKey = (c: { device: string; sampleRate: number }): string =>
  `${c.device}@${c.sampleRate}`

export interface ExportCorrections {
  /** The correction of each `device@sampleRate`. */
  specs: Map<string, CorrectionSpec>
  /** Per device, what the corrections realise (sorted by device). */
  report: DeviceCorrection[]
}

/** An export the policy refuses: every device it cannot correct, why, and what overrides it. */
export class ExportRefusedError extends Error {
  constructor(
    readonly refused: DeviceCorrection[],
    /** What the signal checks found in the refused devices, per device. */
    readonly hints: Record<string, string> = {},
  ) {
    super(refusalMessage(refused, hints))
    this.name = 'ExportRefusedError'
  }
}

function refusalMessage(refused: DeviceCorrection[], hints: Record<string, string>): string {
  const lines = refused.flatMap((d) =>
    d.rates
      .filter((r) => r.kind === 'refused')
      .map(
        (r) =>
          `device ${d.device} at ${r.sampleRate} Hz: ${r.reasons.join('; ')}. Override with ${r.overrides.join(' or ')}`,
      ),
  )
  const others = refused.map((d) => d.device).join(', ')
  const found = refused.filter((d) => hints[d.device]).map((d) => `${d.device}: ${hints[d.device]}`)
  return `the correction would not bring every device closer to the reference, so nothing was exported:\n${[...lines, ...found].join('\n')}\n(or leave ${others} out with --devices)`
}

/** For devices with digital silence in an estimate that did not gate it: the remedy. */
function signalHints(project: Project, est: EstimateResult): Record<string, string> {
  if (est.frameGating) return {}
  const hints: Record<string, string> = {}
  for (const c of signalChecks(project)) {
    if (c.kinds.silence.recordings === 0) continue
    hints[c.device] =
      `${(100 * c.silentFrameShare).toFixed(0)}% of its frames are digitally silent, which drags its mean spectrum to the floor; estimate with --frame-gating (Correction view: leave silent frames out)`
  }
  return hints
}

/**
 * Plans the correction of every device and rate among `candidates` from `est`; throws
 * ExportRefusedError when any is refused.
 */
export function planExportCorrections(
  project: Project,
  est: EstimateResult,
  candidates: readonly ExportCandidate[],
  choice: CorrectionChoice,
): ExportCorrections {
  const ctx = contextOf(project, est)
  const rates = new Map<string, Map<number, number>>()
  for (const c of candidates) {
    let byRate = rates.get(c.device)
    if (!byRate) rates.set(c.device, (byRate = new Map()))
    byRate.set(c.sampleRate, (byRate.get(c.sampleRate) ?? 0) + 1)
  }
  const report = [...rates.keys()]
    .sort()
    .map((device) => deviceCorrection(ctx, device, rates.get(device)!, choice))
  const refused = report.filter((d) => d.rates.some((r) => r.kind === 'refused'))
  if (refused.length) throw new ExportRefusedError(refused, signalHints(project, est))
  const specs = new Map<string, CorrectionSpec>()
  const stft = { nFft: est.nFft, hopLength: est.hopLength }
  for (const d of report) {
    for (const r of d.rates) {
      const plan = ctx.plan(d.device, r.sampleRate, choice)
      const key = correctionKey({ device: d.device, sampleRate: r.sampleRate })
      if (plan.kind === 'fir') specs.set(key, { method: 'fir', fir: plan.h, ...stft })
      else if (plan.kind === 'stft') specs.set(key, { method: 'stft', gains: plan.gains, ...stft })
    }
  }
  return { specs, report }
}
