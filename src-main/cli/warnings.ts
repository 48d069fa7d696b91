// Warnings of the audio layer as the command line prints them: one line each, naming the file.
import type { FileWarnings } from '@shared/model/warning'
import type { Io } from './command'

/** `warning: <message> [<code>]` for every warning of every file, in order. */
export function printWarnings(io: Io, files: readonly FileWarnings[]): void {
  for (const f of files) {
    for (const w of f.warnings) io.out.write(`warning: ${w.message} [${w.code}]\n`)
  }
}
