import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/** `npm run bench`: timings printed as a table, never asserted (see README, Performance). */
export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  test: {
    include: ['scripts/bench/**/*.bench.ts'],
    environment: 'node',
    // one at a time: benchmarks running side by side would time each other
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 600_000
  }
})
