// app.* and system.*: what the shell needs to know, and the native dialogs (Electron only).
import type { HandlersOf } from './handler'

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
}
