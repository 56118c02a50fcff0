#!/usr/bin/env bash
# `npm test`: every check, in order, continuing after a failure so one run shows everything.
# Type check, lint, data build, unit tests, Chrome and Firefox builds and zips, end-to-end tests.
# Ends with one line "N passed, N failed": each check counts as one, each Vitest test as one.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results

passed=0
failed=0
failures=()

step() {
  local name=$1
  shift
  echo
  echo "=== $name"
  if "$@"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    failures+=("$name")
  fi
}

# Runs a Vitest project and adds its test counts (from its JSON report) to the totals.
vitest_project() {
  local project=$1
  local report="test-results/$project.json"
  rm -f "$report"
  npx vitest run --project "$project" --reporter=default --reporter=json --outputFile.json="$report"
  local status=$?
  if [ -f "$report" ]; then
    read -r p f < <(node -e 'const r=require(require("path").resolve(process.argv[1]));console.log(r.numPassedTests, r.numFailedTests + (r.numRuntimeErrorTestSuites ?? 0))' "$report")
    passed=$((passed + p))
    failed=$((failed + f))
    [ "$f" -gt 0 ] && failures+=("$project tests")
    if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then failed=$((failed + 1)); failures+=("$project run"); fi
  else
    failed=$((failed + 1))
    failures+=("$project (no report)")
  fi
}

step "type check (tsc --noEmit)" npx tsc --noEmit
step "lint and format (biome check)" npx biome check .
step "data build (npm run data:build)" npm run --silent data:build
echo; echo "=== unit tests"
vitest_project unit
step "build for Chrome (wxt build)" npx wxt build
step "build for Firefox (wxt build -b firefox)" npx wxt build -b firefox
# Errors fail the check; warnings are printed: Preact's and zod's unused innerHTML/Function paths, and the
# content script's import() of its own second stage (an extension URL: utils/content/stage-two.ts).
step "web-ext lint (Firefox build)" npx web-ext lint --source-dir .output/firefox-mv3
step "zip for Chrome and Firefox (wxt zip)" bash -c 'npx wxt zip && npx wxt zip -b firefox'
# The end-to-end tests load their own variant (wxt.config.ts: fixture host granted up front).
step "build for the end-to-end tests (npm run build:e2e)" npm run --silent build:e2e
echo; echo "=== end-to-end tests (Chromium, and Firefox ESR for the Firefox build)"
E2E_SKIP_BUILD=1 vitest_project e2e

echo
if [ ${#failures[@]} -gt 0 ]; then
  echo "Failed: ${failures[*]}"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
