import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createCanvas } from '@napi-rs/canvas'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'
import { systemToolsHidden } from './system-tools'

const open = (bytes: Buffer) =>
  getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise

/** All text of a PDF, page by page, whitespace folded. */
export async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const document = await open(bytes)
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
  }
  await document.destroy()
  return { pages: document.numPages, text: pages.join('\n').replace(/\s+/g, ' ') }
}

const runQpdf = (command: string, args: string[]) => {
  const run = spawnSync(command, args, { encoding: 'utf8' })
  if (run.error) throw run.error
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` }
}

/**
 * `qpdf --check`: qpdf's own code built to WebAssembly (@jspawn/qpdf-wasm),
 * in a child process because its Emscripten runtime writes to the process's
 * stdout and installs process-wide handlers. Where Debian's qpdf is
 * installed, it checks too, and both must pass.
 */
export function qpdfCheck(bytes: Buffer): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'physioplan-qpdf-'))
  const file = join(dir, 'handout.pdf')
  writeFileSync(file, bytes)
  try {
    const checks = [runQpdf(process.execPath, [resolve('tests/unit/qpdf-wasm.mjs'), file])]
    if (!systemToolsHidden() && spawnSync('qpdf', ['--version']).status === 0)
      checks.push(runQpdf('qpdf', ['--check', file]))
    return {
      ok: checks.every((check) => check.ok),
      output: checks.map((check) => check.output).join('\n')
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** The first page as grey pixels, drawn by pdf.js on @napi-rs/canvas, for comparing drawings. */
export async function firstPageGray(
  bytes: Buffer,
  dpi = 100
): Promise<{ width: number; pixels: Uint8Array }> {
  const document = await open(bytes)
  try {
    const page = await document.getPage(1)
    const viewport = page.getViewport({ scale: dpi / 72 })
    const canvas = createCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height))
    const context = canvas.getContext('2d')
    await page.render({
      canvas: canvas as unknown as HTMLCanvasElement,
      canvasContext: context as unknown as CanvasRenderingContext2D,
      viewport
    }).promise
    const rgba = context.getImageData(0, 0, canvas.width, canvas.height).data
    const pixels = new Uint8Array(canvas.width * canvas.height)
    for (let pixel = 0; pixel < pixels.length; pixel++) {
      const [red, green, blue] = [rgba[pixel * 4]!, rgba[pixel * 4 + 1]!, rgba[pixel * 4 + 2]!]
      pixels[pixel] = Math.round(0.299 * red + 0.587 * green + 0.114 * blue)
    }
    return { width: canvas.width, pixels }
  } finally {
    await document.destroy()
  }
}
