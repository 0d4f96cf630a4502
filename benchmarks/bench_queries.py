"""Time every query on the embedded sample: first run (views bound, parquet read)
versus the cached path the app uses.  Prints times and ratios; asserts nothing.

    .venv/bin/python -m benchmarks.bench_queries
"""

from __future__ import annotations

import statistics
import time

from cnnt import db
from cnnt.cache import clear_all
from cnnt.store import Store

# Parameters as the pages send them, with sample-data values for the per-item questions.
ALL = {
    "year_from": 2012,
    "year_to": 2025,
    "levels": None,
    "groups": None,
    "districts": None,
    "dimension": "group",
    "min_n": 10,
    "round_ids": None,
    "legal_forms": None,
    "certified_only": False,
    "q": "ca phe",
    "limit": 200,
    "establishment_id": "CS0023",
    "view": "legacy",
    "unit_id": "L656",
    "unit_ids": None,
    "establishment_ids": ["CS0023"],
    "metric": "revenue",
    "window": 5,
}


def _time(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def main() -> None:
    root = db.default_data_root()
    snap = Store(root).current_id()
    database = db.Database(root)
    t0 = time.perf_counter()
    database.query(snap, "round_years", {})
    print(f"first query on a new connection (views created): {1000 * (time.perf_counter() - t0):8.1f} ms")
    print(f"{'query':32} {'uncached ms':>12} {'cached ms':>10} {'ratio':>8}")
    for name in db.query_names():
        params = {k: ALL[k] for k in db.parameters_of(name)}
        raw = _time(lambda name=name, params=params: database.query(snap, name, params), 5)
        clear_all()
        db.run(name, snap, root, **params)  # fill the cache
        cached = _time(lambda name=name, params=params: db.run(name, snap, root, **params), 20)
        print(f"{name:32} {1000 * raw:12.2f} {1000 * cached:10.3f} {raw / cached:8.1f}x")


if __name__ == "__main__":
    main()
