/**
 * A desktop as both hosts make it (issue 18), for the offline tests, the
 * SIGKILL child and the bench: its own data folder, solo store, connection,
 * offline sync and the dispatch that routes between them.
 */
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Result } from '../../src/shared/errors'
import type { SyncStatus } from '../../src/shared/sync'
import { clinicConnection, type ClinicConnection } from '../../src/main/clinic/connection'
import { clinicDispatch } from '../../src/main/clinic/forward'
import {
  offlineSync,
  type OfflineOptions,
  type OfflineSync
} from '../../src/main/clinic/offline/engine'
import type { Dispatch } from '../../src/main/core/api'
import { openStore, type OpenedStore } from '../../src/main/core/store'

export interface Desktop {
  dataDir: string
  connection: ClinicConnection
  store: OpenedStore
  offline: OfflineSync
  call: Dispatch
  signIn: (login: string, password: string) => Promise<void>
  status: () => Promise<SyncStatus>
  close: () => Promise<void>
}

export async function ok<T>(answer: Promise<Result<unknown>>): Promise<T> {
  const result = await answer
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.data as T
}

/** A desktop on `dataDir` (a new folder by default); `pull` in place of the app's (the bench times it). */
export function openDesktop(
  dataDir = mkdtempSync(join(tmpdir(), 'physioplan-offline-')),
  pull?: OfflineOptions['pull']
): Desktop {
  const connection = clinicConnection({ dataDir })
  const store = openStore({
    dataDir,
    transport: 'web',
    version: 'test',
    resourcesDir: resolve('resources'),
    workerFile: null,
    clinic: connection
  })
  const offline = offlineSync({
    dataDir,
    connection,
    resourcesDir: resolve('resources'),
    drawingFrom: store.drawingFrom,
    // the tests say when: no timer sends or pulls behind their back
    everyMs: { send: 0, pull: 0 },
    ...(pull ? { pull } : {})
  })
  const call = clinicDispatch(store.handlers, connection, store.drawingFrom, offline)
  return {
    dataDir,
    connection,
    store,
    offline,
    call,
    async signIn(login, password) {
      await ok(call('clinicServer:signIn', { login, password }))
      await offline.syncNow()
    },
    status: () => ok<SyncStatus>(call('sync:status', {})),
    async close() {
      offline.close()
      connection.close()
      await store.close()
    }
  }
}

/** Trusts the server at `address` (its fingerprint as shown) and signs in: the local copy is made and pulled. */
export async function connectDesktop(
  desktop: Desktop,
  address: string,
  login: string,
  password: string
): Promise<void> {
  const { fingerprint } = await ok<{ fingerprint: string }>(
    desktop.call('clinicServer:check', { address })
  )
  await ok(desktop.call('clinicServer:connect', { address, fingerprint }))
  await desktop.signIn(login, password)
}
