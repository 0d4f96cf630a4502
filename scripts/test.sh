#!/usr/bin/env bash
# Set up, then check format, lint and run every test (browser test included),
# the same way locally and in CI.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --dev
.venv/bin/ruff format --check .
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
