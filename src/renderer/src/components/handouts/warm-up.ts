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
 * Draws page 1 of these bytes once, off screen, at the size the preview will
 * show it (`cssWidth`), and keeps it (pdf.ts): the first preview then shows it
 * at once. pdf.js's drawing code run for the first time also took as long as
 * the drawing itself (110 ms of the 400 ms a first page took in a trace at
 * load). The document stays open for the preview.
 */
export async function warmUpDrawing(
  bytes: Uint8Array<ArrayBuffer>,
  cssWidth: number
): Promise<void> {
  const { drawPage, keepFirstPage, openPdf, scaleFor } = await import('./pdf')
  const document = await openPdf(bytes)
  const scale = scaleFor(await document.getPage(1), cssWidth)
  keepFirstPage(bytes, scale, await drawPage(document, 1, scale))
}
