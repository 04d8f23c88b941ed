import { listAdvice } from './advice'
import type { HandlerContext, HandlerTable } from './handlers'
import { getHandoutOptions, startPreview } from './handouts'
import {
  compareVersions,
  createProgram,
  deleteDraft,
  getSnapshot,
  getVersion,
  issueVersion,
  listVersions,
  moveToNextStage,
  reviseVersion,
  saveDraft
} from './programs'

/** A patient's programs, version by version, and the advice sections they draw on. */
export function programHandlers(context: HandlerContext): HandlerTable<'programs' | 'advice'> {
  const { handoutReader, store } = context
  return {
    'programs:list': ({ patientId }) => store.read((q) => listVersions(q, patientId)),
    'programs:get': async ({ versionId }) => {
      const { version, options } = await store.read(async (q) => ({
        version: await getVersion(q, versionId),
        options: await getHandoutOptions(q)
      }))
      // a draft opens in the builder, its preview one click away: its handout starts drawing
      // now, in the clinic's options, and the builder's first preview call takes it
      if (version.status === 'draft')
        await startPreview(handoutReader, version, options, context, context.previews)
      return version
    },
    'programs:create': ({ patientId, source, title }) =>
      store.write((q) => createProgram(q, patientId, source, title)),
    'programs:save': async ({ versionId, version, preview, ...content }) => {
      const saved = await store.write((q) => saveDraft(q, versionId, version, content))
      // the preview beside the draft starts drawing before the save answers (its snapshot is
      // read, the worker has the job); its call takes it (one render an edit)
      if (preview) await startPreview(handoutReader, saved, preview, context, context.previews)
      return saved
    },
    'programs:issue': ({ versionId, version, confirmIncompleteDoses }) =>
      store.write((q) => issueVersion(q, versionId, version, confirmIncompleteDoses)),
    'programs:revise': ({ versionId }) => store.write((q) => reviseVersion(q, versionId)),
    'programs:nextStage': ({ versionId }) => store.write((q) => moveToNextStage(q, versionId)),
    'programs:discard': ({ versionId, version }) =>
      store.write((q) => deleteDraft(q, versionId, version)),
    'programs:compare': ({ fromId, toId }) => store.read((q) => compareVersions(q, fromId, toId)),
    'programs:snapshot': ({ versionId }) => store.read((q) => getSnapshot(q, versionId)),
    'advice:list': () => store.read((q) => listAdvice(q))
  }
}
