/**
 * What a superuser does once per server before the migrations can run (for
 * `clinic-server init` and the tests): the roles and the database.
 * - physioplan_owner: owns the database and the schema, runs migrations;
 * - physioplan_app: the server's login; owns nothing, NOBYPASSRLS;
 * - physioplan_search, physioplan_sign_in: no login, BYPASSRLS, each owns the
 *   SECURITY DEFINER functions of migration 001 that may look past the
 *   policies, with column grants for nothing more.
 */
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto'
import type pg from 'pg'

export interface RolePasswords {
  owner: string
  app: string
}

/**
 * The SCRAM-SHA-256 verifier PostgreSQL stores for `password` (RFC 5802, as
 * psql's \password computes it), so the password itself never reaches the
 * server's statement log.
 */
export function scramVerifier(password: string, iterations = 4096): string {
  const salt = randomBytes(16)
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256')
  const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest()
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest()
  const serverKey = hmac(salted, 'Server Key')
  const b64 = (bytes: Buffer) => bytes.toString('base64')
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`
}

export async function createClinicRoles(superuser: pg.ClientBase, passwords: RolePasswords) {
  const literal = (password: string) => superuser.escapeLiteral(scramVerifier(password))
  await superuser.query(
    `CREATE ROLE physioplan_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal(passwords.owner)}`
  )
  await superuser.query(
    `CREATE ROLE physioplan_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${literal(passwords.app)}`
  )
  await superuser.query('CREATE ROLE physioplan_search NOLOGIN BYPASSRLS')
  await superuser.query('CREATE ROLE physioplan_sign_in NOLOGIN BYPASSRLS')
  // the owner hands migration 001's definer functions to them
  await superuser.query('GRANT physioplan_search, physioplan_sign_in TO physioplan_owner')
}

/**
 * A database owned by physioplan_owner, which only the clinic's roles may
 * connect to; its locale pinned, since `physioplan_fold`'s lower() follows
 * it (in the C locale Greek and Cyrillic names wouldn't fold).
 */
export async function createClinicDatabase(superuser: pg.ClientBase, name: string) {
  const database = superuser.escapeIdentifier(name)
  await superuser.query(
    `CREATE DATABASE ${database} OWNER physioplan_owner TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8'`
  )
  await superuser.query(`REVOKE ALL ON DATABASE ${database} FROM PUBLIC`)
  await superuser.query(`GRANT CONNECT ON DATABASE ${database} TO physioplan_app`)
}
