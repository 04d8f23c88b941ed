import { todayIso } from '@shared/dates'
import type { HandlerContext, HandlerTable } from './handlers'
import { createVisit, dashboard, deleteVisit, listVisits, updateVisit } from './visits'

/** Visits and outcomes, and the home screen's list of who is due. */
export function visitHandlers({ db, write }: HandlerContext): HandlerTable<'visits' | 'dashboard'> {
  return {
    'visits:list': ({ patientId }) => listVisits(db, patientId),
    'visits:create': ({ patientId, ...fields }) => write(() => createVisit(db, patientId, fields)),
    'visits:update': ({ id, ...fields }) => write(() => updateVisit(db, id, fields)),
    'visits:delete': ({ id }) => write(() => deleteVisit(db, id)),
    'dashboard:get': ({ show }) => dashboard(db, todayIso(), show)
  }
}
