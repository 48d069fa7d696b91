import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

const MAX = 10

/** The recently opened project files, newest first, kept in `stateDir/recent-projects.json`. */
export class RecentProjects {
  private readonly file: string

  constructor(stateDir: string) {
    mkdirSync(stateDir, { recursive: true })
    this.file = join(stateDir, 'recent-projects.json')
  }

  list(): string[] {
    try {
      const value = JSON.parse(readFileSync(this.file, 'utf8')) as unknown
      return Array.isArray(value)
        ? value.filter((p): p is string => typeof p === 'string' && existsSync(p))
        : []
    } catch {
      return []
    }
  }

  add(path: string): void {
    const list = [path, ...this.list().filter((p) => p !== path)].slice(0, MAX)
    writeFileSync(this.file, `${JSON.stringify(list, null, 1)}\n`)
  }
}
