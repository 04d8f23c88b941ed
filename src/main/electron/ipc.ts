import type { IpcMain, WebFrameMain } from 'electron'
import { channels } from '@shared/channels'
import type { Dispatch } from '../core/api'

/** Only our own top-level page may call the api: not an iframe, not another origin. */
export function isTrustedSender(frame: WebFrameMain | null, allowedOrigins: string[]): boolean {
  if (frame === null || frame.parent !== null) return false
  try {
    // URL.origin is "null" for custom schemes such as app://, so build it by hand
    const url = new URL(frame.url)
    return allowedOrigins.includes(`${url.protocol}//${url.host}`)
  } catch {
    return false
  }
}

/** Binds every channel of the contract once, each checking its sender first. */
export function bindIpc(ipcMain: IpcMain, dispatch: Dispatch, allowedOrigins: string[]): void {
  for (const channel of channels) {
    ipcMain.handle(channel, (event, input: unknown) => {
      if (!isTrustedSender(event.senderFrame, allowedOrigins)) {
        return {
          ok: false,
          error: { code: 'forbidden', message: 'This window is not allowed to read clinic data.' }
        }
      }
      return dispatch(channel, input)
    })
  }
}
