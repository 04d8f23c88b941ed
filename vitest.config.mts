import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // Timings belong to the bench, not to tests: on a 2-core machine shared with
    // other work, drawing and reading back a few handouts can take well over 5 s.
    testTimeout: 30_000
  }
})
