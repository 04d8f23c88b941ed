import type { HandlerContext, HandlerTable } from './handlers'
import {
  askClinicDetails,
  countActive,
  editClinic,
  skipClinicDetails,
  updateClinic
} from './settings'

/** What the app is and where its data lives, and the clinic's own details. */
export function settingsHandlers(context: HandlerContext): HandlerTable<'app' | 'clinic'> {
  const { store } = context
  return {
    'app:info': () =>
      store.read(async (q) => ({
        version: context.version,
        transport: context.transport,
        dataDir: context.dataDir,
        databaseFile: context.databaseFile,
        counts: {
          patients: await countActive(q, 'patients'),
          exercises: await countActive(q, 'exercises'),
          adviceSections: await countActive(q, 'advice_sections'),
          templates: await countActive(q, 'templates')
        }
      })),
    'clinic:askDetails': () => store.read(askClinicDetails),
    'app:health': () => ({ ...context.health }),
    'clinic:get': () => store.read((q) => editClinic(q)),
    'clinic:update': ({ version, ...clinic }) =>
      store.write((q) => updateClinic(q, version, clinic)),
    'clinic:skipDetails': () => store.write((q) => skipClinicDetails(q))
  }
}
