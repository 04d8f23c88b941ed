/**
 * The reference handout in its four variants: written to .bench/handouts/
 * for looking at (pdftoppm turns them into pages), and timed.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { it } from 'vitest'
import { buildHandout } from '../../src/main/handout/document'
import { renderPdf } from '../../src/main/handout/render'
import { handoutAssets } from '../../src/main/handouts'
import { table, type Timing } from './measure'
import { referenceHandout, referenceOptions, resourcesDir } from './reference-handout'

it('reference handout', async () => {
  const { db, snapshot } = referenceHandout()
  const dir = join('.bench', 'handouts')
  mkdirSync(dir, { recursive: true })
  const fonts = join(resourcesDir, 'fonts')
  const timings: Timing[] = []
  for (const [name, options] of Object.entries(referenceOptions)) {
    const render = async () =>
      renderPdf(buildHandout(snapshot, options, handoutAssets(db, snapshot, resourcesDir)), fonts)
    writeFileSync(join(dir, `reference-${name}.pdf`), await render())
    for (let run = 0; run < 5; run++) await render()
    const times: number[] = []
    for (let run = 0; run < 25; run++) {
      const start = performance.now()
      await render()
      times.push(performance.now() - start)
    }
    times.sort((a, b) => a - b)
    timings.push({
      name: `reference handout, ${name}`,
      runs: times.length,
      medianMs: Math.round(times[12]! * 10) / 10,
      p95Ms: Math.round(times[23]! * 10) / 10
    })
  }
  db.close()
  console.log(`\nReference handouts written to ${dir}/\n\n${table(timings)}\n`)
})
