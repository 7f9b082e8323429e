#!/usr/bin/env bash
# Sets up and runs every check: type check, lint, and all tests on better-sqlite3 and on
# a real PostgreSQL that this script starts (and stops) itself. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n=== %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

step "install"
source scripts/install.sh

step "PostgreSQL for the tests"
source scripts/test-postgres.sh
trap test_postgres_stop EXIT

step "type check"
yarn tsc:full

step "lint"
yarn lint:all
yarn prettier:check

step "tests (SQLite and PostgreSQL)"
mkdir -p .cache
# CI=true keeps Jest out of watch mode; the JSON report feeds the summary below.
rc=0
CI=true yarn backstage-cli repo test --json --outputFile=.cache/jest-results.json || rc=$?
node scripts/test-summary.js .cache/jest-results.json || rc=1

step "done"
exit $rc
