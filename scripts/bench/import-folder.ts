/** A free-exercise-db folder for the import benchmarks. */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const sample = resolve('tests/fixtures/free-exercise-db-sample')

/** A free-exercise-db folder of `count` exercises with two photos each (the sample's), in `folder`. */
export function importFolder(folder: string, count: number): string {
  const records = Array.from({ length: count }, (_, n) => ({
    id: `Bench_${n}`,
    name: `Bench exercise ${n}`,
    force: 'pull',
    level: 'beginner',
    mechanic: null,
    equipment: 'body only',
    primaryMuscles: ['hamstrings'],
    secondaryMuscles: [],
    instructions: ['Lie on your back with one leg extended.', 'Pull the leg toward you.'],
    category: 'stretching',
    images: [`Bench_${n}/0.jpg`, `Bench_${n}/1.jpg`]
  }))
  for (const record of records) {
    mkdirSync(join(folder, 'images', record.id), { recursive: true })
    for (const photo of ['0.jpg', '1.jpg'])
      copyFileSync(
        join(sample, 'images/Hamstring_Stretch', photo),
        join(folder, 'images', record.id, photo)
      )
  }
  writeFileSync(join(folder, 'exercises.json'), JSON.stringify(records))
  return folder
}
