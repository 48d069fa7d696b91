// One file's header facts for the index: what the probe reads, its warnings, or why it failed.
import { isAudioError, probeAudio, type AudioInfo } from '../../audio'
import type { HeaderFacts } from '../../db/recordings-repo'

function headerFacts(info: AudioInfo): HeaderFacts {
  return {
    container: info.container,
    sampleFormat: info.sampleFormat,
    bits: info.bitsPerSample,
    sampleRate: info.sampleRate,
    channels: info.channels,
    frames: info.frames,
    durationSec: info.durationSec,
    warnings: info.warnings,
  }
}

const NO_FACTS: HeaderFacts = {
  container: null,
  sampleFormat: null,
  bits: null,
  sampleRate: null,
  channels: null,
  frames: null,
  durationSec: null,
  warnings: [],
}

/** A file's header facts, or the audio layer's reason it cannot be read (other errors throw). */
export async function probeFile(
  path: string,
): Promise<{ facts: HeaderFacts; error: string | null }> {
  try {
    return { facts: headerFacts(await probeAudio(path)), error: null }
  } catch (e) {
    if (!isAudioError(e)) throw e
    return { facts: NO_FACTS, error: e.message }
  }
}
