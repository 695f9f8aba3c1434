// Adds up the JSON reports of `npm test` (vitest, http suite, Playwright) into one closing line.
// A flaky test (failed, then passed on a retry) is a failing test: it is reported on its own
// line, not counted as passed, and the script exits 1 when any test failed or was flaky.
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2] ?? ".test-results";
let passed = 0;
let failed = 0;
let flaky = 0;
let skipped = 0;
const flakyNames = [];
const failedNames = [];

for (const file of ["vitest.json", "http.json"]) {
  const p = path.join(dir, file);
  if (!fs.existsSync(p)) continue;
  const r = JSON.parse(fs.readFileSync(p, "utf8"));
  for (const suite of r.testResults ?? []) {
    for (const t of suite.assertionResults ?? []) {
      const name = `${path.relative(process.cwd(), suite.name ?? "")} > ${t.fullName ?? t.title}`;
      if (t.status === "passed") {
        // vitest keeps the errors of failed attempts on a test that passed on a retry.
        if ((t.failureMessages ?? []).length > 0) {
          flaky += 1;
          flakyNames.push(name);
        } else passed += 1;
      } else if (t.status === "failed") {
        failed += 1;
        failedNames.push(name);
      } else skipped += 1;
    }
    // A file that failed outside its tests (an import error, a failing hook) has no failed test.
    if (suite.status === "failed" && !(suite.assertionResults ?? []).some((t) => t.status === "failed")) {
      failed += 1;
      failedNames.push(`${path.relative(process.cwd(), suite.name ?? "")} (${(suite.message ?? "").split("\n")[0]})`);
    }
  }
}

const e2e = path.join(dir, "e2e.json");
if (fs.existsSync(e2e)) {
  const report = JSON.parse(fs.readFileSync(e2e, "utf8"));
  const visit = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const name = `${spec.file ?? suite.file ?? ""} > ${[...titles, spec.title].join(" > ")}`;
        // Playwright's own verdict per test: expected | unexpected | flaky | skipped.
        if (t.status === "expected") passed += 1;
        else if (t.status === "flaky") {
          flaky += 1;
          flakyNames.push(name);
        } else if (t.status === "unexpected") {
          failed += 1;
          failedNames.push(name);
        } else skipped += 1;
      }
    }
    for (const child of suite.suites ?? []) visit(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) visit(suite, []); // top level: one suite per file
  // Errors outside any test (a webServer that never started, a global setup that threw).
  for (const err of report.errors ?? []) {
    failed += 1;
    failedNames.push(`playwright: ${(err.message ?? String(err)).split("\n")[0]}`);
  }
}

for (const n of failedNames) console.log(`failed: ${n}`);
for (const n of flakyNames) console.log(`flaky:  ${n}`);
console.log(`tests: ${passed} passed, ${failed} failed, ${flaky} flaky, ${skipped} skipped`);
if (failed > 0 || flaky > 0) {
  console.log(flaky > 0 ? "A flaky test is a failing test: it passed only on a retry." : "");
  process.exitCode = 1;
}
