// Downloads the page starts (a Blob URL on a temporary link), caught instead of saved: each
// Blob made and each link clicked as "<file name> <href>". Undo with vi.restoreAllMocks().
import { vi } from 'vitest'

export interface CaughtDownloads {
  blobs: Blob[]
  clicks: string[]
}

export function catchDownloads(): CaughtDownloads {
  const caught: CaughtDownloads = { blobs: [], clicks: [] }
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
    caught.blobs.push(b as Blob)
    return `blob:fake/${caught.blobs.length}`
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {})
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    caught.clicks.push(`${this.download} ${this.href}`)
  })
  return caught
}
