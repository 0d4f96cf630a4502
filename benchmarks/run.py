"""Benchmarks at a scale: ``python -m benchmarks.run --scale K`` (K = 1, 10, 100, 1000).

Prints (and writes to ``benchmarks/results/xK.json``):

1. **publish** (``--publish``): the sample ×K published into a fresh folder: validation,
   writing, computing the facts; seconds.
2. **queries**: each page's full query set (recorded from the page itself, see
   :mod:`benchmarks.queryset`), on the locked-down DuckDB the app uses, bypassing the
   result cache: *cold* (a new connection: the snapshot opened, its facts loaded, every
   query run once) and *warm* (median of ``--repeat`` runs of the whole set); next to
   it the same figures computed the usual pandas way (:mod:`benchmarks.pandas_way`:
   tables read with pandas, merged and grouped per call), cold (reading the parquet)
   and warm (median), and the ratio pandas ÷ DuckDB.
3. **pages** (``--pages``): each page in headless Chromium until every chart is
   mounted, next to a bare Streamlit page drawing the same charts with the same
   point counts from memory, in the same run (:mod:`benchmarks.pages`); the time from
   a sidebar filter change to a settled page; server memory over 200 page views in
   10 sessions.

The data root is ``benchmarks/data/xK`` (made with ``python -m cnnt sample --scale K``
when missing; ×1 is the embedded sample).  Nothing here asserts a timing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE / "data"
RESULTS = HERE / "results"


def data_root(scale: int) -> Path:
    from cnnt.db import SAMPLE_ROOT, facts_version
    from cnnt.store import Store

    if scale == 1:
        return SAMPLE_ROOT
    root = DATA / f"x{scale}"
    snap = Store(root).resolve().snapshot
    stale = snap is not None and (snap.manifest.get("facts") or {}).get("version") != facts_version()
    if snap is None or int(snap.manifest.get("scale", 1)) != scale or stale:
        # facts of other view SQL would be computed at every open: cold times would
        # measure that, not loading the facts
        from cnnt.__main__ import publish_sample

        publish_sample(root.resolve(), True, scale)
    return root


def machine() -> dict:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0, 0, 0)
    return {"cpus": os.cpu_count(), "python": platform.python_version(), "load_avg_1m": round(load[0], 1)}


# ---- 1. publishing ---------------------------------------------------------------------
def bench_publish(scale: int) -> dict:
    import tempfile

    from cnnt import store
    from cnnt.sample import SAMPLE_CREATED_AT, build_sample
    from cnnt.scale import scale_tables

    t0 = time.perf_counter()
    tables = scale_tables(build_sample(), scale)
    made = time.perf_counter() - t0
    with tempfile.TemporaryDirectory(dir=DATA) as tmp:
        store.Store(tmp).publish(
            tables, label=f"sample-x{scale}", is_sample=True, created_at=SAMPLE_CREATED_AT, published_by="bench"
        )
    timings = dict(store.LAST_PUBLISH)
    rows = {name: len(frame) for name, frame in tables.items()}
    return {"generate_s": made, **timings, "rows": rows}


# ---- 2. queries ------------------------------------------------------------------------
def _median_time(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t)
    return statistics.median(samples)


def bench_queries(root: Path, querysets: dict, repeat: int) -> dict:
    from benchmarks import pandas_way
    from cnnt import db
    from cnnt.store import Store

    snap = Store(root).resolve().snapshot
    out = {}
    for page, calls in querysets.items():
        # DuckDB, cold: a new process-wide database, the snapshot opened (facts loaded), each query once
        t = time.perf_counter()
        database = db.Database(root)
        per_query = {}
        for name, params in calls:
            q0 = time.perf_counter()
            database.query(snap.id, name, params)
            per_query[name] = per_query.get(name, 0) + time.perf_counter() - q0
        cold = time.perf_counter() - t
        opened = database.opened.get(snap.id)

        def run_all(database=database, calls=calls):
            for name, params in calls:
                database.query(snap.id, name, params)

        warm = _median_time(run_all, repeat)
        slowest = {}
        for name, params in calls:
            slowest[name] = slowest.get(name, 0) + _median_time(
                lambda name=name, params=params, database=database: database.query(snap.id, name, params), repeat
            )
        # pandas, the usual way: read the parquet, then merge and group per call
        covered = [(n, p) for n, p in calls if n in pandas_way.QUERIES]
        t = time.perf_counter()
        frames = pandas_way.Tables(snap.path)
        for name, params in covered:
            pandas_way.QUERIES[name](frames, params)
        pandas_cold = time.perf_counter() - t

        def run_pandas(frames=frames, covered=covered):
            for name, params in covered:
                pandas_way.QUERIES[name](frames, params)

        pandas_warm = _median_time(run_pandas, 1 if pandas_cold > 20 else max(1, min(repeat, 3)))

        def run_covered(database=database, covered=covered):
            for name, params in covered:
                database.query(snap.id, name, params)

        duck_covered = _median_time(run_covered, repeat)
        out[page] = {
            "queries": len(calls),
            "opened": opened,
            "cold_ms": 1000 * cold,
            "warm_ms": 1000 * warm,
            "per_query_warm_ms": {k: 1000 * v for k, v in sorted(slowest.items(), key=lambda kv: -kv[1])},
            "pandas_covered": len(covered),
            "duckdb_covered_warm_ms": 1000 * duck_covered,
            "pandas_cold_ms": 1000 * pandas_cold,
            "pandas_warm_ms": 1000 * pandas_warm,
            "ratio_pandas_over_duckdb": pandas_warm / duck_covered if duck_covered else None,
        }

    return out


def print_queries(scale: int, result: dict) -> None:
    print(f"\n### Queries at ×{scale} (ms; warm = median of repeated runs, no result cache)\n")
    print(
        "| page | queries | DuckDB cold | DuckDB warm | slowest query (warm) | pandas cold | pandas warm | pandas ÷ DuckDB |"
    )
    print("|---|---:|---:|---:|---|---:|---:|---:|")
    for page, r in result.items():
        name, ms = next(iter(r["per_query_warm_ms"].items()))
        cover = "" if r["pandas_covered"] == r["queries"] else f" ({r['pandas_covered']} of {r['queries']})"
        ratio = r["ratio_pandas_over_duckdb"]
        print(
            f"| {page} | {r['queries']} | {r['cold_ms']:.0f} | {r['warm_ms']:.1f} | {name} {ms:.1f} | "
            f"{r['pandas_cold_ms']:.0f} | {r['pandas_warm_ms']:.1f}{cover} | {ratio:.1f}× |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--publish", action="store_true", help="also time publishing the ×K snapshot")
    parser.add_argument("--pages", action="store_true", help="also time the pages in headless Chromium")
    parser.add_argument("--no-queries", action="store_true")
    parser.add_argument("--views", type=int, default=200, help="page views for the memory run")
    args = parser.parse_args(argv)
    os.environ.setdefault("CNNT_OPEN_ROLE", "leadership")
    result: dict = {"scale": args.scale, "machine": machine(), "at": time.strftime("%Y-%m-%d %H:%M")}
    if args.publish:
        result["publish"] = bench_publish(args.scale)
        p = result["publish"]
        print(f"\n### Publishing ×{args.scale} (s)\n")
        print("| generate | validate | write parquet | compute facts | publish total |")
        print("|---:|---:|---:|---:|---:|")
        print(
            f"| {p['generate_s']:.1f} | {p['validate_s']:.1f} | {p['write_s']:.1f} | {p['facts_s']:.1f} | {p['total_s']:.1f} |"
        )
    root = data_root(args.scale)
    if not args.no_queries:
        from benchmarks.queryset import record

        querysets = record(root)
        result["queries"] = bench_queries(root, querysets, args.repeat)
        print_queries(args.scale, result["queries"])
    if args.pages:
        from benchmarks import pages

        result["pages"] = pages.run(root, views=args.views)
        pages.print_results(args.scale, result["pages"])
    result["machine_after"] = machine()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / f"x{args.scale}.json").write_text(json.dumps(result, indent=2, default=str), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
