// `node --import ./build/wat-register.mjs` (or tsx): lets TypeScript sources run without a build
// import .wat files, compiled on load (see wat.mjs).
import { register } from 'node:module'

register('./wat.mjs', import.meta.url)
