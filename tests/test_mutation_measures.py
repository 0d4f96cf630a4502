"""Edge tests for the measures (cnnt/disclosure, stats, findings, overview, fmt), written to kill
mutants that survived `bash scripts/mutation.sh` (docs/mutation-testing.md)."""
