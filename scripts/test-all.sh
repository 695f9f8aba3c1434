#!/usr/bin/env bash
# `npm test`: typecheck, unit + integration tests (vitest), production build, HTTP tests against
# the build (vitest.http.config.ts), e2e (Playwright).
# Installs nothing. Works with DATABASE_URL (fresh databases on that server) and without it
# (the embedded PostgreSQL). Stops at the first failing step; prints a timing summary.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  echo "error: no Chromium at $chromium for the e2e tests. Install it (apt-get install -y chromium) or set CHROMIUM_PATH." >&2
  exit 1
fi

summary=()
step() {
  local name="$1"
  shift
  echo
  echo "=== $name: $*"
  local started=$SECONDS
  if ! "$@"; then
    echo "=== $name FAILED after $((SECONDS - started)) s" >&2
    exit 1
  fi
  summary+=("$(printf '%-10s %4d s' "$name" $((SECONDS - started)))")
}

if [[ -n "${DATABASE_URL:-}" ]]; then
  echo "database: fresh databases on the server of DATABASE_URL"
else
  echo "database: the embedded PostgreSQL (DATABASE_URL is unset)"
fi
# Route types from an earlier build name routes that may be gone; `next build` writes them anew.
rm -rf .next/types
step typecheck npx tsc --noEmit
results=".test-results"
rm -rf "$results" && mkdir -p "$results"
step vitest npx vitest run --reporter=default --reporter=json --outputFile.json="$results/vitest.json"
step build npx next build
if [[ -f vitest.http.config.ts ]]; then
  step http npx vitest run --config vitest.http.config.ts --reporter=default --reporter=json --outputFile.json="$results/http.json"
fi
export PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json"
step e2e npx playwright test --reporter=list,json

echo
echo "=== all passed"
printf '  %s\n' "${summary[@]}"
echo "  total      $SECONDS s"
node scripts/test-summary.mjs "$results"
