"""Mutation testing for the measure queries: mutmut cannot mutate SQL, so this does.

Applies a handful of classic mutations, one at a time, to the key measure queries
(``>=`` ↔ ``>``, ``<=`` ↔ ``<``, ``and`` → ``or``, ``count(distinct x)`` → ``count(x)``,
``+ N`` → ``+ N-1``, a dropped ``filter (where …)``, ``is not null`` → ``is null``) and
runs the exact-answer tests against each mutant in a private copy of the project.  A
mutant is *killed* when a test that passes on the unmutated copy fails (or the run
times out); it *survives* when they all still pass.

Run by ``scripts/mutation.sh``, not by the normal test suite::

    .venv/bin/python scripts/sql_mutants.py            # every mutant
    .venv/bin/python scripts/sql_mutants.py --list     # only list the mutants
    .venv/bin/python scripts/sql_mutants.py --only progression.sql
    .venv/bin/python scripts/sql_mutants.py --ref HEAD   # the committed tree, not the working tree

The report (one line per mutant) goes to ``artifacts/mutation/sql-mutants.md``.
Nothing in the checkout is modified: the mutants live in a temporary copy.  With
``--ref`` the copy is ``git archive`` of that commit, so that edits in progress in the
working tree (another engineer's queries) neither break the baseline nor get measured.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent

# The measure queries this mutates (paths relative to the project).
TARGETS = [
    "queries/headline_by_level.sql",
    "queries/published_figure_check.sql",
    "queries/certificates_state.sql",
    "queries/certified_totals.sql",
    "queries/progression.sql",
    "queries/views/02_entry_facts.sql",  # validity, first years, re-entries while valid (per snapshot)
    "queries/views/05_filtered_entries.sql",
    "queries/views/06_round_counts.sql",
]

# The exact-answer tests every mutant faces, most specific first (pytest stops at the first failure).
CORE_TESTS = [
    "tests/test_queries.py",
    "tests/test_queries_trends.py",
    "tests/test_certificates.py",
    "tests/test_export_findings.py::test_summary_text_is_built_from_the_data",
    "tests/test_sample.py::test_every_published_figure_is_reproduced_by_the_apps_own_query",
    "tests/test_real_data.py::test_each_list_becomes_a_round_of_its_own_owner",
    "tests/test_real_data.py::test_headlines_in_each_scope_never_mix_the_former_provinces",
    "tests/test_real_data.py::test_merged_establishment_cell_and_district_only_localities",
    "tests/test_real_data.py::test_localities_hold_both_former_provinces_and_no_establishment_vanishes",
    "tests/test_real_data.py::test_reconciliation_is_per_owner",
    "tests/test_mutation_sql.py",
]
# Tests that only some queries need (they are slow: the differencing attack, the revenue page).
EXTRA_TESTS = {
    "queries/certified_totals.sql": ["tests/test_disclosure_filters.py", "tests/test_revenue.py"],
}

SAME_TEXT_CAP = 3

# What a private copy of the project needs for the tests to run.
COPY = ["cnnt", "queries", "tests", "data/sample", "pages", "dashboard.py", "pyproject.toml", ".streamlit"]
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", ".hypothesis", "history.jsonl", ".tmp-*")


@dataclass
class Mutant:
    file: str
    line: int
    operator: str
    before: str
    after: str
    start: int
    end: int

    @property
    def id(self) -> str:
        return f"{Path(self.file).name}:{self.line}:{self.operator}"

    def apply(self, text: str) -> str:
        return text[: self.start] + self.after + text[self.end :]


def code_mask(text: str) -> list[bool]:
    """True for characters that are SQL code: not in a ``--`` comment or a '…' literal."""
    mask = [True] * len(text)
    i = 0
    while i < len(text):
        if text.startswith("--", i):
            j = text.find("\n", i)
            j = len(text) if j < 0 else j
            mask[i:j] = [False] * (j - i)
            i = j
        elif text[i] == "'":
            j = i + 1
            while j < len(text):
                if text[j] == "'" and text[j + 1 : j + 2] == "'":
                    j += 2
                    continue
                if text[j] == "'":
                    break
                j += 1
            mask[i : j + 1] = [False] * (j + 1 - i)
            i = j + 1
        else:
            i += 1
    return mask


def _closing_paren(text: str, open_at: int) -> int:
    depth = 0
    for j in range(open_at, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j
    raise ValueError("unbalanced parentheses")


def _in_between(text: str, at: int) -> bool:
    """Whether the ``and`` at ``at`` is the one of ``x between a and b``."""
    line_start = text.rfind("\n", 0, at) + 1
    before = text[line_start:at].lower()
    k = before.rfind("between")
    return k >= 0 and not re.search(r"\band\b", before[k:])


def mutants_of(file: str, text: str) -> list[Mutant]:
    mask = code_mask(text)
    found: list[Mutant] = []

    def add(op: str, start: int, end: int, after: str) -> None:
        if not mask[start]:
            return
        found.append(Mutant(file, text.count("\n", 0, start) + 1, op, text[start:end], after, start, end))

    for m in re.finditer(r">=", text):
        add(">= → >", m.start(), m.end(), ">")
    for m in re.finditer(r"(?<![-<>])>(?!=)", text):
        add("> → >=", m.start(), m.end(), ">=")
    for m in re.finditer(r"<=", text):
        add("<= → <", m.start(), m.end(), "<")
    for m in re.finditer(r"<(?![=>])", text):
        add("< → <=", m.start(), m.end(), "<=")
    for m in re.finditer(r"\band\b", text, re.IGNORECASE):
        if not _in_between(text, m.start()):
            add("and → or", m.start(), m.end(), "or")
    for m in re.finditer(r"count\(\s*distinct\s+", text, re.IGNORECASE):
        add("count(distinct x) → count(x)", m.start(), m.end(), "count(")
    for m in re.finditer(r"\+\s*(\d+)\b", text):
        n = int(m.group(1))
        if n >= 1:
            add(f"+ {n} → + {n - 1}", m.start(), m.end(), f"+ {n - 1}")
    for m in re.finditer(r"\s*filter\s*\(\s*where\b", text, re.IGNORECASE):
        open_at = text.index("(", m.start())
        add("drop filter (where …)", m.start(), _closing_paren(text, open_at) + 1, "")
    for m in re.finditer(r"\bis\s+not\s+null\b", text, re.IGNORECASE):
        add("is not null → is null", m.start(), m.end(), "is null")
    found.sort(key=lambda x: (x.file, x.start, x.operator))
    # Keep the run bounded: the same filter dropped (certified_totals' eighteen
    # ``filter (where selected)``) is tried at most SAME_TEXT_CAP times per file.
    seen: dict[tuple[str, str], int] = {}
    kept = []
    for m in found:
        key = (m.operator, " ".join(m.before.split()))
        seen[key] = seen.get(key, 0) + 1
        if not m.operator.startswith("drop filter") or seen[key] <= SAME_TEXT_CAP:
            kept.append(m)
    return kept


def all_mutants(only: str | None = None, source: Path = PROJECT) -> list[Mutant]:
    out = []
    for file in TARGETS:
        if only and Path(file).name != only and file != only:
            continue
        out += mutants_of(file, (source / file).read_text("utf-8"))
    return out


def make_copy(dest: Path, source: Path = PROJECT) -> None:
    for item in COPY:
        src = source / item
        if src.is_dir():
            shutil.copytree(src, dest / item, ignore=IGNORE)
        elif src.is_file():
            (dest / item).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / item)


def pytest_cmd(tests: list[str], deselect: list[str], extra: list[str]) -> list[str]:
    cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", *extra]
    for node in deselect:
        cmd += ["--deselect", node]
    return cmd + tests


def run_tests(copy: Path, tests: list[str], deselect: list[str], extra: list[str], timeout: float | None):
    tests = [t for t in tests if (copy / t.split("::")[0]).is_file()]  # a test file not written yet
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        proc = subprocess.run(
            pytest_cmd(tests, deselect, extra),
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return "timeout", ""
    return proc.returncode, proc.stdout + proc.stderr


# More tests failing on the unmutated copy than this share means the copy itself is broken
# (a working tree caught mid-edit): every mutant would "survive", so the run stops instead.
MAX_BASELINE_FAILING = 0.1


def baseline_failures(copy: Path, tests: list[str]) -> tuple[list[str], float]:
    """Node ids that fail on the unmutated copy (other work in progress): left out of every run."""
    report = copy / "baseline.json"
    start = time.monotonic()
    code, out = run_tests(copy, tests, [], ["-rf", "--tb=no"], None)
    took = time.monotonic() - start
    if code not in (0, 1):
        sys.exit(f"the unmutated tests could not run (exit {code}):\n{out[-3000:]}")
    failed = re.findall(r"^(?:FAILED|ERROR) (\S+)", out, re.MULTILINE)
    passed = sum(int(n) for n in re.findall(r"(\d+) passed", out))
    if len(failed) > MAX_BASELINE_FAILING * max(passed + len(failed), 1):
        sys.exit(
            f"{len(failed)} of {passed + len(failed)} tests fail before any mutation: the copy is broken "
            "(edits in progress?); run again on a clean tree or with --ref HEAD.\n" + "\n".join(failed[:20])
        )
    report.unlink(missing_ok=True)
    return failed, took


def export_commit(ref: str, dest: Path) -> str:
    """The tree of commit ``ref`` in ``dest`` (``git archive``); returns the full commit id."""
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"], cwd=PROJECT, capture_output=True, text=True, check=True
    ).stdout.strip()
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", commit], cwd=PROJECT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)
    return commit


def working_tree_label() -> str:
    def git(*args: str) -> str:
        proc = subprocess.run(["git", *args], cwd=PROJECT, capture_output=True, text=True)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    commit = git("rev-parse", "HEAD") or "unknown commit"
    dirty = git("status", "--porcelain", "--", *TARGETS, "queries/views", "cnnt", "tests")
    return f"the working tree at {commit}" + (" with uncommitted changes" if dirty else "")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--list", action="store_true", help="list the mutants and exit")
    ap.add_argument("--only", help="mutate only this file (e.g. progression.sql)")
    ap.add_argument("--ref", help="mutate this commit's tree (git archive) instead of the working tree")
    ap.add_argument("--report", default=str(PROJECT / "artifacts" / "mutation" / "sql-mutants.md"))
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="cnnt-sql-mutants-") as tmp:
        if args.ref:
            source = Path(tmp) / "source"
            measured = f"commit {export_commit(args.ref, source)}"
        else:
            source, measured = PROJECT, working_tree_label()
        mutants = all_mutants(args.only, source)
        if args.list:
            for m in mutants:
                print(f"{m.id:60} {m.before.strip()!r} → {m.after.strip()!r}")
            print(f"{len(mutants)} mutants")
            return 0
        print(f"mutating {measured}", flush=True)
        copy = Path(tmp) / "project"
        make_copy(copy, source)
        every_test = CORE_TESTS + sorted({t for ts in EXTRA_TESTS.values() for t in ts})
        print(f"baseline: running {len(every_test)} test selections on the unmutated copy …", flush=True)
        failing, took = baseline_failures(copy, every_test)
        if failing:
            print(f"  left out (failing before any mutation): {', '.join(failing)}")
        timeout = max(120.0, 3 * took)
        results = []
        for i, m in enumerate(mutants, 1):
            path = copy / m.file
            original = path.read_text("utf-8")
            path.write_text(m.apply(original), "utf-8")
            try:
                tests = CORE_TESTS + EXTRA_TESTS.get(m.file, [])
                start = time.monotonic()
                code, out = run_tests(copy, tests, failing, ["-x", "--tb=line"], timeout)
                took = time.monotonic() - start
            finally:
                path.write_text(original, "utf-8")
            if code == "timeout":
                status, by = "killed", "timeout"
            elif code == 0:
                status, by = "survived", ""
            elif code == 1:
                status = "killed"
                hit = re.search(r"^(?:FAILED|ERROR) (\S+)", out, re.MULTILINE)
                by = hit.group(1) if hit else "a test failed"
            else:
                status, by = "killed", f"pytest exit {code}"
            results.append({**m.__dict__, "id": m.id, "status": status, "by": by, "seconds": round(took, 1)})
            mark = "✗ SURVIVED" if status == "survived" else "killed"
            print(
                f"[{i}/{len(mutants)}] {mark:10} {m.id}  {m.before.strip()!r} → {m.after.strip()!r}  {by}", flush=True
            )

    killed = sum(r["status"] == "killed" for r in results)
    score = killed / len(results) if results else 1.0
    survivors = [r for r in results if r["status"] == "survived"]
    lines = [
        "# SQL mutants",
        "",
        f"{killed}/{len(results)} killed ({score:.0%}); mutated: {measured}.",
        "",
        "| mutant | before | after | result | killed by |",
        "|---|---|---|---|---|",
    ]
    for r in results:
        before = r["before"].strip().replace("|", "\\|").replace("\n", " ")
        after = r["after"].strip().replace("|", "\\|")
        lines.append(f"| {r['id']} | `{before}` | `{after}` | {r['status']} | {r['by']} |")
    report = Path(args.report)
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text("\n".join(lines) + "\n", "utf-8")
    report.with_suffix(".json").write_text(json.dumps(results, ensure_ascii=False, indent=1), "utf-8")
    print(f"\nSQL mutation score: {killed}/{len(results)} killed ({score:.0%}); report: {report}")
    for r in survivors:
        print(f"  survived: {r['id']}  {r['before'].strip()!r} → {r['after'].strip()!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
