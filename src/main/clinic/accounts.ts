/**
 * Accounts and sessions of the clinic server (issue 17, plan §4). Signing
 * in checks the password with scrypt (the same work for a login that
 * doesn't exist) and hands out a random 32-byte bearer token, kept only as
 * its SHA-256; a session ends 12 hours after its last use and 7 days after
 * it began, and when its account is disabled or its password reset. Five
 * wrong passwords in a row, per login and per address (an IPv6 client's
 * /64), make the next try wait 1 s, then 2, 4 … up to 15 minutes; the
 * counters live in PostgreSQL (sign_in_failures), so every server process
 * sees them. Only an administrator adds, disables and resets accounts.
 * Every function takes the time (`now`) so tests move the clock instead of
 * sleeping.
 */
import { createHash, randomBytes } from 'node:crypto'
import { isIPv4, isIPv6 } from 'node:net'
import type pg from 'pg'
import { z } from 'zod'
import { accountRules, type ClinicAccount } from '@shared/clinic-server'
import { AppError } from '@shared/errors'
import { hashPassword, noAccountHash, scryptCost, verifyPassword } from './passwords'
import { inTransaction, type Scope } from './pg-store'

export const sessionLimits = { idleHours: 12, absoluteDays: 7 }
export const throttle = { freeFailures: 5, maxDelaySeconds: 15 * 60, forgetAfterHours: 1 }

export type Role = 'administrator' | 'therapist'

/** Who a live session acts for: the store's scope, and what the administrator checks need. */
export interface Session extends Scope {
  role: Role
}

export interface SignedIn {
  /** the bearer token: shown to the desktop once, never stored */
  token: string
  expiresAt: string
  account: { login: string; displayName: string; role: Role }
  clinic: { name: string }
}

/**
 * Why a sign-in or a call was refused; `status` is the HTTP answer. The
 * message never says whether the login exists.
 */
export class SignInRefused extends AppError {
  constructor(
    message: string,
    readonly status: 401 | 429,
    readonly retryAfterSeconds = 0
  ) {
    super('forbidden', message)
    this.name = 'SignInRefused'
  }
}

const wrongPassword = 'The login or the password is wrong.'
const sessionOver = 'Your session has ended: sign in again.'

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest()
const loginKey = (login: string) => sha256(`login:${login.trim().toLowerCase()}`)
const addressKey = (address: string) => sha256(`address:${throttledAddress(address)}`)

/**
 * Whom an address's counter counts: an IPv6 client by its /64, the block one
 * machine rotates its privacy addresses in (a counter per address would let
 * it try without end); an IPv4 client by its address, also when it comes
 * through a dual-stack socket as ::ffff:a.b.c.d. Anything else as given.
 */
export function throttledAddress(address: string): string {
  const bare = address.replace(/%.*$/, '').toLowerCase()
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(bare)
  if (mapped) return mapped[1]!
  if (isIPv4(bare) || !isIPv6(bare)) return bare
  // an embedded IPv4 tail is two groups; its first 64 bits are before it
  const [head = '', tail = ''] = bare.replace(/(?:\d{1,3}\.){3}\d{1,3}$/, '0:0').split('::')
  const groups = (part: string) => (part === '' ? [] : part.split(':'))
  const [before, after] = [groups(head), groups(tail)]
  const zeros = Array<string>(8 - before.length - after.length).fill('0')
  const full = bare.includes('::') ? [...before, ...zeros, ...after] : before
  return `${full
    .slice(0, 4)
    .map((group) => parseInt(group, 16).toString(16))
    .join(':')}::/64`
}

/**
 * Counts an attempt against `key` before the password is checked (so tries
 * sent at once can't all slip through before the first is counted), unless
 * the key is waiting: then the seconds left. A counter left alone for an hour
 * starts again.
 */
async function claimAttempt(client: pg.ClientBase, key: Buffer, now: Date): Promise<number> {
  const { rows } = await client.query<{ failures: number; last: Date }>(
    'SELECT failures, last_failed_at AS last FROM sign_in_failures WHERE key_hash = $1 FOR UPDATE',
    [key]
  )
  const row = rows[0]
  const fresh = row && now.getTime() - row.last.getTime() < throttle.forgetAfterHours * 3600_000
  if (fresh && row.failures >= throttle.freeFailures) {
    const delay = Math.min(throttle.maxDelaySeconds, 2 ** (row.failures - throttle.freeFailures))
    const wait = Math.ceil((row.last.getTime() + delay * 1000 - now.getTime()) / 1000)
    if (wait > 0) return wait
  }
  await client.query(
    `INSERT INTO sign_in_failures (key_hash, failures, last_failed_at) VALUES ($1, $2, $3)
     ON CONFLICT (key_hash) DO UPDATE SET failures = EXCLUDED.failures, last_failed_at = EXCLUDED.last_failed_at`,
    [key, fresh ? row.failures + 1 : 1, now]
  )
  return 0
}

/** A right password: the login's run of failures ends, and the address's claimed try is given back. */
async function forgiveAttempt(client: pg.ClientBase, login: Buffer, address: Buffer) {
  await client.query('DELETE FROM sign_in_failures WHERE key_hash = $1', [login])
  await client.query(
    'UPDATE sign_in_failures SET failures = failures - 1 WHERE key_hash = $1 AND failures > 1',
    [address]
  )
  await client.query('DELETE FROM sign_in_failures WHERE key_hash = $1 AND failures = 1', [address])
}

function expiry(now: Date): Date {
  return new Date(now.getTime() + sessionLimits.idleHours * 3600_000)
}

export async function signIn(
  pool: pg.Pool,
  attempt: { login: string; password: string; address: string },
  now = new Date()
): Promise<SignedIn> {
  const keys = { login: loginKey(attempt.login), address: addressKey(attempt.address) }
  await inTransaction(pool, null, async (client) => {
    // both counted or neither (the refusal rolls back): a waiting address doesn't spend the login's tries
    const wait =
      (await claimAttempt(client, keys.login, now)) ||
      (await claimAttempt(client, keys.address, now))
    if (wait > 0) {
      const seconds = `${wait} second${wait === 1 ? '' : 's'}`
      throw new SignInRefused(`Too many wrong passwords: try again in ${seconds}.`, 429, wait)
    }
  })
  const { rows } = await pool.query<{
    id: number
    clinic_id: number
    role: Role
    password_hash: string
    disabled: boolean
  }>('SELECT * FROM physioplan_account_for_sign_in($1)', [attempt.login.trim()])
  const account = rows[0]
  const right = await verifyPassword(attempt.password, account?.password_hash ?? noAccountHash)
  if (!account || !right) throw new SignInRefused(wrongPassword, 401)
  await inTransaction(pool, null, (client) => forgiveAttempt(client, keys.login, keys.address))
  if (account.disabled) {
    throw new SignInRefused('This account is disabled: ask your clinic’s administrator.', 401)
  }
  const token = randomBytes(32).toString('base64url')
  const scope = { clinicId: account.clinic_id, accountId: account.id }
  return inTransaction(pool, scope, async (client) => {
    // the account's ended sessions go as it starts a new one
    await client.query('DELETE FROM sessions WHERE account_id = $1 AND expires_at <= $2', [
      account.id,
      now
    ])
    await client.query(
      `INSERT INTO sessions (account_id, token_hash, created_at, last_used_at, expires_at)
       VALUES ($1, $2, $3, $3, $4)`,
      [account.id, sha256(token), now, expiry(now)]
    )
    const { rows: about } = await client.query<{ login: string; name: string; clinic: string }>(
      `SELECT a.login, a.display_name AS name, c.name AS clinic
       FROM accounts a JOIN clinics c ON c.id = a.clinic_id WHERE a.id = $1`,
      [account.id]
    )
    const { login, name, clinic } = about[0]!
    return {
      token,
      expiresAt: expiry(now).toISOString(),
      account: { login, displayName: name, role: account.role },
      clinic: { name: clinic }
    }
  })
}

/**
 * The live session a bearer token names, its idle expiry moved on (at most
 * once a minute, so a busy desktop doesn't write on every call); refused
 * when it ended, its account was disabled, or the token is unknown.
 */
export async function sessionFor(pool: pg.Pool, token: string, now = new Date()): Promise<Session> {
  const hash = sha256(token)
  const { rows } = await pool.query<{
    clinic_id: number
    account_id: number
    role: Role
    expires_at: Date
  }>('SELECT * FROM physioplan_session($1)', [hash])
  const found = rows[0]
  if (!found || found.expires_at <= now) throw new SignInRefused(sessionOver, 401)
  const session = { clinicId: found.clinic_id, accountId: found.account_id, role: found.role }
  if (found.expires_at.getTime() < expiry(now).getTime() - 60_000) {
    await inTransaction(pool, session, (client) =>
      client.query(
        `UPDATE sessions SET last_used_at = $2,
           expires_at = least(created_at + make_interval(days => $3), $4)
         WHERE token_hash = $1`,
        [hash, now, sessionLimits.absoluteDays, expiry(now)]
      )
    )
  }
  return session
}

export async function signOut(pool: pg.Pool, session: Session, token: string): Promise<void> {
  await inTransaction(pool, session, (client) =>
    client.query('DELETE FROM sessions WHERE token_hash = $1', [sha256(token)])
  )
}

const text = z.string().trim().min(1).max(accountRules.textMax)
export const newAccount = z.object({
  login: text,
  displayName: text,
  role: z.enum(['administrator', 'therapist']),
  password: z
    .string()
    .min(accountRules.passwordMin, `at least ${accountRules.passwordMin} characters`)
    .max(accountRules.passwordMax)
})

/** `input` as `schema` reads it, or the first problem as a sentence. */
function valid<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const issue = parsed.error.issues[0]!
  throw new AppError('invalid_input', `${issue.path.join('.') || 'value'}: ${issue.message}`)
}

function administrator(session: Session): Session {
  if (session.role !== 'administrator') {
    throw new AppError('forbidden', 'Only an administrator of the clinic can manage accounts.')
  }
  return session
}

/** The account a login names in the administrator's clinic (row-level security sees no other). */
async function accountId(client: pg.ClientBase, login: string): Promise<number> {
  const { rows } = await client.query<{ id: number }>(
    'SELECT id FROM accounts WHERE lower(login) = lower($1)',
    [login.trim()]
  )
  if (!rows[0]) throw new AppError('not_found', `This clinic has no account "${login.trim()}".`)
  return rows[0].id
}

export async function addAccount(
  pool: pg.Pool,
  session: Session,
  input: z.input<typeof newAccount>,
  cost = scryptCost
): Promise<number> {
  administrator(session)
  const account = valid(newAccount, input)
  const hash = await hashPassword(account.password, cost)
  return inTransaction(pool, session, async (client) => {
    try {
      const { rows } = await client.query<{ id: number }>(
        `INSERT INTO accounts (login, display_name, role, password_hash) VALUES ($1, $2, $3, $4) RETURNING id`,
        [account.login, account.displayName, account.role, hash]
      )
      return rows[0]!.id
    } catch (error) {
      if ((error as { code?: string }).code !== '23505') throw error
      throw new AppError('conflict', `The login "${account.login}" is taken: choose another.`)
    }
  })
}

/** The administrator's clinic's accounts (row-level security shows no other), by name. */
export async function listAccounts(pool: pg.Pool, session: Session): Promise<ClinicAccount[]> {
  administrator(session)
  return inTransaction(pool, session, async (client) => {
    const { rows } = await client.query<ClinicAccount>(
      `SELECT a.login, a.display_name AS "displayName", a.role, a.disabled,
         (SELECT count(*)::int FROM sessions s WHERE s.account_id = a.id AND s.expires_at > now())
           AS sessions
       FROM accounts a ORDER BY lower(a.display_name), lower(a.login)`
    )
    return rows
  })
}

/**
 * Disables an account and ends its sessions at once; its name stays in the
 * audit trail. The clinic keeps an administrator: the enabled ones are
 * locked first, so two administrators disabling each other at once can't
 * leave none (the second sees the first's change and is refused).
 */
export async function disableAccount(pool: pg.Pool, session: Session, login: string) {
  administrator(session)
  await inTransaction(pool, session, async (client) => {
    const id = await accountId(client, login)
    if (id === session.accountId) {
      throw new AppError(
        'conflict',
        'You can’t disable your own account: ask another administrator.'
      )
    }
    const { rows: administrators } = await client.query<{ id: number }>(
      "SELECT id FROM accounts WHERE role = 'administrator' AND NOT disabled ORDER BY id FOR UPDATE"
    )
    if (administrators.length === 1 && administrators[0]!.id === id) {
      throw new AppError('conflict', 'This is the clinic’s last administrator: it stays enabled.')
    }
    await client.query(
      'UPDATE accounts SET disabled = true, version = version + 1, updated_at = now() WHERE id = $1',
      [id]
    )
    await client.query('DELETE FROM sessions WHERE account_id = $1', [id])
  })
}

/** Lets a disabled account sign in again (with the password it had, or a reset one). */
export async function enableAccount(pool: pg.Pool, session: Session, login: string) {
  administrator(session)
  await inTransaction(pool, session, async (client) => {
    const id = await accountId(client, login)
    await client.query(
      `UPDATE accounts SET disabled = false, version = version + 1, updated_at = now()
       WHERE id = $1 AND disabled`,
      [id]
    )
  })
}

/** A new password for an account: its sessions end, and its run of wrong passwords is forgotten. */
export async function resetPassword(
  pool: pg.Pool,
  session: Session,
  login: string,
  password: string,
  cost = scryptCost
) {
  administrator(session)
  const checked = valid(newAccount.shape.password, password)
  const hash = await hashPassword(checked, cost)
  await inTransaction(pool, session, async (client) => {
    const id = await accountId(client, login)
    await client.query(
      `UPDATE accounts SET password_hash = $2, version = version + 1, updated_at = now()
       WHERE id = $1`,
      [id, hash]
    )
    await client.query('DELETE FROM sessions WHERE account_id = $1', [id])
    await client.query('DELETE FROM sign_in_failures WHERE key_hash = $1', [loginKey(login)])
  })
}
