#!/usr/bin/env bash
# Source this file: installs, with apt, the build tools native npm modules need
# (better-sqlite3 builds from source) when they are missing. Does nothing otherwise.
_sd_missing=()
command -v python3 >/dev/null || _sd_missing+=(python3)
command -v make >/dev/null || _sd_missing+=(make)
command -v g++ >/dev/null || _sd_missing+=(g++)
command -v git >/dev/null || _sd_missing+=(git)
if [ ${#_sd_missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "system-deps: installing ${_sd_missing[*]}" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${_sd_missing[@]}" >/dev/null
  else
    echo "system-deps: please install ${_sd_missing[*]}" >&2
    return 1
  fi
fi
