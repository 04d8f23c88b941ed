/**
 * A domain read or write of several queries, written once for both ways it
 * runs (issue 17): as a generator that yields each query it builds on the
 * `q` it was given and gets back its rows. `runSteps` awaits them on the
 * query layer; `runStepsNow` runs them on a synchronous `db` (with
 * `sqliteBuilder` as the `q`), for the import worker's bridges (query/sync.ts).
 */
import type { Database } from 'better-sqlite3'
import type { Compilable } from 'kysely'
import type { Query } from './schema'
import { runNow } from './sync'

export type Steps<T> = Generator<Compilable<unknown>, T, unknown[]>

/** The rows of one query, inside steps: `const rows = yield* rowsOf(q.selectFrom(…))`. */
export function* rowsOf<Row>(
  query: Compilable<Row>
): Generator<Compilable<unknown>, Row[], unknown[]> {
  return (yield query) as Row[]
}

export async function runSteps<T>(q: Query, steps: Steps<T>): Promise<T> {
  let step = steps.next()
  while (!step.done) {
    const { rows } = await q.executeQuery(step.value.compile())
    step = steps.next(rows)
  }
  return step.value
}

export function runStepsNow<T>(db: Database, steps: Steps<T>): T {
  let step = steps.next()
  while (!step.done) step = steps.next(runNow(db, step.value))
  return step.value
}
