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

/** Closes the open document, once it has opened (one that failed to open holds nothing). */
function closeOpen(): void {
  void open?.document.then(
    (document) => document.destroy(),
    () => undefined
  )
  open = null
}

/**
 * The document of these bytes. The last one stays open, its fonts loaded, so
 * a preview opened again draws at once; opening other bytes destroys it
 * (pages already drawn are canvases and stay on screen).
 */
export function openPdf(bytes: Uint8Array<ArrayBuffer>): Promise<pdfjs.PDFDocumentProxy> {
  if (open?.bytes === bytes) return open.document
  closeOpen()
  // pdf.js takes ownership of the buffer it is given: hand it a copy
  const data = bytes.slice()
  const document = pdfjs.getDocument({ data, isEvalSupported: false, worker: startPdfWorker() })
  open = { bytes, document: document.promise }
  return open.document
}

/**
 * Reads a sample handout and draws its page 1 once, small and off screen, then
 * forgets it: the first document pdf.js reads and draws in a session took
 * 150–250 ms longer than the next ones (its code, in its worker and here, not
 * yet compiled; traced at load 3). Skipped when a handout was opened first,
 * which warms the same code.
 */
export async function warmUpWith(data: Uint8Array<ArrayBuffer>): Promise<void> {
  if (open) return
  const task = pdfjs.getDocument({ data, isEvalSupported: false, worker: startPdfWorker() })
  try {
    releaseCanvas(await drawPage(await task.promise, 1, 0.5))
  } finally {
    await task.destroy()
  }
}

/** Lets a canvas's bitmap go now, not when the garbage collector finds the element. */
export function releaseCanvas(canvas: Element | null | undefined): void {
  if (canvas instanceof HTMLCanvasElement) canvas.width = canvas.height = 0
  canvas?.remove()
}

/** The scale that draws a page `cssWidth` CSS pixels wide, sharp on this screen. */
export function scaleFor(page: pdfjs.PDFPageProxy, cssWidth: number): number {
  return (cssWidth * window.devicePixelRatio) / page.getViewport({ scale: 1 }).width
}

/** Draws one page into a new canvas, named as the preview shows it; the page's pdf.js resources are freed once drawn. */
export async function drawPage(
  document: pdfjs.PDFDocumentProxy,
  number: number,
  scale: number
): Promise<HTMLCanvasElement> {
  const page = await document.getPage(number)
  const viewport = page.getViewport({ scale })
  const canvas = Object.assign(window.document.createElement('canvas'), {
    width: viewport.width,
    height: viewport.height
  })
  canvas.setAttribute('aria-label', `Handout page ${number} of ${document.numPages}`)
  canvas.setAttribute('role', 'img')
  try {
    await page.render({ canvas, viewport }).promise
    return canvas
  } catch (error) {
    releaseCanvas(canvas)
    throw error
  } finally {
    page.cleanup()
  }
}

/**
 * Page 1 of the last preview closed (or of the builder's warm-up, maybe still
 * being drawn), kept: a preview of the very same bytes at the same scale shows
 * it instead of drawing it again. One bitmap at most (a narrow preview's page
 * 1 is about 320 × 453 CSS px: 0.6 MB at 1×, 2.3 MB at 2×); bytes are
 * compared by identity, so an edit (new bytes) or another program never gets it.
 */
let kept: { bytes: Uint8Array; scale: number; canvas: Promise<HTMLCanvasElement> } | null = null

const letGo = (kept: { canvas: Promise<HTMLCanvasElement> } | null) =>
  void kept?.canvas.then(releaseCanvas, () => undefined)

export function keepFirstPage(
  bytes: Uint8Array,
  scale: number,
  canvas: HTMLCanvasElement | Promise<HTMLCanvasElement>
): void {
  if (canvas instanceof HTMLCanvasElement) canvas.remove()
  letGo(kept)
  kept = { bytes, scale, canvas: Promise.resolve(canvas) }
  // a warm-up's drawing that fails is nobody's error: whoever takes it draws afresh
  kept.canvas.catch(() => undefined)
}

/** The kept page 1 if it shows these bytes at this scale (it is then the caller's); any other is let go. */
export function takeFirstPage(bytes: Uint8Array, scale: number): Promise<HTMLCanvasElement> | null {
  const taken = kept
  kept = null
  if (taken?.bytes === bytes && taken.scale === scale) return taken.canvas
  letGo(taken)
  return null
}

/**
 * Lets the open document and the kept page 1 go: after a patient is erased,
 * no handout of theirs stays in this window, drawn or read.
 */
export function forgetDocuments(): void {
  letGo(kept)
  kept = null
  closeOpen()
}
