/**
 * What PostgreSQL itself guarantees, whatever the server's code does: every
 * clinic-owned table is under row-level security, and clinic A can't read,
 * change, move into or plant rows in clinic B's, nor see anything in a
 * transaction that names no clinic, checked on every such table.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { inScope, pool, rowsOf } from './clinic-db'
import { fillClinic } from './fixture'

const app = pool('physioplan_app')
const superuser = pool('postgres')
afterAll(async () => {
  await app.end()
  await superuser.end()
})

const { clinics, users } = inject('clinic')
const asAlex = { clinic: clinics.a, user: users.alex }
const asBo = { clinic: clinics.b, user: users.bo }

/** Every table in the schema, whether it has a clinic_id, and its row-level security flags. */
const tables = await rowsOf<{ name: string; owned: boolean; enabled: boolean; forced: boolean }>(
  superuser,
  null,
  `SELECT c.relname AS name, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
     EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'clinic_id'
       AND NOT a.attisdropped) AS owned
   FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
   ORDER BY 1`
)
const clinicTables = tables.filter((table) => table.owned).map((table) => table.name)

beforeAll(async () => {
  await inScope(app, asAlex, (client) => fillClinic(client, 'Ann of A'))
  await inScope(app, asBo, (client) => fillClinic(client, 'Bo of B'))
})

describe('the schema', () => {
  it('puts row-level security, enabled and forced, on every table with a clinic_id', async () => {
    // the tables that belong to no clinic, on purpose; a new one must be added here knowingly
    expect(tables.filter((table) => !table.owned).map((table) => table.name)).toEqual([
      'clinics',
      'schema_migrations',
      'sign_in_failures'
    ])
    expect(clinicTables.length).toBeGreaterThanOrEqual(18)
    for (const table of tables.filter((each) => each.owned)) {
      expect({ table: table.name, enabled: table.enabled, forced: table.forced }).toEqual({
        table: table.name,
        enabled: true,
        forced: true
      })
    }
    const policies = await rowsOf<{ table: string; qual: string | null; check: string | null }>(
      superuser,
      null,
      `SELECT tablename AS table, qual, with_check AS check FROM pg_policies WHERE schemaname = 'public'`
    )
    for (const table of clinicTables) {
      const own = policies.filter((policy) => policy.table === table)
      expect(own.length, `policies on ${table}`).toBeGreaterThan(0)
      for (const expression of own.flatMap((policy) => [policy.qual, policy.check])) {
        // the (SELECT ...) form: the clinic is computed once and can be an index key
        if (expression !== null) {
          expect(expression, table).toMatch(/\(clinic_id = \( SELECT physioplan_clinic\(\)/)
        }
      }
    }
    const defaults = await rowsOf<{ table: string; default: string | null }>(
      superuser,
      null,
      `SELECT table_name AS table, column_default AS default FROM information_schema.columns
       WHERE table_schema = 'public' AND column_name = 'clinic_id'`
    )
    expect(new Set(defaults.map((column) => column.default))).toEqual(
      new Set(['physioplan_clinic()'])
    )
  })

  it('leads every index of a clinic table with clinic_id, but for the listed lookups', async () => {
    const indexes = await rowsOf<{ table: string; index: string; first: string }>(
      superuser,
      null,
      `SELECT t.relname AS table, i.relname AS index, a.attname AS first
       FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = x.indkey[0]
       WHERE t.relnamespace = 'public'::regnamespace AND NOT x.indisprimary`
    )
    const elsewhere = indexes
      .filter((index) => clinicTables.includes(index.table) && index.first !== 'clinic_id')
      .map((index) => index.index)
      .sort()
    expect(elsewhere).toEqual([
      // sign-in and sessions are looked up before a clinic is known
      'accounts_by_login',
      // searched through the definer functions, which filter by clinic themselves
      'exercises_search',
      'patients_search',
      'sessions_token_hash_key'
    ])
  })
})

describe('row-level security', () => {
  const count = async (scope: typeof asAlex | null, table: string, where = 'true') =>
    (
      await rowsOf<{ n: number }>(app, scope, `SELECT count(*) AS n FROM ${table} WHERE ${where}`)
    )[0]!.n

  it('shows clinic A only its own rows, and a transaction that names no clinic nothing, on every table', async () => {
    for (const table of clinicTables) {
      expect(await count(asAlex, table), `${table} as A`).toBeGreaterThan(0)
      expect(await count(asAlex, table, `clinic_id <> ${clinics.a}`), `${table} as A`).toBe(0)
      expect(await count(null, table), `${table} unscoped`).toBe(0)
      // the rows are there: the superuser sees B's
      const [b] = await rowsOf<{ n: number }>(
        superuser,
        null,
        `SELECT count(*) AS n FROM ${table} WHERE clinic_id = ${clinics.b}`
      )
      expect(b!.n, `${table}: B's rows`).toBeGreaterThan(0)
    }
  })

  it("keeps clinic A from changing, deleting or taking over clinic B's rows, on every table", async () => {
    // append-only: the app may not update or delete them at all (audit_log, 005's sync tables)
    const appendOnly = ['applied_writes', 'audit_log', 'sync_tombstones']
    for (const table of clinicTables.filter((name) => !appendOnly.includes(name))) {
      const changed = await inScope(app, asAlex, (client) =>
        client.query(`UPDATE ${table} SET clinic_id = clinic_id WHERE clinic_id = ${clinics.b}`)
      )
      expect(changed.rowCount, `${table}: update`).toBe(0)
      const deleting = inScope(app, asAlex, (client) =>
        client.query(`DELETE FROM ${table} WHERE clinic_id = ${clinics.b}`)
      )
      if (table === 'accounts') {
        // accounts are disabled, never deleted (the audit trail names them)
        await expect(deleting).rejects.toThrow(/permission denied for table accounts/)
      } else {
        expect((await deleting).rowCount, `${table}: delete`).toBe(0)
      }
      await expect(
        inScope(app, asAlex, (client) =>
          client.query(`UPDATE ${table} SET clinic_id = ${clinics.b}`)
        ),
        `${table}: moving A's rows to B`
      ).rejects.toThrow(/new row violates row-level security policy/)
    }
    expect(await count(asBo, 'patients')).toBeGreaterThan(0)
  })

  it("refuses clinic A a row planted with clinic B's id, on every table", async () => {
    for (const table of clinicTables) {
      // one of B's rows, as the superuser reads it, offered back by A
      const columns = await rowsOf<{ name: string }>(
        superuser,
        null,
        `SELECT column_name AS name FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name = $1 AND is_generated = 'NEVER'`,
        [table]
      )
      const list = columns.map((column) => `"${column.name}"`).join(', ')
      const [row] = await rowsOf<{ row: object }>(
        superuser,
        null,
        `SELECT to_jsonb(t) AS row FROM ${table} t WHERE clinic_id = ${clinics.b} LIMIT 1`
      )
      await expect(
        inScope(app, asAlex, (client) =>
          client.query(
            `INSERT INTO ${table} (${list}) SELECT ${list} FROM jsonb_populate_record(NULL::${table}, $1)`,
            [row!.row]
          )
        ),
        table
      ).rejects.toThrow(/new row violates row-level security policy/)
    }
  })

  it("refuses a link from clinic A's rows to clinic B's, though foreign keys ignore the policies", async () => {
    const [bExercise] = await rowsOf<{ id: number }>(
      superuser,
      null,
      `SELECT id FROM exercises WHERE clinic_id = ${clinics.b} LIMIT 1`
    )
    const [aVersion] = await rowsOf<{ id: number }>(
      app,
      asAlex,
      'SELECT id FROM program_versions LIMIT 1'
    )
    await expect(
      inScope(app, asAlex, (client) =>
        client.query(
          'INSERT INTO program_items (version_id, position, exercise_id) VALUES ($1, 9, $2)',
          [aVersion!.id, bExercise!.id]
        )
      )
    ).rejects.toThrow(/violates foreign key constraint/)
  })

  it('shows the app its own clinic only', async () => {
    expect(await rowsOf(app, asAlex, 'SELECT name FROM clinics')).toEqual([{ name: 'Clinic A' }])
    expect(await rowsOf(app, null, 'SELECT name FROM clinics')).toEqual([])
  })
})

describe('the functions that look past the policies', () => {
  it('keeps patient search to the transaction’s clinic', async () => {
    const ids = (scope: typeof asAlex | null) =>
      rowsOf<{ id: number }>(
        app,
        scope,
        "SELECT unnest(physioplan_patients_matching('%', 1000000)) AS id"
      )
    const own = await rowsOf<{ id: number }>(app, asBo, 'SELECT id FROM patients')
    expect((await ids(asBo)).map((row) => row.id).sort()).toEqual(own.map((row) => row.id).sort())
    expect(await ids(null)).toEqual([])
    const alexSees = (await ids(asAlex)).map((row) => row.id)
    expect(alexSees.some((id) => own.some((row) => row.id === id))).toBe(false)
  })

  it('finds the account a login names and the account of a live session, before any clinic is set', async () => {
    expect(await rowsOf(app, null, 'SELECT id FROM accounts')).toEqual([])
    expect(
      await rowsOf(
        app,
        null,
        "SELECT id, clinic_id, disabled FROM physioplan_account_for_sign_in('ALEX')"
      )
    ).toEqual([{ id: users.alex, clinic_id: clinics.a, disabled: false }])
    expect(
      await rowsOf(app, null, "SELECT id FROM physioplan_account_for_sign_in('nobody')")
    ).toEqual([])
    const token = Buffer.alloc(32, 7)
    const expired = Buffer.alloc(32, 8)
    await inScope(app, asBo, (client) =>
      client.query(
        `INSERT INTO sessions (account_id, token_hash, expires_at)
         VALUES ($1, $2, now() + interval '1 hour'), ($1, $3, now() - interval '1 second')`,
        [users.bo, token, expired]
      )
    )
    const session = (hash: Buffer) =>
      rowsOf(app, null, 'SELECT clinic_id, account_id, role FROM physioplan_session($1)', [hash])
    expect(await session(token)).toEqual([
      { clinic_id: clinics.b, account_id: users.bo, role: 'therapist' }
    ])
    expect(await session(expired)).toEqual([])
    // a disabled account's sessions end with it
    await rowsOf(app, asBo, 'UPDATE accounts SET disabled = true WHERE id = $1', [users.bo])
    expect(await session(token)).toEqual([])
    await rowsOf(app, asBo, 'UPDATE accounts SET disabled = false WHERE id = $1', [users.bo])
  })
})

describe('the app role', () => {
  it('is no superuser, can’t bypass the policies, owns nothing and can’t truncate', async () => {
    const [role] = await rowsOf(
      app,
      null,
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb,
         (SELECT count(*) FROM pg_class WHERE relowner = r.oid) AS relations,
         (SELECT count(*) FROM pg_proc WHERE proowner = r.oid) AS functions,
         (SELECT count(*) FROM pg_namespace WHERE nspowner = r.oid) AS schemas,
         (SELECT count(*) FROM pg_database WHERE datdba = r.oid) AS databases,
         (SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
            AND has_table_privilege(r.oid, c.oid, 'TRUNCATE')) AS truncatable,
         has_schema_privilege(r.oid, 'public', 'CREATE') AS creates
       FROM pg_roles r WHERE rolname = current_user`
    )
    expect(role).toEqual({
      rolsuper: false,
      rolbypassrls: false,
      rolcreaterole: false,
      rolcreatedb: false,
      relations: 0,
      functions: 0,
      schemas: 0,
      databases: 0,
      truncatable: 0,
      creates: false
    })
  })
})

describe('the definer roles', () => {
  it('may create nothing in the schema their functions live in', async () => {
    const roles = await rowsOf<{ name: string; creates: boolean }>(
      superuser,
      null,
      `SELECT rolname AS name, has_schema_privilege(oid, 'public', 'CREATE') AS creates
       FROM pg_roles WHERE rolname IN ('physioplan_search', 'physioplan_sign_in') ORDER BY 1`
    )
    expect(roles).toEqual([
      { name: 'physioplan_search', creates: false },
      { name: 'physioplan_sign_in', creates: false }
    ])
  })
})

describe('the audit trail', () => {
  it('takes new rows but refuses to change or delete them, and who did it comes from the session', async () => {
    const before = await rowsOf(
      app,
      asAlex,
      'SELECT id, user_id, action FROM audit_log ORDER BY id'
    )
    expect(before.length).toBeGreaterThan(0)
    expect(before.every((row) => (row as { user_id: number }).user_id === users.alex)).toBe(true)
    for (const statement of [
      "UPDATE audit_log SET action = 'update'",
      'DELETE FROM audit_log',
      'TRUNCATE audit_log'
    ]) {
      await expect(rowsOf(app, asAlex, statement), statement).rejects.toThrow(
        /permission denied for table audit_log/
      )
    }
    // Alex can't write a row in Sam's name
    await expect(
      rowsOf(
        app,
        asAlex,
        `INSERT INTO audit_log (user_id, at, entity, entity_id, action) VALUES ($1, 'now', 'patient', 1, 'update')`,
        [users.sam]
      )
    ).rejects.toThrow(/new row violates row-level security policy/)
    expect(
      await rowsOf(app, asAlex, 'SELECT id, user_id, action FROM audit_log ORDER BY id')
    ).toEqual(before)
  })
})
