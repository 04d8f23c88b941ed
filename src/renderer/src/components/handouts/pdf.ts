/**
 * pdf.js, set up once for all previews. Only the lazily loaded preview (and
 * its warm-up, warm-up.ts) imports it, so the first screen does not carry pdf.js.
 */
import * as pdfjs from 'pdfjs-dist'
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url'

pdfjs.GlobalWorkerOptions.workerSrc = workerUrl

// Left to itself, pdf.js starts a worker (and parses its 1.2 MB script) for
// every document it opens, that is after every autosave of a draft.
let worker: pdfjs.PDFWorker | null = null

/**
 * Starts the one pdf.js worker the previews share. Its start (fetching and
 * parsing the worker's script) was a third of the first preview's time, so
 * the builder calls this at idle, before its preview is opened.
 */
export function startPdfWorker(): pdfjs.PDFWorker {
  worker ??= new pdfjs.PDFWorker()
  return worker
}

let open: { bytes: Uint8Array; document: Promise<pdfjs.PDFDocumentProxy> } | null = null

/**
 * The document of these bytes. The last one stays open, its fonts loaded, so
 * a preview opened again draws at once; opening other bytes destroys it
 * (pages already drawn are canvases and stay on screen).
 */
export function openPdf(bytes: Uint8Array<ArrayBuffer>): Promise<pdfjs.PDFDocumentProxy> {
  if (open?.bytes === bytes) return open.document
  const previous = open?.document
  // pdf.js takes ownership of the buffer it is given: hand it a copy
  const data = bytes.slice()
  open = {
    bytes,
    document: pdfjs.getDocument({ data, isEvalSupported: false, worker: startPdfWorker() }).promise
  }
  void previous?.then(
    (document) => document.destroy(),
    () => undefined
  )
  return open.document
}
