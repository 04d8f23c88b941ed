/** Turning what a person typed into safe FTS5 queries. */

/** A term as an FTS5 string literal: typed quotes and operators lose their meaning. */
export function ftsString(term: string): string {
  return `"${term.replace(/"/g, '""')}"`
}

/**
 * The typed words, folded as the search indexes fold the stored text
 * (migration 005): "Łukas" looks for "lukas", "Straße" for "strasse".
 */
export function searchTerms(query: string | undefined): string[] {
  return fold(query ?? '')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
}

/**
 * Letters that Unicode does not decompose into a base letter and a mark
 * (upper case folds through toLowerCase; ĳ decomposes under NFKD). Migration
 * 005 folds the indexed text with the same letters, in SQL.
 */
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

/** Text as plain lower-case letters, for sorting and search: "Ørjan Ågren" -> "orjan agren". */
export function fold(text: string): string {
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
