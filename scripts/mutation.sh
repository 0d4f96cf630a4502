#!/usr/bin/env bash
# Mutation testing of the measures' code (docs/mutation-testing.md):
#   python  mutmut on cnnt/disclosure.py, stats.py, findings.py, overview.py, fmt.py, figure_spec.py
#           (configured in pyproject.toml, [tool.mutmut]); survivors listed at the end
#   sql     scripts/sql_mutants.py on the key measure queries
# Usage: bash scripts/mutation.sh [all|python|sql]   (default: all)
#   MUTATION_JOBS=1    parallel mutmut children (default 2; the tests are CPU-bound)
#   MUTATION_KEEP=1    keep ./mutants and mutmut's results from the last run (default: start afresh,
#                      since a cached result does not know that the tests have changed)
#   MUTATION_SQL_REF=HEAD  mutate that commit's queries and run its tests (git archive), not the
#                      working tree: edits in progress neither break the SQL baseline nor get measured
# A mutation run takes a while (≈ 20–40 min for Python on two cores, ≈ 10–30 min for SQL).
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
jobs="${MUTATION_JOBS:-2}"

if [ ! -x .venv/bin/mutmut ]; then
  echo "mutmut is missing: run 'bash scripts/setup.sh --dev' (it is pinned in requirements-dev.txt)" >&2
  exit 2
fi

python_mutants() {
  [ "${MUTATION_KEEP:-0}" = 1 ] || rm -rf mutants
  .venv/bin/mutmut run --max-children "$jobs"
  .venv/bin/mutmut export-cicd-stats >/dev/null
  .venv/bin/python - <<'EOF'
import json
s = json.load(open("mutants/mutmut-cicd-stats.json"))
tested = s["killed"] + s["survived"] + s["timeout"] + s["suspicious"] + s["segfault"]
caught = s["killed"] + s["timeout"]
print(f"\nPython mutation score: {caught}/{tested} killed ({caught / max(tested, 1):.1%}) of the mutants the "
      f"selected tests reach; {caught}/{s['total']} ({caught / max(s['total'], 1):.1%}) of all {s['total']}; "
      f"{s['survived']} survived, {s['no_tests']} reached by no selected test, {s['timeout']} stopped by the timeout")
EOF
  echo "Survivors and mutants no selected test reaches (mutmut show NAME for the diff;"
  echo "docs/mutation-testing.md explains each):"
  .venv/bin/mutmut results | grep -E ": (survived|no tests|suspicious|not checked)" || true
}

sql_mutants() {
  if [ -n "${MUTATION_SQL_REF:-}" ]; then
    .venv/bin/python scripts/sql_mutants.py --ref "$MUTATION_SQL_REF"
  else
    .venv/bin/python scripts/sql_mutants.py
  fi
}

case "$what" in
  all) python_mutants; sql_mutants ;;
  python) python_mutants ;;
  sql) sql_mutants ;;
  *) echo "usage: bash scripts/mutation.sh [all|python|sql]" >&2; exit 2 ;;
esac
