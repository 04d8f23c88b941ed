/**
 * The Electron security wiring, as plain functions over Electron's objects so
 * unit tests can pass mocks and assert every option and handler.
 */
import type {
  App,
  BrowserWindow,
  BrowserWindowConstructorOptions,
  Protocol,
  Session,
  WebContents
} from 'electron'
import { contentSecurityPolicy } from '../hosting/csp'
import { contentTypeOf, readStaticFile } from '../hosting/static-files'

export const appScheme = 'app'
export const appOrigin = 'app://physioplan'

/** Must run before the app is ready: app:// behaves like https (secure, same-origin rules). */
export function registerAppScheme(protocol: Protocol): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain' } })
}

/** Serves the built renderer from app://physioplan/, with the CSP on every response. */
export function serveRenderer(protocol: Protocol, rendererDir: string): void {
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url)
    if (`${url.protocol}//${url.host}` !== appOrigin) return notFound()
    const found = await readStaticFile(rendererDir, url.pathname)
    if (found === null) return notFound()
    return new Response(new Uint8Array(found.body), {
      headers: {
        'Content-Type': contentTypeOf(found.file),
        'Content-Security-Policy': contentSecurityPolicy,
        'X-Content-Type-Options': 'nosniff'
      }
    })
  })
}

/** No camera, microphone, notifications, geolocation…: the app needs none. */
export function denyPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
}

export function isAppUrl(url: string, allowedOrigins: string[]): boolean {
  try {
    const parsed = new URL(url)
    return allowedOrigins.includes(`${parsed.protocol}//${parsed.host}`)
  } catch {
    return false
  }
}

/** Every page the app ever makes: no new windows, no navigation away, no webviews. */
export function lockDownContents(contents: WebContents, allowedOrigins: string[]): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  const stayInApp = (event: { preventDefault: () => void }, url: string): void => {
    if (!isAppUrl(url, allowedOrigins)) event.preventDefault()
  }
  contents.on('will-navigate', stayInApp)
  contents.on('will-redirect', stayInApp)
  contents.on('will-attach-webview', (event) => event.preventDefault())
}

export function hardenApp(app: App, allowedOrigins: string[]): void {
  app.enableSandbox()
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, allowedOrigins))
}

export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'PhysioPlan',
    width: 1280,
    height: 860,
    minWidth: 960,
    minHeight: 640,
    show: false,
    backgroundColor: '#f5f7f8',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: true
    }
  }
}

export function showWhenReady(window: BrowserWindow, startUrl: string): void {
  window.once('ready-to-show', () => window.show())
  void window.loadURL(startUrl)
}
