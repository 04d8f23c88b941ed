import { describe, expect, it } from 'vitest'
import { argValue, defaultDataDir, resolveDataDir } from '../../src/main/hosting/data-dir'

describe('data folder', () => {
  it('follows each platform’s app-data convention, like Electron’s userData', () => {
    expect(defaultDataDir('linux', {}, '/home/ana')).toBe('/home/ana/.config/PhysioPlan')
    expect(defaultDataDir('linux', { XDG_CONFIG_HOME: '/cfg' }, '/home/ana')).toBe(
      '/cfg/PhysioPlan'
    )
    expect(defaultDataDir('darwin', {}, '/Users/ana')).toBe(
      '/Users/ana/Library/Application Support/PhysioPlan'
    )
    expect(
      defaultDataDir('win32', { APPDATA: 'C:/Users/ana/AppData/Roaming' }, 'C:/Users/ana')
    ).toMatch(/AppData[/\\]Roaming[/\\]PhysioPlan$/)
  })

  it('prefers --data-dir, then PHYSIOPLAN_DATA_DIR, then the default', () => {
    const fallback = () => '/default'
    expect(resolveDataDir(['--data-dir', '/a'], { PHYSIOPLAN_DATA_DIR: '/b' }, fallback)).toBe('/a')
    expect(resolveDataDir(['--data-dir=/c'], {}, fallback)).toBe('/c')
    expect(resolveDataDir([], { PHYSIOPLAN_DATA_DIR: '/b' }, fallback)).toBe('/b')
    expect(resolveDataDir([], {}, fallback)).toBe('/default')
  })

  it('reads flags in both spellings', () => {
    expect(argValue(['--port', '0'], 'port')).toBe('0')
    expect(argValue(['--port=8080'], 'port')).toBe('8080')
    expect(argValue(['--portable'], 'port')).toBeUndefined()
  })
})
