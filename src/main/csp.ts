/** The one Content-Security-Policy for every page we serve, in Electron and the browser host. */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  // Vue binds inline style attributes; no inline <style> or scripts are served
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  // index.html sets <base href="/"> so app routes find the built assets
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')
