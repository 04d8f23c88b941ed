import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  test: {
    include: ['tests/e2e/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // expect.poll waits for work such as a backup; on a busy machine that is more than 1 s
    expect: { poll: { timeout: 15_000 } },
    // One browser host and one Chromium per file; files share nothing, but two
    // Chromiums on a 2-core machine only slow each other down.
    fileParallelism: false
  }
})
