// Electron entry: app lifecycle only. Everything else is composed from services.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow } from 'electron'
import { createMainWindow } from './window/create-window'

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..')

app.enableSandbox()
void app.whenReady().then(() => {
  createMainWindow(outDir)
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createMainWindow(outDir)
  })
})
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit()
})
