import { BrowserWindow } from 'electron'

export interface MainWindowOptions {
  /** The bundled preload (out/preload/index.cjs). */
  preload: string
  /** The page: scw-app://app/index.html, or the dev server's URL. */
  url: string
}

/**
 * Opens the main window with the renderer isolated from Node (DESIGN.md, Security). Navigation,
 * pop-ups and webviews are refused for every webContents by guardWebContents.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    show: false,
    title: 'Spectrum Correction Workbench',
    webPreferences: {
      preload: options.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  })
  win.once('ready-to-show', () => win.show())
  void win.loadURL(options.url)
  return win
}
