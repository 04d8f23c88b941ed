/**
 * Account passwords: scrypt, N=2^17 r=8 p=1 (OWASP's minimum; about a second
 * per hash, in libuv's pool, not on the event loop), a 16-byte salt, stored
 * as "scrypt$N$r$p$salt$hash" so the cost can rise later without a reset.
 */
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto'

export const scryptCost = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 2 ** 20 }

/** The key for `password` (NFC, so the same word typed on another keyboard matches). */
export function deriveKey(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, options, (error, key) =>
      error ? reject(error) : resolve(key)
    )
  )
}

/** `cost` lower than `scryptCost` only in tests, where a second per sign-in adds up. */
export async function hashPassword(password: string, cost = scryptCost): Promise<string> {
  const salt = randomBytes(16)
  const key = await deriveKey(password, salt, cost)
  const { N, r, p } = cost
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$')
}

/** True when `password` derives the stored key, compared in constant time; parameters from `stored`. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await deriveKey(password, Buffer.from(salt, 'base64'), {
    N: Number(N),
    r: Number(r),
    p: Number(p),
    maxmem: scryptCost.maxmem
  })
  return key.length === expected.length && timingSafeEqual(key, expected)
}

/**
 * What an unknown login's password is checked against, at today's cost: the
 * answer takes as long as for a real account, so timing doesn't tell which
 * logins exist. No password derives these zero bytes.
 */
export const noAccountHash = [
  'scrypt',
  scryptCost.N,
  scryptCost.r,
  scryptCost.p,
  Buffer.alloc(16).toString('base64'),
  Buffer.alloc(32).toString('base64')
].join('$')
