// One label-rule builder for the Sources view and `scw index`: a DCASE meta.csv rule without a
// table reads the folder's own meta.csv (in a preview too), and says so when there is none.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { LabelPreviewRow } from '@shared/labels'
import { InvalidInputError } from '../../../src-main/services/errors'
import { labelRuleOf } from '../../../src-main/services/label-rules'
import { GOLDEN_AUDIO } from '../../helpers/golden'
import { scw, scwJson, tempFolder } from '../../helpers/cli'

const tmp = tempFolder()
const withMeta = join(tmp.dir, 'with-meta')
const without = join(tmp.dir, 'without')

beforeAll(() => {
  for (const dir of [withMeta, without]) {
    mkdirSync(dir)
    // A name that says nothing: only meta.csv knows the device.
    copyFileSync(join(GOLDEN_AUDIO, 'park-lyon-0-0-b.wav'), join(dir, 'take1.wav'))
  }
  writeFileSync(
    join(withMeta, 'meta.csv'),
    'filename\tscene_label\tidentifier\tsource_label\ntake1.wav\tpark\tlyon-0\tb\n',
  )
})
afterAll(() => tmp.cleanup())

describe('labelRuleOf', () => {
  it("reads the folder's meta.csv for a dcase-meta rule without a table", async () => {
    const rule = await labelRuleOf({ kind: 'dcase-meta' }, withMeta)
    expect(rule.kind).toBe('dcase-meta')
  })

  it('refuses a dcase-meta rule for a folder without meta.csv, naming the folder', async () => {
    const failure = labelRuleOf({ kind: 'dcase-meta' }, without)
    await expect(failure).rejects.toBeInstanceOf(InvalidInputError)
    await expect(failure).rejects.toThrow(`${without} has no meta.csv`)
  })

  it('is what `scw index --labels dcase-meta --preview` uses', async () => {
    const rows = await scwJson<LabelPreviewRow[]>(
      'index',
      join(tmp.dir, 'p.scw'),
      withMeta,
      '--labels',
      'dcase-meta',
      '--preview',
    )
    expect(rows).toEqual([expect.objectContaining({ path: 'take1.wav' })])
    expect(rows[0].fields).toMatchObject({ device: 'b', scene: 'park' })
    const r = await scw('index', join(tmp.dir, 'q.scw'), without, '--labels', 'dcase-meta')
    expect(r.code).toBe(2)
    expect(r.err).toContain('has no meta.csv')
  })
})
