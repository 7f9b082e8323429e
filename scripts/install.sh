#!/usr/bin/env bash
# Source this file: Node 22, build tools, and the project's npm packages exactly as
# yarn.lock pins them.
_in_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$_in_root/scripts/system-deps.sh" || return 1
source "$_in_root/scripts/node-env.sh" || return 1
# The full log (native builds are chatty) goes to a file; its tail is shown on failure.
mkdir -p "$_in_root/.cache"
if ! (cd "$_in_root" && yarn install --immutable >"$_in_root/.cache/yarn-install.log" 2>&1); then
  tail -n 60 "$_in_root/.cache/yarn-install.log" >&2
  echo "install: yarn install failed; full log in .cache/yarn-install.log" >&2
  return 1
fi
grep -E 'YN0000: · Done' "$_in_root/.cache/yarn-install.log" >&2 || true
