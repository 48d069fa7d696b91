import { describe, expect, it } from 'vitest'
import { isViewId, VIEW_IDS } from '../../src-renderer/view-ids'
import { VIEWS } from '../../src-renderer/views/registry'

describe('view ids', () => {
  it('name every view of the registry once, in rail order', () => {
    expect(VIEWS.map((v) => v.id)).toEqual([...VIEW_IDS])
  })

  it('tell view names from anything else', () => {
    expect(isViewId('devices')).toBe(true)
    expect(isViewId('settings')).toBe(false)
  })
})
