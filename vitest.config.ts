import { defineConfig } from 'vitest/config';

// .ci/run sets ZWGK_VITEST_JSON so that it can print the plain "N passed, N failed" line CI reads.
const jsonReport = process.env.ZWGK_VITEST_JSON;

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    setupFiles: ['test/setup-temp.ts'],
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
  },
});
