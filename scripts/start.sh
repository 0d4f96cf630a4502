#!/usr/bin/env bash
# Set up, then start the dashboard on the embedded sample data (http://localhost:8501).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/python -m cnnt.serve --server.port "${PORT:-8501}" "$@"
