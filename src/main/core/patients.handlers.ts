import { auditTrail } from './audit'
import type { HandlerContext, HandlerTable } from './handlers'
import { getHandoutOptions } from './handouts'
import { clearJournal, erasePatient, exportPatient } from './patient-data'
import {
  createPatient,
  getPatient,
  listPatients,
  setPatientArchived,
  setPatientMeasures,
  updatePatient
} from './patients'

/** Patients, and what their data rights ask for: export, erasure, the audit trail. */
export function patientHandlers(context: HandlerContext): HandlerTable<'patients'> {
  const { db, write } = context
  return {
    'patients:list': (input) => listPatients(db, input),
    'patients:get': ({ id }) => getPatient(db, id),
    'patients:create': (fields) => write(() => createPatient(db, fields)),
    'patients:update': ({ id, ...fields }) => write(() => updatePatient(db, id, fields)),
    'patients:setMeasures': ({ id, measures }) => write(() => setPatientMeasures(db, id, measures)),
    'patients:archive': ({ id, archived }) => write(() => setPatientArchived(db, id, archived)),
    'patients:export': ({ id }) => exportPatient(db, id, getHandoutOptions(db), context),
    'patients:exportSave': async ({ id }) => {
      const desktop = context.desktop()
      const file = await exportPatient(db, id, getHandoutOptions(db), context)
      return desktop.saveFile(file.fileName, file.bytes)
    },
    'patients:erase': async ({ id, confirmName }) => {
      write(() => erasePatient(db, id, confirmName))
      // the handout worker keeps the words it has drawn, this patient's name among them;
      // the erase has happened whatever becomes of that
      await context.offThread.run('forgetWords', {}).catch(() => undefined)
      return { journalCleared: await clearJournal(db, context.offThread) }
    },
    'patients:history': ({ id }) => auditTrail(db, id)
  }
}
