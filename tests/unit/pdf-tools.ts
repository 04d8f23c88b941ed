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
