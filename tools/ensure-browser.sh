#!/usr/bin/env bash
# Makes sure the browser tests have Debian's Chromium and axe-core.
# Installs Chromium with apt when it is missing and we are root; otherwise explains how to get it
# and lets the browser tests skip themselves.
set -u
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installing Debian's chromium for the browser tests ..."
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
      || echo "Could not install chromium; the browser tests will be skipped."
  else
    echo "chromium is missing: install it with 'sudo apt-get install chromium'; the browser tests will be skipped."
  fi
fi
if [ ! -f node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm install --silent --no-audit --no-fund >/dev/null 2>&1 \
      || echo "Could not install axe-core from npm; the accessibility checks will be skipped."
  else
    echo "npm is missing: the accessibility checks will be skipped."
  fi
fi
exit 0
