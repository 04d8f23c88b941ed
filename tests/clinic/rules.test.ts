/**
 * The rules the clinic schema keeps besides isolation: versions on editable
 * rows (two saves of one version, one wins), ids as exact numbers, and the
 * solo schema's triggers (issued versions frozen, each patient's latest visit).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { parseBigint } from '../../src/main/clinic/pg-types'
import { inScope, pool, rowsOf } from './clinic-db'
import { fillClinic, type Filled } from './fixture'

const app = pool('physioplan_app')
afterAll(() => app.end())

const { clinics, users } = inject('clinic')
// clinic C: what is issued here stays frozen, so the isolation tests keep to A and B
const asChris = { clinic: clinics.c, user: users.chris }
const asCleo = { clinic: clinics.c, user: users.cleo }

let filled: Filled
beforeAll(async () => {
  filled = await inScope(app, asChris, (client) => fillClinic(client, 'Kim Berg'))
})

/** A versioned save, as the domain writes it: only over the version the therapist opened. */
const save = `UPDATE patients SET phone = $1, version = version + 1 WHERE id = $2 AND version = $3`

describe('versions', () => {
  it('lets exactly one of two saves of the same version win, and records who', async () => {
    const chris = await app.connect()
    const cleo = await app.connect()
    try {
      for (const [client, who] of [
        [chris, users.chris],
        [cleo, users.cleo]
      ] as const) {
        await client.query('BEGIN')
        await client.query(
          "SELECT set_config('physioplan.clinic_id', $1, true), set_config('physioplan.user_id', $2, true)",
          [String(clinics.c), String(who)]
        )
      }
      const first = await chris.query(save, ['111', filled.patient, 1])
      // Cleo's save waits for Chris's row lock, then re-checks `version = 1` against the committed row
      const second = cleo.query(save, ['222', filled.patient, 1])
      await chris.query('COMMIT')
      expect(first.rowCount).toBe(1)
      expect((await second).rowCount).toBe(0)
      await cleo.query('COMMIT')
    } finally {
      chris.release()
      cleo.release()
    }
    expect(
      await rowsOf(app, asCleo, 'SELECT phone, version, updated_by FROM patients WHERE id = $1', [
        filled.patient
      ])
    ).toEqual([{ phone: '111', version: 2, updated_by: users.chris }])
  })

  it('takes who changed a row from the session, not from the statement', async () => {
    await rowsOf(
      app,
      asCleo,
      'UPDATE templates SET name = $1, version = version + 1, updated_by = $2 WHERE name = $3',
      ['Achilles, stage 1 (Cleo)', users.chris, 'Achilles, stage 1']
    )
    // a change that makes no new version (a visit moving latest_visit_*) keeps the author
    await rowsOf(app, asChris, 'UPDATE templates SET archived_at = NULL')
    expect(await rowsOf(app, asChris, 'SELECT version, updated_by FROM templates')).toEqual([
      { version: 2, updated_by: users.cleo }
    ])
  })
})

describe('ids', () => {
  it('reads bigints as exact numbers and takes explicit ids above 2^40 (issue 18’s device blocks)', async () => {
    const blockId = 2 ** 40 + 1
    const [row] = await rowsOf<{ id: number }>(
      app,
      asChris,
      `INSERT INTO patients (id, full_name, sort_key, date_of_birth, created_at, updated_at)
       VALUES ($1, 'Offline Olsen', 'offline olsen', '1990-01-01', 'now', 'now') RETURNING id`,
      [blockId]
    )
    expect(row).toEqual({ id: blockId })
    await expect(rowsOf(app, asChris, 'SELECT 9007199254740993::bigint AS id')).rejects.toThrow(
      /beyond the integers PhysioPlan handles exactly/
    )
    expect(parseBigint('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER)
  })
})

describe("the solo schema's triggers", () => {
  it('freezes an issued program version and its rows', async () => {
    await rowsOf(
      app,
      asChris,
      `UPDATE program_versions SET status = 'issued', issued_at = 'now', snapshot = '{}' WHERE id = $1`,
      [filled.version]
    )
    for (const [statement, values] of [
      ["UPDATE program_versions SET title = 'Changed' WHERE id = $1", [filled.version]],
      ['UPDATE program_items SET reps = 20 WHERE version_id = $1', [filled.version]],
      [
        'INSERT INTO program_items (version_id, position, exercise_id) VALUES ($1, 5, $2)',
        [filled.version, filled.exercise]
      ],
      [
        "INSERT INTO program_advice (version_id, position, title) VALUES ($1, 5, 'More')",
        [filled.version]
      ]
    ] as const) {
      await expect(rowsOf(app, asChris, statement, [...values]), statement).rejects.toThrow(
        'issued program versions cannot be changed'
      )
    }
    // but the template it started from can be deleted: the version keeps all else
    await expect(
      rowsOf(
        app,
        asChris,
        "UPDATE program_versions SET template_id = NULL, title = 'Changed' WHERE id = $1",
        [filled.version]
      )
    ).rejects.toThrow('issued program versions cannot be changed')
    await rowsOf(
      app,
      asChris,
      'DELETE FROM templates WHERE id = (SELECT template_id FROM program_versions WHERE id = $1)',
      [filled.version]
    )
    expect(
      await rowsOf(
        app,
        asChris,
        'SELECT template_id, title, status FROM program_versions WHERE id = $1',
        [filled.version]
      )
    ).toEqual([{ template_id: null, title: 'Calf loading', status: 'issued' }])
  })

  it("keeps each patient's latest visit as visits are added, changed and deleted", async () => {
    const latest = async () =>
      (
        await rowsOf(
          app,
          asChris,
          'SELECT latest_visit_id AS id, latest_visit_date AS date, latest_next_visit_date AS next FROM patients WHERE id = $1',
          [filled.patient]
        )
      )[0]
    expect(await latest()).toEqual({ id: filled.visit, date: '2026-11-27', next: '2026-12-11' })
    const insert = (date: string) =>
      rowsOf<{ id: number }>(
        app,
        asChris,
        `INSERT INTO visits (patient_id, visit_date, visit_type, created_at, updated_at)
         VALUES ($1, $2, 'follow-up', 'now', 'now') RETURNING id`,
        [filled.patient, date]
      )
    const [later] = await insert('2026-12-11')
    // a back-dated visit is not the latest
    await insert('2026-11-01')
    expect(await latest()).toEqual({ id: later!.id, date: '2026-12-11', next: null })
    await rowsOf(app, asChris, "UPDATE visits SET visit_date = '2026-11-20' WHERE id = $1", [
      later!.id
    ])
    expect(await latest()).toEqual({ id: filled.visit, date: '2026-11-27', next: '2026-12-11' })
    await rowsOf(app, asChris, 'DELETE FROM visits WHERE id = $1', [filled.visit])
    expect(await latest()).toEqual({ id: later!.id, date: '2026-11-20', next: null })
  })
})
