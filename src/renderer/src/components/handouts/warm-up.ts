/**
 * The preview's pdf.js code and worker, started before a preview needs them:
 * starting the worker (fetching and parsing its 1.2 MB script) took a third
 * of the first preview's time. Dynamic imports only, so the first screen does
 * not carry pdf.js.
 */
export function warmUpPreview(): Promise<unknown> {
  return Promise.all([
    import('./HandoutPreview.vue'),
    import('./pdf').then((pdf) => pdf.startPdfWorker())
  ])
}

/**
 * Draws page 1 of these bytes once, off screen and small: pdf.js's drawing
 * code run for the first time took as long as the drawing itself (110 ms of
 * the 400 ms a first page took in a trace at load). The document stays open
 * for the preview (see pdf.ts).
 */
export async function warmUpDrawing(bytes: Uint8Array<ArrayBuffer>): Promise<void> {
  const { openPdf } = await import('./pdf')
  const page = await (await openPdf(bytes)).getPage(1)
  const viewport = page.getViewport({ scale: 0.5 })
  const canvas = Object.assign(document.createElement('canvas'), {
    width: viewport.width,
    height: viewport.height
  })
  try {
    await page.render({ canvas, viewport }).promise
  } finally {
    page.cleanup()
    canvas.width = canvas.height = 0
  }
}
