/**
 * One throwaway cluster for the clinic suite, started before and removed
 * after it: the roles and a migrated database as `clinic-server init` makes
 * them, and three clinics: A and B for the isolation tests, C for the rules
 * tests (which issue program versions, frozen for good).
 */
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { connected } from '../../src/main/clinic/init'
import { migrateClinic } from '../../src/main/clinic/pg-migrate'
import { createClinicDatabase, createClinicRoles } from '../../src/main/clinic/roles'
import { passwords, type ClinicSetup } from './clinic-db'
import { startCluster } from './pg-cluster'

declare module 'vitest' {
  export interface ProvidedContext {
    clinic: ClinicSetup
  }
}

/** A clinic and its accounts, made by the owner as init will: scoped to the new clinic. */
async function addClinic(client: pg.Client, name: string, logins: string[]) {
  await client.query('BEGIN')
  const clinic = await client.query<{ id: number }>(
    'INSERT INTO clinics (name) VALUES ($1) RETURNING id',
    [name]
  )
  const id = clinic.rows[0]!.id
  await client.query("SELECT set_config('physioplan.clinic_id', $1, true)", [String(id)])
  const accounts: number[] = []
  for (const login of logins) {
    const { rows } = await client.query<{ id: number }>(
      `INSERT INTO accounts (login, display_name, role, password_hash)
       VALUES ($1, initcap($1), 'therapist', 'scrypt$not-a-real-hash') RETURNING id`,
      [login]
    )
    accounts.push(rows[0]!.id)
  }
  await client.query('COMMIT')
  return { id, accounts }
}

export default async function setup(project: TestProject) {
  const cluster = await startCluster()
  try {
    await connected(cluster.url('postgres', cluster.superuserPassword), async (client) => {
      await createClinicRoles(client, passwords)
      await createClinicDatabase(client, 'physioplan')
    })
    const ownerUrl = cluster.url('physioplan_owner', passwords.owner, 'physioplan')
    const { a, b, c } = await connected(ownerUrl, async (client) => {
      await migrateClinic(client)
      return {
        a: await addClinic(client, 'Clinic A', ['alex', 'sam']),
        b: await addClinic(client, 'Clinic B', ['bo']),
        c: await addClinic(client, 'Clinic C', ['chris', 'cleo'])
      }
    })
    project.provide('clinic', {
      port: cluster.port,
      superuserPassword: cluster.superuserPassword,
      clinics: { a: a.id, b: b.id, c: c.id },
      users: {
        alex: a.accounts[0]!,
        sam: a.accounts[1]!,
        bo: b.accounts[0]!,
        chris: c.accounts[0]!,
        cleo: c.accounts[1]!
      }
    })
    console.log(
      `PostgreSQL test cluster on 127.0.0.1:${cluster.port}: initdb ${cluster.timings.initdbMs.toFixed(0)} ms, start ${cluster.timings.startMs.toFixed(0)} ms`
    )
  } catch (error) {
    cluster.stop()
    throw error
  }
  return () => cluster.stop()
}
