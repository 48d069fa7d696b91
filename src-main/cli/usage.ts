// What `scw --help` prints of each command: its name, arguments and one line on what it does.
// Kept apart from the commands themselves, which run.ts loads only when one is run, so that help
// and a mistyped command start without loading SQLite, the worker pool or the services.
import { DEFAULT_FIR_TAPS } from '@shared/model/project'

/** The figures `scw plot` saves. */
export const PLOT_FIGURES = [
  'coefficients',
  'spectra',
  'spectra-relative',
  'fir',
  'evaluate',
] as const
export type PlotFigure = (typeof PLOT_FIGURES)[number]

export interface CommandUsage {
  name: string
  /** One line: arguments and flags. */
  usage: string
  /** One line: what it does. */
  summary: string
}

export const USAGE = {
  index: {
    name: 'index',
    usage:
      'index <project.scw> <folder> [--labels dcase|dcase-meta|folders|table|regex:<re>] [--meta <csv>] [--preview] [--json]',
    summary: 'add a dataset folder to a project (created when missing), or rescan it',
  },
  analyze: {
    name: 'analyze',
    usage:
      'analyze <project> [--n-fft 2048] [--hop 512] [--sample-rate <Hz>|corpus] [--workers N] [--shard i/n [--summaries-out <file.scws>]] [--retry-failed] [--json]',
    summary: 'compute the spectral summary of every recording not analysed yet (resumable)',
  },
  estimate: {
    name: 'estimate',
    usage:
      'estimate <project> [--variant unaligned|aligned|dcase2019] [--reference <device>] [--max-per-device N] [--seed S] [--smooth <octaves>] [--max-boost <dB>] [--max-cut <dB>] [--band <lo>-<hi>] [--frame-gating] [--json | --format json|csv|npz [--out <file>]]',
    summary: 'estimate correction coefficients (analysing what is not analysed yet first)',
  },
  evaluate: {
    name: 'evaluate',
    usage:
      'evaluate <project> [--method fir|stft] [--taps N] [--paper-exact] [--band <lo>-<hi>] [--json]',
    summary:
      'score the current estimate held out, as export would apply it: per device the distance to the reference before and after, and a device classifier',
  },
  fir: {
    name: 'fir',
    usage:
      'fir <project> --device <d> [--taps N] [--paper-exact] [--sample-rate R] [--json | --out <file.txt|file.wav>]',
    summary:
      "a device's linear-phase FIR, the one export applies (sox `fir` text, WAV impulse response or JSON); by default at its files' own rate",
  },
  export: {
    name: 'export',
    usage:
      'export <project> <out-dir> [--method fir|stft] [--taps N] [--paper-exact] [--format same|pcm16|pcm24|pcm32|float32] [--devices b,c] [--gain auto|<dB>] [--workers N] [--shard i/n] [--json]',
    summary:
      'write a corrected copy of the corpus (resumes an interrupted export with the same settings)',
  },
  'export-merge': {
    name: 'export-merge',
    usage: 'export-merge <out-dir> [--json]',
    summary:
      "join the partial manifests of `export --shard i/n` into the export's manifest.csv and scw-export.json",
  },
  irs: {
    name: 'irs',
    usage: `irs <project> <out-dir> [--devices b,c] [--taps ${DEFAULT_FIR_TAPS}] [--phase minimum|linear] [--sample-rate R] [--json]`,
    summary:
      "write each device's impulse response (1/C: adds its colouring to reference recordings) as WAVs with impulse_responses.csv, for augmentation",
  },
  audit: {
    name: 'audit',
    usage: 'audit <project> [--json]',
    summary:
      'list recordings that sound like another device than their label, exact duplicates, and anomalies (exit 3 when anything is listed)',
  },
  summaries: {
    name: 'summaries',
    usage:
      'summaries export <project> <file.scws|file.npz> | summaries import <project> <file.scws>... [--json]',
    summary:
      'move spectral summaries between projects and machines (.scws, merge cluster shards), or write them for NumPy (.npz)',
  },
  plot: {
    name: 'plot',
    usage: `plot <project> ${PLOT_FIGURES.join('|')} --out <file.svg|file.png|file.csv> [--reference <device>] [--variant unaligned|aligned|dcase2019] [--devices a,b] [--band <lo>-<hi>] [--y-range=<lo>:<hi>] [--width px] [--height px] [--taps N] [--sample-rate R]`,
    summary:
      'save a figure for a paper (publication-ready SVG, PNG at 2x, or the CSV of the plotted numbers)',
  },
  demo: {
    name: 'demo',
    usage: 'demo <dir> [--json]',
    summary:
      'write the deterministic demo corpus (4 devices, aligned and unaligned recordings) and a ready project',
  },
  serve: {
    name: 'serve',
    usage: 'serve [<project.scw>] [--host 127.0.0.1] [--port N] [--open-demo]',
    summary:
      'open the workbench in a web browser: serves the app on 127.0.0.1 and prints a URL carrying a secret token, valid until the server stops (opening it sets a cookie)',
  },
} satisfies Record<string, CommandUsage>

export type CommandName = keyof typeof USAGE
