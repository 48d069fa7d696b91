import { AudioError } from './errors'

/** Lowest sample rate accepted, Hz: anything below is a damaged header rather than audio */
export const MIN_SAMPLE_RATE = 1000
/** Highest sample rate accepted, Hz */
export const MAX_SAMPLE_RATE = 768_000
/** Most channels accepted */
export const MAX_CHANNELS = 256

/** Whether `rate` (Hz) is within [MIN_SAMPLE_RATE, MAX_SAMPLE_RATE] */
export function isSaneRate(rate: number): boolean {
  return rate >= MIN_SAMPLE_RATE && rate <= MAX_SAMPLE_RATE
}

/** Whether `channels` is within [1, MAX_CHANNELS] */
export function isSaneChannelCount(channels: number): boolean {
  return Number.isInteger(channels) && channels >= 1 && channels <= MAX_CHANNELS
}

/**
 * Throws the named AudioError when a header's rate (Hz) or channel count is out of range:
 * such values come from damaged headers, not from audio. `what` names the header ("FLAC header").
 */
export function checkRateAndChannels(
  path: string,
  what: string,
  sampleRate: number,
  channels: number,
): void {
  if (!isSaneChannelCount(channels)) {
    throw new AudioError(
      path,
      'bad-channels',
      `${what} says ${channels} channels (1 to ${MAX_CHANNELS} accepted); the header is damaged`,
    )
  }
  if (!isSaneRate(sampleRate)) {
    throw new AudioError(
      path,
      'bad-rate',
      `${what} says ${sampleRate} Hz (${MIN_SAMPLE_RATE} to ${MAX_SAMPLE_RATE} Hz accepted); the header is damaged`,
    )
  }
}
