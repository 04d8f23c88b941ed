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
