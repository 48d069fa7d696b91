import { writeFile } from 'node:fs/promises'
import { encodeWav } from '../../audio'
import { currentEstimate, estimate } from '../../services/estimation'
import { firFor } from '../../services/fir'
import { openProject } from '../../services/project'
import { choiceFlag, intFlag, positionals } from '../args'
import { parse, printJson, str, type Command } from '../command'
import { EXIT, UsageError } from '../errors'

export const firCommand: Command = {
  name: 'fir',
  usage:
    'fir <project> --device <d> [--taps 1025] [--sample-rate R] [--json | --out <file.txt|file.wav>]',
  summary:
    "design a device's linear-phase FIR from the current estimate (sox `fir` text, WAV impulse response or JSON)",
  async run(argv, io) {
    const { values, positionals: pos } = parse(argv, {
      device: { type: 'string' },
      taps: { type: 'string' },
      'sample-rate': { type: 'string' },
      out: { type: 'string' },
      format: { type: 'string' },
      json: { type: 'boolean' },
    })
    const [projectPath] = positionals(pos, ['project'])
    const device = str(values.device)
    if (!device) throw new UsageError('--device <d> is required')
    const taps = intFlag('taps', str(values.taps), { min: 1 }) ?? 1025
    if (taps % 2 === 0)
      throw new UsageError(`--taps ${taps}: must be odd (a linear-phase type-I filter)`)
    const project = openProject(projectPath)
    try {
      const est = currentEstimate(project) ?? estimate(project)
      const sampleRate =
        intFlag('sample-rate', str(values['sample-rate']), { min: 1000 }) ?? est.sampleRate
      const h = firFor(est, device, { taps, sampleRate })
      const out = str(values.out)
      const format =
        choiceFlag('format', str(values.format), ['sox', 'wav', 'json'] as const) ??
        (out?.toLowerCase().endsWith('.wav') ? 'wav' : values.json ? 'json' : 'sox')
      const json = { device, taps, sampleRate, h: Array.from(h) }
      if (format === 'wav') {
        if (!out) throw new UsageError('--format wav needs --out <file.wav>')
        await writeFile(out, encodeWav([Float32Array.from(h)], sampleRate, 'float32').bytes)
      } else if (format === 'json') {
        if (out) await writeFile(out, `${JSON.stringify(json)}\n`)
        else printJson(io, json)
      } else {
        // sox's `fir` effect reads coefficients separated by white space.
        const text = `${Array.from(h, (v) => v.toPrecision(9)).join('\n')}\n`
        if (out) await writeFile(out, text)
        else io.out.write(text)
      }
      return EXIT.ok
    } finally {
      project.close()
    }
  },
}
