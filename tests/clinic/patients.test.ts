/**
 * The patients domain (patients.ts, audit.ts, the erase in patient-data.ts)
 * runs unchanged on the clinic store: the same functions the solo app's
 * handlers call, through `postgresStore`, scoped to one clinic and account.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { postgresStore } from '../../src/main/clinic/pg-store'
import { auditTrail } from '../../src/main/core/audit'
import { erasePatient } from '../../src/main/core/patient-data'
import {
  createPatient,
  getPatient,
  listPatients,
  setPatientArchived,
  setPatientMeasures,
  updatePatient
} from '../../src/main/core/patients'
import { dialectSql } from '../../src/main/core/query/dialect'
import { rareMatches } from '../../src/main/core/query/postgres'
import type { Query } from '../../src/main/core/query/schema'
import type { QueryStore } from '../../src/main/core/query/store'
import type { PatientFields } from '../../src/shared/types'
import { inScope, newClinic, pool, rowsOf } from './clinic-db'

const app = pool('physioplan_app')
const superuser = pool('postgres')
afterAll(async () => {
  await app.end()
  await superuser.end()
})

const fields = (fullName: string, condition: string | null = null): PatientFields => ({
  fullName,
  dateOfBirth: '1980-01-01',
  sex: null,
  phone: null,
  email: null,
  condition,
  referralSource: null,
  notes: null
})

let ours: { clinic: number; accounts: number[] }
let theirs: { clinic: number; accounts: number[] }
let asAlex: QueryStore
let asSam: QueryStore
let asOther: QueryStore
beforeAll(async () => {
  ours = await newClinic(['alex', 'sam'])
  theirs = await newClinic(['bo'])
  asAlex = postgresStore(app, { clinicId: ours.clinic, accountId: ours.accounts[0]! })
  asSam = postgresStore(app, { clinicId: ours.clinic, accountId: ours.accounts[1]! })
  asOther = postgresStore(app, { clinicId: theirs.clinic, accountId: theirs.accounts[0]! })
})

const names = (list: { fullName: string }[]) => list.map((patient) => patient.fullName)

describe('the patients domain on PostgreSQL', () => {
  it('creates, searches folded, updates, archives and keeps the history, by account', async () => {
    const lukas = await asAlex.write((q) =>
      createPatient(q, fields('Łukasiewicz, Jan', 'Achilles tendinopathy'))
    )
    await asAlex.write((q) => createPatient(q, fields('Ørjan Ågren', 'Patellar pain')))
    await asAlex.write((q) => createPatient(q, fields('Zoë Straße')))
    expect(lukas).toMatchObject({ fullName: 'Łukasiewicz, Jan', archivedAt: null })
    expect(lukas.measures).toEqual(['nprs', 'odi', 'rmdq', 'psfs'])

    const search = (query: string) => asSam.read((q) => listPatients(q, { query }))
    expect(names(await search('lu'))).toEqual(['Łukasiewicz, Jan'])
    expect(names(await search('LUKAS'))).toEqual(['Łukasiewicz, Jan'])
    expect(names(await search('orjan'))).toEqual(['Ørjan Ågren'])
    expect(names(await search('strasse zo'))).toEqual(['Zoë Straße'])
    expect(names(await search('achill'))).toEqual(['Łukasiewicz, Jan'])
    expect(names(await search('100%'))).toEqual([])
    expect(names(await asSam.read((q) => listPatients(q, {})))).toEqual([
      'Łukasiewicz, Jan',
      'Ørjan Ågren',
      'Zoë Straße'
    ])

    const updated = await asSam.write((q) =>
      updatePatient(q, lukas.id, lukas.version, {
        ...fields('Łukasiewicz, Jan', 'Achilles'),
        phone: '0612'
      })
    )
    expect(updated).toMatchObject({ condition: 'Achilles', phone: '0612' })
    await asSam.write((q) => setPatientMeasures(q, lukas.id, ['nprs', 'psfs']))
    await asAlex.write((q) => setPatientArchived(q, lukas.id, true))
    expect(names(await search('lu'))).toEqual([])
    expect(names(await asSam.read((q) => listPatients(q, { includeArchived: true })))).toEqual([
      'Ørjan Ågren',
      'Zoë Straße',
      'Łukasiewicz, Jan'
    ])

    const history = await asAlex.read((q) => auditTrail(q, lukas.id))
    expect(history.map((entry) => [entry.action, entry.fields])).toEqual([
      ['archive', []],
      ['update', ['measures']],
      ['update', ['phone', 'condition']],
      ['create', ['fullName', 'dateOfBirth', 'condition']]
    ])
    // who did each: the session's account, never a value the domain passed
    const by = await rowsOf<{ action: string; user_id: number }>(
      superuser,
      null,
      'SELECT action, user_id FROM audit_log WHERE patient_id = $1 ORDER BY id',
      [lukas.id]
    )
    const [alex, sam] = ours.accounts
    expect(by.map((row) => [row.action, row.user_id])).toEqual([
      ['create', alex],
      ['update', sam],
      ['update', sam],
      ['archive', alex]
    ])
  })

  it('shows one clinic nothing of another’s, even by id', async () => {
    const kept = await asAlex.write((q) => createPatient(q, fields('Kept Kowalski')))
    expect(names(await asOther.read((q) => listPatients(q, { query: 'kowal' })))).toEqual([])
    await expect(asOther.read((q) => getPatient(q, kept.id))).rejects.toMatchObject({
      code: 'not_found'
    })
    await expect(
      asOther.write((q) => updatePatient(q, kept.id, kept.version, fields('Taken')))
    ).rejects.toMatchObject({ code: 'not_found' })
    expect((await asAlex.read((q) => getPatient(q, kept.id))).fullName).toBe('Kept Kowalski')
  })

  it('erases a patient once their name is typed, leaving an audit row without content', async () => {
    const gone = await asAlex.write((q) => createPatient(q, fields('Erin Gone', 'Knee')))
    await expect(asAlex.write((q) => erasePatient(q, gone.id, 'Erin'))).rejects.toMatchObject({
      code: 'invalid_input'
    })
    await asSam.write((q) => erasePatient(q, gone.id, 'Erin Gone'))
    await expect(asAlex.read((q) => getPatient(q, gone.id))).rejects.toMatchObject({
      code: 'not_found'
    })
    const left = await rowsOf<{ action: string; user_id: number }>(
      superuser,
      null,
      'SELECT action, user_id FROM audit_log WHERE patient_id = $1 ORDER BY id',
      [gone.id]
    )
    expect(left).toEqual([
      { action: 'create', user_id: ours.accounts[0] },
      { action: 'erase', user_id: ours.accounts[1] }
    ])
  })

  it('rolls a failed write back whole, and refuses the store used inside its own work', async () => {
    const failed = asAlex.write(async (q) => {
      await createPatient(q, fields('Half Done'))
      throw new Error('the save failed halfway')
    })
    await expect(failed).rejects.toThrow('the save failed halfway')
    expect(names(await asAlex.read((q) => listPatients(q, { query: 'half' })))).toEqual([])
    const nested = asAlex.write(() => asAlex.read((q) => listPatients(q, {})))
    await expect(nested).rejects.toThrow(/inside a read or write/)
  })

  it('finds a common term by walking the names, and a rare one through the index', async () => {
    const crowd = await newClinic(['cy'])
    const asCy = postgresStore(app, { clinicId: crowd.clinic, accountId: crowd.accounts[0]! })
    await asCy.write(async (q) => {
      // more than rareMatches patients share "runner"; one is also a Nakamura
      for (let start = 0; start <= rareMatches; start += 250) {
        await q
          .insertInto('patients')
          .values(
            Array.from({ length: 250 }, (_, i) => ({
              full_name: `Runner ${String(start + i).padStart(4, '0')}`,
              sort_key: `runner ${String(start + i).padStart(4, '0')}`,
              date_of_birth: '1990-05-05',
              condition: 'Runner’s knee',
              created_at: '2026-11-27T20:00:00.000Z',
              updated_at: '2026-11-27T20:00:00.000Z'
            }))
          )
          .execute()
      }
      await createPatient(q, fields('Nakamura Runner', 'Runner’s knee'))
    })
    const common = await asCy.read((q) => listPatients(q, { query: 'runner' }))
    expect(common).toHaveLength(500)
    expect(common[0]!.fullName).toBe('Nakamura Runner')
    expect(common[1]!.fullName).toBe('Runner 0000')
    const rare = await asCy.read((q) => listPatients(q, { query: 'runner kamur' }))
    expect(names(rare)).toEqual(['Nakamura Runner'])
  })

  it('speaks PostgreSQL for an id list and a case-blind order', async () => {
    const [b, a] = [
      await asSam.write((q) => createPatient(q, fields('Bravo, Case'))),
      await asSam.write((q) => createPatient(q, fields('alpha, Case')))
    ]
    const found = await asSam.read(async (q) => {
      const { oneOf, caseless } = dialectSql(q)
      return q
        .selectFrom('patients as p')
        .select('p.full_name as fullName')
        .where(oneOf('p.id', [a.id, b.id, 0]))
        .orderBy(caseless('p.full_name'))
        .execute()
    })
    // byte order would put "Bravo" first
    expect(names(found)).toEqual(['alpha, Case', 'Bravo, Case'])
  })

  it('reads one snapshot, and refuses to write in a read', async () => {
    const count = async (q: Query) =>
      (
        await q
          .selectFrom('patients')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n
    const [before, during] = await asAlex.read(async (q) => {
      const first = await count(q)
      // a colleague's patient, committed between the read's two queries
      await inScope(app, { clinic: ours.clinic, user: ours.accounts[1]! }, (client) =>
        client.query(
          `INSERT INTO patients (full_name, sort_key, date_of_birth, created_at, updated_at)
           VALUES ('Snap, Shot', 'snap, shot', '1980-01-01', '2026-11-28', '2026-11-28')`
        )
      )
      return [first, await count(q)]
    })
    expect(during).toBe(before)
    expect(await asAlex.read(count)).toBe(before + 1)
    await expect(asAlex.read((q) => createPatient(q, fields('Not, Here')))).rejects.toThrow(
      /read-only transaction/
    )
  })
})
