/**
 * Builds a benchmark clinic in a child process and stops it if it grows past
 * a memory limit, so a build gone wrong can't swap the machine (one that
 * prepared statements per call once grew to 22 GB):
 * `node clinic-watchdog.mjs <file> <size as JSON> <limit in MB>`.
 * The child is scripts/bench/clinic-build.ts, bundled by Vite first (the
 * app's code needs Vite's aliases and `import.meta.glob`).
 */
import { fork } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'

const [file, size, limitMb] = process.argv.slice(2)
const outDir = resolve('.bench', 'builder')
await build({
  configFile: false,
  logLevel: 'warn',
  resolve: { alias: { '@shared': resolve('src/shared') } },
  build: {
    ssr: resolve('scripts/bench/clinic-build.ts'),
    outDir,
    emptyOutDir: true,
    minify: false,
    rolldownOptions: { output: { entryFileNames: 'clinic-build.mjs' } }
  }
})

const child = fork(join(outDir, 'clinic-build.mjs'), [file, size], { execArgv: [] })
let peakMb = 0
const watch = setInterval(() => {
  let status
  try {
    status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
  } catch {
    return // exited between two looks
  }
  const rssMb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024
  peakMb = Math.max(peakMb, rssMb)
  if (rssMb > Number(limitMb)) {
    console.error(
      `  stopped: the build reached ${Math.round(rssMb)} MB resident (limit ${limitMb} MB)`
    )
    child.kill('SIGKILL')
  }
}, 250)
child.on('exit', (code, signal) => {
  clearInterval(watch)
  console.log(`  watchdog: the build's resident memory peaked at ${Math.round(peakMb)} MB`)
  process.exit(code === 0 && signal === null ? 0 : 1)
})
