/**
 * Every past schema version, as a real file, migrates to the current one with
 * its data intact, and the issued handout inside it still prints.
 */
import { copyFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { schemaVersion } from '../../src/main/core/db/migrate'
import { sqliteStore } from '../../src/main/core/query/store'
import { dashboard } from '../../src/main/core/visits'
import type {
  Exercise,
  ExerciseSummary,
  HandoutFile,
  Patient,
  PatientSummary,
  ProgramVersion,
  Visit
} from '../../src/shared/types'
import { fileApi, tempDir } from './helpers'
import { pdfText } from './pdf-tools'

const fixtures = readdirSync('tests/fixtures').filter((name) => /^schema-v\d+\.sqlite3$/.test(name))

describe('migrating past schema versions', () => {
  it('has a fixture for every version up to the current one', () => {
    const versions = fixtures.map((name) => Number(/v(\d+)/.exec(name)![1])).sort((a, b) => a - b)
    expect(versions).toEqual(Array.from({ length: schemaVersion }, (_, index) => index + 1))
  })

  for (const fixture of fixtures) {
    it(`${fixture} opens as version ${schemaVersion} with its data intact`, async () => {
      const target = join(tempDir(), 'physioplan.sqlite3')
      copyFileSync(join('tests/fixtures', fixture), target)
      // fixtures made once walk–run plans existed hold one: known by the column, not a number
      const original = new Database(join('tests/fixtures', fixture), { readonly: true })
      const hasPlans = (original.pragma('table_info(program_versions)') as { name: string }[]).some(
        (column) => column.name === 'walk_run'
      )
      original.close()
      const { db, call: raw } = fileApi(target)
      const call = async <T>(channel: string, input: unknown) => {
        const result = await raw(channel, input)
        if (!result.ok) throw new Error(result.error.message)
        return result.data as T
      }
      expect(db.pragma('user_version', { simple: true })).toBe(schemaVersion)
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
      const patients = await call<PatientSummary[]>('patients:list', { includeArchived: true })
      expect(patients.map((p) => [p.fullName, p.archivedAt !== null])).toEqual([
        ['Şükrü Çağlar', false],
        ['Ørjan Ågren', true]
      ])
      // version 5 rebuilt the search index over folded text: "orjan" finds Ørjan
      const folded = await call<PatientSummary[]>('patients:list', {
        query: 'orjan',
        includeArchived: true
      })
      expect(folded.map((p) => p.fullName)).toEqual(['Ørjan Ågren'])
      const sukru = await call<Patient>('patients:get', { id: patients[0]!.id })
      expect(sukru).toMatchObject({ notes: 'Runs 30 km a week.', sex: 'male' })
      const version = Number(/v(\d+)/.exec(fixture)![1])
      // patients from before measures were chosen keep the four every visit form had
      expect(sukru.measures).toEqual(
        version < 3
          ? ['nprs', 'odi', 'rmdq', 'psfs']
          : ['nprs', 'odi', 'rmdq', 'psfs', 'lefs', 'running']
      )
      const visits = await call<Visit[]>('visits:list', { patientId: sukru.id })
      expect(
        visits.map((visit) => [visit.visitType, visit.scores.odiPercent, visit.outcomes.rmdq])
      ).toEqual([
        ['follow-up', 20, 6],
        ['initial', 37.8, 11]
      ])
      // version 3 added LEFS and running load to both visits
      expect(
        visits.map((visit) => [visit.scores.lefsTotal, visit.outcomes.running.weeklyKm])
      ).toEqual(
        version < 3
          ? [
              [null, null],
              [null, null]
            ]
          : [
              [62, 21.5],
              [43, 8]
            ]
      )
      // the rebuilt outcomes table keeps PSFS activities in the order they were entered
      expect(visits[1]!.outcomes.psfs.map((item) => item.activity)).toEqual(
        visits[0]!.outcomes.psfs.map((item) => item.activity)
      )
      expect(visits[1]!.outcomes.psfs.length).toBeGreaterThanOrEqual(3)
      // version 6 keeps each patient's latest visit for the dashboard; Ørjan is archived
      const board = await sqliteStore(db).read((q) => dashboard(q, '2030-01-01'))
      expect(board.overdue.rows).toMatchObject([
        {
          fullName: 'Şükrü Çağlar',
          lastVisitDate: visits[0]!.visitDate,
          nextVisitDate: visits[0]!.nextVisitDate
        }
      ])
      expect([board.today.total, board.thisWeek.total, board.noNextVisit.total]).toEqual([0, 0, 0])
      // version 1 stored the flag's label on the visit; it is now a flag row with its key
      expect(visits[1]!.redFlags).toEqual(['night-pain'])
      const resolution = visits[0]!.resolvedFlags
      if (fixture === 'schema-v1.sqlite3') expect(resolution).toEqual([])
      else
        expect(resolution).toEqual([
          { flag: 'night-pain', note: 'Sleeping through; eases with rest' }
        ])
      const versions = await call<{ id: number; status: string }[]>('programs:list', {
        patientId: sukru.id
      })
      expect(versions.map((version) => version.status)).toEqual(['draft', 'issued'])
      const handout = await call<HandoutFile>('handouts:pdf', { versionId: versions[1]!.id })
      const { text } = await pdfText(Buffer.from(handout.bytes))
      expect(text).toContain('Şükrü Çağlar')
      expect(text).toContain('Wall squat')

      // every file gets the built-in links and tags, and the search index finds tags
      const [plank] = await call<ExerciseSummary[]>('exercises:list', { query: 'plank' })
      expect(plank).toMatchObject({ easier: { name: 'Bird-dog' }, movements: ['isometric'] })
      const isometric = await call<ExerciseSummary[]>('exercises:list', { query: 'isometric' })
      expect(isometric.map((exercise) => exercise.name)).toContain('Plank')
      const draft = await call<ProgramVersion>('programs:get', { versionId: versions[0]!.id })
      const [squat] = await call<ExerciseSummary[]>('exercises:list', { source: 'custom' })
      const wallSquat = await call<Exercise>('exercises:get', { id: squat!.id })
      if (!hasPlans) {
        expect(draft.walkRun).toBeNull()
        expect(wallSquat).toMatchObject({ harder: null, conditions: [], stages: [] })
      } else {
        expect(draft.walkRun).toMatchObject({
          planKey: 'walk-run-8',
          painRule: 'Keep running pain at 3 out of 10 or less.'
        })
        expect(wallSquat).toMatchObject({
          harder: { name: 'Plank' },
          conditions: ['Patellofemoral pain'],
          stages: ['early'],
          movements: ['isometric']
        })
        expect(wallSquat.chain.map((link) => link.name)).toEqual(['Wall squat', 'Plank'])
      }
      db.close()
    })
  }
})
