// Public API of the audio layer: probing, streaming decode, mixdown and WAV encoding.
// Conventions: planar Float32Array per channel; PCM s decodes to s / 2^(bits-1) (8-bit unsigned u
// to (u - 128) / 128) and encodes back with round-half-even and counted clamping, so PCM input
// round-trips exactly; NaN or infinite samples are AudioError 'non-finite' both ways. MP3 is
// decoded by mpg123 in gapless mode: with a LAME/Info tag the encoder delay and padding are
// trimmed (the length is exact), without one the output keeps them (about 1105 samples of delay
// for LAME) and the probed length is an estimate. Ogg Vorbis is trimmed to the last granule.
export type { AudioContainer, AudioInfo, SampleFormat } from './types'
export { AudioError, isAudioError, type AudioErrorCode } from './errors'
export { parseWavHeader, type WavLayout } from './wav-header'
export { probeAudio } from './probe'
export { decodeAudioFile, openAudio, type AudioReader, type OpenAudioOptions } from './reader'
export { mixdownMono } from './mixdown'
export {
  createWavWriter,
  encodeWav,
  type WavOutputFormat,
  type WavWriter,
  type WavWriterOptions,
} from './wav-writer'
export { MAX_CHANNELS, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from './limits'
