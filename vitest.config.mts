import { defineConfig } from 'vitest/config';

// Unit tests sit beside the code (app/**), integration tests with real ffmpeg in test/.
// test/global-setup.ts builds dist/ once, since engine tests fork the bundled worker.
export default defineConfig({
  test: {
    include: [
      'app/**/*.test.ts',
      'native/**/*.test.ts',
      'platform/**/*.test.ts',
      'main/**/*.test.ts',
      'test/**/*.test.ts',
    ],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: process.env.CI
      ? ['default', ['json', { outputFile: 'test-results/vitest.json' }]]
      : ['default'],
  },
});
