/**
 * Clinic mode offline as the page sees it, without a clinic: the page's own
 * calls to `/api/sync:*` (and `clinicServer:status`, so the page is in
 * clinic mode, signed in as ann) are answered here, in the browser, before
 * they reach the browser host. Main's real handlers (clinic/offline/) are
 * tested on their own; this fake only stands in for them at the page's
 * edge, so it keeps working whatever main answers behind it. Every other
 * channel reaches the browser host's own solo store.
 */
import type { Page, Route } from 'playwright-core'
import type { ClinicServerStatus } from '../../src/shared/clinic-server'
import type { SyncProblem, SyncStatus } from '../../src/shared/sync'

const signedInAsAnn: ClinicServerStatus = {
  mode: 'clinic',
  address: 'https://clinic.example:8443',
  fingerprint: 'AB:CD:EF:01:23:45:67:89',
  login: 'ann',
  signedIn: {
    clinic: 'Riverside Physio',
    login: 'ann',
    displayName: 'Ann Smith',
    role: 'therapist'
  }
}

export interface FakeSync {
  /** what sync:status answers now: a test sets it as main's state changes */
  status: SyncStatus
  problems: SyncProblem[]
  pins: number[]
  /** every sync:* call the page made, in order, with its input */
  calls: { channel: string; input: Record<string, unknown> }[]
  /** set: sync:forget is refused with these words, as main refuses while changes wait */
  forgetRefusal: string | null
}

type Answer = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } }

/** main's answer to one call, with the fake's state changed as main's would be */
function answer(fake: FakeSync, channel: string, input: Record<string, unknown>): Answer {
  const status = () => ({ ok: true as const, data: fake.status })
  switch (channel) {
    case 'sync:problems':
      return { ok: true, data: fake.problems }
    case 'sync:resolve':
      if (input.resolution !== 'retry')
        fake.problems = fake.problems.filter((problem) => problem.id !== input.id)
      fake.status = { ...fake.status, problems: fake.problems.length }
      return { ok: true, data: fake.problems }
    case 'sync:pins':
      return { ok: true, data: fake.pins }
    case 'sync:pin': {
      const others = fake.pins.filter((id) => id !== input.patientId)
      fake.pins = input.pinned ? [...others, input.patientId as number] : others
      return { ok: true, data: fake.pins }
    }
    case 'sync:setWeeks':
      if (fake.status.localCopy)
        fake.status = {
          ...fake.status,
          localCopy: { ...fake.status.localCopy, weeks: input.weeks as number }
        }
      return status()
    case 'sync:forget':
      if (fake.forgetRefusal)
        return { ok: false, error: { code: 'invalid', message: fake.forgetRefusal } }
      fake.status = { ...fake.status, localCopy: null, lastPullAt: null }
      return status()
    default:
      return status()
  }
}

export async function fakeSync(page: Page, status: SyncStatus): Promise<FakeSync> {
  const fake: FakeSync = { status, problems: [], pins: [], calls: [], forgetRefusal: null }
  const reply = (route: Route, body: unknown) =>
    route.fulfill({ contentType: 'application/json', body: JSON.stringify(body) })
  await page.route('**/api/sync:*', (route) => {
    const channel = new URL(route.request().url()).pathname.replace('/api/', '')
    const input = (route.request().postDataJSON() ?? {}) as Record<string, unknown>
    fake.calls.push({ channel, input })
    return reply(route, answer(fake, channel, input))
  })
  await page.route('**/api/clinicServer:status', (route) =>
    reply(route, { ok: true, data: signedInAsAnn })
  )
  return fake
}
