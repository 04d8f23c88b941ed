/**
 * `npm run clinic-server -- accounts add|disable|reset LOGIN --as ADMIN`:
 * an administrator manages the clinic's accounts from the server's machine
 * (at a desktop: Settings → Accounts, over the same accounts.ts). The administrator signs in like
 * anywhere else (their password asked, throttled the same), so the command
 * can do nothing an administrator couldn't.
 */
import { parseArgs } from 'node:util'
import type pg from 'pg'
import {
  addAccount,
  disableAccount,
  resetPassword,
  sessionFor,
  signIn,
  signOut,
  type Role,
  type Session
} from './accounts'
import { ask, askPassword } from './prompt'
import { appPool, serverSettings } from './server-files'

export const accountsUsage = `  npm run clinic-server -- accounts add LOGIN --as ADMIN [--name NAME] [--role therapist|administrator]
  npm run clinic-server -- accounts disable LOGIN --as ADMIN
  npm run clinic-server -- accounts reset LOGIN --as ADMIN
    [--dir physioplan-clinic-server]; passwords are asked, or read from standard input`

export async function asAdministrator<T>(
  pool: pg.Pool,
  login: string,
  work: (session: Session) => Promise<T>
): Promise<T> {
  const password = await askPassword(`${login}’s password: `)
  const { token } = await signIn(pool, { login, password, address: 'clinic-server accounts' })
  const session = await sessionFor(pool, token)
  try {
    return await work(session)
  } finally {
    await signOut(pool, session, token)
  }
}

/** Runs the command; false when the arguments don't make one (the caller prints the usage). */
export async function runAccounts(argv: string[]): Promise<boolean> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      as: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string', default: 'therapist' },
      dir: { type: 'string', default: 'physioplan-clinic-server' }
    }
  })
  const [action, login] = positionals
  const admin = values.as
  if (!login || !admin || !['add', 'disable', 'reset'].includes(action ?? '')) return false
  const pool = appPool(serverSettings(values.dir).database, 2)
  try {
    await asAdministrator(pool, admin, async (session) => {
      if (action === 'disable') {
        await disableAccount(pool, session, login)
        return console.log(`${login} is disabled; their sessions have ended.`)
      }
      const password = await askPassword(`${login}’s new password (12 characters or more): `, true)
      if (action === 'reset') {
        await resetPassword(pool, session, login, password)
        return console.log(`${login} has a new password; their sessions have ended.`)
      }
      const displayName = values.name ?? (await ask('Their name, as colleagues see it: '))
      // addAccount checks it against the two roles
      const role = values.role as Role
      await addAccount(pool, session, { login, displayName, role, password })
      console.log(`${login} (${displayName}, ${role}) can sign in.`)
    })
  } finally {
    await pool.end()
  }
  return true
}
