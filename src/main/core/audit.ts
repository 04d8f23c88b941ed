/** The audit trail: append-only rows of who-changed-what, with field names but no content. */
import type { AuditEntry } from '@shared/types'
import { nowIso } from './clock'
import type { Query } from './query/schema'

type NewEntry = Omit<AuditEntry, 'id' | 'at' | 'fields'> & { fields?: string[] }

const insertEntry = (q: Query, entry: NewEntry) =>
  q.insertInto('audit_log').values({
    at: nowIso(),
    patient_id: entry.patientId,
    entity: entry.entity,
    entity_id: entry.entityId,
    action: entry.action,
    fields: JSON.stringify(entry.fields ?? [])
  })

export async function audit(q: Query, entry: NewEntry): Promise<void> {
  await insertEntry(q, entry).execute()
}

/** The names of the fields whose values differ between two versions of a record. */
export function changedFields<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T)[])
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map(String)
}

export async function auditTrail(q: Query, patientId: number): Promise<AuditEntry[]> {
  const rows = await q
    .selectFrom('audit_log')
    .select([
      'id',
      'at',
      'patient_id as patientId',
      'entity',
      'entity_id as entityId',
      'action',
      'fields'
    ])
    .where('patient_id', '=', patientId)
    .orderBy('id', 'desc')
    .execute()
  return rows.map((row) => ({ ...row, fields: JSON.parse(row.fields) as string[] }))
}
