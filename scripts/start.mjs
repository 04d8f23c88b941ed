// `npm start`: the desktop app when Electron can run here; otherwise, in one
// line, why not, and the browser host with its address printed.
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)

/** Why Electron cannot open a window on this machine, or null when it can. */
function electronUnavailable() {
  const electronDir = join(root, 'node_modules', 'electron')
  const pathFile = join(electronDir, 'path.txt')
  if (!existsSync(pathFile))
    return "Electron's binary is not installed (an offline install skips it)"
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(binary)) return `Electron's binary is missing (${binary})`
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display to open a window on'
  }
  return null
}

function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32'
    })
    const forward = (signal) => child.kill(signal)
    process.on('SIGINT', forward)
    process.on('SIGTERM', forward)
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))
  })
}

const reason = electronUnavailable()
if (reason === null) {
  process.exit(await run('electron-vite', ['preview', '--', ...args]))
}
console.log(`PhysioPlan: ${reason}, so it opens in your browser instead.`)
const built = await run('electron-vite', ['build', '--logLevel', 'warn'])
if (built !== 0) process.exit(built)
process.exit(await run(process.execPath, [join(root, 'out', 'main', 'web.js'), ...args]))
