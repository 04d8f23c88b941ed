import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/** `npm run screenshots`: every screen at 1366×768 and the README's images (see the script). */
export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  test: {
    include: ['scripts/screenshots/**/*.shot.ts'],
    environment: 'node',
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 120_000,
    expect: { poll: { timeout: 15_000 } }
  }
})
