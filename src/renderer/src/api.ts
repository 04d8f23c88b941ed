/**
 * The renderer's way to the api, typed from the contract. In Electron it is
 * the preload's window.api; in the browser host the same channels over HTTP
 * with the per-run token. Only stores import this module.
 */
import { channels, type Channel } from '@shared/channels'
import type { Bridge } from '@shared/bridge'
import type { Input, Output } from '@shared/contract'
import type { Result } from '@shared/errors'

const tokenKey = 'physioplan-token'

/** The browser host prints a URL ending in #token=…; keep it for this tab and tidy the address bar. */
function takeToken(): string {
  const match = /token=([\w-]+)/.exec(window.location.hash)
  if (match?.[1]) {
    sessionStorage.setItem(tokenKey, match[1])
    history.replaceState(history.state, '', window.location.pathname + window.location.search)
  }
  return sessionStorage.getItem(tokenKey) ?? ''
}

const offline = (message: string): Result<never> => ({
  ok: false,
  error: { code: 'unavailable', message }
})

/** The name the browser host gives a file it sends as itself (RFC 6266's UTF-8 form). */
function fileNameOf(disposition: string | null): string | null {
  const encoded = /filename\*=UTF-8''([^;]+)/.exec(disposition ?? '')?.[1]
  return encoded === undefined ? null : decodeURIComponent(encoded)
}

function httpBridge(): Bridge {
  const token = takeToken()
  const call = async (channel: Channel, input: unknown): Promise<Result<unknown>> => {
    let response: Response
    try {
      response = await fetch(`/api/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify(input ?? {})
      })
    } catch {
      return offline('PhysioPlan is not running. Start it again and reload this page.')
    }
    if (response.status === 401) {
      return offline(
        'This page has no access key. Open the full address printed when PhysioPlan started.'
      )
    }
    const fileName = fileNameOf(response.headers.get('Content-Disposition'))
    if (fileName === null) return (await response.json()) as Result<unknown>
    // a file (a handout, an export) comes as its own bytes, not as JSON
    return { ok: true, data: { fileName, bytes: new Uint8Array(await response.arrayBuffer()) } }
  }
  return Object.fromEntries(
    channels.map((channel) => [channel, (input: unknown) => call(channel, input)])
  ) as Bridge
}

const bridge: Bridge = window.api ?? httpBridge()

/** The desktop app has system dialogs and a printer; the browser host downloads instead. */
export const isDesktop = window.api !== undefined

/**
 * Calls one channel. Inputs are copied to plain JSON first: Vue's reactive
 * proxies cannot cross Electron's bridge.
 */
export function call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<Output<C>>> {
  const plain = JSON.parse(JSON.stringify(input)) as Input<C>
  return bridge[channel](plain)
}
