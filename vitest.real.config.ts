import { defineConfig } from 'vitest/config';

// Real-data checks (npm run test:real): public data sets from ../shared/data, no database.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'real',
          include: ['test/real/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
        },
      },
    ],
  },
});
