import type { Database } from 'better-sqlite3'
import type { HandlerContext, HandlerTable } from './handlers'
import { askClinicDetails, getClinic, skipClinicDetails, updateClinic } from './settings'

function count(db: Database, table: string): number {
  const row = db.prepare(`SELECT count(*) AS n FROM ${table} WHERE archived_at IS NULL`).get()
  return (row as { n: number }).n
}

/** What the app is and where its data lives, and the clinic's own details. */
export function settingsHandlers(context: HandlerContext): HandlerTable<'app' | 'clinic'> {
  const { db, write } = context
  return {
    'app:info': () => ({
      version: context.version,
      transport: context.transport,
      dataDir: context.dataDir,
      databaseFile: context.databaseFile,
      counts: {
        patients: count(db, 'patients'),
        exercises: count(db, 'exercises'),
        adviceSections: count(db, 'advice_sections'),
        templates: count(db, 'templates')
      },
      askClinicDetails: askClinicDetails(db)
    }),
    'app:health': () => ({ ...context.health }),
    'clinic:get': () => getClinic(db),
    'clinic:update': (clinic) => write(() => updateClinic(db, clinic)),
    'clinic:skipDetails': () => write(() => skipClinicDetails(db))
  }
}
