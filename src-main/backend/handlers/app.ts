// app.* and system.*: what the shell needs to know, the native dialogs (Electron only), and the
// folder browser of browser mode (home and the folders the user named, nothing beyond).
import { dirname } from 'node:path'
import { browseRoots, listFolder } from '../../services/folders'
import { sourceRoots } from '../../services/sources'
import type { Context } from '../context'
import type { HandlersOf } from './handler'

/** Folders the user has named: the open project's sources, recent projects' folders, the demo's. */
function namedFolders(ctx: Context): string[] {
  const sources = ctx.hasProject() ? sourceRoots(ctx.project()) : []
  return [...sources, ...ctx.recent.list().map((p) => dirname(p)), ctx.options.demoDir]
}

export const appHandlers: HandlersOf<'app' | 'system'> = {
  'app.info': async (ctx) => ({
    ...ctx.info,
    transport: ctx.options.transport,
    nativeDialogs: ctx.options.dialogs !== undefined,
    recent: ctx.recent.list(),
    demoDir: ctx.options.demoDir,
  }),
  'system.pickPath': async (ctx, { kind, title }) =>
    ctx.options.dialogs ? ctx.options.dialogs.pickPath(kind, title) : null,
  'system.reveal': async (ctx, { path }) =>
    ctx.options.dialogs ? ctx.options.dialogs.reveal(path) : false,
  'system.listFolder': async (ctx, { path }) =>
    listFolder(path, await browseRoots(namedFolders(ctx), ctx.options.homeDir)),
}
