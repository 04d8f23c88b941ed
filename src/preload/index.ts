/** Exposes window.api, one function per contract channel, and nothing else. */
import { contextBridge, ipcRenderer } from 'electron'
import { channels } from '@shared/channels'

const api = Object.fromEntries(
  channels.map((channel) => [channel, (input: unknown) => ipcRenderer.invoke(channel, input)])
)

contextBridge.exposeInMainWorld('api', Object.freeze(api))
