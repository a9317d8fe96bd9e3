import { defineConfig } from 'vitest/config';

/** `npm run screenshots`: the dashboard's pages as images for docs/, from a running `ballast serve`. */
export default defineConfig({
  test: {
    include: ['test/dashboard-screenshots.ts'],
    testTimeout: 1_200_000,
    pool: 'forks',
  },
});
