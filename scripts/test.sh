#!/usr/bin/env bash
# Sets up and runs every check: type check, lint, all tests on better-sqlite3 and on a
# real PostgreSQL that this script starts (and stops) itself, a fixed-seed slice of the
# fuzzer, the fault suite, and the end-to-end tests in headless Chromium against the
# running portal. Exits non-zero on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)
step() { printf '\n=== %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

step "install"
source scripts/install.sh

step "PostgreSQL for the tests"
source scripts/test-postgres.sh
trap test_postgres_stop EXIT

step "Terraform"
# The state-backend and rendering tests run the real terraform; they must not be
# skipped silently. The hashicorp/aws filesystem mirror these machines carry lets the
# AWS templates be validated and planned offline; without it those tests say so.
if ! command -v terraform >/dev/null; then
  echo "terraform is not on the PATH: the Terraform tests need it" >&2
  exit 1
fi
terraform version | sed -n 1p
if mirror="$(find / -maxdepth 2 -type d -name tf-plugins 2>/dev/null | head -1)" && [ -n "$mirror" ]; then
  echo "provider mirror: $mirror"
else
  echo "WARNING: no tf-plugins provider mirror: the AWS template validate/plan tests will be skipped" >&2
fi

step "type check"
yarn tsc:full

step "lint"
yarn lint:all
yarn prettier:check
# No import cycles between source files (madge: tsconfig paths, type imports included).
yarn cycles

step "OpenAPI spec, router module and client types up to date, linted and valid"
yarn openapi:check

step "API reports (report.api.md of every plugin, report.sql.md of the backend's migrations)"
# Fails when a committed report differs from what the code gives (its own type build,
# --tsc, so that the reports do not depend on an earlier incremental one); regenerate
# with `yarn build:api-reports` and review the diff. -node, the contract of third-party
# providers and price sources, the frontend plugin and the catalog module must have no
# warnings; the others' undocumented members are listed in their reports.
yarn build:api-reports --ci

step "tests (SQLite and PostgreSQL)"
mkdir -p .cache
# CI=true keeps Jest out of watch mode; the JSON report feeds the summary below.
rc=0
CI=true yarn backstage-cli repo test --json --outputFile=.cache/jest-results.json || rc=$?
node scripts/test-summary.js .cache/jest-results.json || rc=1

step "fuzz (a fixed-seed slice of yarn fuzz: no 5xx, every refusal named, nothing written)"
# The backend as its own process, NODE_ENV=production, on SQLite; see fuzz/README.md.
FUZZ_REQUESTS=2000 FUZZ_SEED=1 FUZZ_SECONDS=240 yarn fuzz || rc=1

step "fault suite (faults/: provider faults, PostgreSQL restart, killed replicas)"
# About two minutes: backends as processes on the PostgreSQL above (which it stops and
# starts again), the real terraform; prints its summary, fails on a broken invariant.
yarn faults || rc=1

step "end to end (headless Chromium against the running portal)"
source scripts/chromium.sh
# Playwright starts the portal (scripts/e2e-portal.sh: fresh SQLite, sandbox
# providers) and stops it; screenshots and the report go to .cache/e2e.
CI=true yarn test:e2e || rc=1

step "install proof (the packed plugins in a second, legacy-frontend Backstage app)"
# Packs every plugin, installs the tarballs into examples/install-proof-app with its own
# yarn.lock, starts it on :7107 and loads its Deployments page in Chromium.
bash scripts/install-proof.sh || rc=1

step "done"
exit $rc
