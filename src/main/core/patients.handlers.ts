import { auditTrail } from './audit'
import type { HandlerContext, HandlerTable } from './handlers'
import { clearJournal, erasePatient, exportPatient, patientRecord } from './patient-data'
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
  const { db, store } = context
  // read in one go, then drawn outside the read: rendering waits on the handout worker
  const exportFile = async (id: number) =>
    exportPatient(await store.read((q) => patientRecord(q, id, context.resourcesDir)), context)
  return {
    'patients:list': (input) => store.read((q) => listPatients(q, input)),
    'patients:get': ({ id }) => store.read((q) => getPatient(q, id)),
    'patients:create': (fields) => store.write((q) => createPatient(q, fields)),
    'patients:update': ({ id, version, ...fields }) =>
      store.write((q) => updatePatient(q, id, version, fields)),
    'patients:setMeasures': ({ id, measures }) =>
      store.write((q) => setPatientMeasures(q, id, measures)),
    'patients:archive': ({ id, archived }) =>
      store.write((q) => setPatientArchived(q, id, archived)),
    'patients:export': ({ id }) => exportFile(id),
    'patients:exportSave': async ({ id }) => {
      const desktop = context.desktop()
      const file = await exportFile(id)
      return desktop.saveFile(file.fileName, file.bytes)
    },
    'patients:erase': async ({ id, confirmName }) => {
      await store.write((q) => erasePatient(q, id, confirmName))
      // the handout worker keeps the words it has drawn, this patient's name among them;
      // the erase has happened whatever becomes of that
      await context.offThread.run('forgetWords', {}).catch(() => undefined)
      return { journalCleared: await clearJournal(db, context.offThread) }
    },
    'patients:history': ({ id }) => store.read((q) => auditTrail(q, id))
  }
}
