import { describe, expect, it } from 'vitest'
import { applyLabelRule, describeLabelRule, parseLabelTable } from '@shared/labels'

describe('parseLabelTable', () => {
  it('detects the delimiter and common column names', () => {
    expect(parseLabelTable('file,device,scene\nx/a.wav,A,park\n')).toEqual({
      columns: { path: 'file', device: 'device', scene: 'scene', group: null },
      rows: [{ path: 'x/a.wav', device: 'A', scene: 'park', group: null }],
    })
    expect(parseLabelTable('Relative Path;Source;Segment\na.wav;b;g1\n')).toEqual({
      columns: { path: 'Relative Path', device: 'Source', scene: null, group: 'Segment' },
      rows: [{ path: 'a.wav', device: 'b', scene: null, group: 'g1' }],
    })
    expect(parseLabelTable('path\tdevice\na,b.wav\tc\n').rows).toEqual([
      { path: 'a,b.wav', device: 'c', scene: null, group: null },
    ])
  })

  it('never takes the DCASE identifier (a location) as the group', () => {
    const t = parseLabelTable('filename,scene_label,identifier,source_label\na.wav,park,lyon-0,a\n')
    expect(t.columns).toEqual({
      path: 'filename',
      device: 'source_label',
      scene: 'scene_label',
      group: null,
    })
  })

  it('reads RFC 4180 quoting, CRLF, a BOM, blank lines; trims and nulls empty values', () => {
    const text =
      '\uFEFF"file","device","scene"\r\n' +
      '"a ""quoted"", name.wav", " Dev A ",\r\n' +
      '\r\n' +
      '"multi\r\nline.wav",b,"park, north"\r\n'
    expect(parseLabelTable(text).rows).toEqual([
      { path: 'a "quoted", name.wav', device: 'Dev A', scene: null, group: null },
      { path: 'multi\r\nline.wav', device: 'b', scene: 'park, north', group: null },
    ])
  })

  it('normalises paths to forward slashes without ./', () => {
    expect(parseLabelTable('path,device\n.\\dev a\\x.wav,a\n').rows[0].path).toBe('dev a/x.wav')
  })

  it('takes explicit columns and a given delimiter', () => {
    const t = parseLabelTable('name;mic;where\na.wav;m1;home\n', {
      delimiter: ';',
      columns: { path: 'name', device: 'mic', scene: 'where' },
    })
    expect(t.rows).toEqual([{ path: 'a.wav', device: 'm1', scene: 'home', group: null }])
    expect(t.columns).toEqual({ path: 'name', device: 'mic', scene: 'where', group: null })
  })

  it('names the line of a ragged row, counting lines inside quotes', () => {
    expect(() => parseLabelTable('file,device\n"a\nb.wav",x\nc.wav,y,z\n')).toThrow(
      'line 4 has 3 fields but the header has 2; quote values that contain ","',
    )
  })

  it('names bad quoting', () => {
    expect(() => parseLabelTable('file,device\n"a.wav,x\n')).toThrow(
      `line 2: quoted field is never closed; end it with '"'`,
    )
    expect(() => parseLabelTable('file,device\n"a"b.wav,x\n')).toThrow(
      'line 2: unexpected "b" after a closing quote; write a quote inside a quoted field as ""',
    )
  })

  it('names missing columns and the header it saw', () => {
    expect(() => parseLabelTable('device,scene\na,b\n')).toThrow(
      'no path column in the header ("device", "scene"); name it one of relative_path, path, ' +
        'filename, file_name, file, filepath, file_path, or give columns.path',
    )
    expect(() => parseLabelTable('file,scene\na.wav,b\n')).toThrow(/^no device column/)
    expect(() => parseLabelTable('file,device\n', { columns: { device: 'mic' } })).toThrow(
      'device column "mic" is not in the header ("file", "device"); name one of those',
    )
    expect(() => parseLabelTable('')).toThrow('the label table is empty; it needs a header line')
    expect(() => parseLabelTable('file,device\n ,a\n')).toThrow(
      'line 2 has an empty file; give the file',
    )
  })

  it('merges identical duplicate rows and refuses conflicting ones', () => {
    expect(parseLabelTable('file,device\na.wav,x\n./a.wav,x\n').rows.length).toBe(1)
    expect(() => parseLabelTable('file,device\na.wav,x\nb.wav,x\na.wav,y\n')).toThrow(
      'lines 2 and 4 both list "a.wav" with different labels; keep one',
    )
  })
})

describe('table rule', () => {
  const table = parseLabelTable(
    [
      'path,device,scene,group',
      'phone/s1/rec-01.wav,phone,office,',
      'mic/s1/rec-01.wav,mic,office,',
      'mic/s2/rec-02_mic.wav,mic,,',
      'phone/s2/take.wav,phone,,pair-7',
      'mic/s2/take.wav,mic,,pair-7',
      'x/nodev.wav,,park,',
      'y/unique-b.wav,b,,',
    ].join('\n'),
  )
  const rule = { kind: 'table', table } as const

  it('joins on the relative path, case-sensitive, then on a unique file name', () => {
    expect(applyLabelRule(rule, 'phone/s1/rec-01.wav').fields).toEqual({
      device: 'phone',
      scene: 'office',
      group: 'rec-01',
    })
    expect(applyLabelRule(rule, 'other/place/unique-b.wav').fields).toEqual({
      device: 'b',
      scene: null,
      group: 'unique',
    })
    expect(applyLabelRule(rule, 'MIC/s1/rec-01.wav')).toEqual({
      fields: { device: null, scene: null, group: null },
      error:
        '"rec-01.wav" is listed more than once by file name alone; list "MIC/s1/rec-01.wav" by its path',
    })
    expect(applyLabelRule(rule, 'z.wav').error).toBe('"z.wav" is not listed in the label table')
  })

  it('defaults the group to the stem without the device part, else uses the group column', () => {
    expect(applyLabelRule(rule, 'mic/s2/rec-02_mic.wav').fields.group).toBe('rec-02')
    expect(applyLabelRule(rule, 'mic/s2/take.wav').fields.group).toBe('pair-7')
  })

  it('reports an empty device but keeps the scene', () => {
    expect(applyLabelRule(rule, 'x/nodev.wav')).toEqual({
      fields: { device: null, scene: 'park', group: null },
      error: 'the device of "x/nodev.wav" is empty; fill it in',
    })
  })

  it('describes itself', () => {
    expect(describeLabelRule(rule)).toBe(
      'Label table (joined on path; device = device, scene = scene, group = group; 7 rows)',
    )
  })
})
