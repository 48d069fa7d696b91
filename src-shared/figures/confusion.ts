// A confusion matrix as a heat map: rows the true device, columns the predicted one, each cell
// shaded by its share of the row with the count written in.
import { csvTable } from './csv'
import { attrs, checkSize, figureTitle, INK, svgDocument, text, textWidth } from './svg'
import type { Figure, FigureSize } from './types'

export interface ConfusionData {
  devices: readonly string[]
  /** counts[true][predicted]. */
  counts: readonly (readonly number[])[]
}

export interface ConfusionOptions extends FigureSize {
  title?: string
}

/** White to the Okabe-Ito blue (#0072b2) by share; counts turn white past half. */
function shade(share: number): string {
  const mix = (a: number, b: number): string =>
    Math.round(a + (b - a) * share)
      .toString(16)
      .padStart(2, '0')
  return `#${mix(255, 0x00)}${mix(255, 0x72)}${mix(255, 0xb2)}`
}

export function confusionMatrixFigure(data: ConfusionData, o: ConfusionOptions = {}): Figure {
  const n = data.devices.length
  if (n === 0) throw new Error('a confusion matrix needs at least one device')
  if (data.counts.length !== n || data.counts.some((r) => r.length !== n)) {
    throw new Error(`counts must be ${n}×${n} (one row and column per device)`)
  }
  const title = o.title ?? 'Confusion matrix'
  const labelW = Math.max(...data.devices.map((d) => textWidth(d, 12))) + 12
  const cell = Math.max(36, Math.min(64, 420 / n))
  const width = o.width ?? Math.max(320, 40 + labelW + n * cell + 20)
  const height = o.height ?? 84 + n * cell + 44
  checkSize(width, height, [160, 120])
  const size = Math.min((width - 40 - labelW - 20) / n, (height - 90 - 30 - 24) / n)
  const gx = 40 + labelW
  const gy = 64 + 20
  const out: string[] = [figureTitle(title, width)]
  let correct = 0
  let total = 0
  data.counts.forEach((row, i) => {
    const sum = row.reduce((a, b) => a + b, 0)
    total += sum
    correct += row[i]
    out.push(text(gx - 8, gy + (i + 0.5) * size + 4, data.devices[i], { size: 12, anchor: 'end' }))
    row.forEach((count, j) => {
      const share = sum ? count / sum : 0
      const x = gx + j * size
      const y = gy + i * size
      out.push(
        `<g class="cell" data-true="${data.devices[i]}" data-predicted="${data.devices[j]}"><rect${attrs({ x, y, width: size, height: size, fill: shade(share), stroke: i === j ? INK.axis : INK.grid })}/>` +
          text(x + size / 2, y + size / 2 + 4, String(count), {
            size: 12,
            anchor: 'middle',
            fill: share > 0.5 ? '#ffffff' : INK.text,
            weight: i === j ? 'bold' : 'normal',
          }) +
          '</g>',
      )
    })
  })
  data.devices.forEach((d, j) => {
    out.push(text(gx + (j + 0.5) * size, gy - 8, d, { size: 12, anchor: 'middle' }))
  })
  out.push(
    text(gx + (n * size) / 2, gy - 26, 'Predicted device', {
      size: 12,
      anchor: 'middle',
      cls: 'axis-title x-title',
    }),
    text(16, gy + (n * size) / 2, 'True device', {
      size: 12,
      anchor: 'middle',
      rotate: -90,
      cls: 'axis-title y-title',
    }),
    `<rect${attrs({ x: gx, y: gy, width: n * size, height: n * size, fill: 'none', stroke: INK.frame })}/>`,
  )
  const accuracy = total ? correct / total : 0
  const alt = `${title}: ${correct} of ${total} recordings classified as their own device (${(accuracy * 100).toFixed(1)}% accuracy, chance ${(100 / n).toFixed(1)}%). Rows are the true device, columns the predicted one.`
  out.push(
    text(
      gx,
      gy + n * size + 20,
      `accuracy ${(accuracy * 100).toFixed(1)}% (chance ${(100 / n).toFixed(1)}%)`,
      { size: 11, fill: INK.axis },
    ),
  )
  const csv = csvTable([
    { header: 'true_device', values: data.devices },
    ...data.devices.map((d, j) => ({
      header: `predicted_${d}`,
      values: data.counts.map((r) => r[j]),
    })),
  ])
  return { svg: svgDocument(width, height, title, alt, out), csv, title, alt }
}
