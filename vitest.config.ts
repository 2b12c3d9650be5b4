import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // Spawned CLIs, browsers and Neo4j compete for 2 cores: keep parallelism modest.
    maxWorkers: 2,
    // Starts a real Neo4j for test/neo4j/ unless NEO4J_URI is set (see the file).
    globalSetup: ['test/setup/neo4j.ts'],
    // In CI, also a JSON report, from which .ci/run prints a plain "N passed, N failed" line.
    reporters: process.env.CI === 'true' ? ['default', 'json'] : ['default'],
    outputFile: { json: 'test-results.json' },
  },
});
