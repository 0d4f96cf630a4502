"""Facts computed once per snapshot (issue 14): what is stored equals what the view SQL
computes from the raw tables; snapshots without usable facts compute them at open; the
scale generator; bounded caches; the statistics the revenue page gets from SQL equal
the pandas pipeline they replaced."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pandas as pd
import pytest

from cnnt import cache, db, policy, stats
from cnnt.store import Store
from tests.test_queries import _params


def _sorted(frame: pd.DataFrame) -> pd.DataFrame:
    def key(col: pd.Series) -> pd.Series:
        return col.map(lambda v: json.dumps(v.tolist() if isinstance(v, np.ndarray) else v, default=str))

    frame = frame.copy()
    for col in frame.columns:  # lists as text, so that rows can be sorted and compared
        if frame[col].map(lambda v: isinstance(v, (list, np.ndarray))).any():
            frame[col] = key(frame[col])
    return frame.sort_values(list(frame.columns), na_position="first", kind="stable").reset_index(drop=True)


@pytest.mark.parametrize("data", ["fixture", "merged"])
def test_stored_facts_equal_the_facts_computed_from_the_raw_tables(request, data):
    root = request.getfixturevalue(f"{data}_root")
    snap = Store(root).resolve().snapshot
    section = snap.manifest["facts"]
    assert section["version"] == db.facts_version()
    assert set(section["tables"]) == set(db.fact_names())
    stored, fresh = db.stored_facts(snap.path), db.facts_from_tables(snap.path)
    for name in db.fact_names():
        assert section["tables"][name]["rows"] == len(stored[name]), name
        pd.testing.assert_frame_equal(_sorted(stored[name]), _sorted(fresh[name]), check_dtype=False, obj=name)
    assert len(fresh["entry_facts"]) == len(Store(root).read_table(snap.id, "entries"))


def _copy_without_usable_facts(root, tmp_path, how: str):
    copy = tmp_path / "data"
    shutil.copytree(root, copy)
    snap = Store(copy).resolve().snapshot
    manifest = json.loads((snap.path / "manifest.json").read_text("utf-8"))
    if how == "none":  # a snapshot written before facts existed
        shutil.rmtree(snap.path / "facts")
        del manifest["facts"]
    elif how == "stale":  # facts of other view SQL
        manifest["facts"]["version"] = "0" * 16
    elif how == "damaged":
        path = snap.path / "facts" / "entry_facts.parquet"
        path.write_bytes(path.read_bytes()[:-8] + b"\0" * 8)
    (snap.path / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    return copy, snap.id


@pytest.mark.parametrize("how", ["none", "stale", "damaged"])
def test_a_snapshot_without_usable_facts_computes_them_at_open_with_the_same_answers(merged_root, tmp_path, how):
    copy, sid = _copy_without_usable_facts(merged_root, tmp_path, how)
    with_facts, without = db.Database(merged_root), db.Database(copy)
    for name in db.query_names():
        params = _params(name, scope="daklak_old", unit_id="L555")
        a, b = with_facts.query(sid, name, params), without.query(sid, name, params)
        pd.testing.assert_frame_equal(_sorted(a), _sorted(b), check_dtype=False, obj=name)
    assert with_facts.opened[sid] == "facts" and without.opened[sid] == "computed"


def test_facts_load_into_tables_not_views(fixture_db, fixture_id):
    kinds = fixture_db.run_sql(
        fixture_id,
        "select table_name, table_type from information_schema.tables where table_schema = current_schema()",
    ).set_index("table_name")["table_type"]
    for name in db.fact_names():
        assert kinds[name] == "BASE TABLE", name


def test_scale_generator_copies_with_new_unique_ids_and_scaled_denominators(tmp_path):
    from cnnt.__main__ import main
    from cnnt.sample import build_sample
    from cnnt.scale import scale_tables
    from cnnt.validate import errors, validate_tables

    base = build_sample()
    k = 3
    tables = scale_tables(base, k)
    problems = validate_tables(tables)
    assert errors(problems) == []
    assert {p.rule for p in problems} == {p.rule for p in validate_tables(base)}  # the sample's own warnings, no new
    for name, key in (("establishments", "establishment_id"), ("products", "product_id"), ("entries", "entry_id")):
        assert len(tables[name]) == k * len(base[name]) and tables[name][key].is_unique, name
    assert set(base["establishments"]["establishment_id"]) < set(tables["establishments"]["establishment_id"])
    assert (
        tables["locality_base"]["establishments_known"].sum() == k * base["locality_base"]["establishments_known"].sum()
    )
    again = scale_tables(base, k)
    for name in tables:
        pd.testing.assert_frame_equal(tables[name], again[name], obj=name)
    assert main(["sample", "--scale", "3"]) == 2, "K > 1 needs its own data folder"
    assert main(["--data", str(tmp_path), "sample", "--scale", "3"]) == 0
    database = db.Database(tmp_path)
    sid = Store(tmp_path).current_id()
    check = database.query(sid, "published_figure_check", {"scope": None})
    assert len(check) and check["matches"].all()
    assert database.opened[sid] == "facts"


def test_bounded_cache_keeps_within_its_byte_budget():
    c = cache.BoundedCache("test", max_bytes=1000, max_entry_bytes=400, max_entries=10)
    for i in range(10):
        c.put(i, b"x", size=300)
    assert c.bytes <= 1000 and len(c) == 3 and c.get(9) == b"x" and c.get(0) is None
    c.put("big", b"y", size=401)
    assert c.get("big") is None and c.too_big == 1
    frame = pd.DataFrame({"a": range(1000)})
    assert cache.size_of(frame) >= 8000
    cache._ALL.remove(c)


@pytest.mark.parametrize("cap", [stats.BOOTSTRAP_MAX_VALUES, 0])
def test_revenue_statistics_from_sql_equal_the_pandas_pipeline(sample_db, sample_id, cap):
    """With every cell small enough to bootstrap, the numbers are the old pipeline's exactly;
    with none (cap 0) the medians and n still are, and the band is the large-sample one."""
    where = {"groups": None, "districts": None, "scope": None}
    for metric, (yf, yt, k) in (("revenue", (2012, 2025, 3)), ("employees", (2017, 2023, 2))):
        panel = sample_db.query(sample_id, "event_study_panel", {"metric": metric, **where})
        panel = panel[(panel["cohort"] >= yf) & (panel["cohort"] <= yt)]
        study = stats.balanced(stats.one_cohort_per_establishment(panel), policy.EVENT_YEARS_BEFORE, k)
        params = {"metric": metric, **where, "year_from": yf, "year_to": yt, "years_after": k}
        growth = sample_db.query(sample_id, "event_study_growth", params)
        band_at = stats.band_quantiles(stats.panel_sizes(growth), cap)
        for by in ("comparison", "cohort"):
            part = study if by == "comparison" else study[study["comparison"] == "certified"]
            old = stats.indexed_medians(part, [by])
            cells = sample_db.query(sample_id, "event_study_summary", {**params, "cap": cap, "quantiles": band_at})
            cells = cells[cells["breakdown"] == by]
            new = stats.summary_from_cells(cells, [by])
            if cap:
                pd.testing.assert_frame_equal(old, new, check_dtype=False)
            else:
                pd.testing.assert_frame_equal(
                    old.drop(columns=["lo", "hi"]), new.drop(columns=["lo", "hi"]), check_dtype=False
                )
                shown = new["median"].notna()
                assert (new.loc[shown, "lo"] <= new.loc[shown, "median"]).all()
                assert (new.loc[shown, "median"] <= new.loc[shown, "hi"]).all()
        pd.testing.assert_frame_equal(
            stats.growth_before_after(study), stats.growth_from_rows(growth), check_dtype=False
        )
        assert growth["establishments"].iloc[0] == study["establishment_id"].nunique()
    near = sample_db.query(sample_id, "threshold_panel", {"metric": "revenue", "window": 5, **where})
    sizes = sample_db.query(sample_id, "threshold_sizes", {"metric": "revenue", "window": 5, **where})
    cells = sample_db.query(
        sample_id,
        "threshold_summary",
        {"metric": "revenue", "window": 5, **where, "cap": cap, "quantiles": stats.band_quantiles(sizes["n"], cap)},
    )
    assert sizes[["side", "rel_year", "n"]].values.tolist() == cells[["side", "rel_year", "n"]].values.tolist()
    if cap:
        pd.testing.assert_frame_equal(stats.indexed_medians(near, ["side"]), stats.summary_from_cells(cells, ["side"]))
    else:  # every cell large: its band's ends are the exact quantiles its size needs
        for row in stats.summary_from_cells(cells, ["side"], min_n=1).itertuples():
            values = near.loc[(near["side"] == row.side) & (near["rel_year"] == row.rel_year), "idx"]
            half = 1.96 / (2 * np.sqrt(len(values)))
            assert (row.lo, row.median, row.hi) == pytest.approx(
                tuple(np.quantile(values, [max(0, 0.5 - half), 0.5, min(1, 0.5 + half)])), rel=1e-12
            )
    assert near.groupby("side")["establishment_id"].nunique().to_dict() == (
        cells.groupby("side")["side_establishments"].first().to_dict()
    )
