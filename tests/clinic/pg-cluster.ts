/**
 * A throwaway PostgreSQL cluster for tests (issue 17): `initdb` in a
 * temporary folder, as the `postgres` user when we are root (initdb refuses
 * root), listening on 127.0.0.1 and a free port only, with a random
 * superuser password; stopped and deleted by `stop()`. No system service,
 * no files outside the folder. Debian's postgresql package provides the
 * binaries (PG_BIN or the newest /usr/lib/postgresql/<n>/bin).
 */
import { execFileSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir, userInfo } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'

export interface Cluster {
  host: '127.0.0.1'
  port: number
  superuserPassword: string
  /** a connection string for `user`, to `database` (postgres by default) */
  url: (user: string, password: string, database?: string) => string
  timings: { initdbMs: number; startMs: number }
  stop: () => void
}

export function postgresBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root)
    ? readdirSync(root)
        .map(Number)
        .filter((version) => version >= 15)
        .sort((a, b) => b - a)
    : []
  if (versions.length === 0) {
    throw new Error('PostgreSQL 15 or later is not installed: apt-get install -y postgresql')
  }
  return join(root, String(versions[0]), 'bin')
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

/**
 * A throwaway cluster; or, given `keptIn` (the bench's .bench/ folder), one
 * made there the first time and started again later, which `stop` stops
 * but keeps (`made` tells whether this call made it).
 */
export async function startCluster(keptIn?: string): Promise<Cluster & { made: boolean }> {
  const bin = postgresBin()
  const root = userInfo().uid === 0
  const dir = keptIn ?? mkdtempSync(join(tmpdir(), 'physioplan-pg-'))
  const pwfile = join(dir, 'pwfile')
  const made = !existsSync(join(dir, 'data', 'PG_VERSION'))
  if (made) {
    if (keptIn) {
      // a start that never finished: begin again
      rmSync(dir, { recursive: true, force: true })
      mkdirSync(dir, { recursive: true })
    }
    writeFileSync(pwfile, randomBytes(18).toString('base64url'), { mode: 0o600 })
  }
  const password = readFileSync(pwfile, 'utf8')
  if (root) {
    const postgres = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }))
    const group = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }))
    chownSync(dir, postgres, group)
    chownSync(pwfile, postgres, group)
  }
  chmodSync(dir, 0o700)
  const run = (tool: string, args: string[]) =>
    root
      ? execFileSync('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], {
          stdio: 'pipe'
        })
      : execFileSync(join(bin, tool), args, { stdio: 'pipe' })
  const data = join(dir, 'data')
  const stop = () => {
    try {
      run('pg_ctl', ['-D', data, '-m', keptIn ? 'fast' : 'immediate', '-w', 'stop'])
    } catch {
      // never started, or already gone
    }
    if (!keptIn) rmSync(dir, { recursive: true, force: true })
  }
  try {
    let started = performance.now()
    if (made) {
      run('initdb', [
        '-D',
        data,
        '-U',
        'postgres',
        '--pwfile',
        pwfile,
        '--auth=scram-sha-256',
        '-E',
        'UTF8',
        '--locale=C.UTF-8',
        '--no-sync',
        '--no-instructions'
      ])
    }
    const initdbMs = performance.now() - started
    const port = await freePort()
    started = performance.now()
    // a throwaway cluster: no fsync, no socket outside its folder, loopback only
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir} -c fsync=off -c full_page_writes=off`
    run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-w', '-t', '60', '-o', options, 'start'])
    const startMs = performance.now() - started
    return {
      host: '127.0.0.1',
      port,
      superuserPassword: password,
      url: (user, pass, database = 'postgres') =>
        `postgres://${encodeURIComponent(user)}:${encodeURIComponent(pass)}@127.0.0.1:${port}/${database}`,
      timings: { initdbMs, startMs },
      stop,
      made
    }
  } catch (error) {
    stop()
    throw error
  }
}
