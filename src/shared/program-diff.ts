import { describeDose } from './dose'
import { planLines } from './walk-run'
import { phaseLabels, type Dose, type ProgramDiff, type ProgramVersion } from './types'

/** The dose as compared between versions: its words plus the note. */
export function doseSummary(dose: Dose): string {
  return [describeDose(dose), dose.note].filter(Boolean).join(' — ') || 'No dose set'
}

type Comparable = Pick<ProgramVersion, 'id' | 'versionNo' | 'items' | 'advice' | 'walkRun'>
type Item = Comparable['items'][number]

/** An item as compared: its dose, and when it is done unless that is the program itself. */
function itemSummary(item: Item): string {
  const dose = doseSummary(item.dose)
  return item.phase === 'main' ? dose : `${dose} (${phaseLabels[item.phase].toLowerCase()})`
}

/**
 * What changed from one version to another. Items are matched by exercise,
 * in order, so an exercise listed twice pairs with its own earlier copy.
 */
export function diffVersions(from: Comparable, to: Comparable): ProgramDiff {
  const unmatched = [...from.items]
  const diff: ProgramDiff = {
    from: { id: from.id, versionNo: from.versionNo },
    to: { id: to.id, versionNo: to.versionNo },
    added: [],
    removed: [],
    changed: [],
    unchanged: 0,
    adviceAdded: [],
    adviceRemoved: [],
    walkRun: null
  }
  for (const item of to.items) {
    const index = unmatched.findIndex((old) => old.exerciseId === item.exerciseId)
    const after = itemSummary(item)
    if (index === -1) {
      diff.added.push({ exerciseName: item.exerciseName, doseLine: after })
      continue
    }
    const [old] = unmatched.splice(index, 1)
    const before = itemSummary(old!)
    if (before === after) diff.unchanged++
    else diff.changed.push({ exerciseName: item.exerciseName, before, after })
  }
  diff.removed = unmatched.map((old) => ({
    exerciseName: old.exerciseName,
    doseLine: itemSummary(old)
  }))
  const titles = (advice: Comparable['advice']) => advice.map((section) => section.title)
  diff.adviceAdded = titles(to.advice).filter((title) => !titles(from.advice).includes(title))
  diff.adviceRemoved = titles(from.advice).filter((title) => !titles(to.advice).includes(title))
  // the plan as a whole: its weeks and its pain rule
  const plan = (version: Comparable) =>
    version.walkRun ? [...planLines(version.walkRun), version.walkRun.painRule] : []
  const [before, after] = [plan(from), plan(to)]
  if (before.join('\n') !== after.join('\n')) diff.walkRun = { before, after }
  return diff
}
