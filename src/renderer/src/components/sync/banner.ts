import type { SyncStatus } from '@shared/sync'
import { countOf, nounFor } from '../../format'

export interface BannerWords {
  /** the state in one sentence */
  headline: string
  /** a send or pull under way, for the progress bar */
  progress: { done: number; total: number } | null
  /** "Try now" makes sense: something waits and nothing is under way */
  canTry: boolean
}

const changes = (count: number) => countOf(count, 'change')

/**
 * What the offline banner says, or null when it has nothing to say (solo
 * mode; online with nothing waiting). `signedInAs` is the login signed in
 * now, if any: waiting writes are sent only by the account that made them.
 */
export function bannerWords(status: SyncStatus, signedInAs: string | null): BannerWords | null {
  const { state, waiting } = status
  // nothing counted yet (a pull's first page on its way): said without "0 of 0"
  const progress = status.progress && status.progress.total > 0 ? status.progress : null
  const of = progress && `${progress.done.toLocaleString()} of ${progress.total.toLocaleString()}`
  if (state === 'sending') {
    const what = progress ? `${of} ${nounFor(progress.total, 'change')}` : changes(waiting)
    return { headline: `Sending ${what}…`, progress, canTry: false }
  }
  if (state === 'pulling')
    return {
      headline: progress ? `Bringing colleagues’ changes: ${of}` : 'Bringing colleagues’ changes…',
      progress,
      canTry: false
    }
  if (state === 'offline') {
    const waits = waiting > 0 ? ` ${changes(waiting)} waiting to be sent.` : ''
    return {
      headline: `Offline — working on this computer’s copy of the clinic.${waits}`,
      progress: null,
      canTry: true
    }
  }
  if (waiting === 0) return null
  if (state === 'signedOut' && status.waitingFor) {
    const who = status.waitingFor
    const why = signedInAs && signedInAs !== who ? 'Signed in as someone else' : 'Not signed in'
    return {
      headline: `${why}: ${who}’s ${changes(waiting)} wait for ${who} to sign in.`,
      progress: null,
      canTry: false
    }
  }
  // online, the outbox not sent yet (the next attempt is main's; "Try now" brings it forward)
  return { headline: `${changes(waiting)} waiting to be sent.`, progress: null, canTry: true }
}
