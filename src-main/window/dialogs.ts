// Native dialogs for the backend (system.pickPath, system.reveal); browser mode has none and
// asks for paths in text fields instead.
import { existsSync } from 'node:fs'
import { dialog, shell, type BrowserWindow, type OpenDialogOptions } from 'electron'
import type { Dialogs } from '../backend/types'

const PROJECT_FILTER = [{ name: 'Workbench project', extensions: ['scw'] }]

/** Dialogs attached to the window `parent()` returns (modal when there is one). */
export function electronDialogs(parent: () => BrowserWindow | undefined): Dialogs {
  return {
    async pickPath(kind, title) {
      const win = parent()
      if (kind === 'newProject') {
        const options = { title, defaultPath: 'project.scw', filters: PROJECT_FILTER }
        const r = await (win ? dialog.showSaveDialog(win, options) : dialog.showSaveDialog(options))
        return r.canceled || !r.filePath ? null : r.filePath
      }
      const options: OpenDialogOptions =
        kind === 'project'
          ? { title, properties: ['openFile'], filters: PROJECT_FILTER }
          : { title, properties: ['openDirectory'] }
      const r = await (win ? dialog.showOpenDialog(win, options) : dialog.showOpenDialog(options))
      return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]
    },
    async reveal(path) {
      if (!existsSync(path)) return false
      shell.showItemInFolder(path)
      return true
    },
  }
}
