// Axis ticks: linear axes on 1-2-5 steps with labels that never repeat (a short range gets more
// decimals, never "0 0 0"), and log-frequency axes at 20, 50, 100, 200, 500, 1k, 2k … Hz. The
// waveform's time axis and every figure use these.

export interface Ticks {
  values: number[]
  labels: string[]
  /** Distance between ticks, in axis units. */
  step: number
}

/** The smallest 1-2-5 × 10^k step at least `span / maxCount`. */
export function niceStep(span: number, maxCount: number): number {
  if (!(span > 0) || !Number.isFinite(span)) {
    throw new Error(`span=${span}: an axis needs a positive, finite range`)
  }
  if (!(maxCount >= 1)) throw new Error(`maxCount=${maxCount} must be at least 1`)
  const raw = span / maxCount
  const decade = 10 ** Math.floor(Math.log10(raw))
  for (const m of [1, 2, 5, 10]) if (m * decade >= raw * (1 - 1e-9)) return m * decade
  return 10 * decade
}

/** Decimals that tell ticks `step` apart: 0 for 1, 2, 5, 10…; 1 for 0.5; 2 for 0.02. */
export function stepDecimals(step: number): number {
  return Math.max(0, Math.ceil(-Math.log10(step) - 1e-9))
}

/** A tick label: fixed decimals, a typographic minus, never "-0". */
export function formatTick(value: number, decimals: number): string {
  const s = value.toFixed(decimals)
  return /^-0(\.0*)?$/.test(s) ? s.slice(1) : s.replace(/^-/, '\u2212')
}

export interface LinearTickOptions {
  /** Length of the axis in px. */
  lengthPx: number
  /** Least distance between ticks in px (default 40). */
  minGapPx?: number
}

/**
 * Ticks inside [min, max] on the coarsest 1-2-5 step that gives at least `minGapPx` between
 * ticks; labels carry as many decimals as the step needs, so they always differ.
 */
export function linearTicks(min: number, max: number, options: LinearTickOptions): Ticks {
  if (!Number.isFinite(min) || !Number.isFinite(max) || !(max > min)) {
    throw new Error(`range [${min}, ${max}]: an axis needs finite min < max`)
  }
  if (!(options.lengthPx > 0)) throw new Error(`lengthPx=${options.lengthPx} must be positive`)
  const maxCount = Math.max(1, Math.floor(options.lengthPx / (options.minGapPx ?? 40)))
  const step = niceStep(max - min, maxCount)
  const decimals = stepDecimals(step)
  const values: number[] = []
  // Integer multiples of the step: no accumulated rounding (0.1 + 0.2 …).
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) {
    values.push(Number((k * step).toFixed(decimals + 1)))
  }
  return { values, labels: values.map((v) => formatTick(v, decimals)), step }
}

/** 50 → '50', 1000 → '1k', 12500 → '12.5k'. */
export function formatHz(hz: number): string {
  return hz >= 1000 ? `${+(hz / 1000).toFixed(2)}k` : `${+hz.toFixed(2)}`
}

/** A frequency in running text: 50 → '50 Hz', 12500 → '12.5 kHz'. */
export function hzText(hz: number): string {
  return hz >= 1000 ? `${+(hz / 1000).toFixed(2)} kHz` : `${+hz.toFixed(1)} Hz`
}

/** A band in running text: '100 Hz–10 kHz'. */
export function bandText([lo, hi]: readonly [number, number]): string {
  return `${hzText(lo)}–${hzText(hi)}`
}

/**
 * Ticks of a log frequency axis in Hz: 1, 2 and 5 per decade inside [minHz, maxHz]; a range
 * narrower than that gets every integer multiple of the decade (so at least two ticks).
 */
export function frequencyTicks(minHz: number, maxHz: number): number[] {
  if (!(minHz > 0) || !(maxHz >= minHz)) return []
  const pick = (mantissas: number[]): number[] => {
    const ticks: number[] = []
    for (let decade = 10 ** Math.floor(Math.log10(minHz)); decade <= maxHz; decade *= 10) {
      for (const m of mantissas) {
        const f = Math.round(m * decade * 1e6) / 1e6
        if (f >= minHz * 0.999 && f <= maxHz * 1.001) ticks.push(f)
      }
    }
    return ticks
  }
  const ticks = pick([1, 2, 5])
  return ticks.length >= 2 ? ticks : pick([1, 2, 3, 4, 5, 6, 7, 8, 9])
}
