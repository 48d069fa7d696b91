import { writeFile } from 'node:fs/promises'
import { currentEstimate, estimate } from '../../services/estimation'
import { deviceRate, firFor } from '../../services/fir'
import { firFile, firJson } from '../../services/fir-files'
import { openProject } from '../../services/project'
import { REQUESTS } from '@shared/api/schemas'
import { checkWith, choiceFlag, integerText, positionals, type Given } from '../args'
import { parse, printJson, str, type Command } from '../command'
import { USAGE } from '../usage'
import { EXIT, UsageError } from '../errors'

export const firCommand: Command = {
  ...USAGE.fir,
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      device: { type: 'string' },
      taps: { type: 'string' },
      'paper-exact': { type: 'boolean' },
      'sample-rate': { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
    })
    const [projectPath] = positionals(pos, ['project'])
    if (str(values.device) === undefined) throw new UsageError('--device <d> is required')
    const flag = (name: string): Given => ({ arg: `--${name}`, text: str(values[name]) })
    const request = checkWith(
      REQUESTS['estimate.firResponse'],
      {
        device: str(values.device),
        // Absent taps: the policy's FIR, the one export applies.
        taps: integerText('taps', str(values.taps)),
        sampleRate: integerText('sample-rate', str(values['sample-rate'])),
        paperExact: values['paper-exact'] === true ? true : undefined,
      },
      { device: flag('device'), taps: flag('taps'), sampleRate: flag('sample-rate') },
    )
    const { device, taps } = request
    const project = openProject(projectPath)
    try {
      const est = currentEstimate(project) ?? estimate(project)
      const sampleRate = request.sampleRate ?? deviceRate(project, est, device)
      const h = firFor(project, est, device, {
        taps,
        sampleRate,
        paperExact: request.paperExact === true,
      })
      const out = str(values.out)
      const format =
        choiceFlag('format', str(values.format), ['sox', 'wav', 'json'] as const) ??
        (out?.toLowerCase().endsWith('.wav') ? 'wav' : values.json ? 'json' : 'sox')
      const meta = { device, sampleRate }
      if (format === 'wav' && !out) throw new UsageError('--format wav needs --out <file.wav>')
      if (!out && format === 'json') printJson(io, firJson(h, meta))
      else {
        const file = firFile(h, meta, format)
        const data = 'text' in file ? file.text : file.bytes
        if (out) await writeFile(out, data)
        else io.out.write(data)
      }
      return EXIT.ok
    } finally {
      project.close()
    }
  },
}
