/** The one Content-Security-Policy for every page we serve, in Electron and the browser host. */
const directives = [
  "default-src 'self'",
  "script-src 'self'",
  // no inline styles: Vue sets :style bindings through the CSSOM (element.style), which
  // CSP allows, and Chart.js sizes its canvas the same way; both checked in the e2e tests
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  // index.html sets <base href="/"> so app routes find the built assets
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'"
]

export const contentSecurityPolicy = directives.join('; ')

/**
 * The same policy in index.html's meta tag (kept equal by a unit test), for
 * a page opened any other way. Browsers ignore frame-ancestors there, with
 * a console warning, so it is left out.
 */
export const metaContentSecurityPolicy = directives
  .filter((directive) => !directive.startsWith('frame-ancestors'))
  .join('; ')

/**
 * `npm run dev` only: Vite's dev server injects styles as <style> tags and
 * reloads over a WebSocket. Never in a build.
 */
export function devServerPolicy(policy: string): string {
  return policy
    .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", "connect-src 'self' ws:")
}
