// Preloaded with `node --import` by the start-up test: appends the URL of every module the
// process loads (ES modules and the CommonJS modules they import) to $SCW_MODULES_OUT.
import { register } from 'node:module'

const hooks = `
import { appendFileSync } from 'node:fs'
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context)
  if (process.env.SCW_MODULES_OUT) appendFileSync(process.env.SCW_MODULES_OUT, r.url + '\\n')
  return r
}
`
register(`data:text/javascript,${encodeURIComponent(hooks)}`)
