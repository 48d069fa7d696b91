// Download progress for `npm start`: the size first, then how far it got. On a terminal one line
// is rewritten in place; in a log (CI, a pipe) a line per tenth, so the log stays short.

/** @param {number} bytes @returns {string} e.g. "812 bytes", "64.0 kB", "108.2 MB" (SI units) */
export function formatBytes(bytes) {
  if (bytes < 1000) return `${bytes} bytes`
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`
  return `${(bytes / 1e6).toFixed(1)} MB`
}

const UNKNOWN_STEP = 10e6

/**
 * @param {{
 *   say: (message: string) => void,
 *   write: (text: string) => void,
 *   tty: boolean,
 *   now?: () => number,
 * }} out `say` prints a line, `write` raw text (for the terminal's rewritten line)
 * @returns {{
 *   update: (p: { transferred: number, total: number | null }) => void,
 *   done: () => void,
 * }}
 */
export function progressPrinter({ say, write, tty, now = Date.now }) {
  let sizeTold = false
  let lastStep = -1
  let lastDraw = -Infinity
  let drawn = false
  /** @type {{ transferred: number, total: number | null }} */
  let latest = { transferred: 0, total: null }

  /** @param {{ transferred: number, total: number | null }} p */
  const line = ({ transferred, total }) =>
    total
      ? `  ${String(Math.floor((100 * transferred) / total)).padStart(3)} %  ` +
        `${formatBytes(transferred)} of ${formatBytes(total)}`
      : `  ${formatBytes(transferred)} so far`

  return {
    update(p) {
      latest = p
      if (!sizeTold) {
        sizeTold = true
        say(
          p.total
            ? `Size: ${formatBytes(p.total)}`
            : 'Size: unknown (the server sent no Content-Length)',
        )
      }
      if (tty) {
        // Redraw at most ten times a second; a terminal needs no more.
        if (now() - lastDraw < 100 && p.transferred !== p.total) return
        lastDraw = now()
        drawn = true
        write(`\r[scw] ${line(p)}\x1b[K`)
        return
      }
      const step = p.total
        ? Math.floor((10 * p.transferred) / p.total)
        : Math.floor(p.transferred / UNKNOWN_STEP)
      if (step > lastStep) {
        lastStep = step
        say(line(p))
      }
    },
    done() {
      if (tty && drawn) write(`\r[scw] ${line(latest)}\x1b[K\n`)
    },
  }
}
