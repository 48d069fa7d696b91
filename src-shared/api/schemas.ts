// Runtime schemas of every request: main validates each incoming payload against these.
import { z } from 'zod'

const id = z.number().int().positive()
const path = z.string().min(1).max(4096)
const finite = z.number().finite()
/** FIR length: odd, so the filter is linear-phase type I. */
const taps = z
  .number()
  .int()
  .min(1)
  .max(65537)
  .refine((n) => n % 2 === 1, 'taps must be odd')

/** How a folder's files get labels, as the UI sends it (tables travel as CSV text). */
export const labelRuleInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('dcase') }),
  /** DCASE meta.csv: its text, or absent to use the folder's own meta.csv. */
  z.object({ kind: z.literal('dcase-meta'), csv: z.string().max(64_000_000).optional() }),
  z.object({ kind: z.literal('folders'), depth: z.number().int().min(1).max(64).optional() }),
  z.object({ kind: z.literal('regex'), pattern: z.string().min(1).max(2000) }),
  z.object({ kind: z.literal('table'), csv: z.string().min(1).max(64_000_000) }),
])
export type LabelRuleInput = z.infer<typeof labelRuleInput>

export const regularizationInput = z
  .object({
    smoothingOctaves: z.number().min(0).max(4).optional(),
    maxBoostDb: z.number().min(0).max(200).optional(),
    maxCutDb: z.number().min(0).max(200).optional(),
    bandHz: z.tuple([z.number().min(0), z.number().positive()]).optional(),
  })
  .strict()

export const estimateRequest = z
  .object({
    variant: z.enum(['unaligned', 'aligned', 'dcase2019']).optional(),
    reference: z.string().min(1).max(200).optional(),
    maxPerDevice: z.number().int().positive().nullable().optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31)
      .optional(),
    regularization: regularizationInput.optional(),
    /** Leave digitally silent frames out of the means. */
    frameGating: z.boolean().optional(),
  })
  .strict()
export type EstimateRequestInput = z.infer<typeof estimateRequest>

const empty = z.object({}).strict()

export const REQUESTS = {
  'app.info': empty,
  'project.open': z.object({ path }).strict(),
  'project.create': z.object({ path }).strict(),
  'project.openDemo': empty,
  'project.current': empty,
  'project.updateSettings': z
    .object({
      nFft: z.number().int().min(32).max(65536).optional(),
      hopLength: z.number().int().min(1).max(65536).optional(),
      /** null: the corpus's own rate (the most common among the indexed recordings). */
      analysisSampleRate: z.number().int().min(1000).max(768000).nullable().optional(),
    })
    .strict(),
  /** The one way to change the reference: main recomputes the current estimate towards it. */
  'project.setReference': z.object({ device: z.string().min(1).max(200) }).strict(),
  'system.pickPath': z
    .object({
      kind: z.enum(['project', 'newProject', 'folder']),
      title: z.string().max(200).optional(),
    })
    .strict(),
  'system.reveal': z.object({ path }).strict(),
  /** Browser mode's folder browser: one folder's subfolders and audio counts (none: home). */
  'system.listFolder': z.object({ path: path.optional() }).strict(),
  'sources.preview': z.object({ folder: path, rule: labelRuleInput }).strict(),
  'sources.add': z.object({ folder: path, rule: labelRuleInput.optional() }).strict(),
  'sources.rescan': z.object({ sourceId: id }).strict(),
  'sources.setRule': z.object({ sourceId: id, rule: labelRuleInput }).strict(),
  'recordings.list': empty,
  'recordings.table': empty,
  'recordings.detail': z.object({ id }).strict(),
  'recordings.relabel': z
    .object({
      ids: z.array(id).min(1).max(1_000_000),
      patch: z
        .object({
          device: z.string().max(200).nullable().optional(),
          scene: z.string().max(200).nullable().optional(),
          group: z.string().max(1000).nullable().optional(),
        })
        .strict(),
    })
    .strict(),
  'devices.overview': empty,
  'devices.audit': empty,
  'analysis.start': z.object({ retryFailed: z.boolean().optional() }).strict(),
  'estimate.current': empty,
  // Towards the project's reference (project.setReference changes it).
  'estimate.compute': estimateRequest.omit({ reference: true }).strict(),
  'estimate.bands': z
    .object({
      request: estimateRequest,
      iterations: z.number().int().min(2).max(2000).optional(),
      level: z.number().gt(0).lt(1).optional(),
    })
    .strict(),
  // Absent taps: the policy's FIR; absent sampleRate: the device's files' own rate.
  'estimate.firResponse': z
    .object({
      device: z.string().min(1).max(200),
      taps: taps.optional(),
      sampleRate: z.number().int().min(1000).max(768000).optional(),
      paperExact: z.boolean().optional(),
    })
    .strict(),
  'estimate.download': z.discriminatedUnion('what', [
    z.object({ what: z.literal('coefficients'), format: z.enum(['json', 'csv']) }).strict(),
    z
      .object({
        what: z.literal('fir'),
        device: z.string().min(1).max(200),
        taps: taps.optional(),
        sampleRate: z.number().int().min(1000).max(768000).optional(),
        paperExact: z.boolean().optional(),
        format: z.enum(['wav', 'sox']),
      })
      .strict(),
  ]),
  'export.start': z
    .object({
      outDir: path,
      /** Absent: the policy's choice (a FIR that meets it, else the STFT path). */
      method: z.enum(['fir', 'stft']).optional(),
      /** Absent: the policy's FIR length. */
      taps: taps.optional(),
      /** The paper's exact FIR (1025 taps unless `taps`). */
      paperExact: z.boolean().optional(),
      format: z.enum(['same', 'pcm16', 'pcm24', 'pcm32', 'float32']),
      devices: z.array(z.string().min(1).max(200)).max(10_000).optional(),
      gain: z.union([z.literal('auto'), finite.min(-120).max(40)]),
    })
    .strict(),
  'jobs.list': empty,
  'jobs.cancel': z.object({ jobId: id }).strict(),
  'evaluate.run': z
    .object({
      bandHz: z.tuple([z.number().min(0), z.number().positive()]).optional(),
      /** The correction scored, as export would apply it (absent: the policy's choice). */
      method: z.enum(['fir', 'stft']).optional(),
      taps: taps.optional(),
      paperExact: z.boolean().optional(),
    })
    .strict(),
} as const

export type RequestOf<M extends keyof typeof REQUESTS> = z.infer<(typeof REQUESTS)[M]>
