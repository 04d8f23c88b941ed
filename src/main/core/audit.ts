/** The audit trail: append-only rows of who-changed-what, with field names but no content. */
import type { Database } from 'better-sqlite3'
import type { AuditEntry } from '@shared/types'

export function audit(
  db: Database,
  entry: Omit<AuditEntry, 'id' | 'at' | 'fields'> & { fields?: string[] }
): void {
  db.prepare(
    `INSERT INTO audit_log (at, patient_id, entity, entity_id, action, fields)
     VALUES (?, ?, ?, ?, ?, ?)`
  ).run(
    new Date().toISOString(),
    entry.patientId,
    entry.entity,
    entry.entityId,
    entry.action,
    JSON.stringify(entry.fields ?? [])
  )
}

/** The names of the fields whose values differ between two versions of a record. */
export function changedFields<T extends object>(before: T, after: T): string[] {
  return (Object.keys(after) as (keyof T)[])
    .filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]))
    .map(String)
}

export function auditTrail(db: Database, patientId: number): AuditEntry[] {
  const rows = db
    .prepare(
      `SELECT id, at, patient_id AS patientId, entity, entity_id AS entityId, action, fields
       FROM audit_log WHERE patient_id = ? ORDER BY id DESC`
    )
    .all(patientId) as (Omit<AuditEntry, 'fields'> & { fields: string })[]
  return rows.map((row) => ({ ...row, fields: JSON.parse(row.fields) as string[] }))
}
