// Figures for papers: each built once from data by a pure function and returned as an SVG
// document, the CSV of exactly the plotted numbers, a title and a text alternative. The UI's
// "Save" and `scw plot` both use these; PNG comes from src-main/figures/png.ts (or a canvas).
export type { Figure, FigureSize, RangeOptions } from './types'
export {
  APPLIED_SUFFIX,
  coefficientsFigure,
  OUTSIDE_SUFFIX,
  splitAtValidBand,
  type CoefficientsData,
  type CoefficientsOptions,
  type ValidBandData,
} from './coefficients'
export { confusionMatrixFigure, type ConfusionData, type ConfusionOptions } from './confusion'
export {
  evaluateFigure,
  evaluateSpectraFigure,
  rmsFigure,
  type EvaluateOptions,
  type EvaluationData,
} from './evaluate'
export { firFigure, worstDeviationDb, type FirData, type FirOptions } from './fir'
export { fitRangeDb } from './range'
export {
  recordingSpectrumFigure,
  recordingSpectrumLines,
  spectraFigure,
  spectraRelativeFigure,
  type RecordingSpectrumData,
  type SpectraData,
  type SpectraOptions,
} from './spectra'
export { spectrogramFigure, type SpectrogramData, type SpectrogramOptions } from './spectrogram'
export { LEVEL_LABEL } from './level'
export { colorOf, deviceColorMap, DEVICE_PALETTE, type DeviceColorMap } from './palette'
export { formatHz, frequencyTicks, linearTicks, type Ticks } from './ticks'
