/**
 * `npm run web`: the browser host. Serves the built renderer and the api on
 * 127.0.0.1 for machines where Electron cannot run, and for end-to-end tests.
 * `--clinic https://host:port` starts it connected to a clinic server; the
 * certificate's fingerprint is compared and the sign-in typed in the page
 * (Settings), never on the command line.
 */
import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { version } from '../../../package.json'
import { argValue, defaultDataDir, resolveDataDir } from '../hosting/data-dir'
import { clinicAddress } from '@shared/clinic-server'
import { AppError } from '@shared/errors'
import { clinicConnection } from '../clinic/connection'
import { clinicDispatch } from '../clinic/forward'
import { giveBackEvery, givingBackEvery } from '../core/give-back'
import { offlineSync } from '../clinic/offline/engine'
import { scheduleBackups } from '../core/backup-schedule'
import { recoverFromNewestBackup } from '../core/backups'
import { databaseFileName } from '../core/db/open'
import { openStore } from '../core/store'
import { startWebHost } from './server'

async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const port = Number(argValue(argv, 'port') ?? '0')
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port must be a number from 0 to 65535 (0 picks a free port)`)
  }
  const dataDir = resolveDataDir(argv, process.env, () => defaultDataDir())
  const clinicArg = argValue(argv, 'clinic')
  const startAt = clinicArg === undefined ? undefined : clinicAddress(clinicArg)
  if (startAt === null) {
    throw new Error(
      '--clinic must be the clinic server’s address, such as https://clinic-server:8443'
    )
  }
  const connection = clinicConnection({ dataDir, ...(startAt ? { startAt } : {}) })
  if (argv.includes('--restore-newest-backup')) {
    const { restored, damagedKept } = recoverFromNewestBackup(
      join(dataDir, databaseFileName),
      join(dataDir, 'backups')
    )
    const kept = damagedKept ? `; the damaged file is kept as ${damagedKept}` : ''
    console.log(`Restored the backup of ${restored.createdAt}${kept}.`)
  }
  let store: ReturnType<typeof openStore>
  try {
    store = openStore({
      dataDir,
      transport: 'web',
      version,
      resourcesDir: join(__dirname, '../../resources'),
      workerFile: join(__dirname, 'worker.js'),
      clinic: connection
    })
  } catch (error) {
    if (error instanceof AppError && error.code === 'damaged') {
      throw new Error(
        `${error.message}\nStart again with --restore-newest-backup to put the newest good backup in place ` +
          '(the damaged file is kept beside it), or with --data-dir to open another folder.',
        { cause: error }
      )
    }
    throw error
  }
  const offline = offlineSync({
    dataDir,
    connection,
    resourcesDir: join(__dirname, '../../resources'),
    drawingFrom: store.drawingFrom
  })
  const host = await startWebHost({
    dispatch: givingBackEvery(
      giveBackEvery.calls,
      clinicDispatch(store.handlers, connection, store.drawingFrom, offline)
    ),
    rendererDir: join(__dirname, '../renderer'),
    token: randomBytes(24).toString('base64url'),
    port
  })
  scheduleBackups(store.db, dataDir, store)
  console.log(`PhysioPlan data folder: ${dataDir}`)
  if (startAt)
    console.log(`Clinic server: ${startAt} (compare its fingerprint and sign in in Settings)`)
  console.log(`PhysioPlan is running. Open this address in your browser:\n\n  ${host.url}\n`)
  console.log('Press Ctrl+C to stop.')
  const stop = (): void => {
    void host
      .close()
      .then(() => {
        offline.close()
        connection.close()
      })
      .then(() => store.close())
      .then(() => process.exit(0))
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
