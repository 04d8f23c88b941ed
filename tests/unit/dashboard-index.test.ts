/**
 * The dashboard reads each patient's latest visit from columns that triggers
 * keep (migration 006). It must answer exactly what the query before it did,
 * which looked the latest visit up for every patient, on a clinic whose
 * visits are added, back-dated, edited and deleted, and whose patients are
 * archived, restored, discharged and erased.
 */
import { copyFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Database } from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { restoreBackup } from '../../src/main/core/backups'
import { schemaVersion } from '../../src/main/core/db/migrate'
import { openDatabase } from '../../src/main/core/db/open'
import { erasePatient } from '../../src/main/core/patient-data'
import { createPatient, setPatientArchived } from '../../src/main/core/patients'
import { createVisit, dashboard, deleteVisit, updateVisit } from '../../src/main/core/visits'
import { sqliteStore } from '../../src/main/core/query/store'
import type { Dashboard, DashboardRow, VisitFields } from '../../src/shared/types'
import { inline, memoryDb, patientFields, random, tempDir } from './helpers'
import { visitInput } from './visit-input'

/**
 * The dashboard as it was before migration 006, word for word but for the
 * last `p.id`: among patients of the same name its order was the plan's.
 */
function scannedDashboard(db: Database, today: string, show: number): Dashboard {
  const rows = db
    .prepare(
      `SELECT p.id AS patientId, p.full_name AS fullName, p.condition,
         v.visit_date AS lastVisitDate, v.next_visit_date AS nextVisitDate,
         CAST(julianday(@today) - julianday(v.next_visit_date) AS INTEGER) AS daysOverdue
       FROM patients p
       LEFT JOIN visits v ON v.id = (
         SELECT id FROM visits WHERE patient_id = p.id ORDER BY visit_date DESC, id DESC LIMIT 1)
       WHERE p.archived_at IS NULL AND coalesce(v.visit_type, '') <> 'discharge'
       ORDER BY v.next_visit_date, p.sort_key, p.id`
    )
    .all({ today }) as DashboardRow[]
  const [year, month, day] = today.split('-').map(Number) as [number, number, number]
  const weekEnd = new Date(Date.UTC(year, month - 1, day + 7)).toISOString().slice(0, 10)
  const plain = (row: DashboardRow) => ({ ...row, daysOverdue: Math.max(0, row.daysOverdue ?? 0) })
  const group = (list: DashboardRow[]) => ({
    total: list.length,
    rows: list.slice(0, show).map(plain)
  })
  const due = rows.filter((row) => row.nextVisitDate !== null)
  return {
    overdue: group(
      due.filter((row) => row.nextVisitDate! < today).sort((a, b) => b.daysOverdue - a.daysOverdue)
    ),
    today: group(due.filter((row) => row.nextVisitDate === today)),
    thisWeek: group(
      due.filter((row) => row.nextVisitDate! > today && row.nextVisitDate! <= weekEnd)
    ),
    noNextVisit: group(rows.filter((row) => row.nextVisitDate === null))
  }
}

/** The latest visit kept on each patient row, against the visits themselves. */
function staleLatest(db: Database): unknown[] {
  return db
    .prepare(
      `SELECT p.id, p.latest_visit_id, v.id AS actual FROM patients p
       LEFT JOIN visits v ON v.id = (
         SELECT id FROM visits WHERE patient_id = p.id ORDER BY visit_date DESC, id DESC LIMIT 1)
       WHERE p.latest_visit_id IS NOT v.id OR p.latest_visit_date IS NOT v.visit_date
         OR p.latest_visit_type IS NOT v.visit_type
         OR p.latest_next_visit_date IS NOT v.next_visit_date`
    )
    .all()
}

const names = ['Åsa Öberg', 'Zoë Ng', 'Łukasz Nowak', 'Ørjan Ågren', 'ada ek', 'Ada Ek', 'Ian Ito']
const types = ['initial', 'follow-up', 'discharge'] as const

function isoDay(offset: number): string {
  return new Date(Date.UTC(2026, 5, 15 + offset)).toISOString().slice(0, 10)
}

const days = [isoDay(-20), isoDay(0), isoDay(3), isoDay(40)]

const board = (db: Database, today: string, show?: number) =>
  sqliteStore(db).read((q) => dashboard(q, today, show))

async function expectSameBoards(db: Database): Promise<void> {
  for (const today of days) {
    for (const show of [1, 4, 1000]) {
      expect(await board(db, today, show)).toEqual(scannedDashboard(db, today, show))
    }
  }
  expect(staleLatest(db)).toEqual([])
}

describe('the dashboard read from each patient’s latest visit', () => {
  it('answers as the full scan did through a random clinic’s changes', async () => {
    const db = memoryDb()
    const next = random(16)
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!
    const within = (days: number) => Math.floor(next() * days)
    const patients: { id: number; fullName: string }[] = []
    const visits: { id: number; fields: VisitFields }[] = []
    const visitFields = (): VisitFields => {
      const start = within(60) - 40
      const nextVisit = next() < 0.25 ? null : isoDay(start + within(30))
      return visitInput({
        visitDate: isoDay(start),
        visitType: pick(types),
        nextVisitDate: nextVisit
      }) as unknown as VisitFields
    }
    let erased = 0
    for (let step = 0; step < 700; step++) {
      const roll = next()
      if (patients.length < 5 || roll < 0.12) {
        const fullName = pick(names)
        const { id } = await sqliteStore(db).write((q) => createPatient(q, patientFields(fullName)))
        patients.push({ id, fullName })
      } else if (roll < 0.5) {
        const fields = visitFields()
        const { id } = await sqliteStore(db).write((q) => createVisit(q, pick(patients).id, fields))
        visits.push({ id, fields })
      } else if (roll < 0.7 && visits.length) {
        // back-dated, re-typed, the next visit moved or cleared
        const visit = pick(visits)
        visit.fields = { ...visit.fields, ...visitFields() }
        await sqliteStore(db).write((q) => updateVisit(q, visit.id, visit.fields))
      } else if (roll < 0.8 && visits.length) {
        const [visit] = visits.splice(within(visits.length), 1)
        await sqliteStore(db).write((q) => deleteVisit(q, visit!.id))
      } else if (roll < 0.95) {
        const [id, archived] = [pick(patients).id, next() < 0.5]
        await sqliteStore(db).write((q) => setPatientArchived(q, id, archived))
      } else {
        const [patient] = patients.splice(within(patients.length), 1)
        await sqliteStore(db).write((q) => erasePatient(q, patient!.id, patient!.fullName))
        erased++
        const left = new Set(db.prepare('SELECT id FROM visits').pluck().all() as number[])
        visits.splice(0, visits.length, ...visits.filter((visit) => left.has(visit.id)))
      }
      if (step % 50 === 49) await expectSameBoards(db)
    }
    await expectSameBoards(db)
    // the run reached every case: each list had rows on some day, and patients were erased
    const boards = []
    for (const today of days) boards.push(await board(db, today))
    for (const list of ['overdue', 'today', 'thisWeek', 'noNextVisit'] as const) {
      expect(Math.max(...boards.map((board) => board[list].total))).toBeGreaterThan(1)
    }
    expect(erased).toBeGreaterThan(0)
  })

  it('leaves nothing of an erased patient behind, and keeps the others right', async () => {
    const db = memoryDb()
    const kept = await sqliteStore(db).write((q) => createPatient(q, patientFields('Kept Kim')))
    const gone = await sqliteStore(db).write((q) => createPatient(q, patientFields('Gone Gil')))
    for (const patient of [kept, gone]) {
      for (const offset of [-30, -10]) {
        const fields = visitInput({ visitDate: isoDay(offset), nextVisitDate: isoDay(offset + 14) })
        await sqliteStore(db).write((q) =>
          createVisit(q, patient.id, fields as unknown as VisitFields)
        )
      }
    }
    await sqliteStore(db).write((q) => erasePatient(q, gone.id, 'Gone Gil'))
    const count = (sql: string) => db.prepare(sql).pluck().get(gone.id)
    expect(count('SELECT count(*) FROM patients WHERE id = ?')).toBe(0)
    expect(count('SELECT count(*) FROM visits WHERE patient_id = ?')).toBe(0)
    expect((await board(db, isoDay(0))).thisWeek.rows.map((row) => row.fullName)).toEqual([
      'Kept Kim'
    ])
    expect(staleLatest(db)).toEqual([])
  })

  it('fills the latest visits when an older backup is restored and migrated', async () => {
    const dir = tempDir()
    const file = join(dir, 'physioplan.sqlite3')
    const { db } = openDatabase(file)
    const older = join(dir, 'schema-v5.sqlite3')
    copyFileSync('tests/fixtures/schema-v5.sqlite3', older)
    await restoreBackup(db, { databaseFile: file, offThread: inline }, older, join(dir, 'safety'))
    expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion)
    expect(staleLatest(db)).toEqual([])
    // Şükrü's latest visit set a next date; Ørjan is archived
    const restored = await board(db, '2030-01-01', 1000)
    expect(restored.overdue.rows.map((row) => row.fullName)).toEqual(['Şükrü Çağlar'])
    expect(restored).toEqual(scannedDashboard(db, '2030-01-01', 1000))
    db.close()
  })
})
