import { defineConfig } from 'vitest/config';

// One config, three projects (STACK.md: Vitest 4.1 test.projects). e2e has its own config.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          // PGlite is ~350 MB per file; two workers fit the 2-core machine.
          maxWorkers: 2,
          // One module graph per worker: each file built the app from its modules again, 2–3 s a file
          // (CI's PGlite step 621–726 s before, 406–469 s after). A file that mocks a module loads its own
          // (test/integration/openapi.test.ts); the others keep no state in the modules they share.
          isolate: false,
          // Vitest 4 runs projects with their own maxWorkers as a separate group, after unit and client.
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          name: 'client',
          include: ['test/client/**/*.test.ts'],
          environment: 'happy-dom',
        },
      },
    ],
  },
});
