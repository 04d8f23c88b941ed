/**
 * The Chromium inside the `@sparticuz/chromium` npm package: brotli files in
 * its tarball, unpacked here once per package version into
 * node_modules/.cache (about 2 s). The package's own `executablePath()`
 * unpacks into a shared /tmp/chromium that it trusts by name alone, so two
 * projects or versions on one machine would run each other's browser.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { brotliDecompressSync } from 'node:zlib'

const packageDir = resolve('node_modules/@sparticuz/chromium')

/** The regular files and folders of a ustar archive (all these archives hold). */
export function untar(archive: Buffer, into: string): void {
  for (let offset = 0; offset + 512 <= archive.length;) {
    const header = archive.subarray(offset, offset + 512)
    if (header.every((byte) => byte === 0)) break
    const field = (start: number, length: number) =>
      header
        .subarray(start, start + length)
        .toString('latin1')
        .replace(/\0.*$/s, '')
    const name = [field(345, 155), field(0, 100)].filter(Boolean).join('/')
    const size = parseInt(field(124, 12).trim() || '0', 8)
    const type = field(156, 1) || '0'
    const target = resolve(into, name)
    if (!target.startsWith(resolve(into))) throw new Error(`tar entry outside the folder: ${name}`)
    if (type === '5') mkdirSync(target, { recursive: true })
    else if (type === '0') {
      mkdirSync(dirname(target), { recursive: true })
      const mode = parseInt(field(100, 8).trim(), 8) & 0o777
      writeFileSync(target, archive.subarray(offset + 512, offset + 512 + size), { mode })
    } else throw new Error(`tar entry of a kind this reader doesn't unpack (${type}): ${name}`)
    offset += 512 + Math.ceil(size / 512) * 512
  }
}

const inflate = (name: string): Buffer =>
  brotliDecompressSync(readFileSync(join(packageDir, 'bin', name)))

export async function unpackPackagedChromium(): Promise<{
  executablePath: string
  env: Record<string, string>
}> {
  if (!existsSync(packageDir))
    throw new Error('Chromium: @sparticuz/chromium is not installed (npm install).')
  const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
    version: string
  }
  const dir = resolve('node_modules/.cache/physioplan-chromium', version)
  const executablePath = join(dir, 'chromium')
  if (!existsSync(executablePath)) {
    // Unpacked beside, then renamed in one step: a run killed halfway leaves
    // no half-written browser behind, and a parallel run loses no time.
    const partial = `${dir}.partial-${process.pid}`
    rmSync(partial, { recursive: true, force: true })
    mkdirSync(partial, { recursive: true })
    writeFileSync(join(partial, 'chromium'), inflate('chromium.br'), { mode: 0o755 })
    untar(inflate('al2023.tar.br'), partial)
    untar(inflate('fonts.tar.br'), partial)
    writeFileSync(
      join(partial, 'fonts.conf'),
      `<?xml version="1.0"?>\n<fontconfig><dir>${dir}/fonts</dir><cachedir>${dir}/fonts-cache</cachedir></fontconfig>\n`
    )
    try {
      renameSync(partial, dir)
    } catch (error) {
      rmSync(partial, { recursive: true, force: true })
      if (!existsSync(executablePath)) throw error
    }
  }
  // Its own NSS and expat, so it needs none of Debian's Chromium libraries;
  // its own fonts only where the machine has no fontconfig at all.
  const env: Record<string, string> = { LD_LIBRARY_PATH: join(dir, 'lib') }
  if (!existsSync('/etc/fonts/fonts.conf')) env.FONTCONFIG_FILE = join(dir, 'fonts.conf')
  return { executablePath, env }
}
