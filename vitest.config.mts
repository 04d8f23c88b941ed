import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: { alias: { '@shared': resolve('src/shared') } },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
    // a test that renders and parses PDFs takes 5-7 s while other engineers' builds share the
    // two cores (load average 12 measured); the 5 s default failed tests that were correct
    testTimeout: 30_000
  }
})
