import { readFile, realpath } from 'node:fs/promises'
import { extname, join, normalize, sep } from 'node:path'

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
  '.json': 'application/json'
}

export function contentTypeOf(file: string): string {
  return contentTypes[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * Maps a request path onto a file inside `root`, or null when it would leave
 * it. Paths without an extension are app routes and get index.html, so a
 * reload on /patients/3 works.
 */
export function resolveStaticPath(root: string, pathname: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  if (extname(decoded) === '') return join(root, 'index.html')
  const file = normalize(join(root, decoded))
  return file.startsWith(normalize(root) + sep) ? file : null
}

/**
 * The bytes of the file a request path names, or null when there is none
 * inside `root`, symlinks followed: a link in the renderer folder (a
 * packaging slip, a writable install) must not serve files from elsewhere.
 */
export async function readStaticFile(
  root: string,
  pathname: string
): Promise<{ file: string; body: Buffer } | null> {
  const file = resolveStaticPath(root, pathname)
  if (file === null) return null
  try {
    const [real, realRoot] = await Promise.all([realpath(file), realpath(root)])
    if (!real.startsWith(realRoot + sep)) return null
    return { file, body: await readFile(real) }
  } catch {
    return null
  }
}
