/** Connections to the suite's cluster (global-setup.ts) and a scoped transaction helper. */
import pg from 'pg'
import { inject } from 'vitest'
import { clinicTypes } from '../../src/main/clinic/pg-types'
import { postgresStore } from '../../src/main/clinic/pg-store'
import type { QueryStore } from '../../src/main/core/query/store'

export interface ClinicSetup {
  port: number
  superuserPassword: string
  clinics: { a: number; b: number; c: number }
  /** account ids: alex and sam in clinic A, bo in clinic B, chris and cleo in clinic C */
  users: { alex: number; sam: number; bo: number; chris: number; cleo: number }
}

export const passwords = { owner: 'owner-secret-for-tests', app: 'app-secret-for-tests' }

export function url(
  user: 'postgres' | 'physioplan_owner' | 'physioplan_app',
  database = 'physioplan'
) {
  const { port, superuserPassword } = inject('clinic')
  const password = {
    postgres: superuserPassword,
    physioplan_owner: passwords.owner,
    physioplan_app: passwords.app
  }[user]
  return `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`
}

export function pool(user: Parameters<typeof url>[0], database?: string): pg.Pool {
  return new pg.Pool({ connectionString: url(user, database), types: clinicTypes, max: 4 })
}

/** Whom a transaction acts for, as the server will set it from the session; null: nobody. */
export type Scope = { clinic: number; user?: number } | null

/** `work` in one transaction on `on`, scoped like the server's; rolled back if it throws. */
export async function inScope<T>(
  on: pg.Pool,
  scope: Scope,
  work: (client: pg.PoolClient) => Promise<T>
): Promise<T> {
  const client = await on.connect()
  try {
    await client.query('BEGIN')
    if (scope) {
      await client.query(
        "SELECT set_config('physioplan.clinic_id', $1, true), set_config('physioplan.user_id', $2, true)",
        [String(scope.clinic), scope.user === undefined ? '' : String(scope.user)]
      )
    }
    const result = await work(client)
    await client.query('COMMIT')
    return result
  } catch (error) {
    await client.query('ROLLBACK')
    throw error
  } finally {
    client.release()
  }
}

/** One statement's rows, in its own scoped transaction. */
export async function rowsOf<T extends pg.QueryResultRow>(
  on: pg.Pool,
  scope: Scope,
  text: string,
  values: unknown[] = []
): Promise<T[]> {
  return inScope(on, scope, async (client) => (await client.query<T>(text, values)).rows)
}

let clinicsMade = 0

/**
 * A clinic of the test file's own, with accounts for `logins` (made unique
 * on the server by the clinic's id; display name: the login capitalised;
 * the first an administrator when `administrator` says so), made by the
 * owner as init does, so the file's rows meet no other file's; `fill`
 * writes more of its rows in the same transaction, scoped to it.
 */
export async function newClinic(
  logins: string[],
  {
    passwordHash = 'scrypt$not-a-real-hash',
    administrator = false,
    fill
  }: {
    passwordHash?: string
    administrator?: boolean
    fill?: (owner: pg.ClientBase) => Promise<void>
  } = {}
): Promise<{ clinic: number; accounts: number[]; logins: string[] }> {
  const owner = new pg.Client({ connectionString: url('physioplan_owner'), types: clinicTypes })
  await owner.connect()
  try {
    await owner.query('BEGIN')
    const made = await owner.query<{ id: number }>(
      'INSERT INTO clinics (name) VALUES ($1) RETURNING id',
      [`Clinic ${process.pid}-${++clinicsMade}`]
    )
    const clinic = made.rows[0]!.id
    await owner.query("SELECT set_config('physioplan.clinic_id', $1, true)", [String(clinic)])
    const accounts: number[] = []
    const unique = logins.map((login) => `${login}-${clinic}`)
    for (const [index, login] of unique.entries()) {
      const role = administrator && index === 0 ? 'administrator' : 'therapist'
      const { rows } = await owner.query<{ id: number }>(
        `INSERT INTO accounts (login, display_name, role, password_hash)
         VALUES ($1, initcap($1), $2, $3) RETURNING id`,
        [login, role, passwordHash]
      )
      accounts.push(rows[0]!.id)
    }
    await fill?.(owner)
    await owner.query('COMMIT')
    return { clinic, accounts, logins: unique }
  } finally {
    await owner.end()
  }
}

/**
 * Two new clinics of one account each, as those accounts' stores on the
 * app role's pool: `ours` and `theirs`, to show one clinic's rows stay its own.
 */
export async function twoClinics(
  app: pg.Pool,
  [ourLogin, theirLogin]: [string, string]
): Promise<{ ours: QueryStore; theirs: QueryStore }> {
  const [a, b] = [await newClinic([ourLogin]), await newClinic([theirLogin])]
  return {
    ours: postgresStore(app, { clinicId: a.clinic, accountId: a.accounts[0]! }),
    theirs: postgresStore(app, { clinicId: b.clinic, accountId: b.accounts[0]! })
  }
}
