/**
 * pdf.js, set up once for all previews. Only the lazily loaded preview imports
 * it, so the first screen does not carry pdf.js.
 */
import * as pdfjs from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl

// Left to itself, pdf.js starts a worker (and parses its 1.2 MB script) for
// every document it opens, that is after every autosave of a draft.
let worker: pdfjs.PDFWorker | null = null

/** Opens a PDF on the one pdf.js worker the previews share. */
export function openPdf(bytes: Uint8Array<ArrayBuffer>): Promise<pdfjs.PDFDocumentProxy> {
  worker ??= new pdfjs.PDFWorker()
  // pdf.js takes ownership of the buffer it is given: hand it a copy
  return pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, worker }).promise
}
