import { version } from '../package.json'

/** Name and version of the app, as written into exports and provenance records. */
export const APP_NAME = 'Spectrum Correction Workbench'
export const APP_VERSION: string = version
