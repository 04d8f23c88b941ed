/** Turning what a person typed into safe FTS5 queries. */

/** A term as an FTS5 string literal: typed quotes and operators lose their meaning. */
export function ftsString(term: string): string {
  return `"${term.replace(/"/g, '""')}"`
}

export function searchTerms(query: string | undefined): string[] {
  return (query ?? '').trim().split(/\s+/).filter(Boolean)
}

/** Letters that Unicode does not decompose into a base letter and a mark. */
const foldedLetters: Record<string, string> = {
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ı: 'i'
}

/** A name as plain lower-case letters for sorting: "Ørjan Ågren" -> "orjan agren". */
export function sortKey(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[øłđðþæœßı]/g, (letter) => foldedLetters[letter] ?? letter)
}

/** A LIKE pattern for text starting with `prefix`, with % and _ taken literally. */
export function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (char) => `\\${char}`)}%`
}
