/** Turning what a person typed into safe FTS5 queries. */

/** A term as an FTS5 string literal: typed quotes and operators lose their meaning. */
export function ftsString(term: string): string {
  return `"${term.replace(/"/g, '""')}"`
}

export function searchTerms(query: string | undefined): string[] {
  return (query ?? '').trim().split(/\s+/).filter(Boolean)
}

/** A LIKE pattern for text starting with `prefix`, with % and _ taken literally. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}
