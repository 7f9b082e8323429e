#!/usr/bin/env bash
# Source this file: Node 22, build tools, and the project's npm packages exactly as
# yarn.lock pins them.
_in_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$_in_root/scripts/system-deps.sh" || return 1
source "$_in_root/scripts/node-env.sh" || return 1
(cd "$_in_root" && yarn install --immutable) || return 1
