"""Issue 14, the Localities pages at scale: their questions read the per-snapshot facts
of ``queries/views/11_prospect_facts.sql`` instead of joining every entry and
establishment with its locality on each call, and the prospect list returns only the
rows the page shows.  The answers stay those of the questions as they were (the
oracles in ``tests/oracles/``), for every kind of parameter value, on the fixture, the
merged fixture, the embedded sample and a scaled copy of it (where many prospects tie
on promise and support)."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pandas as pd
import pytest

from cnnt import db
from cnnt.store import Store
from tests.conftest import FIXTURE_CREATED

ORACLES = Path(__file__).parent / "oracles"
SCOPES = [None, "daklak_old", "phuyen_old"]
ORDER = ["promise", "support_vnd", "establishment_name", "establishment_id"]


def _oracle(database, sid, name, params):
    return database.run_sql(sid, (ORACLES / f"{name}.sql").read_text("utf-8"), params, label=f"oracle {name}")


def _same_rows(fast: pd.DataFrame, slow: pd.DataFrame, obj: str) -> None:
    """Equal as sets of rows (for answers whose order leaves ties open)."""

    def ordered(frame):
        return frame.sort_values(list(frame.columns), kind="stable").reset_index(drop=True)

    pd.testing.assert_frame_equal(ordered(fast), ordered(slow), check_dtype=False, obj=obj)


@pytest.fixture(scope="module")
def scaled(tmp_path_factory):
    """The sample copied 20 times (cnnt.scale): copies tie on promise and support."""
    from cnnt.sample import build_sample
    from cnnt.scale import scale_tables

    root = tmp_path_factory.mktemp("scaled-x20")
    store = Store(root)
    store.publish(scale_tables(build_sample(), 20), label="x20", created_at=FIXTURE_CREATED, published_by="tests")
    return db.Database(root), store.current_id()


@pytest.fixture(params=["fixture", "merged", "sample", "scaled"])
def data(request):
    if request.param == "scaled":
        return request.getfixturevalue("scaled")
    return request.getfixturevalue(f"{request.param}_db"), request.getfixturevalue(f"{request.param}_id")


def _groups(database, sid):
    codes = database.run_sql(sid, "select distinct group_code from entry_facts order by 1")["group_code"].tolist()
    return [None, codes[:1], codes[:2], []]


def test_locality_engagement_and_rounds_equal_joining_the_entries_on_every_call(data):
    database, sid = data
    checked = 0
    for view, groups, scope, (y0, y1) in itertools.product(
        ["legacy", "current"], _groups(database, sid), SCOPES, [(2012, 2025), (2019, 2019), (2026, 2030)]
    ):
        params = {"view": view, "year_from": y0, "year_to": y1, "groups": groups, "scope": scope}
        fast = database.query(sid, "locality_engagement", params)
        pd.testing.assert_frame_equal(fast, _oracle(database, sid, "locality_engagement", params), check_dtype=False)
        if scope is None and groups != []:  # the profile's rounds take no scope
            units = fast["unit_id"].tolist()
            for unit in units[:2] + units[-1:]:
                rounds = {k: v for k, v in params.items() if k != "scope"} | {"unit_id": unit}
                pd.testing.assert_frame_equal(
                    database.query(sid, "locality_rounds", rounds),
                    _oracle(database, sid, "locality_rounds", rounds),
                    check_dtype=False,
                )
        checked += len(fast)
    assert checked > 0


def test_locality_establishments_equal_grouping_every_product(data):
    database, sid = data
    for view in ["legacy", "current"]:
        units = database.run_sql(sid, "select distinct unit_id from locality_membership where view = $v", {"v": view})
        for unit in units["unit_id"].tolist()[:6]:
            params = {"view": view, "unit_id": unit}
            fast = database.query(sid, "locality_establishments", {**params, "limit": None})
            want = _oracle(database, sid, "locality_establishments", params)
            assert set(fast["total"]) <= {len(want)}
            _same_rows(fast.drop(columns="total"), want, f"{view} {unit}")


def test_prospects_and_bands_equal_the_full_lists_and_their_top(data):
    database, sid = data
    checked = 0
    for view in ["legacy", "current"]:
        units = database.run_sql(sid, "select distinct unit_id from locality_membership where view = $v", {"v": view})
        units = sorted(units["unit_id"])
        for unit_ids, groups, scope in itertools.product(
            [None, units[:1], units[-3:], []], _groups(database, sid), SCOPES
        ):
            params = {"view": view, "unit_ids": unit_ids, "groups": groups, "scope": scope}
            slow = _oracle(database, sid, "prospects", params)
            full = database.query(sid, "prospects", params | {"limit": None})
            _same_rows(full.drop(columns=["prospects", "prospects_supported"]), slow, f"prospects {params}")
            assert (full["prospects"] == len(slow)).all()
            assert (full["prospects_supported"] == (slow["support_vnd"] > 0).sum()).all()
            # the oracle's order (promise, support, name), its ties settled by establishment_id
            key = full[ORDER]
            assert key.equals(key.sort_values(ORDER, ascending=[False, False, True, True])), params
            if scope is not None:
                continue
            top = database.query(sid, "prospects", params | {"limit": 3})
            pd.testing.assert_frame_equal(top, full.head(3), check_dtype=False)
            slow_bands = _oracle(
                database, sid, "prospect_revenue_bands", {"establishment_ids": slow["establishment_id"].tolist()}
            )
            bands = database.query(sid, "prospect_revenue_bands", params | {"limit": None})
            _same_rows(bands, slow_bands, f"bands {params}")
            top_bands = database.query(sid, "prospect_revenue_bands", params | {"limit": 3})
            _same_rows(top_bands, bands[bands["establishment_id"].isin(top["establishment_id"])], f"top bands {params}")
            checked += len(full)
    assert checked > 0


def test_the_pages_questions_read_facts_not_the_yearly_figures_or_every_membership():
    """What made them slow at ×1000: reading the yearly financials per call, and joining
    every entry or establishment with locality_membership per call."""
    for name in ("prospects", "prospect_revenue_bands", "locality_engagement", "locality_rounds"):
        sql = re.sub(r"--[^\n]*", "", db.load_sql(name))  # the SQL, not its comments
        assert "financials" not in sql and "locality_membership" not in sql, name
        assert "establishment_ids" not in db.parameters_of(name), name
    assert {"view", "unit_ids", "groups", "scope", "limit"} == db.parameters_of("prospects")
    assert db.parameters_of("prospect_revenue_bands") == db.parameters_of("prospects")


def test_the_follow_up_list_shows_the_top_and_downloads_them_all_from_another_thread(
    monkeypatch, fixture_root, fixture_id
):
    import threading

    from cnnt import access, prospects

    params = {"view": "legacy", "unit_ids": ["L652"], "groups": None, "scope": None}
    monkeypatch.setattr(access, "current_role", lambda: "leadership")
    run = prospects.session_runner(fixture_id, fixture_root)  # the role is taken now ...
    monkeypatch.setattr(access, "current_role", lambda: "public")  # ... not when the download runs
    shown = prospects.followup_table(run, params, 1, show_revenue=True)
    assert shown["establishment_id"].tolist() == ["E6"] and shown["no"].tolist() == [1]
    assert shown[["prospects", "prospects_supported"]].values.tolist() == [[2, 2]]
    out = {}
    worker = threading.Thread(target=lambda: out.update(full=prospects.followup_table(run, params, None, True)))
    worker.start()
    worker.join()
    full = out["full"]
    assert full["establishment_id"].tolist() == ["E6", "E5"] and full["no"].tolist() == [1, 2]
    assert full.iloc[:1].drop(columns="revenue_band").equals(shown.drop(columns="revenue_band"))
    hidden = prospects.followup_table(run, params, None, show_revenue=False)
    assert set(hidden["revenue_band"]) == {""} and set(hidden["phone"]) == {""}


def test_the_prospect_panels_downloads_hold_every_prospect_not_only_those_shown(monkeypatch, fixture_root):
    """With fewer prospects on screen than there are (prospects.SHOWN), the panel's CSV and
    Excel are built from the whole list, as the follow-up list is, and the note says so."""
    from cnnt import prospects
    from tests.conftest import open_page, record_panels, shown_tables

    monkeypatch.setattr(prospects, "SHOWN", 1)
    panels = record_panels(monkeypatch)
    at = open_page(monkeypatch, fixture_root, "pages/localities.py")
    shown, kwargs = panels["loc_prospects"]
    assert len(shown) == 1 and len(shown_tables(at)[-1]) == 1
    whole = kwargs["full"]()
    assert len(whole) == 2 and list(whole.columns) == list(shown.columns)
    assert whole.iloc[:1].equals(shown)  # the one on screen first, then the rest
    assert any("các tệp tải về (CSV, Excel" in c.value for c in at.caption)
