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
 * Page 1 of the last preview closed (or of the builder's warm-up), kept drawn:
 * a preview of the very same bytes at the same scale shows it at once instead
 * of drawing it again. One bitmap at most (a narrow preview's page 1 is about
 * 330 × 467 CSS px: 0.6 MB at 1×, 2.5 MB at 2×); bytes are compared by
 * identity, so an edit (new bytes) or another program never gets it.
 */
let kept: { bytes: Uint8Array; scale: number; canvas: HTMLCanvasElement } | null = null

export function keepFirstPage(bytes: Uint8Array, scale: number, canvas: HTMLCanvasElement): void {
  if (kept?.canvas !== canvas) releaseCanvas(kept?.canvas)
  canvas.remove()
  kept = { bytes, scale, canvas }
}

/** The kept page 1 if it shows these bytes at this scale (it is then the caller's); any other is let go. */
export function takeFirstPage(bytes: Uint8Array, scale: number): HTMLCanvasElement | null {
  const canvas = kept?.canvas ?? null
  const fits = kept?.bytes === bytes && kept.scale === scale
  kept = null
  if (fits) return canvas
  releaseCanvas(canvas)
  return null
}
