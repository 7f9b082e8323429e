#!/usr/bin/env bash
# Proves that the plugins install and run outside this repository, as a user gets them:
# builds and packs every plugin package (`yarn pack`: workspace ranges become versions,
# only what `files` names is shipped), installs the tarballs into a second, minimal
# Backstage app (examples/install-proof-app: the legacy frontend system, wired as the
# README says) from the npm registry with its own yarn.lock, builds that app, starts its
# backend on port 7107 (serving the app too), and loads the Deployments page in
# headless Chromium, checking the page renders and lists the sandbox deployments.
#
#   scripts/install-proof.sh                # the check (CI: a step of scripts/test.sh)
#   scripts/install-proof.sh --update-lock  # also writes the fixture's new yarn.lock
#
# The app's node_modules are kept between runs in INSTALL_PROOF_DIR (outside the repo,
# so that neither Yarn nor the Backstage CLI mistakes it for part of this monorepo):
# a second run links what changed only. Needs PostgreSQL: the one of
# scripts/test-postgres.sh (started here unless its connection string is set).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
update_lock=false
[ "${1:-}" = "--update-lock" ] && update_lock=true

source scripts/node-env.sh
test_postgres_stop() { :; }
fixture="$root/examples/install-proof-app"
work="${INSTALL_PROOF_DIR:-${TMPDIR:-/tmp}/cloud-deployments-install-proof-$(printf %s "$root" | cksum | cut -d' ' -f1)}"
logs="$root/.cache/install-proof"
mkdir -p "$work/app/tarballs" "$logs"
started=$(date +%s)
phase() { printf '\ninstall-proof: %s (%ss)\n' "$1" "$(($(date +%s) - started))"; }

phase "build the plugin packages"
# Their type declarations come from the repo-wide type check's dist-types.
if [ ! -d dist-types/plugins ]; then yarn tsc:full; fi
yarn workspaces foreach --all --topological --parallel --jobs 2 \
  --include '@cloud-deployments-for-backstage/*' run build >"$logs/build.log" 2>&1 ||
  { tail -n 40 "$logs/build.log" >&2; exit 1; }

phase "pack them"
rm -f "$work/app/tarballs/"*.tgz
# Three at a time: each `yarn pack` spends most of its time starting up.
printf '%s\n' plugins/*/ | xargs -P 3 -I {} sh -c \
  'cd "$1" && yarn pack --out "$2/$(basename "$1").tgz" >/dev/null' sh {} "$work/app/tarballs"
ls -s "$work/app/tarballs"

phase "install them into examples/install-proof-app"
(cd "$fixture" && tar cf - --exclude=node_modules --exclude=dist --exclude=tarballs .) |
  (cd "$work/app" && tar xf -)
cd "$work/app"
# CI=true makes installs immutable; the tarballs' entries change with every build, so
# the lockfile check below is what keeps every other dependency pinned.
YARN_ENABLE_IMMUTABLE_INSTALLS=false yarn install >"$logs/yarn-install.log" 2>&1 ||
  { tail -n 40 "$logs/yarn-install.log" >&2; exit 1; }
grep -E 'YN0000: · Done' "$logs/yarn-install.log" || true
if $update_lock; then
  cp yarn.lock "$fixture/yarn.lock"
  echo "install-proof: wrote examples/install-proof-app/yarn.lock"
else
  node "$root/scripts/install-proof-lockfile.js" "$fixture/yarn.lock" yarn.lock
fi

phase "build the app"
(cd packages/app && yarn backstage-cli package build >"$logs/app-build.log" 2>&1) ||
  { tail -n 40 "$logs/app-build.log" >&2; exit 1; }

phase "start the backend on :7107"
if [ -z "${BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING:-}" ]; then
  source "$root/scripts/test-postgres.sh"
  trap test_postgres_stop EXIT
fi
# A fresh set of databases (one per plugin) every run.
export APP_CONFIG_backend_database_connection="$BACKSTAGE_TEST_DATABASE_POSTGRES15_CONNECTION_STRING"
export APP_CONFIG_backend_database_prefix="install_proof_$(date +%s)_"
NODE_ENV=production node --require @backstage/cli-node/config/nodeTransform.cjs \
  packages/backend/src/index.ts --config app-config.yaml >"$logs/backend.log" 2>&1 &
backend=$!
stop_backend() { kill "$backend" 2>/dev/null || true; wait "$backend" 2>/dev/null || true; }
trap 'stop_backend; test_postgres_stop' EXIT
for _ in $(seq 1 180); do
  if curl -fs http://localhost:7107/.backstage/health/v1/readiness >/dev/null; then break; fi
  if ! kill -0 "$backend" 2>/dev/null; then
    tail -n 40 "$logs/backend.log" >&2
    echo "install-proof: the backend exited" >&2
    exit 1
  fi
  sleep 1
done
curl -fs http://localhost:7107/.backstage/health/v1/readiness >/dev/null ||
  { tail -n 40 "$logs/backend.log" >&2; echo "install-proof: backend not ready" >&2; exit 1; }

phase "load the Deployments page in Chromium"
source "$root/scripts/chromium.sh"
INSTALL_PROOF_SCREENSHOT="$logs/deployments-page.png" \
  node "$root/scripts/install-proof-browser.js" http://localhost:7107/cloud-deployments

phase "done"
