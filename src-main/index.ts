// Electron entry: app lifecycle only. The backend does the work; ipc/ and window/ connect it to
// the window. Started by `npm start` (src-main/launch/start.mjs) or `electron .`.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, session } from 'electron'
import { createBackend, type Backend } from './backend/backend'
import { bindIpc } from './ipc/bind-ipc'
import { originPolicy } from './ipc/sender'
import { demoDir } from './launch/demo-dir'
import { createMainWindow } from './window/create-window'
import { electronDialogs } from './window/dialogs'
import { guardSession, guardWebContents } from './window/guards'
import { APP_ORIGIN, handleSchemes, registerSchemes } from './window/protocols'

/** out/, holding main/, preload/ and renderer/. */
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..')
// electron-vite dev serves the renderer itself; a packaged or built app never uses a dev server.
const devUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL
const devOrigin = devUrl ? new URL(devUrl).origin : undefined
const pageOrigins = devOrigin ? [APP_ORIGIN, devOrigin] : [APP_ORIGIN]

let backend: Backend | null = null

registerSchemes()
app.enableSandbox()
app.on('web-contents-created', (_event, contents) => guardWebContents(contents))

async function start(): Promise<void> {
  const appWindow = (): BrowserWindow | undefined =>
    BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
  backend = await createBackend({
    transport: 'electron',
    stateDir: app.getPath('userData'),
    demoDir: demoDir(),
    dialogs: electronDialogs(appWindow),
  })
  guardSession(session.defaultSession, devOrigin)
  handleSchemes(backend, join(outDir, 'renderer'), pageOrigins)
  bindIpc({
    ipcMain,
    backend,
    isAppWebContents: (id) => BrowserWindow.getAllWindows().some((w) => w.webContents.id === id),
    isAppUrl: originPolicy(pageOrigins),
    targets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  })
  const open = (): BrowserWindow =>
    createMainWindow({
      preload: join(outDir, 'preload', 'index.cjs'),
      url: devUrl ?? `${APP_ORIGIN}/index.html`,
    })
  open()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open()
  })
  void openInitialProject(backend)
}

/** The most recent project, else (first run, or it no longer opens) the demo project. */
async function openInitialProject(b: Backend): Promise<void> {
  try {
    const { recent } = await b.handle('app.info', {})
    if (recent.length > 0) {
      try {
        await b.handle('project.open', { path: recent[0] })
        return
      } catch (e) {
        console.warn(`cannot reopen ${recent[0]}: ${(e as Error).message}; opening the demo`)
      }
    }
    // Builds the demo on first run (a second or two); the window shows a project.changed event.
    await b.handle('project.openDemo', {})
  } catch (e) {
    console.error(`cannot open a project at start: ${(e as Error).message}`)
  }
}

app
  .whenReady()
  .then(start)
  .catch((e: unknown) => {
    dialog.showErrorBox('Spectrum Correction Workbench cannot start', String(e))
    app.exit(1)
  })

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})

let closed = false
app.on('before-quit', (event) => {
  // Cancel running jobs and close the project database before the process ends.
  if (closed || !backend) return
  event.preventDefault()
  void backend.close().finally(() => {
    closed = true
    app.quit()
  })
})
