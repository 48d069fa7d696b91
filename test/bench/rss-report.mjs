// Preloaded by `npm run bench:scale` into the `scw` processes it measures (node --import): writes
// the process's peak resident memory in kB (all threads) to $SCW_RSS_OUT when it exits.
import { writeFileSync } from 'node:fs'

process.on('exit', () => {
  const out = process.env.SCW_RSS_OUT
  if (out) writeFileSync(out, String(process.resourceUsage().maxRSS))
})
