import { homedir } from 'node:os'
import { join, resolve } from 'node:path'

/** Where Electron keeps `userData` for PhysioPlan, so both hosts share one store by default. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir()
): string {
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'PhysioPlan')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'PhysioPlan')
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'PhysioPlan')
}

/** The value of `--name value` or `--name=value`, if given. */
export function argValue(argv: string[], name: string): string | undefined {
  const flag = `--${name}`
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string
    if (arg === flag) return argv[index + 1]
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1)
  }
  return undefined
}

/** --data-dir, then PHYSIOPLAN_DATA_DIR, then the platform's app-data folder. */
export function resolveDataDir(
  argv: string[],
  env: NodeJS.ProcessEnv,
  fallback: () => string
): string {
  const chosen = argValue(argv, 'data-dir') ?? env.PHYSIOPLAN_DATA_DIR
  return chosen ? resolve(chosen) : fallback()
}
