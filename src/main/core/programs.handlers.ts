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
  const { db, handoutDb, write } = context
  return {
    'programs:list': ({ patientId }) => listVersions(db, patientId),
    'programs:get': ({ versionId }) => {
      const version = getVersion(db, versionId)
      // a draft opens in the builder, its preview one click away: its handout starts drawing
      // now, in the clinic's options, and the builder's first preview call takes it
      if (version.status === 'draft')
        startPreview(handoutDb, version, getHandoutOptions(db), context, context.previews)
      return version
    },
    'programs:create': ({ patientId, source, title }) =>
      write(() => createProgram(db, patientId, source, title)),
    'programs:save': ({ versionId, preview, ...content }) => {
      const saved = write(() => saveDraft(db, versionId, content))
      // the preview beside the draft starts drawing now; its call takes it (one render an edit)
      if (preview) startPreview(handoutDb, saved, preview, context, context.previews)
      return saved
    },
    'programs:issue': ({ versionId, confirmIncompleteDoses }) =>
      write(() => issueVersion(db, versionId, confirmIncompleteDoses)),
    'programs:revise': ({ versionId }) => write(() => reviseVersion(db, versionId)),
    'programs:nextStage': ({ versionId }) => write(() => moveToNextStage(db, versionId)),
    'programs:discard': ({ versionId }) => write(() => deleteDraft(db, versionId)),
    'programs:compare': ({ fromId, toId }) => compareVersions(db, fromId, toId),
    'programs:snapshot': ({ versionId }) => getSnapshot(db, versionId),
    'advice:list': () => context.store.read((q) => listAdvice(q))
  }
}
