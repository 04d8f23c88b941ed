/**
 * One row in every clinic-owned table, written in the caller's scoped
 * transaction as the app role: clinic_id and updated_by come from the scope,
 * as they will for the domain's statements.
 */
import { randomBytes } from 'node:crypto'
import type pg from 'pg'

export interface Filled {
  patient: number
  exercise: number
  version: number
  visit: number
}

export async function fillClinic(client: pg.ClientBase, name: string): Promise<Filled> {
  const now = '2026-11-27T20:00:00.000Z'
  const id = async (text: string, values: unknown[] = []) =>
    (await client.query<{ id: number }>(`${text} RETURNING id`, values)).rows[0]!.id
  // keyed by name: the suite's files fill clinic A once each
  await client.query(`INSERT INTO settings (key, value) VALUES ($1, '{"theme": "light"}')`, [name])
  const patient = await id(
    `INSERT INTO patients (full_name, sort_key, date_of_birth, created_at, updated_at)
     VALUES ($1, lower($1), '1980-02-29', $2, $2)`,
    [name, now]
  )
  const exercise = await id(
    `INSERT INTO exercises (source, name, category, position, created_at, updated_at)
     VALUES ('custom', 'Heel raise', 'strengthening', 'standing', $1, $1)`,
    [now]
  )
  await client.query(
    `INSERT INTO exercise_media (exercise_id, kind, stage, sort_order, mime, data)
     VALUES ($1, 'photo', 'single', 0, 'image/png', '\\x89504e47')`,
    [exercise]
  )
  const advice = await id(
    `INSERT INTO advice_sections (title, created_at, updated_at) VALUES ('Pacing', $1, $1)`,
    [now]
  )
  const template = await id(
    `INSERT INTO templates (name, created_at, updated_at) VALUES ('Achilles, stage 1', $1, $1)`,
    [now]
  )
  await client.query(
    'INSERT INTO template_items (template_id, position, exercise_id) VALUES ($1, 0, $2)',
    [template, exercise]
  )
  await client.query(
    'INSERT INTO template_advice (template_id, position, advice_id) VALUES ($1, 0, $2)',
    [template, advice]
  )
  const program = await id('INSERT INTO programs (patient_id, created_at) VALUES ($1, $2)', [
    patient,
    now
  ])
  const version = await id(
    `INSERT INTO program_versions (program_id, version_no, title, template_id, created_at, updated_at)
     VALUES ($1, 1, 'Calf loading', $2, $3, $3)`,
    [program, template, now]
  )
  await client.query(
    'INSERT INTO program_items (version_id, position, exercise_id, sets, reps, per_day) VALUES ($1, 0, $2, 3, 15, 1)',
    [version, exercise]
  )
  await client.query(
    `INSERT INTO program_advice (version_id, position, advice_id, title) VALUES ($1, 0, $2, 'Pacing')`,
    [version, advice]
  )
  const visit = await id(
    `INSERT INTO visits (patient_id, visit_date, visit_type, program_version_id, next_visit_date, created_at, updated_at)
     VALUES ($1, '2026-11-27', 'initial', $2, '2026-12-11', $3, $3)`,
    [patient, version, now]
  )
  await client.query(
    `INSERT INTO visit_outcomes (visit_id, measure, item, value) VALUES ($1, 'nprs', 'now', 6)`,
    [visit]
  )
  await client.query(
    `INSERT INTO visit_red_flags (visit_id, flag, status) VALUES ($1, 'night-pain', 'present')`,
    [visit]
  )
  await client.query(
    `INSERT INTO sessions (account_id, token_hash, expires_at)
     VALUES (physioplan_user(), $1, now() + interval '1 hour')`,
    [randomBytes(32)]
  )
  await client.query(
    `INSERT INTO audit_log (at, patient_id, entity, entity_id, action) VALUES ($1, $2, 'patient', $2, 'create')`,
    [now, patient]
  )
  // issue 18: a write applied once, and a deleted root's tombstone
  await client.query(
    `INSERT INTO applied_writes (key, channel, answer) VALUES (gen_random_uuid(), 'patients:create', '{"ok": true}')`
  )
  const gone = await id(
    `INSERT INTO advice_sections (title, created_at, updated_at) VALUES ('Gone', $1, $1)`,
    [now]
  )
  await client.query('DELETE FROM advice_sections WHERE id = $1', [gone])
  return { patient, exercise, version, visit }
}
