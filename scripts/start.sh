#!/usr/bin/env bash
# Set up, then start the dashboard on the embedded sample data (http://localhost:8501).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# The sample lives in its own data folder; point CNNT_DATA_DIR at the province's folder for real data.
export CNNT_DATA_DIR="${CNNT_DATA_DIR:-$PWD/data/sample}"
exec .venv/bin/python -m cnnt.serve --server.port "${PORT:-8501}" "$@"
