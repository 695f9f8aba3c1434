import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { defineConfig, devices } from "@playwright/test";

/**
 * e2e against the production build: `npm run build` first (scripts/test-all.sh does), then
 * e2e/server.ts runs `npm start` on a fresh database. Chromium is Debian's (/usr/bin/chromium),
 * so no browser download is needed; override with CHROMIUM_PATH.
 */
/**
 * E2E_PORT pins the port; without it the OS picks a free one (a server listening on port 0 in a
 * child process), so concurrent runs never share a port. Set in process.env so that Playwright's
 * worker processes, which load this file again, see the same port.
 */
if (!process.env.E2E_PORT) {
  process.env.E2E_PORT = execFileSync(
    process.execPath,
    ["-e", "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})"],
    { encoding: "utf8" },
  );
}
const port = Number(process.env.E2E_PORT);
const baseURL = `http://127.0.0.1:${port}`;
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export default defineConfig({
  testDir: "e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "e2e/.output/test-results",
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  // A retry is kept for diagnosis (a trace of both attempts), but a test that passes only on its
  // retry is flaky, and flaky fails the run (here and in scripts/test-summary.mjs).
  retries: process.env.CI ? 1 : 0,
  failOnFlakyTests: true,
  workers: process.env.CI ? 1 : undefined,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { outputFolder: "e2e/.output/report", open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: fs.existsSync(chromium) ? chromium : undefined,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  webServer: {
    command: "node --import tsx e2e/server.ts",
    url: `${baseURL}/api/health`,
    env: { PORT: String(port) },
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
