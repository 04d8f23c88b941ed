/** Other accounts on the same computer can't read the clinic's data. */
import { chmodSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { OpenedStore } from '../../src/main/core/store'
import { dispatch } from '../../src/main/core/api'
import { patientFields, storeIn as open, tempDir } from './helpers'

const mode = (path: string) => statSync(path).mode & 0o777

async function backUp(store: OpenedStore): Promise<string> {
  const started = await store.handlers['backups:start']({ saveAs: false })
  if (!started) throw new Error('no backup started')
  for (;;) {
    const job = await store.handlers['jobs:progress']({ jobId: started.jobId })
    if (job.state === 'done') return job.result!.file
    if (job.state === 'failed') throw new Error('backup failed')
    await new Promise((done) => setTimeout(done, 10))
  }
}

/** Every file and folder under the data folder with its permission bits. */
function modes(dataDir: string): Record<string, string> {
  const found: Record<string, string> = { '.': mode(dataDir).toString(8) }
  for (const entry of readdirSync(dataDir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name)
    found[path.slice(dataDir.length + 1)] = mode(path).toString(8)
  }
  return found
}

describe('file permissions', () => {
  it('a new data folder, its database, journal and backups are owner-only', async () => {
    const dataDir = join(tempDir(), 'new', 'PhysioPlan')
    const store = open(dataDir)
    await dispatch(store.handlers, 'patients:create', patientFields('Private Person'))
    const backup = await backUp(store)
    const all = modes(dataDir)
    expect(all['physioplan.sqlite3-wal']).toBe('600')
    expect(Object.keys(all)).toContain(backup.slice(dataDir.length + 1))
    for (const [path, bits] of Object.entries(all)) {
      expect(bits, path).toBe(statSync(join(dataDir, path)).isDirectory() ? '700' : '600')
    }
    await store.close()
  })

  it('existing files an earlier version left readable are tightened at start', async () => {
    const dataDir = tempDir()
    const first = open(dataDir)
    await backUp(first)
    await first.close()
    writeFileSync(join(dataDir, 'backups', 'pre-migration-2026-01-01.sqlite3'), '')
    for (const [path] of Object.entries(modes(dataDir))) {
      const full = join(dataDir, path)
      chmodSync(full, statSync(full).isDirectory() ? 0o755 : 0o644)
    }
    // someone else's file beside ours is theirs to set
    writeFileSync(join(dataDir, 'notes.sqlite3'), '', { mode: 0o644 })
    const store = open(dataDir)
    const { 'notes.sqlite3': notes, ...ours } = modes(dataDir)
    expect(notes).toBe('644')
    for (const [path, bits] of Object.entries(ours)) {
      expect(bits, path).toBe(statSync(join(dataDir, path)).isDirectory() ? '700' : '600')
    }
    await store.close()
  })
})
