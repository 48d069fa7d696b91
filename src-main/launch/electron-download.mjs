// Electron's binary, the way the electron package's own install.js gets it: @electron/get
// downloads the zip (honouring ELECTRON_MIRROR, ELECTRON_CUSTOM_DIR, electron_config_cache and
// the other settings it reads from the environment), checks its SHA-256 and caches it; the
// package's extract-zip unpacks it into dist/ and path.txt names the executable, so that
// `require('electron')` finds it afterwards. Done here rather than by running install.js, so that
// the download shows its size and progress and a failure can be told in a few words.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { basename, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { progressPrinter } from './download-progress.mjs'
import { downloadReason, StallError } from './download-reason.mjs'

/** The executable inside the zip, per platform (as in electron's install.js). */
const PLATFORM_PATH = {
  darwin: 'Electron.app/Contents/MacOS/Electron',
  mas: 'Electron.app/Contents/MacOS/Electron',
  linux: 'electron',
  freebsd: 'electron',
  openbsd: 'electron',
  win32: 'electron.exe',
}

/** @param {string} platform @returns {string | undefined} */
export function platformPath(platform) {
  return /** @type {Record<string, string>} */ (PLATFORM_PATH)[platform]
}

/**
 * The executable if `installDir` holds this version, as install.js leaves it (dist/version,
 * path.txt and the file itself), else null.
 * @param {string} installDir @param {string} version @param {string} platform
 */
export function installedElectron(installDir, version, platform) {
  const exe = platformPath(platform)
  try {
    const got = readFileSync(join(installDir, 'dist', 'version'), 'utf8')
      .trim()
      .replace(/^v/, '')
    if (got !== version || readFileSync(join(installDir, 'path.txt'), 'utf8') !== exe) return null
  } catch {
    return null
  }
  const path = join(installDir, 'dist', /** @type {string} */ (exe))
  return existsSync(path) ? path : null
}

/** @typedef {{ say: (message: string) => void, write: (text: string) => void, tty: boolean }} Out */

/**
 * Downloads, verifies and extracts Electron into `installDir`.
 * @param {{
 *   pkgDir: string,
 *   installDir: string,
 *   version: string,
 *   platform: string,
 *   out: Out,
 *   stallMs?: number,
 * }} o `pkgDir` is the electron package (its @electron/get, extract-zip and checksums.json);
 *   `stallMs` aborts a download that sends nothing for that long
 * @returns {Promise<{ ok: true, path: string } | { ok: false, reason: string }>}
 */
export async function downloadElectron(o) {
  const { pkgDir, installDir, version, platform, out, stallMs = 60_000 } = o
  const exe = platformPath(platform)
  if (!exe) return { ok: false, reason: `Electron is not built for ${platform}` }
  const env = process.env
  const req = createRequire(join(pkgDir, 'package.json'))
  /** @param {string} name */
  const load = async (name) => import(pathToFileURL(req.resolve(name)).href)
  let get, extract
  try {
    get = await load('@electron/get')
    extract = (await load('@electron-internal/extract-zip')).extract
  } catch (e) {
    return { ok: false, reason: `electron's downloader is missing (run npm install): ${e}` }
  }

  // As install.js: the checksums shipped in the package, or SHASUMS256.txt from the mirror.
  const remote = env.electron_use_remote_checksums || env.npm_config_electron_use_remote_checksums
  const checksums = remote
    ? undefined
    : JSON.parse(readFileSync(join(pkgDir, 'checksums.json'), 'utf8'))
  const source = remote ? 'SHASUMS256.txt from the mirror' : 'the checksums.json of electron'

  /** @type {string | undefined} */
  let lastUrl
  let fetched = false
  const downloader = {
    /** @param {string} url @param {string} target @param {object} [options] */
    async download(url, target, options) {
      lastUrl = url
      const sums = basename(target) === 'SHASUMS256.txt'
      if (sums) out.say(`Fetching ${url} for the checksum`)
      else out.say(`Downloading Electron ${version} for ${platform}-${process.arch}: ${url}`)
      fetched ||= !sums
      const progress = sums ? null : progressPrinter(out)
      const abort = new AbortController()
      /** @type {NodeJS.Timeout | undefined} */
      let timer
      const arm = () => {
        clearTimeout(timer)
        timer = setTimeout(() => abort.abort(new StallError(url, stallMs)), stallMs)
      }
      arm()
      try {
        await new get.FetchDownloader().download(url, target, {
          ...options,
          quiet: true,
          signal: abort.signal,
          /** @param {{ transferred: number, total: number | null }} p */
          getProgressCallback: (p) => {
            arm()
            progress?.update(p)
          },
        })
      } catch (e) {
        throw abort.signal.aborted ? abort.signal.reason : e
      } finally {
        clearTimeout(timer)
        progress?.done()
      }
    },
  }

  let zip
  try {
    zip = await get.downloadArtifact({
      version,
      artifactName: 'electron',
      platform,
      arch: process.arch,
      cacheRoot: env.electron_config_cache,
      // install.js passes force_no_cache as `force`, which @electron/get 5 no longer reads.
      cacheMode:
        env.force_no_cache === 'true' ? get.ElectronDownloadCacheMode.WriteOnly : undefined,
      checksums,
      downloader,
    })
  } catch (e) {
    return { ok: false, reason: downloadReason(e, lastUrl, source) }
  }
  if (!fetched) out.say(`Using ${zip} from the download cache`)
  out.say(`SHA-256 checked against ${source}`)

  const dist = join(installDir, 'dist')
  out.say(`Extracting into ${dist}`)
  try {
    await extract(zip, { dir: dist })
  } catch (e) {
    return { ok: false, reason: `${basename(zip)} could not be extracted: ${downloadReason(e)}` }
  }
  const path = join(dist, exe)
  if (!existsSync(path)) return { ok: false, reason: `${basename(zip)} holds no ${exe}` }
  // Last, as install.js does: path.txt marks a complete install.
  writeFileSync(join(installDir, 'path.txt'), exe)
  out.say(`Electron ${version} is ready: ${path}`)
  return { ok: true, path }
}
