// Files main hands over (DownloadView: text or base64 bytes) saved by the browser: a Blob URL and
// a temporary link, the same in Electron and browser mode.
//
//   const { save } = useDownload()
//   save(await estimate.download({ what: 'coefficients', format: 'csv' }))
import type { DownloadView } from '@shared/api/views'

/** The file's bytes as a Blob of its MIME type. */
export function blobOf(view: DownloadView): Blob {
  if (view.text !== undefined) return new Blob([view.text], { type: view.mimeType })
  if (view.base64 !== undefined) {
    const binary = atob(view.base64)
    const bytes = new Uint8Array(binary.length)
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return new Blob([bytes], { type: view.mimeType })
  }
  throw new Error(`download ${view.fileName} has neither text nor bytes`)
}

/** Hands `blob` to the browser as a download named `fileName` (a Blob URL and a temporary link). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.rel = 'noopener'
  link.style.display = 'none'
  document.body.appendChild(link)
  try {
    link.click()
  } finally {
    link.remove()
    // Revoked on the next turn: the click has started the download by then.
    setTimeout(() => URL.revokeObjectURL(url), 0)
  }
}

export function useDownload(): { save: (view: DownloadView) => void } {
  return { save: (view) => saveBlob(blobOf(view), view.fileName) }
}
