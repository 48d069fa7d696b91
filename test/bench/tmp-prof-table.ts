import { encodeRecordingColumns } from '@shared/api/recording-columns'
import { recordingRow } from '../../src-main/backend/views'
import { openProject } from '../../src-main/services/project'
import { recordingsOf } from '../../src-main/services/recordings'
const p = openProject(process.argv[2])
for (let k = 0; k < 3; k++) {
  let t = performance.now()
  const recs = recordingsOf(p)
  const a = performance.now() - t; t = performance.now()
  const rows = recs.map(recordingRow)
  const b = performance.now() - t; t = performance.now()
  const cols = encodeRecordingColumns(rows, 'x')
  const c = performance.now() - t; t = performance.now()
  const json = JSON.stringify(cols)
  const d = performance.now() - t
  console.log(`sql ${a.toFixed(0)} rows ${b.toFixed(0)} encode ${c.toFixed(0)} json ${d.toFixed(0)} ms, ${json.length} bytes`)
}
