import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// .mts so that Vite loads it as ESM without warnings (package.json has no "type": "module").
const root = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // lib/ modules start with `import "server-only"`; outside Next.js it must be a no-op.
      { find: /^server-only$/, replacement: path.join(root, "tests/stubs/server-only.ts") },
    ],
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts", "**/*.test.tsx"],
    // tests/http needs the production build: its own config (vitest.http.config.ts), run after `next build`.
    exclude: ["node_modules/**", ".next/**", ".data/**", "e2e/**", "test-results/**", "tests/http/**"],
    globalSetup: ["tests/global-setup.ts"],
    setupFiles: ["tests/setup-env.ts"],
    pool: "forks",
    // Files share one database (and spawn CLI subprocesses and Postgres servers): one at a time.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
