/**
 * The desktop's link to a clinic server (issue 17), as the renderer sees it:
 * solo, or connected to one server by its address and pinned certificate,
 * signed in or not. Main keeps the state (clinic/connection.ts); the
 * Settings screen shows it and the header says who is signed in.
 */

export type ClinicRole = 'administrator' | 'therapist'

export interface ClinicSignedIn {
  /** the clinic's name, as its server knows it */
  clinic: string
  login: string
  displayName: string
  role: ClinicRole
}

export type ClinicServerStatus =
  | {
      mode: 'solo'
      /** the server connected to last, to offer it again; null if never */
      lastAddress: string | null
    }
  | {
      mode: 'clinic'
      address: string
      /** the pinned certificate's fingerprint; null until the person has compared and trusted it */
      fingerprint: string | null
      /** the login last used here, to fill in the form (never the password) */
      login: string | null
      /** null: not signed in, or the session ended */
      signedIn: ClinicSignedIn | null
    }

/** What "Check" found: the fingerprint to compare with what the server printed at `init`. */
export interface ClinicCertificateCheck {
  address: string
  fingerprint: string
  /** the fingerprint this desktop trusted before for this address, if it did */
  trustedBefore: string | null
}

/**
 * "https://host:port" from what a person types: the scheme may be left out
 * and the port defaults to 443; a path, credentials or plain http are
 * refused (null), since the address names a server, not a page.
 */
export function clinicAddress(typed: string): string | null {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(typed) ? typed : `https://${typed}`
  let url: URL
  try {
    url = new URL(withScheme)
  } catch {
    return null
  }
  if (url.protocol !== 'https:' || url.hostname === '') return null
  if (url.username || url.password || url.search || url.hash) return null
  if (url.pathname !== '/' && url.pathname !== '') return null
  return `https://${url.hostname}:${url.port || '443'}`
}

/**
 * What accounts.ts requires of an account, written once: the contract checks
 * the administrator's form with it, and the server again before it hashes.
 */
export const accountRules = { textMax: 200, passwordMin: 12, passwordMax: 1000 }

/** A clinic's account as its administrator sees it on the Accounts panel: never its password's hash. */
export interface ClinicAccount {
  login: string
  displayName: string
  role: ClinicRole
  disabled: boolean
  /** how many sessions are open now: disabling or a new password ends them */
  sessions: number
}
