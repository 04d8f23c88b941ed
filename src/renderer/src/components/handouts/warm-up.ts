import sampleUrl from './warm-up.pdf?url'

let session: Promise<unknown> | null = null

/**
 * The preview's pdf.js code and worker, started before a preview needs them
 * (starting the worker, fetching and parsing its 1.2 MB script, took a third
 * of the first preview's time), and pdf.js's code run once on a sample
 * handout (warm-up.pdf, see tests/unit/warm-up-pdf.test.ts). Once a session;
 * dynamic imports only, so the first screen does not carry pdf.js.
 */
export function warmUpPreview(): Promise<unknown> {
  session ??= Promise.all([
    import('./HandoutPreview.vue'),
    import('./pdf').then((pdf) => {
      pdf.startPdfWorker()
      // a warm-up only: should it fail, the first preview is just slower
      return fetch(sampleUrl)
        .then((sample) => sample.arrayBuffer())
        .then((data) => pdf.warmUpWith(new Uint8Array(data)))
        .catch(() => undefined)
    })
  ])
  return session
}

/**
 * Draws page 1 of these bytes once, off screen, at the size the preview will
 * show it (`cssWidth`), and keeps it (pdf.ts): the first preview then shows it
 * at once. The document stays open for the preview.
 */
export async function warmUpDrawing(
  bytes: Uint8Array<ArrayBuffer>,
  cssWidth: number
): Promise<void> {
  const { drawPage, keepFirstPage, openPdf, scaleFor } = await import('./pdf')
  const document = await openPdf(bytes)
  const scale = scaleFor(await document.getPage(1), cssWidth)
  const drawing = drawPage(document, 1, scale)
  // kept while still being drawn: a preview opened meanwhile waits for it rather than drawing twice
  keepFirstPage(bytes, scale, drawing)
  await drawing
}
