#!/usr/bin/env bash
# `npm test`: lint and format check, typecheck, unit + integration tests (vitest), production
# build, HTTP tests against the build (vitest.http.config.ts), e2e (Playwright).
# Sets up what it needs: Chromium for the e2e tests (Debian's, through apt when we are root;
# otherwise it stops and prints the command to run). Works with DATABASE_URL (fresh databases
# on that server) and without it (the embedded PostgreSQL). Stops at the first failing step;
# prints a timing summary.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ ! -x node_modules/.bin/next ]]; then
  echo "--- node_modules is missing: npm ci"
  npm ci --no-audit --no-fund
fi

# The e2e tests drive Debian's Chromium (never a downloaded browser).
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [[ ! -x "$chromium" ]]; then
  if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null; then
    echo "--- no Chromium at $chromium: installing Debian's (apt-get install -y chromium)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    chromium=/usr/bin/chromium
    export CHROMIUM_PATH="$chromium"
  fi
  if [[ ! -x "$chromium" ]]; then
    echo "error: the e2e tests need Chromium at $chromium. Install it with:" >&2
    echo "    sudo apt-get install -y chromium" >&2
    echo "  (or point CHROMIUM_PATH at a Chromium binary), then run npm test again." >&2
    exit 1
  fi
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
    [[ -d "${results:-}" ]] && node scripts/test-summary.mjs "$results" || true
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
step lint npm run -s lint
step format npx prettier --check --log-level warn .
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
printf '  %s\n' "${summary[@]}"
echo "  total      $SECONDS s"
# Exits 1 on any failed or flaky test (a test that passed only on a retry).
node scripts/test-summary.mjs "$results"
echo "=== all passed"
