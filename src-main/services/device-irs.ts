// Device impulse responses for augmentation (`scw irs`): per
// device d other than the reference, the IR whose magnitude is 1/C_d→r = H_d/H_r over the pair's
// valid band, as a mono float32 WAV, and `impulse_responses.csv` beside them.
import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { deviceSpectra, pairedSpreads } from '@shared/dsp/device-spectra'
import { deviceIr, type DeviceIr, type IrPhase } from '@shared/dsp/device-ir'
import { DEFAULT_FIR_TAPS } from '@shared/dsp/firls'
import { csvTable } from '@shared/figures/csv'
import { validBand } from '@shared/dsp/valid-band'
import { listSources } from '../db/sources-repo'
import { writeFileAtomically } from '../fs/atomic-write'
import { analysedRecords } from './analysed-records'
import type { EstimateResult } from './estimation'
import { prepareOutputFolder } from './export/paths'
import { firFile } from './fir-files'
import type { Project } from './project'

/** The CSV beside the IRs; its first column names the files (as DIR augmentation code reads it). */
export const IR_CSV = 'impulse_responses.csv'
/** What `scw irs` writes, and all that an IR folder may hold. */
const OWN_FILE = /^(impulse_responses\.csv|.+_inverse\.wav)(\.partial)?$/

export interface DeviceIrsOptions {
  /** Devices to write (default: every estimated device but the reference). */
  devices?: readonly string[]
  /** Length in samples (default DEFAULT_FIR_TAPS); odd for linear phase. */
  taps?: number
  /** Default `minimum`. */
  phase?: IrPhase
  /** Rate of the IRs in Hz (default: the corpus's, the most common rate of its recordings). */
  sampleRate?: number
}

/** One IR written, as the CSV and `--json` report it. */
export interface DeviceIrEntry {
  file: string
  device: string
  reference: string
  sampleRate: number
  taps: number
  phase: IrPhase
  /** The device's level relative to the reference over the band (dB); the IR is at 0 dB. */
  levelDb: number
  bandHz: [number, number]
  /** Realised magnitude against the target over the band, dB. */
  errorRmsDb: number
  errorMaxDb: number
  /** Minimum phase: the cepstrum's grid (points), aliasing error and the energy cut off. */
  cepstrum?: DeviceIr['cepstrum']
}

export interface DeviceIrSet {
  reference: string
  sampleRate: number
  taps: number
  phase: IrPhase
  irs: DeviceIrEntry[]
  /** The WAVs, then the CSV. */
  files: { name: string; bytes: Uint8Array }[]
  /** Devices asked for (or estimated) whose IR could not be made, with the reason. */
  skipped: { device: string; reason: string }[]
}

/** The IR file of device `device`: `<device>_to_<reference>_inverse.wav`, names made file-safe. */
export function irFileName(device: string, reference: string): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9._-]/g, '_')
  return `${safe(device)}_to_${safe(reference)}_inverse.wav`
}

/** The most common native rate of the analysed recordings (ties: the higher), or undefined. */
function corpusRate(rates: readonly (number | undefined)[]): number | undefined {
  const counts = new Map<number, number>()
  for (const r of rates) if (r) counts.set(r, (counts.get(r) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0]
}

/**
 * Designs the IR of every requested device from the estimate `est` (which must be at the project's
 * analysis settings): 1/C held flat outside the pair's valid band (computed as the export's, from
 * the device spectra and their spreads over shared groups), normalised to 0 dB over the band.
 */
export function designDeviceIrs(
  project: Project,
  est: EstimateResult,
  options: DeviceIrsOptions = {},
): DeviceIrSet {
  const key = project.analysisKey()
  if (est.sampleRate !== key.sampleRate || est.nFft !== key.nFft) {
    throw new Error(
      `estimate ${est.id} was made at ${est.sampleRate} Hz, nFft ${est.nFft}, but the project analyses at ${key.sampleRate} Hz, nFft ${key.nFft}; estimate again first`,
    )
  }
  const phase = options.phase ?? 'minimum'
  const taps = options.taps ?? DEFAULT_FIR_TAPS
  const reference = est.reference
  const records = analysedRecords(project)
  const sampleRate =
    options.sampleRate ?? corpusRate(records.map((r) => r.sampleRate)) ?? est.sampleRate
  const known = [...Object.keys(est.devices), ...est.missing.map((m) => m.device)].sort()
  const wanted = options.devices ?? known.filter((d) => d !== reference)
  for (const d of wanted) {
    if (d === reference) {
      throw new Error(`--devices ${d}: ${d} is the reference, whose IR would be the identity`)
    }
    if (!known.includes(d)) {
      throw new Error(
        `--devices ${d}: no such device in the estimate (devices: ${known.join(', ')})`,
      )
    }
  }
  const spectra = deviceSpectra(records, { sampleRate: key.sampleRate })
  const ref = spectra[reference]
  const set: DeviceIrSet = { reference, sampleRate, taps, phase, irs: [], files: [], skipped: [] }
  const used = new Set<string>()
  for (const device of wanted) {
    const estimated = est.devices[device]
    if (!estimated || !spectra[device] || !ref) {
      const reason =
        est.missing.find((m) => m.device === device)?.reason ?? 'no analysed recordings'
      set.skipped.push({ device, reason })
      continue
    }
    const band = validBand(spectra[device], ref, {
      sampleRate: key.sampleRate,
      nFft: key.nFft,
      spreads: pairedSpreads(records, device, reference, { sampleRate: key.sampleRate }),
    })
    let ir: DeviceIr
    try {
      ir = deviceIr(
        {
          coefficients: estimated.coefficients,
          referenceDb: ref.meanLogDb,
          bandHz: band.bandHz,
          analysis: { sampleRate: key.sampleRate, nFft: key.nFft },
        },
        { phase, taps, sampleRate },
      )
    } catch (e) {
      set.skipped.push({ device, reason: (e as Error).message })
      continue
    }
    let file = irFileName(device, reference)
    for (let n = 2; used.has(file); n++) file = irFileName(`${device}-${n}`, reference)
    used.add(file)
    const wav = firFile(ir.h, { device, sampleRate }, 'wav')
    if (!('bytes' in wav)) throw new Error('the FIR writer returned text for a WAV')
    set.files.push({ name: file, bytes: wav.bytes })
    set.irs.push({
      file,
      device,
      reference,
      sampleRate,
      taps,
      phase,
      levelDb: ir.levelDb,
      bandHz: ir.bandHz,
      errorRmsDb: ir.error.rmsDb,
      errorMaxDb: ir.error.maxDb,
      cepstrum: ir.cepstrum,
    })
  }
  const column = (header: string, value: (r: DeviceIrEntry) => string | number) => ({
    header,
    values: set.irs.map(value),
  })
  const csv = csvTable([
    column('impulse_responses', (r) => r.file),
    column('device', (r) => r.device),
    column('reference', (r) => r.reference),
    column('sample_rate', (r) => r.sampleRate),
    column('taps', (r) => r.taps),
    column('phase', (r) => r.phase),
    column('level_db', (r) => r.levelDb.toFixed(3)),
  ])
  set.files.push({ name: IR_CSV, bytes: new TextEncoder().encode(csv) })
  return set
}

/**
 * Writes `set` into `outDir` (created if missing; never a source folder or one inside a source).
 * The folder may hold only what this writes: `impulse_responses.csv` and `*_inverse.wav` files
 * (an earlier run's); anything else is refused, naming it, so the folder stays usable as
 * audiomentations' `ir_path`. Each file is written atomically (a `.partial` file, then a rename),
 * the CSV last; `*_inverse.wav` files of an earlier run that this set does not hold are removed.
 */
export async function writeDeviceIrs(
  project: Project,
  set: DeviceIrSet,
  outDir: string,
): Promise<{ outDir: string; removed: string[] }> {
  const dir = await prepareOutputFolder(outDir, listSources(project.db))
  const entries = await readdir(dir, { withFileTypes: true })
  const foreign = entries.filter((e) => !e.isFile() || !OWN_FILE.test(e.name)).map((e) => e.name)
  if (foreign.length) {
    const shown = foreign.sort().slice(0, 5).join(', ')
    const more = foreign.length > 5 ? ` and ${foreign.length - 5} more` : ''
    throw new Error(
      `${dir} holds files that scw irs did not write (${shown}${more}); choose an empty or new folder, so that it holds only the IRs and ${IR_CSV}`,
    )
  }
  for (const f of set.files) await writeFileAtomically(join(dir, f.name), f.bytes)
  const keep = new Set(set.files.map((f) => f.name))
  const removed: string[] = []
  for (const e of entries) {
    if (keep.has(e.name)) continue
    await rm(join(dir, e.name), { force: true })
    removed.push(e.name)
  }
  return { outDir: dir, removed: removed.sort() }
}
