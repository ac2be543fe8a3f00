import { defineConfig } from 'vitest/config';

// Browser journeys against the built app (npm run test:e2e builds first): Debian's Chromium via
// playwright-core, axe-core on every page visited. One server for the run, files in sequence.
export default defineConfig({
  test: {
    name: 'e2e',
    include: ['test/e2e/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['test/e2e/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    // One module graph for the run: each file imports the shared helpers, and through them the server's
    // modules (test/helpers/factory.ts), which took 2.8 s per file, 98 s of the run, when each file
    // loaded them again. The files keep no state in those modules.
    isolate: false,
  },
});
