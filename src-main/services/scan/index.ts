// Public API of the scan: listing a dataset folder's audio files.
export { AUDIO_EXTENSIONS, isAudioFileName } from './audio-extensions'
export {
  walkAudioFiles,
  type FoundFile,
  type WalkIssue,
  type WalkOptions,
} from './walk-audio-files'
export { probeFile } from './probe-file'
