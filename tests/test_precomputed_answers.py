"""Questions whose counting moved into a per-snapshot fact give the same answers as the
same question computed directly from the tables on every call (the oracles in
``tests/oracles/``, the queries as they were before), for every parameter value, on the
fixture, the merged fixture and the embedded sample."""

from __future__ import annotations

import itertools
from pathlib import Path

import pandas as pd
import pytest

ORACLES = Path(__file__).parent / "oracles"
SCOPES = [None, "daklak_old", "phuyen_old", "merged"]
YEARS = [2011, 2015, 2016, 2017, 2020, 2021, 2024, 2025, 2026]  # around the plans' first and last years


def _both(db, sid, name, params):
    fast = db.query(sid, name, params)
    slow = db.run_sql(sid, (ORACLES / f"{name}.sql").read_text("utf-8"), params, label=f"oracle {name}")
    return fast, slow


@pytest.mark.parametrize("which", ["fixture", "merged", "sample"])
def test_target_progress_equals_counting_from_the_tables(which, request):
    db = request.getfixturevalue(f"{which}_db")
    sid = request.getfixturevalue(f"{which}_id")
    rows = 0
    for y0, y1 in itertools.combinations_with_replacement(YEARS, 2):
        for scope in SCOPES:
            fast, slow = _both(db, sid, "target_progress", {"year_from": y0, "year_to": y1, "scope": scope})
            pd.testing.assert_frame_equal(fast, slow)
            rows += len(fast)
    assert rows > 0


def _filter_grid(db, sid):
    """Every kind of shared-filter value: none, one, several, an empty list."""
    groups = db.run_sql(sid, "select distinct group_code from entry_facts order by 1")["group_code"].tolist()
    districts = db.run_sql(
        sid, "select distinct legacy_district_id as d from entry_facts where d is not null order by 1"
    )["d"].tolist()
    return {
        "groups": [None, groups[:1], groups[:2], []],
        "districts": [None, districts[:2]],
        "scope": [None, "daklak_old", "phuyen_old"],
        "years": [(2012, 2025), (2019, 2019), (2026, 2030)],
    }


@pytest.mark.parametrize("which", ["fixture", "merged", "sample"])
@pytest.mark.parametrize("name", ["progression", "criteria_by_outcome"])
def test_filtered_questions_equal_counting_from_the_tables(which, name, request):
    db = request.getfixturevalue(f"{which}_db")
    sid = request.getfixturevalue(f"{which}_id")
    grid = _filter_grid(db, sid)
    rows = 0
    for groups, districts, scope, (y0, y1) in itertools.product(*grid.values()):
        params = {"year_from": y0, "year_to": y1, "groups": groups, "districts": districts, "scope": scope}
        if name == "criteria_by_outcome":
            params["levels"] = None if groups != [] else ["provincial"]
        fast, slow = _both(db, sid, name, params)
        pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=1e-12)
        rows += len(fast)
    assert rows > 0


@pytest.mark.parametrize("which", ["fixture", "merged", "sample"])
def test_published_figure_check_equals_counting_from_the_tables(which, request):
    db = request.getfixturevalue(f"{which}_db")
    sid = request.getfixturevalue(f"{which}_id")
    for scope in SCOPES:
        fast, slow = _both(db, sid, "published_figure_check", {"scope": scope})
        pd.testing.assert_frame_equal(fast, slow)


@pytest.mark.parametrize("which", ["fixture", "merged", "sample"])
def test_certificates_state_equals_counting_from_the_tables(which, request):
    db = request.getfixturevalue(f"{which}_db")
    sid = request.getfixturevalue(f"{which}_id")
    grid = _filter_grid(db, sid)
    days = ["2015-06-30", "2019-08-30", "2021-12-31", "2023-12-31", "2026-11-28"]
    for groups, districts, scope, as_of in itertools.product(grid["groups"], grid["districts"], grid["scope"], days):
        params = {"as_of": as_of, "groups": groups, "districts": districts, "scope": scope}
        fast, slow = _both(db, sid, "certificates_state", params)
        pd.testing.assert_frame_equal(fast, slow)


@pytest.mark.parametrize("which", ["fixture", "merged", "sample"])
def test_district_counts_equal_counting_from_the_tables(which, request):
    db = request.getfixturevalue(f"{which}_db")
    sid = request.getfixturevalue(f"{which}_id")
    fast, slow = _both(db, sid, "district_options", {})
    pd.testing.assert_frame_equal(fast, slow)
    grid = _filter_grid(db, sid)
    for groups, districts, scope, (y0, y1) in itertools.product(*grid.values()):
        params = {"year_from": y0, "year_to": y1, "levels": None, "groups": groups, "districts": districts}
        fast, slow = _both(db, sid, "participation_by_locality", params | {"scope": scope})
        pd.testing.assert_frame_equal(fast, slow)


@pytest.mark.parametrize("which", ["fixture", "merged", "sample"])
@pytest.mark.parametrize("name", ["score_distribution", "pass_rate_by_dimension"])
def test_score_boxes_and_pass_rates_equal_counting_from_the_tables(which, name, request):
    db = request.getfixturevalue(f"{which}_db")
    sid = request.getfixturevalue(f"{which}_id")
    grid = _filter_grid(db, sid)
    extra = (
        [{"max_outliers": k} for k in (0, 1, 50)]
        if name == "score_distribution"
        else [{"dimension": d, "min_n": 10} for d in ("round", "level", "group", "legal_form", "locality")]
    )
    rows = 0
    for groups, districts, scope, (y0, y1) in itertools.product(*grid.values()):
        for more in extra:
            params = {"year_from": y0, "year_to": y1, "levels": None, "groups": groups, "districts": districts}
            fast, slow = _both(db, sid, name, params | {"scope": scope} | more)
            pd.testing.assert_frame_equal(fast, slow, check_exact=False, rtol=1e-12)
            rows += len(fast)
    assert rows > 0
