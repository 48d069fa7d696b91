import { createHash } from 'node:crypto'

/** A slice `index` of `count` (1-based), as `--shard i/n` writes it. */
export interface Shard {
  index: number
  count: number
}

/** Parses `i/n` with 1 <= i <= n, naming the mistake. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim())
  const index = m ? Number(m[1]) : NaN
  const count = m ? Number(m[2]) : NaN
  if (!m || count < 1 || index < 1 || index > count) {
    throw new Error(`--shard ${text}: expected i/n with 1 <= i <= n, e.g. --shard 3/10`)
  }
  return { index, count }
}

/**
 * True when the file with this relative path belongs to the shard. The split hashes the path, so
 * every machine computes the same split whatever the order or number of files it sees.
 */
export function inShard(relativePath: string, shard: Shard): boolean {
  const h = createHash('sha1').update(relativePath).digest()
  return h.readUInt32BE(0) % shard.count === shard.index - 1
}
