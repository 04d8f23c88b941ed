import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/**
 * The clinic store's tests, against a throwaway PostgreSQL cluster
 * (tests/clinic/global-setup.ts): `npm run test:clinic`, its own CI step,
 * not part of `npm test`, which must pass on a machine without PostgreSQL.
 */
export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  test: {
    include: ['tests/clinic/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/clinic/global-setup.ts'],
    // the files share one database and its two clinics
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000
  }
})
