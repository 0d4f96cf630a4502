"""Each page's full query set, recorded from the page itself.

Every page runs once under Streamlit's AppTest on a data root with its default state
(no filters, the whole period, the merged province; the lookup with "ca phe"); every
call of :func:`cnnt.db.run` it makes is recorded with its parameters.  The query
benchmark then replays exactly those calls, so it follows the pages as they change.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PAGES = {
    "overview": "pages/overview.py",
    "participation": "pages/participation.py",
    "pass_rates": "pages/pass_rates.py",
    "revenue": "pages/revenue.py",
    "localities": "pages/localities.py",
    "locality_profile": "pages/locality_profile.py",
    "lookup": "pages/lookup.py",
}
LOOKUP_TEXT = "ca phe"
BENCH_ROLE = "leadership"  # sees every page (CNNT_OPEN_ROLE for the benchmark)


def record(root: Path | str, pages: dict[str, str] | None = None) -> dict[str, list[tuple[str, dict]]]:
    """Page name → the (query, parameters) calls the page made, in order (duplicates once)."""
    from streamlit.testing.v1 import AppTest

    from cnnt import cache, db

    calls: list[tuple[str, dict]] = []
    original = db.run

    def recording(name, snapshot_id, data_root=None, *, role=None, **params):
        calls.append((name, json.loads(json.dumps(params, default=list))))
        return original(name, snapshot_id, data_root, role=role, **params)

    os.environ["CNNT_DATA_DIR"] = str(Path(root).resolve())
    os.environ.setdefault("CNNT_OPEN_ROLE", BENCH_ROLE)
    db.run = recording
    out: dict[str, list[tuple[str, dict]]] = {}
    try:
        for page, path in (pages or PAGES).items():
            cache.clear_all()
            at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=600)
            at.run()
            calls.clear()
            at.switch_page(path)
            at.run()
            if page == "lookup":
                at.text_input(key="lookup_q").input(LOOKUP_TEXT).run()
            if at.exception:
                raise RuntimeError(f"{page}: {at.exception[0].value}")
            seen, unique = set(), []
            for name, params in calls:
                key = (name, json.dumps(params, sort_keys=True))
                if key not in seen:
                    seen.add(key)
                    unique.append((name, params))
            out[page] = unique
    finally:
        db.run = original
    return out
