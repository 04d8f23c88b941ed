// `npm start`: the desktop app; on its first run, Electron's binary is
// fetched first. Where there is no display or the fetch fails: in one line,
// why, and the browser host with its address printed. `npm run web` (--browser):
// the browser host only. Either way the process starts with appEnv's settings.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { appEnv, chooseShell, downloadElectron, electronInstalled } from './start-shell.mts'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const browserOnly = process.argv[2] === '--browser'
const args = process.argv.slice(browserOnly ? 3 : 2)
const electronDir = join(root, 'node_modules', 'electron')
const { version } = createRequire(import.meta.url)(join(electronDir, 'package.json'))

function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      env: appEnv(process.env),
      stdio: 'inherit',
      shell: process.platform === 'win32'
    })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

const line = `PhysioPlan: first start, downloading Electron ${version} (about 110 MB, once)`
const shell = browserOnly
  ? { kind: 'browser', reason: null }
  : await chooseShell({
      platform: process.platform,
      env: process.env,
      electronInstalled: () => electronInstalled(electronDir),
      downloadElectron: async () => {
        console.log(`${line}…`)
        const failure = await downloadElectron({
          installer: join(electronDir, 'install.js'),
          distDir: join(electronDir, 'dist'),
          stallMs: 30_000,
          progress: (megabytes) => {
            if (process.stdout.isTTY) process.stdout.write(`\r${line}: ${megabytes.toFixed(1)} MB`)
          }
        })
        if (process.stdout.isTTY) process.stdout.write('\n')
        return failure
      }
    })
if (shell.kind === 'electron') {
  process.exit(await run('electron-vite', ['preview', '--', ...args]))
}
if (shell.reason) console.log(`PhysioPlan: ${shell.reason}, so it opens in your browser instead.`)
const built = await run('electron-vite', ['build', '--logLevel', 'warn'])
if (built !== 0) process.exit(built)
process.exit(await run(process.execPath, [join(root, 'out', 'main', 'web.js'), ...args]))
