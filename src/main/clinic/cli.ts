/**
 * `npm run clinic-server -- …`: set up a clinic server (`init`), serve it
 * (`--port`), update its database (`migrate`) and manage its accounts
 * (`accounts`, accounts-cli.ts). Whatever isn't given as a flag is asked
 * for; passwords are read without echo on a terminal, or as lines of
 * standard input.
 */
import { join } from 'node:path'
import { isIP } from 'node:net'
import { hostname, networkInterfaces } from 'node:os'
import { parseArgs } from 'node:util'
import { AppError } from '@shared/errors'
import { accountsUsage, asAdministrator, runAccounts } from './accounts-cli'
import { fingerprint } from './certificate'
import { importSolo } from './import'
import { ImportMismatch, type TableCheck } from './import-check'
import { connected, initClinicServer } from './init'
import { clinicSchemaVersion, migrateClinic, pgSchemaVersion } from './pg-migrate'
import { postgresStore } from './pg-store'
import { ask, askPassword } from './prompt'
import { startClinicServer } from './server'
import { appPool, ownerUrl, serverSettings } from './server-files'

const usage = `Usage:
  npm run clinic-server -- init --database postgres://SUPERUSER@HOST/postgres
    [--name physioplan] [--clinic NAME] [--admin-login LOGIN] [--admin-name NAME]
    [--host NAME-OR-ADDRESS ...] [--dir physioplan-clinic-server]
  npm run clinic-server -- [--port 8443] [--listen 0.0.0.0] [--dir physioplan-clinic-server]
  npm run clinic-server -- migrate [--owner-url postgres://physioplan_owner:…@HOST/physioplan]
    [--dir physioplan-clinic-server]   (the owner's URL is read from owner.json when not given)
  npm run clinic-server -- import physioplan.sqlite3 --as ADMIN [--owner-url …] [--dir physioplan-clinic-server]
${accountsUsage}`

/** This machine's name and addresses: what desktops may type to reach it. */
function localNames(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && !address.internal && address.family === 'IPv4')
    .map((address) => address!.address)
  return [hostname(), '127.0.0.1', ...addresses]
}

async function init(argv: string[]): Promise<boolean> {
  const { values } = parseArgs({
    args: argv,
    options: {
      database: { type: 'string' },
      name: { type: 'string', default: 'physioplan' },
      clinic: { type: 'string' },
      'admin-login': { type: 'string' },
      'admin-name': { type: 'string' },
      host: { type: 'string', multiple: true },
      dir: { type: 'string', default: 'physioplan-clinic-server' }
    }
  })
  if (!values.database) return false
  const clinicName = values.clinic ?? (await ask('Clinic name: '))
  const login = values['admin-login'] ?? (await ask('First administrator’s login: '))
  const displayName = values['admin-name'] ?? (await ask('Their name, as colleagues see it: '))
  const password = await askPassword(
    'First administrator’s password (12 characters or more): ',
    true
  )
  const hosts = values.host ?? localNames()
  const report = await initClinicServer({
    superuserUrl: values.database,
    database: values.name,
    clinicName,
    admin: { login, displayName, password },
    names: {
      dns: hosts.filter((host) => isIP(host) === 0),
      ips: hosts.filter((host) => isIP(host) !== 0)
    },
    folder: values.dir
  })
  console.log(
    `Clinic server set up in ${report.folder}: database "${values.name}", clinic "${clinicName}", administrator "${login}".\n` +
      `Certificate for ${hosts.join(', ')}. Its SHA-256 fingerprint, which each desktop shows when it first connects:\n` +
      `  ${report.fingerprint}\n` +
      `${report.folder}/owner.json holds the database owner's password, needed only by migrate and import: keep it safe.`
  )
  return true
}

async function migrate(argv: string[]): Promise<boolean> {
  const { values } = parseArgs({
    args: argv,
    options: {
      'owner-url': { type: 'string' },
      dir: { type: 'string', default: 'physioplan-clinic-server' }
    }
  })
  const report = await connected(ownerUrl(values.dir, values['owner-url']), migrateClinic)
  console.log(
    report.from === report.to
      ? `The clinic database is up to date (version ${report.to}).`
      : `The clinic database went from version ${report.from} to ${report.to}.`
  )
  return true
}

/** One line per table: counts and the sample, never a value. */
function checkLine(check: TableCheck): string {
  const count = (n: number) => n.toLocaleString('en')
  const rows =
    check.rows.solo === check.rows.clinic
      ? `${count(check.rows.solo)} rows in both`
      : `${count(check.rows.solo)} rows in the file, ${count(check.rows.clinic)} in the clinic: DIFFERENT`
  const sample =
    check.differing.length === 0
      ? `${check.sampled} sampled rows equal`
      : `${check.differing.length} of ${check.sampled} sampled rows DIFFER (` +
        check.differing.map((row) => `${row.key}: ${row.columns.join(', ')}`).join('; ') +
        ')'
  return `  ${check.table}: ${rows}; ${sample}`
}

const checkLines = (checks: TableCheck[]) => checks.map(checkLine).join('\n')

/**
 * `import FILE --as ADMIN`: the administrator signs in as for `accounts`;
 * the owner's URL (owner.json, as for migrate) moves the clinic's ids on.
 * Progress goes to standard error; the check's result to standard output,
 * and a mismatch exits with code 1.
 */
async function importFile(argv: string[]): Promise<boolean> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      as: { type: 'string' },
      'owner-url': { type: 'string' },
      dir: { type: 'string', default: 'physioplan-clinic-server' }
    }
  })
  const [file] = positionals
  if (!file || !values.as || positionals.length > 1) return false
  const pool = appPool(serverSettings(values.dir).database, 2)
  try {
    await asAdministrator(pool, values.as, async (session) => {
      if (session.role !== 'administrator') {
        throw new AppError('forbidden', 'Only an administrator imports a solo clinic’s data.')
      }
      const started = Date.now()
      const report = await connected(ownerUrl(values.dir, values['owner-url']), (owner) =>
        importSolo(file, { store: postgresStore(pool, session), owner }, (line) =>
          console.error(line)
        )
      ).catch((error: unknown) => {
        if (error instanceof ImportMismatch) console.log(checkLines(error.checks))
        throw error
      })
      const migrated =
        report.version.file === report.version.copy
          ? ''
          : ` (data version ${report.version.file}, brought to ${report.version.copy} in a copy first)`
      console.log(
        `Imported ${file}${migrated} in ${((Date.now() - started) / 1000).toFixed(1)} s. ` +
          `Every count and every sampled row is equal:\n${checkLines(report.tables)}`
      )
    })
  } finally {
    await pool.end()
  }
  return true
}

async function serve(argv: string[]): Promise<boolean> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string', default: '8443' },
      listen: { type: 'string', default: '0.0.0.0' },
      dir: { type: 'string', default: 'physioplan-clinic-server' }
    }
  })
  const settings = serverSettings(values.dir)
  const pool = appPool(settings.database)
  // a database older or newer than this server is refused before any desktop connects
  const version = await pool.connect().then(async (client) => {
    try {
      return await clinicSchemaVersion(client)
    } finally {
      client.release()
    }
  })
  if (version !== pgSchemaVersion) {
    await pool.end()
    throw new Error(
      `The clinic database is at version ${version}; this server needs ${pgSchemaVersion}. ` +
        (version < pgSchemaVersion
          ? 'Run `npm run clinic-server -- migrate` first.'
          : 'Install the newer clinic server.')
    )
  }
  const server = await startClinicServer({
    pool,
    cert: settings.cert,
    key: settings.key,
    port: Number(values.port),
    host: values.listen,
    resourcesDir: join(__dirname, '../../resources')
  })
  console.log(
    `Clinic server listening on ${values.listen}:${server.port}. Certificate fingerprint (SHA-256):\n  ${fingerprint(settings.cert)}`
  )
  const stop = () => void server.close().then(() => pool.end())
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  return true
}

const commands: Record<string, (argv: string[]) => Promise<boolean>> = {
  init,
  migrate,
  accounts: runAccounts,
  import: importFile
}

async function main(argv: string[]): Promise<void> {
  const [first] = argv
  const command = first !== undefined && !first.startsWith('-') ? commands[first] : serve
  const done = command ? await command(command === serve ? argv : argv.slice(1)) : false
  if (!done) {
    console.error(usage)
    process.exitCode = 2
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
})
