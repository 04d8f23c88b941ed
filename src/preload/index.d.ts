import type { Bridge } from '../shared/bridge'

declare global {
  interface Window {
    /** Present in Electron (from the preload); absent in the browser host. */
    api?: Bridge
  }
}

export {}
