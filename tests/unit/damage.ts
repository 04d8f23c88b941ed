/** Damage to a data file, for the unit tests and the end-to-end ones alike. */
import { closeSync, openSync, writeSync } from 'node:fs'
import Database from 'better-sqlite3'

/**
 * Damages one page of patients in a closed database file, the way a bad disk
 * sector would: the leaf's cell pointers point past the page, while the
 * header and the schema still read fine (only a page check finds it).
 */
export function damageLeafPage(file: string): void {
  const setup = new Database(file)
  const insert = setup.prepare(
    "INSERT INTO patients (full_name, sort_key, date_of_birth, notes, created_at, updated_at) VALUES (?, ?, '1980-01-01', ?, '', '')"
  )
  setup.transaction(() => {
    for (let n = 0; n < 400; n++) insert.run(`Patient ${n}`, `patient ${n}`, 'note '.repeat(40))
  })()
  const leaf = setup
    .prepare("SELECT pageno FROM dbstat WHERE name = 'patients' AND pagetype = 'leaf' LIMIT 1")
    .pluck()
    .get() as number
  const pageSize = setup.pragma('page_size', { simple: true }) as number
  setup.close()
  const fd = openSync(file, 'r+')
  writeSync(fd, Buffer.alloc(64, 0xff), 0, 64, (leaf - 1) * pageSize + 8)
  closeSync(fd)
}
