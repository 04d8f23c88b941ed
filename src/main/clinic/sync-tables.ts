/**
 * What a pull carries (issue 18), shared by the server that pages it
 * (sync-pull.ts) and the desktop that applies it (offline/pull.ts): the
 * ROOT tables in an order whose foreign keys are satisfied, each with its
 * CHILD tables, which travel with their root and replace the device's.
 * Migration 005 keeps a change_xid on each root and moves it when a child
 * changes. Whose rows they are decides which a device pulls: the library's
 * are every device's, the rest belong to a kept patient.
 */
export interface SyncChild {
  table: string
  /** the column naming the root's id */
  parent: string
  /** the order they are sent and inserted in (PSFS activities keep theirs: rowid) */
  order: string
}

export interface SyncRoot {
  table: string
  /** its primary key: settings are keyed by name */
  key: 'id' | 'key'
  /** library: every device's; self: a patient; patient: by patient_id; program: by its program's patient */
  owner: 'library' | 'self' | 'patient' | 'program'
  children: SyncChild[]
}

export const syncRoots: readonly SyncRoot[] = [
  { table: 'settings', key: 'key', owner: 'library', children: [] },
  { table: 'advice_sections', key: 'id', owner: 'library', children: [] },
  {
    table: 'exercises',
    key: 'id',
    owner: 'library',
    children: [{ table: 'exercise_media', parent: 'exercise_id', order: 'sort_order, id' }]
  },
  {
    table: 'templates',
    key: 'id',
    owner: 'library',
    children: [
      { table: 'template_items', parent: 'template_id', order: 'position' },
      { table: 'template_advice', parent: 'template_id', order: 'position' }
    ]
  },
  { table: 'patients', key: 'id', owner: 'self', children: [] },
  { table: 'programs', key: 'id', owner: 'patient', children: [] },
  {
    table: 'program_versions',
    key: 'id',
    owner: 'program',
    children: [
      { table: 'program_items', parent: 'version_id', order: 'position' },
      { table: 'program_advice', parent: 'version_id', order: 'position' }
    ]
  },
  {
    table: 'visits',
    key: 'id',
    owner: 'patient',
    children: [
      { table: 'visit_outcomes', parent: 'visit_id', order: 'rowid' },
      { table: 'visit_red_flags', parent: 'visit_id', order: 'flag' }
    ]
  },
  { table: 'audit_log', key: 'id', owner: 'patient', children: [] }
]

/** The server's columns a device never gets: its clinic, who changed it, search plumbing, the feed's own. */
export const serverOnlyColumns = new Set([
  'clinic_id',
  'updated_by',
  'search_text',
  'search_vector',
  'change_xid',
  // SQLite's implicit rowid, made explicit on the server: the device numbers its own in order
  'rowid',
  // the audit trail's account: the device's copy has no accounts
  'user_id'
])
