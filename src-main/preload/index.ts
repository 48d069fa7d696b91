// The preload exposes exactly the contract's functions, never ipcRenderer itself.
import { contextBridge } from 'electron'

contextBridge.exposeInMainWorld('scw', { transport: 'electron' })
