import { todayIso } from '@shared/dates'
import type { HandlerContext, HandlerTable } from './handlers'
import { createVisit, dashboard, deleteVisit, listVisits, updateVisit } from './visits'

/** Visits and outcomes, and the home screen's list of who is due. */
export function visitHandlers({ store }: HandlerContext): HandlerTable<'visits' | 'dashboard'> {
  return {
    'visits:list': ({ patientId }) => store.read((q) => listVisits(q, patientId)),
    'visits:create': ({ patientId, ...fields }) =>
      store.write((q) => createVisit(q, patientId, fields)),
    'visits:update': ({ id, ...fields }) => store.write((q) => updateVisit(q, id, fields)),
    'visits:delete': ({ id }) => store.write((q) => deleteVisit(q, id)),
    'dashboard:get': ({ show }) => store.read((q) => dashboard(q, todayIso(), show))
  }
}
