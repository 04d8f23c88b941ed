/**
 * `clinic-server init`: from a PostgreSQL superuser's connection string to a
 * clinic server ready to start. Creates the roles and the database, runs the
 * migrations as the owner, adds the clinic and its first administrator, and
 * writes the server's folder: its self-signed certificate and key, and the
 * connection strings for the app and owner roles (owner-only files).
 */
import { randomBytes } from 'node:crypto'
import { existsSync, writeFileSync } from 'node:fs'
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

/** The files init writes; `server.json` holds the role passwords, like the key, for the owner only. */
export const serverFiles = { settings: 'server.json', cert: 'cert.pem', key: 'key.pem' }

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

export async function initClinicServer(input: InitOptions): Promise<InitReport> {
  const options = initOptions.parse(input)
  const { folder } = options
  // a folder already in use may hold the key desktops have pinned: never replace it
  const taken = Object.values(serverFiles).filter((file) => existsSync(join(folder, file)))
  if (taken.length > 0) {
    throw new AppError(
      'conflict',
      `${folder} already holds a clinic server's ${taken.join(', ')}. Nothing was changed; choose another folder.`
    )
  }
  const passwordHash = await hashPassword(options.admin.password)
  const passwords = {
    owner: randomBytes(24).toString('base64url'),
    app: randomBytes(24).toString('base64url')
  }
  const ownerUrl = roleUrl(
    options.superuserUrl,
    'physioplan_owner',
    passwords.owner,
    options.database
  )
  await connected(options.superuserUrl, async (superuser) => {
    // all four or none: roles that already exist mean this cluster already has a clinic server
    await superuser.query('BEGIN')
    await createClinicRoles(superuser, passwords).catch((error: unknown) => {
      if ((error as { code?: string }).code !== '42710') throw error
      throw new AppError(
        'conflict',
        'This PostgreSQL server already has the physioplan roles: a clinic server was set up on it before. Nothing was changed.'
      )
    })
    await superuser.query('COMMIT')
  })
  let made: { clinicId: number; adminId: number }
  try {
    await connected(options.superuserUrl, (superuser) =>
      createClinicDatabase(superuser, options.database)
    )
    made = await connected(ownerUrl, (owner) => addClinic(owner, options, passwordHash))
  } catch (error) {
    // CREATE DATABASE can't share a transaction with the rest: undone by hand
    await connected(options.superuserUrl, async (superuser) => {
      await superuser.query(
        `DROP DATABASE IF EXISTS ${superuser.escapeIdentifier(options.database)}`
      )
      await superuser.query(
        'DROP ROLE physioplan_owner, physioplan_app, physioplan_search, physioplan_sign_in'
      )
    })
    throw error
  }
  const certificate = await makeServerCertificate(options.names)
  makePrivateFolder(folder)
  const write = (file: string, text: string, mode: number) =>
    writeFileSync(join(folder, file), text, { mode, flag: 'wx' })
  write(serverFiles.key, certificate.key, privateFileMode)
  write(serverFiles.cert, certificate.cert, 0o644)
  const settings = {
    database: roleUrl(options.superuserUrl, 'physioplan_app', passwords.app, options.database),
    migrations: ownerUrl
  }
  write(serverFiles.settings, `${JSON.stringify(settings, null, 2)}\n`, privateFileMode)
  return { folder, fingerprint: certificate.fingerprint, ...made }
}
