import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

/**
 * The clinic store's tests, against a throwaway PostgreSQL cluster
 * (tests/clinic/global-setup.ts): `npm run test:clinic`, its own CI step,
 * not part of `npm test`, which must pass on a machine without PostgreSQL.
 * The contract suite's files run here too, on a new clinic per api
 * (tests/unit/contract.ts), as they run on SQLite in `npm test`.
 */
/**
 * The contract suite: unit files that exercise the api through `dispatch`
 * with `contractApi()`, which `npm test` runs on SQLite. Not here: what only
 * the solo store has (files, backups, workers, the desktop, rendering).
 */
const contractFiles = [
  'library',
  'patients',
  'folding',
  'visits',
  'visit-measures',
  'input-text',
  'exercises',
  'programs',
  'template-delete',
  'audit',
  'walk-run',
  'progressions'
].map((name) => `tests/unit/${name}.test.ts`)

export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  test: {
    include: ['tests/clinic/**/*.test.ts', ...contractFiles],
    environment: 'node',
    env: { PHYSIOPLAN_TEST_STORE: 'postgres' },
    globalSetup: ['tests/clinic/global-setup.ts'],
    // the files share one database and its two clinics
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 120_000
  }
})
