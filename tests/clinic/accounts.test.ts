/**
 * Accounts and sessions (accounts.ts): sign-in, throttling, expiry and the
 * administrator's add / disable / reset, against the suite's cluster. The
 * clock is passed in; nothing sleeps. Test passwords use a cheap scrypt
 * cost (the stored hash carries it), an unknown login the real one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  addAccount,
  disableAccount,
  resetPassword,
  sessionFor,
  signIn,
  signOut,
  throttledAddress,
  type Session
} from '../../src/main/clinic/accounts'
import { hashPassword, scryptCost } from '../../src/main/clinic/passwords'
import { newClinic, pool, rowsOf } from './clinic-db'

const app = pool('physioplan_app')
const superuser = pool('postgres')
afterAll(async () => {
  await app.end()
  await superuser.end()
})

const cheap = { ...scryptCost, N: 2 ** 10 }
const password = 'correct horse battery'
// now, whole seconds: physioplan_session also checks expiry against PostgreSQL's own clock
const t0 = new Date(Math.ceil(Date.now() / 1000) * 1000)
const later = (hours: number, seconds = 0) =>
  new Date(t0.getTime() + hours * 3600_000 + seconds * 1000)

let clinic: Awaited<ReturnType<typeof newClinic>>
let admin: Session
let addressCount = 0
/** an address of the test's own, so the address counters of other tests don't meet it */
const address = () => `10.0.${Math.floor(++addressCount / 250)}.${addressCount % 250}`

beforeAll(async () => {
  clinic = await newClinic(['ada', 'tom', 'una', 'vic'], {
    administrator: true,
    passwordHash: await hashPassword(password, cheap)
  })
  admin = { clinicId: clinic.clinic, accountId: clinic.accounts[0]!, role: 'administrator' }
})

describe('signing in', () => {
  it('opens a session for the right password and says the same for a wrong one or an unknown login', async () => {
    const [, tom] = clinic.logins
    const signedIn = await signIn(app, { login: tom!, password, address: address() }, t0)
    expect(signedIn.token).toMatch(/^[\w-]{43}$/)
    expect(signedIn).toMatchObject({
      expiresAt: later(12).toISOString(),
      account: { login: tom, displayName: `Tom-${clinic.clinic}`, role: 'therapist' },
      clinic: { name: expect.stringMatching(/^Clinic /) }
    })
    expect(await sessionFor(app, signedIn.token, later(1))).toEqual({
      clinicId: clinic.clinic,
      accountId: clinic.accounts[1],
      role: 'therapist'
    })
    // only the token's hash is kept
    const stored = await rowsOf<{ token_hash: Buffer }>(
      superuser,
      null,
      'SELECT token_hash FROM sessions WHERE account_id = $1',
      [clinic.accounts[1]]
    )
    expect(stored.map((row) => row.token_hash.toString('base64url'))).not.toContain(signedIn.token)

    const wrong = signIn(app, { login: tom!, password: 'wrong horse', address: address() }, t0)
    await expect(wrong).rejects.toMatchObject({
      status: 401,
      message: 'The login or the password is wrong.'
    })
    const nobody = signIn(app, { login: 'nobody', password, address: address() }, t0)
    await expect(nobody).rejects.toMatchObject({
      status: 401,
      message: 'The login or the password is wrong.'
    })

    await signOut(app, await sessionFor(app, signedIn.token, t0), signedIn.token)
    await expect(sessionFor(app, signedIn.token, t0)).rejects.toMatchObject({ status: 401 })
    await expect(sessionFor(app, 'made-up-token', t0)).rejects.toMatchObject({ status: 401 })
  })

  it('slows a login down after five wrong passwords in a row, then lets the right one in', async () => {
    const [, , una] = clinic.logins
    const from = address()
    const attempt = (typed: string, at: Date, where = from) =>
      signIn(app, { login: una!, password: typed, address: where }, at)
    for (let i = 0; i < 5; i++) {
      await expect(attempt('wrong horse', t0)).rejects.toMatchObject({ status: 401 })
    }
    // the sixth waits a second, right password or not, from any address
    await expect(attempt(password, t0)).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 1,
      message: 'Too many wrong passwords: try again in 1 second.'
    })
    await expect(attempt(password, t0, address())).rejects.toMatchObject({ status: 429 })
    await expect(attempt('wrong horse', later(0, 1))).rejects.toMatchObject({ status: 401 })
    // the seventh waits two
    await expect(attempt(password, later(0, 2))).rejects.toMatchObject({
      status: 429,
      retryAfterSeconds: 1
    })
    await expect(attempt('wrong horse', later(0, 3))).rejects.toMatchObject({ status: 401 })
    await expect(attempt(password, later(0, 4))).rejects.toMatchObject({ retryAfterSeconds: 3 })
    expect((await attempt(password, later(0, 7))).token).toBeTruthy()
    // the right password ended the login's run (the address keeps its own count: from another)
    const elsewhere = address()
    for (let i = 0; i < 5; i++) {
      const again = attempt('wrong horse', later(0, 8), elsewhere)
      await expect(again).rejects.toMatchObject({ status: 401 })
    }
    await expect(attempt(password, later(0, 8), elsewhere)).rejects.toMatchObject({ status: 429 })
  })

  it('slows an address down that tries many logins', async () => {
    const from = address()
    for (let i = 0; i < 5; i++) {
      const guess = signIn(app, { login: `guess-${i}`, password, address: from }, t0)
      await expect(guess).rejects.toMatchObject({ status: 401 })
    }
    const [, , , vic] = clinic.logins
    const fromThere = signIn(app, { login: vic!, password, address: from }, t0)
    await expect(fromThere).rejects.toMatchObject({ status: 429 })
    // the same account from elsewhere is not held up
    expect(
      (await signIn(app, { login: vic!, password, address: address() }, t0)).token
    ).toBeTruthy()
    // an hour later the address starts again
    expect(
      (await signIn(app, { login: vic!, password, address: from }, later(1, 1))).token
    ).toBeTruthy()
  })

  it('counts an IPv6 client by its /64, an IPv4 one (mapped or not) by its address', async () => {
    const [, , , vic] = clinic.logins
    // wrong passwords for accounts of their own (a cheap hash; an unknown login costs the real one)
    const guessed = await newClinic(['g1', 'g2', 'g3', 'g4', 'g5'], {
      passwordHash: await hashPassword(password, cheap)
    })
    const tries = async (addresses: string[], at: Date) => {
      for (const [i, from] of addresses.entries()) {
        const login = guessed.logins[i]!
        const guess = signIn(app, { login, password: 'wrong horse', address: from }, at)
        await expect(guess).rejects.toMatchObject({ status: 401 })
      }
    }
    const signInFrom = (from: string, at: Date) =>
      signIn(app, { login: vic!, password, address: from }, at)
    // one machine's privacy addresses, the same /64 however it is written
    await tries(
      [
        '2001:db8:7:1::10',
        '2001:DB8:7:1:0:0:0:11',
        '2001:db8:7:1:ab::12',
        '2001:db8:7:1::13',
        '2001:db8:7:1::'
      ],
      t0
    )
    await expect(signInFrom('2001:0db8:0007:0001:ffff::1%eth0', t0)).rejects.toMatchObject({
      status: 429
    })
    expect((await signInFrom('2001:db8:7:2::10', t0)).token).toBeTruthy()
    // an IPv4 client through a dual-stack socket is the same client as over IPv4
    await tries(
      ['::ffff:10.77.0.1', '10.77.0.1', '::ffff:10.77.0.1', '10.77.0.1', '::FFFF:10.77.0.1'],
      t0
    )
    await expect(signInFrom('10.77.0.1', t0)).rejects.toMatchObject({ status: 429 })
    expect((await signInFrom('::ffff:10.77.0.2', t0)).token).toBeTruthy()
    expect(
      ['::1', 'fe80::1%lo', '1:2:3:4:5:6:7:8', '2001:db8::1.2.3.4', 'unknown'].map(throttledAddress)
    ).toEqual(['0:0:0:0::/64', 'fe80:0:0:0::/64', '1:2:3:4::/64', '2001:db8:0:0::/64', 'unknown'])
  })
})

describe('sessions', () => {
  it('end 12 hours after their last use', async () => {
    const { token } = await signIn(
      app,
      { login: clinic.logins[1]!, password, address: address() },
      t0
    )
    await sessionFor(app, token, later(11))
    await sessionFor(app, token, later(22, 59))
    await expect(sessionFor(app, token, later(35))).rejects.toMatchObject({
      status: 401,
      message: 'Your session has ended: sign in again.'
    })
  })

  it('end 7 days after they began, however often used', async () => {
    const { token } = await signIn(
      app,
      { login: clinic.logins[1]!, password, address: address() },
      t0
    )
    for (let hours = 10; hours < 7 * 24; hours += 10) await sessionFor(app, token, later(hours))
    await expect(sessionFor(app, token, later(7 * 24, 1))).rejects.toMatchObject({ status: 401 })
  })
})

describe('what an administrator does', () => {
  it('adds an account that can sign in, and refuses a taken login or a short password', async () => {
    const login = `nia-${clinic.clinic}`
    const input = { login, displayName: 'Nia Obi', role: 'therapist' as const, password }
    const id = await addAccount(app, admin, input, cheap)
    expect(
      (
        await sessionFor(
          app,
          (await signIn(app, { login, password, address: address() }, t0)).token,
          t0
        )
      ).accountId
    ).toBe(id)
    await expect(
      addAccount(app, admin, { ...input, login: login.toUpperCase() }, cheap)
    ).rejects.toMatchObject({ code: 'conflict' })
    await expect(
      addAccount(app, admin, { ...input, login: 'x', password: 'short' }, cheap)
    ).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'password: at least 12 characters'
    })
  })

  it('disables an account: its sessions end at once and it can sign in no more', async () => {
    const login = `zed-${clinic.clinic}`
    await addAccount(app, admin, { login, displayName: 'Zed', role: 'therapist', password }, cheap)
    const { token } = await signIn(app, { login, password, address: address() }, t0)
    const zed = await sessionFor(app, token, t0)
    // a therapist can't manage accounts
    await expect(disableAccount(app, zed, clinic.logins[1]!)).rejects.toMatchObject({
      code: 'forbidden'
    })
    await expect(disableAccount(app, admin, clinic.logins[0]!)).rejects.toMatchObject({
      code: 'conflict'
    })
    await disableAccount(app, admin, login)
    await expect(sessionFor(app, token, t0)).rejects.toMatchObject({ status: 401 })
    await expect(signIn(app, { login, password, address: address() }, t0)).rejects.toMatchObject({
      message: 'This account is disabled: ask your clinic’s administrator.'
    })
  })

  it('resets a password: the old one and its sessions stop working', async () => {
    const login = `rex-${clinic.clinic}`
    await addAccount(app, admin, { login, displayName: 'Rex', role: 'therapist', password }, cheap)
    const { token } = await signIn(app, { login, password, address: address() }, t0)
    await resetPassword(app, admin, login, 'a new long password', cheap)
    await expect(sessionFor(app, token, t0)).rejects.toMatchObject({ status: 401 })
    await expect(signIn(app, { login, password, address: address() }, t0)).rejects.toMatchObject({
      status: 401
    })
    const fresh = await signIn(
      app,
      { login, password: 'a new long password', address: address() },
      t0
    )
    expect(fresh.token).toBeTruthy()
  })

  it('manages only its own clinic’s accounts', async () => {
    const other = await newClinic(['oz'])
    await expect(disableAccount(app, admin, other.logins[0]!)).rejects.toMatchObject({
      code: 'not_found'
    })
  })
})
