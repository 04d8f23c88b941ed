import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs'

/** All text of a PDF, page by page, whitespace folded. */
export async function pdfText(bytes: Buffer): Promise<{ pages: number; text: string }> {
  const document = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false })
    .promise
  const pages: string[] = []
  for (let number = 1; number <= document.numPages; number++) {
    const content = await (await document.getPage(number)).getTextContent()
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '))
  }
  await document.destroy()
  return { pages: document.numPages, text: pages.join('\n').replace(/\s+/g, ' ') }
}

/** qpdf's structural check; fails loudly when qpdf itself is missing. */
export function qpdfCheck(bytes: Buffer): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'physioplan-qpdf-'))
  const file = join(dir, 'handout.pdf')
  writeFileSync(file, bytes)
  const run = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' })
  rmSync(dir, { recursive: true, force: true })
  if (run.error)
    throw new Error('qpdf is not installed (apt-get install qpdf): the PDF checks need it')
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` }
}

/** The first page as grey pixels (pdftoppm, Debian poppler-utils), for comparing drawings. */
export function firstPageGray(bytes: Buffer, dpi = 100): { width: number; pixels: Uint8Array } {
  const dir = mkdtempSync(join(tmpdir(), 'physioplan-ppm-'))
  const file = join(dir, 'page.pdf')
  writeFileSync(file, bytes)
  const run = spawnSync('pdftoppm', ['-gray', '-r', String(dpi), '-singlefile', file])
  rmSync(dir, { recursive: true, force: true })
  if (run.error)
    throw new Error(
      'pdftoppm is not installed (apt-get install poppler-utils): drawing checks need it'
    )
  // binary PGM: "P5 <width> <height> <max>" and one whitespace, then a byte a pixel
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(run.stdout.subarray(0, 40).toString('latin1'))
  if (!header) throw new Error('pdftoppm gave no picture')
  return { width: Number(header[1]), pixels: run.stdout.subarray(header[0].length) }
}
