#!/usr/bin/env bash
# Set up everything the project needs from its own files: a virtual environment
# with the pinned requirements, and the Debian packages below (more with --dev).
# Safe to run again: it only does what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

dev=0
[ "${1:-}" = "--dev" ] && dev=1
req=requirements.txt
[ $dev = 1 ] && req=requirements-dev.txt

# Debian packages. The report needs Chromium (its chart images, drawn by kaleido), a
# Times New Roman metric twin with every Vietnamese letter (fonts-liberation2, embedded
# in the PDF) and Noto for the charts' text. With --dev also: emoji for the browser
# test, and poppler-utils (pdftotext, pdftoppm, pdffonts) for the report's test.
pkgs="chromium fonts-liberation2 fonts-noto-core"
[ $dev = 1 ] && pkgs="$pkgs fonts-noto-color-emoji poppler-utils"
missing=""
for pkg in $pkgs; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
done
if [ -n "$missing" ]; then
  echo "Installing Debian packages:$missing"
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq $missing >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
stamp=".venv/.installed-$(cat requirements.txt "$req" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$req"
  touch "$stamp"
fi

# The embedded sample snapshot is committed; this only recreates it if missing.
.venv/bin/python -m cnnt sample >/dev/null
