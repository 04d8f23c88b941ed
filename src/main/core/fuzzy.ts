/** Edit distance with adjacent swaps counted as one ("hamstirng" is 1 from "hamstring"). */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index)
  let beforePrevious = previous
  for (let i = 1; i <= a.length; i++) {
    const current = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, beforePrevious[j - 2]! + 1)
      }
      current.push(value)
      rowMin = Math.min(rowMin, value)
    }
    if (rowMin > limit) return limit + 1
    beforePrevious = previous
    previous = current
  }
  return previous[b.length]!
}

/**
 * The `words` (the search index's vocabulary) within one typo of `term` (two
 * for long words), also comparing against word starts so a half-typed
 * misspelling still finds its word. Short terms are left alone: at 3 letters
 * everything is one typo away.
 */
export function closeTerms(words: string[], term: string): string[] {
  const typed = term.toLowerCase()
  if (typed.length < 4) return []
  const limit = typed.length >= 8 ? 2 : 1
  return words.filter(
    (word) =>
      editDistance(typed, word, limit) <= limit ||
      (word.length > typed.length &&
        editDistance(typed, word.slice(0, typed.length), limit) <= limit)
  )
}
