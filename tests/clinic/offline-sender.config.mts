import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/**
 * The child that offline-desktops.test.ts kills with SIGKILL while it sends
 * a desktop's outbox: run through vitest for the sources' aliases and
 * globs, without the suite's cluster (the parent's server is reached over
 * HTTPS, its address in the desktop's data folder).
 */
export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  test: {
    include: ['tests/clinic/offline-sender.ts'],
    environment: 'node',
    testTimeout: 60_000
  }
})
