// The .wat build step: one compiler for the build, vitest and tsx, and none of it in the app.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import kernelsWasm from '@shared/dsp/wasm/kernels.wat'
import { compileWat } from '../../build/wat.mjs'

const ROOT = join(import.meta.dirname, '../..')
const KERNELS = join(ROOT, 'src-shared/dsp/wasm/kernels.wat')
const tmp = mkdtempSync(join(tmpdir(), 'scw-wat-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  )
}

describe('.wat modules', () => {
  it('import as the bytes wabt compiles, a valid module exporting its functions', async () => {
    const bytes = await compileWat(KERNELS)
    expect(kernelsWasm).toEqual(bytes)
    const names = WebAssembly.Module.exports(new WebAssembly.Module(kernelsWasm)).map((e) => e.name)
    expect(names).toEqual(expect.arrayContaining(['memory', 'window', 'accumulate', 'peak']))
  })

  it('refuse a mistake with its file, line and column', async () => {
    const path = join(tmp, 'broken.wat')
    writeFileSync(path, '(module\n  (func (param $a i32)\n    (local.get $b)))\n')
    await expect(compileWat(path)).rejects.toThrow(`${path}:3:16: error: undefined local variable`)
    writeFileSync(path, '(module (func (result f32) (i32.const 1)))\n')
    await expect(compileWat(path)).rejects.toThrow(/broken\.wat:1:.*type mismatch/)
  })

  it('load under plain Node with the module hook (how `npm run bench` runs sources)', () => {
    const script = join(tmp, 'load.mjs')
    writeFileSync(
      script,
      `import bytes from ${JSON.stringify(KERNELS)}\nconsole.log(bytes.length, WebAssembly.validate(bytes))\n`,
    )
    const out = execFileSync(process.execPath, ['--import', './build/wat-register.mjs', script], {
      cwd: ROOT,
    })
    expect(out.toString().trim()).toBe(`${kernelsWasm.length} true`)
  })

  it('are compiled into the built app, which never loads wabt', async () => {
    const built = files(join(ROOT, 'out/main')).filter((f) => f.endsWith('.js'))
    const text = built.map((f) => readFileSync(f, 'utf8')).join('\n')
    for (const wat of [KERNELS, join(ROOT, 'src-main/audio/pcm16-simd.wat')]) {
      expect(text).toContain(Buffer.from(await compileWat(wat)).toString('base64'))
    }
    expect(text).not.toMatch(/\bwabt\b|parseWat/)
  })
})
