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

export interface PlacedText {
  text: string
  /** the baseline's height above the page's bottom edge, in points */
  y: number
  /** the type size, in points */
  size: number
}

/** Every run of text on every page, where it sits and how big it is. */
export async function pdfTextRuns(bytes: Buffer): Promise<PlacedText[][]> {
  const document = await open(bytes)
  const pages: PlacedText[][] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(
      content.items.flatMap((item) =>
        'str' in item && item.str.trim() !== ''
          ? [
              {
                text: item.str,
                y: item.transform[5] as number,
                size: Math.hypot(item.transform[2] as number, item.transform[3] as number)
              }
            ]
          : []
      )
    )
  }
  await document.destroy()
  return pages
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

export type Renderer = 'pdf.js' | 'pdftoppm'

/** pdf.js always; Debian's pdftoppm (poppler) too where it is installed, as a second opinion. */
export const pdfRenderers = (): Renderer[] =>
  !systemToolsHidden() && spawnSync('pdftoppm', ['-v']).status === 0
    ? ['pdf.js', 'pdftoppm']
    : ['pdf.js']

/** The first page as grey pixels, for comparing drawings: one byte a pixel, rows top down. */
export async function firstPageGray(
  bytes: Buffer,
  dpi = 100,
  renderer: Renderer = 'pdf.js'
): Promise<{ width: number; pixels: Uint8Array }> {
  return renderer === 'pdftoppm' ? popplerGray(bytes, dpi) : pdfjsGray(bytes, dpi)
}

/** pdf.js drawing on @napi-rs/canvas (prebuilt binaries from npm). */
async function pdfjsGray(
  bytes: Buffer,
  dpi: number
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

function popplerGray(bytes: Buffer, dpi: number): { width: number; pixels: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'physioplan-ppm-'))
  const file = join(dir, 'page.pdf')
  writeFileSync(file, bytes)
  const run = spawnSync('pdftoppm', ['-gray', '-r', String(dpi), '-singlefile', file])
  rmSync(dir, { recursive: true, force: true })
  if (run.error) throw run.error
  // binary PGM: "P5 <width> <height> <max>" and one whitespace, then a byte a pixel
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(run.stdout.subarray(0, 40).toString('latin1'))
  if (!header) throw new Error('pdftoppm gave no picture')
  return { width: Number(header[1]), pixels: run.stdout.subarray(header[0].length) }
}
