/**
 * `clinic-server init`: from a PostgreSQL superuser's connection string to a
 * clinic server ready to start. Creates the roles and the database, runs the
 * migrations as the owner, adds the clinic and its first administrator with
 * the built-in library, templates and advice a new solo app has, and
 * writes the server's folder: its self-signed certificate and key, the app
 * role's connection string the server reads (server.json) and, apart, the
 * owner's, for migrations only (owner.json): files only their owner reads.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { z } from 'zod'
import { AppError } from '@shared/errors'
import { makePrivateFolder, privateFileMode } from '../core/file-modes'
import { makeServerCertificate } from './certificate'
import { hashPassword } from './passwords'
import { migrateClinic } from './pg-migrate'
import { clinicTypes } from './pg-types'
import { createClinicDatabase, createClinicRoles } from './roles'
import { seedNewClinic } from './seed-clinic'

const name = z.string().trim().min(1).max(200)

export const initOptions = z.object({
  superuserUrl: z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// connection string'),
  database: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/, 'lower-case letters, digits and _'),
  clinicName: name,
  admin: z.object({
    login: name,
    displayName: name,
    password: z.string().min(12, 'at least 12 characters').max(1000)
  }),
  names: z.object({ dns: z.array(z.string().min(1)), ips: z.array(z.ipv4().or(z.ipv6())) }),
  folder: z.string().min(1)
})

export type InitOptions = z.input<typeof initOptions>

export interface InitReport {
  folder: string
  fingerprint: string
  clinicId: number
  adminId: number
}

/**
 * The files init writes. The server reads `server.json` (the app role's
 * password); `owner.json` holds the owner role's, which can turn row-level
 * security off: only `clinic-server migrate` reads it, and an administrator
 * may move it off the machine. Like the key, both are for the owner only.
 */
export const serverFiles = {
  settings: 'server.json',
  owner: 'owner.json',
  cert: 'cert.pem',
  key: 'key.pem'
}

/** `work` on a connection of its own, closed after it. */
export async function connected<T>(
  url: string,
  work: (client: pg.Client) => Promise<T>
): Promise<T> {
  const client = new pg.Client({ connectionString: url, types: clinicTypes })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

function roleUrl(superuserUrl: string, role: string, password: string, database: string) {
  const url = new URL(superuserUrl)
  url.username = role
  url.password = password
  url.pathname = `/${database}`
  return url.toString()
}

/** The migrated schema, the clinic and its first administrator, as the owner. */
async function addClinic(
  owner: pg.Client,
  options: z.output<typeof initOptions>,
  passwordHash: string
) {
  await migrateClinic(owner)
  await owner.query('BEGIN')
  const clinic = await owner.query<{ id: number }>(
    'INSERT INTO clinics (name) VALUES ($1) RETURNING id',
    [options.clinicName]
  )
  const clinicId = clinic.rows[0]!.id
  // the tables are under forced row-level security, the owner's session too
  await owner.query("SELECT set_config('physioplan.clinic_id', $1, true)", [String(clinicId)])
  const admin = await owner.query<{ id: number }>(
    `INSERT INTO accounts (login, display_name, role, password_hash)
     VALUES ($1, $2, 'administrator', $3) RETURNING id`,
    [options.admin.login, options.admin.displayName, passwordHash]
  )
  await owner.query('COMMIT')
  return { clinicId, adminId: admin.rows[0]!.id }
}

/** The options, or every problem with them as "field: message" sentences (zod's own message is JSON). */
function validOptions(input: InitOptions): z.output<typeof initOptions> {
  const parsed = initOptions.safeParse(input)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`
  )
  throw new AppError('invalid_input', `${problems.join('; ')}. Nothing was changed.`)
}

/** Undoes what init made in PostgreSQL; a failure here is told, never put in the first one's place. */
async function undo(superuserUrl: string, database: string | null): Promise<void> {
  try {
    await connected(superuserUrl, async (superuser) => {
      if (database !== null) {
        await superuser.query(`DROP DATABASE IF EXISTS ${superuser.escapeIdentifier(database)}`)
      }
      await superuser.query(
        'DROP ROLE physioplan_owner, physioplan_app, physioplan_search, physioplan_sign_in'
      )
    })
  } catch (error) {
    console.error(
      `Undoing the setup failed too (${(error as Error).message}): drop the database and the ` +
        'physioplan_* roles by hand before running init again.'
    )
  }
}

const rolesTaken =
  'This PostgreSQL server already has the physioplan roles: a clinic server was set up on it before. Nothing was changed.'

/**
 * Refuses a cluster that already has the clinic roles, or a database of that
 * name (it may be a clinic's restored dump: never created over, never dropped).
 */
async function refuseTaken(superuser: pg.Client, database: string): Promise<void> {
  const { rows } = await superuser.query<{ roles: string; named: boolean }>(
    `SELECT (SELECT count(*) FROM pg_roles WHERE rolname LIKE 'physioplan\\_%') AS roles,
            EXISTS (SELECT 1 FROM pg_database WHERE datname = $1) AS named`,
    [database]
  )
  if (Number(rows[0]!.roles) > 0) throw new AppError('conflict', rolesTaken)
  if (rows[0]!.named) {
    throw new AppError(
      'conflict',
      `This PostgreSQL server already has a database named ${database}. Nothing was changed; choose another name with --name.`
    )
  }
}

export async function initClinicServer(input: InitOptions): Promise<InitReport> {
  const options = validOptions(input)
  const { folder, database } = options
  // a folder already in use may hold the key desktops have pinned: never replace it
  const taken = Object.values(serverFiles).filter((file) => existsSync(join(folder, file)))
  if (taken.length > 0) {
    throw new AppError(
      'conflict',
      `${folder} already holds a clinic server's ${taken.join(', ')}. Nothing was changed; choose another folder.`
    )
  }
  await connected(options.superuserUrl, (superuser) => refuseTaken(superuser, database))
  // what can fail without PostgreSQL fails before anything is made in it: nothing there to undo
  makePrivateFolder(folder)
  const certificate = await makeServerCertificate(options.names)
  const passwordHash = await hashPassword(options.admin.password)
  const passwords = {
    owner: randomBytes(24).toString('base64url'),
    app: randomBytes(24).toString('base64url')
  }
  const ownerUrl = roleUrl(options.superuserUrl, 'physioplan_owner', passwords.owner, database)
  await connected(options.superuserUrl, async (superuser) => {
    // all four or none; one made meanwhile by another init fails this one
    await superuser.query('BEGIN')
    await createClinicRoles(superuser, passwords).catch((error: unknown) => {
      if ((error as { code?: string }).code !== '42710') throw error
      throw new AppError('conflict', rolesTaken)
    })
    await superuser.query('COMMIT')
  })
  let databaseMade: string | null = null
  const written: string[] = []
  try {
    await connected(options.superuserUrl, (superuser) => createClinicDatabase(superuser, database))
    databaseMade = database
    const appUrl = roleUrl(options.superuserUrl, 'physioplan_app', passwords.app, database)
    const made = await connected(ownerUrl, async (owner) => {
      const clinic = await addClinic(owner, options, passwordHash)
      await seedNewClinic(owner, appUrl, { clinicId: clinic.clinicId, accountId: clinic.adminId })
      return clinic
    })
    const write = (file: string, text: string, mode: number) => {
      writeFileSync(join(folder, file), text, { mode, flag: 'wx' })
      written.push(file)
    }
    write(serverFiles.key, certificate.key, privateFileMode)
    write(serverFiles.cert, certificate.cert, 0o644)
    const json = (value: object) => `${JSON.stringify(value, null, 2)}\n`
    write(serverFiles.settings, json({ database: appUrl }), privateFileMode)
    write(serverFiles.owner, json({ migrations: ownerUrl }), privateFileMode)
    return { folder, fingerprint: certificate.fingerprint, ...made }
  } catch (error) {
    // CREATE DATABASE can't share a transaction with the rest: undone by hand, files too
    for (const file of written) rmSync(join(folder, file), { force: true })
    await undo(options.superuserUrl, databaseMade)
    throw error
  }
}
