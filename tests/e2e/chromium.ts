/**
 * Which Chromium the browser tests and the benchmark drive: the one named by
 * PHYSIOPLAN_CHROMIUM; else an installed Chromium, Chrome or Edge; else, on
 * Linux x64, the Chromium shipped inside the `@sparticuz/chromium` npm
 * package, unpacked locally. No browser is ever downloaded.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { systemToolsHidden } from '../unit/system-tools'
import { unpackPackagedChromium } from './packaged-chromium'

export interface Chromium {
  executablePath: string
  /** where it came from, for messages */
  source: string
  /** extra environment the browser process needs (the packaged one's libraries) */
  env?: Record<string, string>
}

/** The usual install locations of Chromium, Chrome and Edge, most specific first. */
export function installedCandidates(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') {
    const apps = [
      'Chromium.app/Contents/MacOS/Chromium',
      'Google Chrome.app/Contents/MacOS/Google Chrome',
      'Microsoft Edge.app/Contents/MacOS/Microsoft Edge'
    ]
    const roots = ['/Applications', ...(env.HOME ? [join(env.HOME, 'Applications')] : [])]
    return roots.flatMap((root) => apps.map((app) => `${root}/${app}`))
  }
  if (platform === 'win32') {
    const apps = [
      'Chromium\\Application\\chrome.exe',
      'Google\\Chrome\\Application\\chrome.exe',
      'Microsoft\\Edge\\Application\\msedge.exe'
    ]
    const roots = [env.LOCALAPPDATA, env.PROGRAMFILES, env['PROGRAMFILES(X86)']].filter(
      (root): root is string => !!root
    )
    return roots.flatMap((root) => apps.map((app) => `${root}\\${app}`))
  }
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/snap/bin/chromium',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/google-chrome',
    '/opt/google/chrome/chrome',
    '/usr/bin/microsoft-edge-stable',
    '/usr/bin/microsoft-edge',
    '/opt/microsoft/msedge/msedge'
  ]
}

export type ChromiumChoice =
  | { kind: 'path'; executablePath: string; source: string }
  | { kind: 'packaged' }
  | { kind: 'none'; reason: string }

/** The search order, without touching the disk beyond `exists`. */
export function chooseChromium(machine: {
  env: NodeJS.ProcessEnv
  platform: NodeJS.Platform
  arch: string
  exists: (path: string) => boolean
}): ChromiumChoice {
  const { env, platform, arch, exists } = machine
  const named = env.PHYSIOPLAN_CHROMIUM
  if (named) {
    return exists(named)
      ? { kind: 'path', executablePath: named, source: 'PHYSIOPLAN_CHROMIUM' }
      : { kind: 'none', reason: `PHYSIOPLAN_CHROMIUM names ${named}, which does not exist` }
  }
  if (!systemToolsHidden(env)) {
    const installed = installedCandidates(platform, env).find(exists)
    if (installed) return { kind: 'path', executablePath: installed, source: 'installed' }
  }
  if (platform === 'linux' && arch === 'x64') return { kind: 'packaged' }
  return {
    kind: 'none',
    reason:
      'no Chromium, Chrome or Edge is installed, and the npm-packaged Chromium runs on Linux x64 only: install one or set PHYSIOPLAN_CHROMIUM'
  }
}

let found: Promise<Chromium> | undefined

/** The Chromium of this machine, resolved once per process; throws saying why when there is none. */
export function findChromium(): Promise<Chromium> {
  found ??= (async () => {
    const choice = chooseChromium({
      env: process.env,
      platform: process.platform,
      arch: process.arch,
      exists: existsSync
    })
    if (choice.kind === 'none') throw new Error(`Chromium: ${choice.reason}.`)
    if (choice.kind === 'path') return choice
    return { ...(await unpackPackagedChromium()), source: '@sparticuz/chromium (npm)' }
  })()
  return found
}
