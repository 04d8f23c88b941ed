/**
 * `npm run clinic-server -- init --database postgres://postgres@localhost/postgres`
 * sets up a clinic server (init.ts). The server itself (`--port`) comes next.
 * Whatever isn't given as a flag is asked for; the administrator's password
 * is read without echo on a terminal, or as the first line of standard input.
 */
import { isIP } from 'node:net'
import { hostname, networkInterfaces } from 'node:os'
import { createInterface } from 'node:readline/promises'
import { parseArgs } from 'node:util'
import { initClinicServer } from './init'

const usage = `Usage: npm run clinic-server -- init --database postgres://SUPERUSER@HOST/postgres
  [--name physioplan] [--clinic NAME] [--admin-login LOGIN] [--admin-name NAME]
  [--host NAME-OR-ADDRESS ...] [--dir physioplan-clinic-server]`

async function ask(question: string): Promise<string> {
  const lines = createInterface({ input: process.stdin, output: process.stdout })
  try {
    return (await lines.question(question)).trim()
  } finally {
    lines.close()
  }
}

/** A line typed without echo (the terminal in raw mode), for passwords. */
function askHidden(question: string): Promise<string> {
  const { stdin, stdout } = process
  stdout.write(question)
  stdin.setRawMode(true)
  stdin.setEncoding('utf8')
  stdin.resume()
  return new Promise((resolve, reject) => {
    let typed = ''
    const finish = (outcome: () => void) => {
      stdin.off('data', onData)
      stdin.setRawMode(false)
      stdin.pause()
      stdout.write('\n')
      outcome()
    }
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return finish(() => resolve(typed))
        if (char === '\u0003') return finish(() => reject(new Error('Cancelled.')))
        typed = char === '\u007f' ? typed.slice(0, -1) : typed + char
      }
    }
    stdin.on('data', onData)
  })
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    let text = ''
    for await (const chunk of process.stdin) text += String(chunk)
    return text.split(/\r?\n/)[0] ?? ''
  }
  const password = await askHidden('First administrator’s password (12 characters or more): ')
  if ((await askHidden('The same password again: ')) !== password) {
    throw new Error('The two passwords differ. Nothing was changed.')
  }
  return password
}

/** This machine's name and addresses: what desktops may type to reach it. */
function localNames(): string[] {
  const addresses = Object.values(networkInterfaces())
    .flat()
    .filter((address) => address && !address.internal && address.family === 'IPv4')
    .map((address) => address!.address)
  return [hostname(), '127.0.0.1', ...addresses]
}

async function main(argv: string[]): Promise<void> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
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
  if (positionals[0] !== 'init' || !values.database) {
    console.error(usage)
    process.exitCode = 2
    return
  }
  const clinicName = values.clinic ?? (await ask('Clinic name: '))
  const login = values['admin-login'] ?? (await ask('First administrator’s login: '))
  const displayName = values['admin-name'] ?? (await ask('Their name, as colleagues see it: '))
  const password = await readPassword()
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
      `  ${report.fingerprint}`
  )
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exitCode = 1
})
