// Numbered, append-only migrations (DESIGN.md, Storage). Never edit one that has shipped: add
// the next number. Each runs in its own transaction and sets PRAGMA user_version.
import type { Database } from 'better-sqlite3'
import { up as initial } from './001-initial'
import { up as strictTables } from './002-strict-tables'
import { up as warningsAndOwners } from './003-warnings-and-owners'
import { up as revision } from './004-revision'
import { up as aggregates } from './005-aggregates'
import { up as silentFrames } from './006-silent-frames'

export interface Migration {
  version: number
  name: string
  up(db: Database): void
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial', up: initial },
  { version: 2, name: 'strict tables, hop_length', up: strictTables },
  { version: 3, name: 'audio warnings, job owners', up: warningsAndOwners },
  { version: 4, name: 'recordings revision, summaries state index', up: revision },
  { version: 5, name: 'summary aggregates', up: aggregates },
  { version: 6, name: 'silent frames, frame gating', up: silentFrames },
]

/** Schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version
