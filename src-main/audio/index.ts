// Public API of the audio layer: probing, streaming decode, mixdown and WAV encoding.
// Conventions: planar Float32Array per channel; PCM s at b bits, in WAV or FLAC, decodes to
// s / 2^(b-1) (8-bit unsigned WAV u to (u - 128) / 128) and encodes back with round-half-even and
// counted clamping, so PCM input round-trips exactly; NaN or infinite samples are AudioError
// 'non-finite' both ways. MP3 is decoded by mpg123 in gapless mode: with a LAME/Info tag the
// encoder delay and padding are trimmed (the length is exact), without one the output keeps them
// (about 1105 samples of delay for LAME) and the probed length is an estimate. Ogg Vorbis is
// trimmed to the granule positions.
// Nothing is invented or dropped silently: damage is skipped and reported as an AudioWarning
// (`reader.warnings`, `info.warnings`), a decoded length that differs from the header's exact
// one is a 'length-mismatch' warning, and a file without one decodable sample is AudioError
// 'no-audio'.
export type {
  AudioContainer,
  AudioInfo,
  AudioReader,
  AudioWarning,
  AudioWarningCode,
  SampleFormat,
} from './types'
export { AudioError, isAudioError, type AudioErrorCode } from './errors'
export { parseWavHeader, type WavLayout } from './wav-header'
export { probeAudio } from './probe'
export { decodeAudioFile, openAudio, type OpenAudioOptions } from './reader'
export { mixdownMono } from './mixdown'
export {
  createWavWriter,
  encodeWav,
  encodeWavBlocks,
  type WavOutputFormat,
  type WavWriter,
  type WavWriterOptions,
} from './wav-writer'
export { MAX_CHANNELS, MAX_SAMPLE_RATE, MIN_SAMPLE_RATE } from './limits'
