/** A clinic server on a free port over the suite's cluster, and clients signed in to it. */
import { resolve } from 'node:path'
import pg from 'pg'
import { makeServerCertificate } from '../../src/main/clinic/certificate'
import { clinicClient, type ClinicClient } from '../../src/main/clinic/client'
import { hashPassword, scryptCost } from '../../src/main/clinic/passwords'
import { startClinicServer } from '../../src/main/clinic/server'
import { emptyDose } from '../../src/shared/dose'
import type { Result } from '../../src/shared/errors'
import { newClinic, url } from './clinic-db'

const password = 'correct horse battery'

/**
 * Two new clinics of therapists (`ours`, `theirs`, logins as given) served
 * over HTTPS; `signIn` gives a pinned client signed in as one of them.
 */
export async function servedClinics(app: pg.Pool, logins: { ours: string[]; theirs: string[] }) {
  // a test's own passwords: scrypt's real cost would only slow the suite
  const passwordHash = await hashPassword(password, { ...scryptCost, N: 2 ** 10 })
  const clinics = {
    ours: await newClinic(logins.ours, { passwordHash }),
    theirs: await newClinic(logins.theirs, { passwordHash })
  }
  // other files' deliberate wrong passwords (at their own clocks) came from this address too
  const owner = new pg.Client({ connectionString: url('physioplan_owner') })
  await owner.connect()
  await owner.query('DELETE FROM sign_in_failures').finally(() => owner.end())
  const certificate = await makeServerCertificate({ dns: ['clinic.local'], ips: ['127.0.0.1'] })
  const server = await startClinicServer({
    pool: app,
    ...certificate,
    port: 0,
    host: '127.0.0.1',
    resourcesDir: resolve('resources')
  })
  const clients: ClinicClient[] = []
  return {
    clinics,
    /** `login` as given to servedClinics (the clinic's id is added here) */
    async signIn(which: keyof typeof clinics, login: string): Promise<ClinicClient> {
      const client = clinicClient({ host: '127.0.0.1', port: server.port }, certificate.cert)
      clients.push(client)
      await client.signIn(`${login}-${clinics[which].clinic}`, password)
      return client
    },
    async close() {
      clients.forEach((client) => client.close())
      await server.close()
    }
  }
}

/** A call's data, or the test fails naming the error the server gave. */
export function dataOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.data
}

/**
 * A draft saved as the builder saves it (`content` may ask for the preview
 * beside it), and a draft issued, each based on the draft as read just now.
 */
export async function saveDraft(client: ClinicClient, versionId: number, content: object) {
  const { version } = dataOf(await client.call('programs:get', { versionId }))
  return dataOf(await client.call('programs:save', { versionId, version, ...content }))
}

export async function issue(client: ClinicClient, versionId: number) {
  const { version } = dataOf(await client.call('programs:get', { versionId }))
  return dataOf(await client.call('programs:issue', { versionId, version }))
}

/** A new blank program for `patientId`, saved as a draft of one exercise (3 × 15 once a day). */
export async function oneExerciseDraft(
  client: ClinicClient,
  patientId: number,
  exerciseId: number
) {
  const draft = dataOf(
    await client.call('programs:create', { patientId, source: { kind: 'blank' } })
  )
  return saveDraft(client, draft.id, {
    title: 'Calves',
    goals: '',
    startDate: null,
    reviewDate: null,
    items: [{ exerciseId, phase: 'main', dose: { ...emptyDose, sets: 3, reps: 15, perDay: 1 } }],
    advice: [],
    walkRun: null
  })
}

/** A clinic exercise as the library's form sends it. */
export const exerciseInput = (name: string) => ({
  name,
  summary: 'Rise onto your toes, then lower slowly.',
  steps: ['Stand holding a chair.', 'Rise onto your toes.', 'Lower over three seconds.'],
  category: 'strengthening',
  bodyRegions: ['ankle'],
  position: 'standing',
  equipment: [],
  difficulty: 'easy',
  caution: null,
  defaultDose: { ...emptyDose, sets: 3, reps: 15, perDay: 1 },
  photos: []
})

export const patientInput = (fullName: string) => ({
  fullName,
  dateOfBirth: '1980-06-02',
  sex: null,
  phone: null,
  email: null,
  condition: 'Achilles tendinopathy',
  referralSource: null,
  notes: null
})
