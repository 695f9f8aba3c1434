import fs from "node:fs";
import path from "node:path";

/** Fails fast, before a database is created, when there is no production build to serve. */
export default function requireBuild() {
  const buildId = path.resolve(__dirname, "../../.next/BUILD_ID");
  if (!fs.existsSync(buildId)) {
    throw new Error("No production build in .next/: run `npx next build` before `npm run test:http`.");
  }
  const age = Math.round((Date.now() - fs.statSync(buildId).mtimeMs) / 60_000);
  console.log(`[tests:http] serving the production build in .next/ (built ${age} min ago)`);
}
