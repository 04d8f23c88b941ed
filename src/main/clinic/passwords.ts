/**
 * Account passwords: scrypt, N=2^17 r=8 p=1 (OWASP's minimum; about a second
 * per hash, in libuv's pool, not on the event loop), a 16-byte salt, stored
 * as "scrypt$N$r$p$salt$hash" so the cost can rise later without a reset.
 */
import { randomBytes, scrypt, type ScryptOptions } from 'node:crypto'

export const scryptCost = { N: 2 ** 17, r: 8, p: 1, maxmem: 256 * 2 ** 20 }

/** The key for `password` (NFC, so the same word typed on another keyboard matches). */
export function deriveKey(password: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFC'), salt, 32, options, (error, key) =>
      error ? reject(error) : resolve(key)
    )
  )
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await deriveKey(password, salt, scryptCost)
  const { N, r, p } = scryptCost
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$')
}
