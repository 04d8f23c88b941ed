/**
 * Numbered migration files into an ordered list: the SQLite store's and the
 * clinic's PostgreSQL store's (src/main/clinic/pg-migrations) follow the same
 * rules, and neither runner pulls in the other's SQL.
 */
export interface Migration {
  version: number
  name: string
  sql: string
}

/** Parses `NNN-name.sql` files into an ordered list, refusing gaps and duplicates. */
export function loadMigrations(files: Record<string, string>): Migration[] {
  const list = Object.entries(files).map(([path, sql]) => {
    const match = /(\d+)-([^/]+)\.sql$/.exec(path)
    if (!match) throw new Error(`Migration file name must look like 001-name.sql: ${path}`)
    return { version: Number(match[1]), name: match[2] as string, sql }
  })
  list.sort((a, b) => a.version - b.version)
  list.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migrations must be numbered 1, 2, 3… without gaps: found ${migration.version}`
      )
    }
  })
  return list
}
