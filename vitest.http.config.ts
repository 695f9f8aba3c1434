import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/**
 * `npm run test:http`: the integration suite against the real production server
 * (`next start` on .next/, so run `npx next build` first) and a fresh database per run
 * (the same global setup as `npm run test:unit`).
 */
const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // lib/ modules start with `import "server-only"`; in the test process it must be a no-op.
      { find: /^server-only$/, replacement: path.join(root, "tests/stubs/server-only.ts") },
    ],
  },
  test: {
    environment: "node",
    include: ["tests/http/**/*.test.ts"],
    globalSetup: ["tests/http/require-build.ts", "tests/global-setup.ts"],
    setupFiles: ["tests/setup-env.ts"],
    pool: "forks",
    // Each file runs its own servers (and one SIGKILLs them): one file at a time.
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
