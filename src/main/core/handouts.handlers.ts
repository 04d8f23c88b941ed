import type { HandoutOptions } from '@shared/types'
import type { HandlerContext, HandlerTable } from './handlers'
import { editHandoutOptions, previewHandout, renderHandout, setHandoutOptions } from './handouts'

/**
 * Handouts: the clinic's options, the PDF of a version, and the desktop's
 * save, print and open. PDFs render here, from what `handoutSource` reads:
 * this desktop's file, or in clinic mode the clinic server.
 */
export function handoutHandlers(context: HandlerContext): HandlerTable<'handouts'> {
  const { handoutSource: source, store } = context
  const optionsOr = async (options: HandoutOptions | undefined) =>
    options ?? (await source.options())
  const handout = async (versionId: number, options: HandoutOptions | undefined) => {
    const chosen = await optionsOr(options)
    return renderHandout(await source.drawable(versionId), chosen, context)
  }
  return {
    'handouts:options': () => store.read(editHandoutOptions),
    'handouts:setOptions': ({ version, ...options }) =>
      store.write((q) => setHandoutOptions(q, version, options)),
    'handouts:pdf': ({ versionId, options }) => handout(versionId, options),
    'handouts:preview': async ({ versionId, options }) =>
      previewHandout(source, versionId, await optionsOr(options), context),
    'handouts:save': async ({ versionId, options }) => {
      const desktop = context.desktop()
      const file = await handout(versionId, options)
      return desktop.saveFile(file.fileName, file.bytes)
    },
    'handouts:print': async ({ versionId, options }) => {
      const desktop = context.desktop()
      const file = await handout(versionId, options)
      await desktop.printPdf(file.fileName, file.bytes)
      return null
    },
    'handouts:open': async ({ versionId, options }) => {
      const desktop = context.desktop()
      const file = await handout(versionId, options)
      await desktop.openPdf(file.fileName, file.bytes)
      return null
    }
  }
}
