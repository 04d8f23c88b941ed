// The crash test's writer: the app's pragmas and schema, and transactions
// shaped like the app's (a patient with a program version, its items, a
// visit and its scores). After each commit it prints "ack <n>"; it is
// killed at random and started again on the same file.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

const [file, firstArg] = process.argv.slice(2)
const db = new Database(file)
db.pragma('journal_mode = WAL')
db.pragma('synchronous = FULL')
db.pragma('foreign_keys = ON')
db.pragma('busy_timeout = 5000')

const migrations = join(import.meta.dirname, '../../src/main/core/db/migrations')
const version = db.pragma('user_version', { simple: true })
for (const name of readdirSync(migrations).sort()) {
  const number = Number(name.slice(0, 3))
  if (number <= version) continue
  db.transaction(() => {
    db.exec(readFileSync(join(migrations, name), 'utf8'))
    db.pragma(`user_version = ${number}`)
  })()
}
db.exec(`INSERT OR IGNORE INTO exercises (id, source, name, category, position, created_at, updated_at)
  VALUES (1, 'custom', 'Crash test exercise', 'stretch', 'standing', '', '')`)

const now = new Date().toISOString()
const write = db.transaction((n) => {
  const patient = db
    .prepare(
      `INSERT INTO patients (full_name, sort_key, date_of_birth, created_at, updated_at)
      VALUES (?, ?, '1980-01-01', ?, ?) RETURNING id`
    )
    .get(`Crash ${n}`, `crash ${n}`, now, now).id
  const program = db
    .prepare('INSERT INTO programs (patient_id, created_at) VALUES (?, ?) RETURNING id')
    .get(patient, now).id
  const version = db
    .prepare(
      `INSERT INTO program_versions (program_id, version_no, title, created_at, updated_at)
      VALUES (?, 1, ?, ?, ?) RETURNING id`
    )
    .get(program, `Program ${n}`, now, now).id
  const item = db.prepare(
    'INSERT INTO program_items (version_id, position, exercise_id, reps, note) VALUES (?, ?, 1, 10, ?)'
  )
  for (let position = 0; position < 6; position++) item.run(version, position, 'x'.repeat(400))
  const visit = db
    .prepare(
      `INSERT INTO visits (patient_id, visit_date, visit_type, program_version_id, created_at, updated_at)
      VALUES (?, '2026-01-01', 'initial', ?, ?, ?) RETURNING id`
    )
    .get(patient, version, now, now).id
  const score = db.prepare(
    'INSERT INTO visit_outcomes (visit_id, measure, item, value) VALUES (?, ?, ?, ?)'
  )
  for (let section = 1; section <= 10; section++)
    score.run(visit, 'odi', String(section), section % 6)
})

// the test's kill timer starts here, so a slow start on a busy machine doesn't eat the window
process.stdout.write('ready\n')
for (let n = Number(firstArg); ; n++) {
  write(n)
  process.stdout.write(`ack ${n}\n`)
}
