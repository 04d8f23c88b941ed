import { describe, expect, it } from 'vitest'
import { chooseChromium, installedCandidates } from '../e2e/chromium'

const linux = (present: string[], env: NodeJS.ProcessEnv = {}) =>
  chooseChromium({ env, platform: 'linux', arch: 'x64', exists: (path) => present.includes(path) })

describe('which Chromium the browser tests drive', () => {
  it('takes PHYSIOPLAN_CHROMIUM first, and says so when it names nothing', () => {
    expect(linux(['/opt/mine', '/usr/bin/chromium'], { PHYSIOPLAN_CHROMIUM: '/opt/mine' })).toEqual(
      { kind: 'path', executablePath: '/opt/mine', source: 'PHYSIOPLAN_CHROMIUM' }
    )
    expect(linux(['/usr/bin/chromium'], { PHYSIOPLAN_CHROMIUM: '/opt/gone' })).toEqual({
      kind: 'none',
      reason: 'PHYSIOPLAN_CHROMIUM names /opt/gone, which does not exist'
    })
  })

  it('then an installed Chromium, Chrome or Edge, in that order', () => {
    expect(linux(['/usr/bin/google-chrome', '/usr/bin/chromium'])).toMatchObject({
      executablePath: '/usr/bin/chromium',
      source: 'installed'
    })
    expect(linux(['/opt/microsoft/msedge/msedge'])).toMatchObject({
      executablePath: '/opt/microsoft/msedge/msedge'
    })
  })

  it('then the npm-packaged one on Linux x64, also when system tools are hidden', () => {
    expect(linux([])).toEqual({ kind: 'packaged' })
    expect(linux(['/usr/bin/chromium'], { PHYSIOPLAN_NO_SYSTEM_TOOLS: '1' })).toEqual({
      kind: 'packaged'
    })
  })

  it('has nothing to offer elsewhere without an installed browser, and says what to do', () => {
    const choice = chooseChromium({
      env: {},
      platform: 'darwin',
      arch: 'arm64',
      exists: () => false
    })
    expect(choice).toMatchObject({
      kind: 'none',
      reason: expect.stringContaining('PHYSIOPLAN_CHROMIUM')
    })
  })

  it('looks in the usual places on macOS and Windows', () => {
    expect(installedCandidates('darwin', { HOME: '/Users/ana' })).toContain(
      '/Users/ana/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'
    )
    const windows = installedCandidates('win32', {
      LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local',
      PROGRAMFILES: 'C:\\Program Files'
    })
    expect(windows).toContain('C:\\Users\\ana\\AppData\\Local\\Chromium\\Application\\chrome.exe')
    expect(windows).toContain('C:\\Program Files\\Microsoft\\Edge\\Application\\msedge.exe')
  })
})
