import { mergeExport } from '../../services/export/shards'
import { positionals } from '../args'
import { parse, printJson, type Command } from '../command'
import { EXIT } from '../errors'
import { USAGE } from '../usage'

export const exportMergeCommand: Command = {
  ...USAGE['export-merge'],
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, { json: { type: 'boolean' } })
    const [outDir] = positionals(pos, ['out-dir'])
    const r = await mergeExport(outDir)
    if (values.json) printJson(io, r)
    else
      io.out.write(
        `${r.outDir}: ${r.shards} shards merged into manifest.csv and scw-export.json; ${r.done} files done, ${r.failed} failed\n`,
      )
    return r.failed ? EXIT.someFailed : EXIT.ok
  },
}
