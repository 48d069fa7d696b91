// What every figure builder returns and the options they share.

/** A figure made once from data: the drawing, exactly the numbers drawn, and its description. */
export interface Figure {
  /** A standalone SVG document (white background, `<title>` and `<desc>`). */
  svg: string
  /** The plotted data: a header row with units, then one row per frequency (or category). */
  csv: string
  title: string
  /** A text alternative: a short summary of what the figure shows. */
  alt: string
}

export interface FigureSize {
  /** px (default 720). */
  width?: number
  /** px (default 420). */
  height?: number
}

export interface RangeOptions {
  /** Shown frequencies in Hz (default 20 Hz to the highest frequency, at most 20 kHz). */
  xRangeHz?: readonly [number, number]
  /** A fixed y range in dB; wins over `fitBandHz`. */
  yRangeDb?: readonly [number, number]
  /** Fit the y range to the values inside this band (e.g. [100, 10000]); curves beyond are clipped. */
  fitBandHz?: readonly [number, number]
}
