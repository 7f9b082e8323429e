#!/usr/bin/env bash
# Source this file: Debian's Chromium for the end-to-end tests (Playwright drives it
# through playwright's executablePath; no browser is downloaded), installed with apt
# when it is missing. Exports CHROMIUM_PATH.
if ! command -v chromium >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "chromium: installing Debian's chromium" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || return 1
  elif command -v sudo >/dev/null && command -v apt-get >/dev/null; then
    echo "chromium: installing Debian's chromium (sudo)" >&2
    sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null || return 1
  else
    echo "chromium: please install Debian's chromium package" >&2
    return 1
  fi
fi
CHROMIUM_PATH="$(command -v chromium)"
export CHROMIUM_PATH
chromium --version >&2 || true
