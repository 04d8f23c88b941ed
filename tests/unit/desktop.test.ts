/** The desktop-only handout actions, against a mocked Electron. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'

const mocks = vi.hoisted(() => {
  const state = {
    root: '',
    saveAnswer: { canceled: false, filePath: '' } as { canceled: boolean; filePath?: string },
    printAnswer: [true, ''] as [boolean, string],
    windows: [] as { options: Record<string, unknown>; url?: string; destroyed: boolean }[]
  }
  return {
    state,
    electron: {
      app: { getPath: (name: string) => `${state.root}/${name}` },
      dialog: {
        showSaveDialog: vi.fn(async () => state.saveAnswer),
        showOpenDialog: vi.fn(async () => ({ canceled: false, filePaths: ['/clinic/library'] }))
      },
      shell: { openPath: vi.fn(async () => '') },
      BrowserWindow: vi.fn(function (
        this: Record<string, unknown>,
        options: Record<string, unknown>
      ) {
        const record: (typeof state.windows)[number] = { options, destroyed: false }
        state.windows.push(record)
        this.loadURL = async (url: string) => {
          record.url = url
        }
        this.webContents = {
          print: (_options: unknown, done: (printed: boolean, reason: string) => void) =>
            done(...state.printAnswer)
        }
        this.destroy = () => (record.destroyed = true)
      })
    }
  }
})

vi.mock('electron', () => mocks.electron)

const { clearHandoutTemp, desktopActions, handoutTempDir } =
  await import('../../src/main/electron/desktop')

mocks.state.root = mkdtempSync(join(tmpdir(), 'physioplan-desktop-'))
afterAll(() => rmSync(mocks.state.root, { recursive: true, force: true }))

const pdf = Buffer.from('%PDF-1.7 test')
const actions = desktopActions(() => null)

describe('desktop handout actions', () => {
  it('saves where the person chose, and nothing when they cancel', async () => {
    const target = join(mocks.state.root, 'chosen.pdf')
    mocks.state.saveAnswer = { canceled: false, filePath: target }
    expect(await actions.saveFile('Zoë - relief.pdf', pdf)).toBe(target)
    expect(readFileSync(target)).toEqual(pdf)
    expect(mocks.electron.dialog.showSaveDialog).toHaveBeenCalledWith(
      expect.objectContaining({ defaultPath: `${mocks.state.root}/documents/Zoë - relief.pdf` })
    )
    mocks.state.saveAnswer = { canceled: true }
    expect(await actions.saveFile('other.pdf', pdf)).toBeNull()
  })

  it('opens the PDF in the default viewer from a temp folder cleared at start and quit', async () => {
    await actions.openPdf('Zoë - relief.pdf', pdf)
    const file = join(handoutTempDir(), 'Zoë - relief.pdf')
    expect(mocks.electron.shell.openPath).toHaveBeenCalledWith(file)
    expect(existsSync(file)).toBe(true)
    clearHandoutTemp()
    expect(existsSync(handoutTempDir())).toBe(false)
  })

  it('prints from a hidden sandboxed window and closes it, also when printing fails', async () => {
    await actions.printPdf('a.pdf', pdf)
    const [window] = mocks.state.windows
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        plugins: true
      }
    })
    expect(window?.url).toMatch(/^file:\/\/.*a\.pdf$/)
    expect(window?.destroyed).toBe(true)
    mocks.state.printAnswer = [false, 'cancelled']
    await expect(actions.printPdf('a.pdf', pdf)).resolves.toBeUndefined()
    mocks.state.printAnswer = [false, 'Printer is out of paper']
    await expect(actions.printPdf('a.pdf', pdf)).rejects.toThrow(
      'Printing failed: Printer is out of paper'
    )
    expect(mocks.state.windows.every((record) => record.destroyed)).toBe(true)
  })

  it('picks a folder for imports', async () => {
    expect(await actions.chooseFolder('Folder with exercises.json')).toBe('/clinic/library')
  })
})
