"""Every query runs for real on the fixture; the key ones have exact answers."""

import datetime as dt

import duckdb
import pandas as pd
import pytest

from cnnt.db import QueryError, check_names, parameters_of, query_names
from tests.conftest import FIXTURE_CREATED

ALL = {
    "year_from": 2012,
    "year_to": 2025,
    "levels": None,
    "groups": None,
    "districts": None,
    "dimension": "level",
    "min_n": 10,
    "round_ids": None,
    "legal_forms": None,
    "certified_only": False,
    "q": "cà phê",
    "limit": 50,
    "establishment_id": "E1",
    "view": "legacy",
    "unit_id": "L656",
    "unit_ids": None,
    "establishment_ids": ["E1", "E2"],
    "metric": "revenue",
    "window": 5,
    "scope": None,
    "as_of": "2022-06-30",
    "years_per_window": 3,
    "years_after": 3,  # the revenue page's summaries (issue 14)
    "by": "comparison",
    "cap": 1000,
    "quantiles": [0.49, 0.5, 0.51],  # the summaries' band quantiles (stats.band_quantiles)
    "max_outliers": 50,
}


def _params(name, **over):
    return {k: over.get(k, ALL.get(k)) for k in parameters_of(name)}


@pytest.mark.parametrize("name", query_names())
def test_every_query_runs_on_the_fixture(fixture_db, fixture_id, name):
    assert set(parameters_of(name)) <= set(ALL), f"{name}: give its parameters a default in this test"
    frame = fixture_db.query(fixture_id, name, _params(name))
    assert len(frame.columns) > 0


@pytest.mark.parametrize("name", query_names())
@pytest.mark.parametrize("scope", [None, "daklak_old", "phuyen_old"])
def test_every_query_runs_on_the_merged_fixture_in_every_scope(merged_db, merged_id, name, scope):
    frame = merged_db.query(merged_id, name, _params(name, scope=scope, unit_id="L555"))
    assert len(frame.columns) > 0


@pytest.mark.parametrize("name", query_names())
def test_every_query_documents_question_grain_and_parameters(name):
    from cnnt.db import load_sql

    head = load_sql(name).split("\nwith\n", 1)[0].lower()
    assert "question:" in head and "grain:" in head and "parameters:" in head


def _by_level(frame):
    return {r["level"]: r for r in frame.to_dict("records")}


def test_headline_by_level_exact(fixture_db, fixture_id):
    h = _by_level(fixture_db.query(fixture_id, "headline_by_level", _params("headline_by_level")))
    p = h["provincial"]
    assert (p["rounds_held"], p["establishments"], p["products"], p["certified"]) == (2, 6, 7, 4)
    assert (p["latest_year"], p["latest_products"], p["previous_year"], p["previous_products"]) == (2019, 3, 2017, 4)
    assert p["certified_establishments"] == 4
    r = h["regional"]
    assert (r["rounds_held"], r["establishments"], r["products"], r["certified"]) == (1, 1, 1, 1)
    assert r["previous_year"] is None or r["previous_year"] != r["previous_year"]  # no previous round
    n = h["national"]
    assert (n["rounds_held"], n["products"], n["certified"]) == (1, 1, 0)


def test_headline_filters_by_locality_group_and_years(fixture_db, fixture_id):
    lak = _by_level(fixture_db.query(fixture_id, "headline_by_level", _params("headline_by_level", districts=["L656"])))
    assert (lak["provincial"]["establishments"], lak["provincial"]["products"], lak["provincial"]["certified"]) == (
        3,
        3,
        1,
    )
    assert lak["regional"]["rounds_held"] == 1 and lak["regional"]["products"] == 0
    g1 = _by_level(fixture_db.query(fixture_id, "headline_by_level", _params("headline_by_level", groups=["G1"])))
    assert g1["provincial"]["products"] == 3
    recent = _by_level(
        fixture_db.query(fixture_id, "headline_by_level", _params("headline_by_level", year_from=2018, year_to=2019))
    )
    assert (
        recent["provincial"]["rounds_held"],
        recent["provincial"]["products"],
        recent["provincial"]["certified"],
    ) == (1, 3, 2)
    only = fixture_db.query(fixture_id, "headline_by_level", _params("headline_by_level", levels=["national"]))
    assert list(only["level"]) == ["national"]


def test_round_summary_exact(fixture_db, fixture_id):
    f = fixture_db.query(fixture_id, "round_summary", _params("round_summary")).set_index("round_id")
    assert list(f.index) == ["P2017", "R2018", "P2019", "N2019"]
    assert f.loc["P2017", ["establishments", "products", "eligible", "certified"]].tolist() == [3, 4, 3, 2]
    assert f.loc["P2017", "pass_rate"] == pytest.approx(0.5)
    assert f.loc["N2019", "certified"] == 0


def test_published_figure_check_exact(fixture_db, fixture_id):
    f = fixture_db.query(fixture_id, "published_figure_check", {"scope": None}).set_index("figure_id")
    assert f.loc["F1", "computed_value"] == 4 and bool(f.loc["F1", "matches"])
    assert f.loc["F2", "computed_value"] == 3 and not bool(f.loc["F2", "matches"])
    assert f.loc["F3", "computed_value"] == 1 and bool(f.loc["F3", "matches"])


def test_establishment_places_follow_the_crosswalk(fixture_db, fixture_id):
    f = fixture_db.run_sql(fixture_id, "select * from establishment_places order by establishment_id")
    assert f["legacy_district_id"].tolist() == ["L643", "L643", "L656", "L656", "L652", "L652"]
    # E6's commune was split in 2025: it follows the part that took the main share.
    assert f["current_unit_id"].tolist() == ["N24118", "N24118", "N24610", "N24610", "N24400", "N24610"]


@pytest.mark.parametrize("name", check_names())
def test_data_checks_return_no_rows_on_fixture_and_sample(fixture_db, fixture_id, sample_db, sample_id, name):
    assert fixture_db.check(fixture_id, name).empty
    assert sample_db.check(sample_id, name).empty


def test_sandbox_cannot_read_outside_the_data_folder(fixture_db, fixture_id, tmp_path):
    outside = tmp_path / "secret.csv"
    outside.write_text("a\n1\n", "utf-8")
    with pytest.raises(duckdb.PermissionException):
        fixture_db.run_sql(fixture_id, f"select * from read_csv('{outside}')")
    with pytest.raises(duckdb.Error):
        fixture_db.run_sql(fixture_id, "select * from read_text('/etc/passwd')")


def test_sandbox_runs_only_a_single_select(fixture_db, fixture_id, fixture_root):
    target = fixture_root / "snapshots" / "leak.csv"
    for sql in (
        f"copy (select 1) to '{target}'",
        "select 1; select 2",
        "create table t as select 1",
        "set enable_external_access = true",
        "attach ':memory:' as x",
    ):
        with pytest.raises(QueryError):
            fixture_db.run_sql(fixture_id, sql)
    assert not target.exists()


def test_configuration_is_locked(fixture_db):
    with pytest.raises(duckdb.Error):
        fixture_db._con.execute("set enable_external_access = true")
    with pytest.raises(duckdb.Error):
        fixture_db._con.execute("set lock_configuration = false")


def test_unknown_query_and_missing_parameters_are_clear_errors(fixture_db, fixture_id):
    with pytest.raises(QueryError, match="no such query"):
        fixture_db.query(fixture_id, "nope")
    with pytest.raises(QueryError, match="bad query name"):
        fixture_db.query(fixture_id, "../etc/passwd")
    with pytest.raises(QueryError, match="missing parameters"):
        fixture_db.query(fixture_id, "headline_by_level", {"year_from": 2012})


def test_cached_run_reuses_results_per_snapshot_and_parameters(fixture_root, fixture_id):
    from cnnt import db

    a = db.run("round_summary", fixture_id, fixture_root, **ALL)
    a.loc[0, "products"] = -1  # callers get a copy; the cache is not poisoned
    b = db.run("round_summary", fixture_id, fixture_root, **ALL)
    assert b.loc[0, "products"] == 4
    c = db.run("round_summary", fixture_id, fixture_root, **{**ALL, "levels": ["national"]})
    assert list(c["level"]) == ["national"]


def _headline(db, sid, **over):
    frame = db.query(sid, "headline_by_level", _params("headline_by_level", **over))
    return {r["level"]: r for r in frame.to_dict("records")}


def test_headline_deltas_never_set_one_former_province_against_the_other(merged_db, merged_id):
    # 2019: old Đắk Lắk's P2019 has P2017 before it; old Phú Yên's PY-P2019 has nothing: no delta at all.
    p = _headline(merged_db, merged_id, year_to=2019)["provincial"]
    assert p["latest_year"] == 2019 and p["latest_products"] == 3 + 2
    assert p["previous_year"] is None or pd.isna(p["previous_year"])
    # Old Đắk Lắk alone: 2019 against 2017.
    dl = _headline(merged_db, merged_id, year_to=2019, scope="daklak_old")["provincial"]
    assert (dl["latest_products"], dl["previous_year"], dl["previous_products"]) == (3, 2017, 4)
    # The merged province's 2025 round against the last rounds of both former provinces, flagged.
    m = _headline(merged_db, merged_id)["provincial"]
    assert (m["latest_year"], m["latest_products"], m["previous_products"]) == (2025, 3, 5)
    assert m["crosses_merger"] and m["previous_rounds"] == "P2019, PY-P2019"
    # Old Phú Yên alone: its entrant in the merged round (2) against its own 2019 round.
    py = _headline(merged_db, merged_id, scope="phuyen_old")["provincial"]
    assert (py["latest_products"], py["previous_rounds"], py["previous_products"]) == (2, "PY-P2019", 2)
    assert py["crosses_merger"]


def test_one_parse_serves_every_thread_and_the_guard_holds_every_time(fixture_db, fixture_id):
    """Parsed statements are kept by SQL text (cnnt.db._parsed): sessions' threads running
    the same question at once with different parameters each get their own answer, and a
    refused statement is refused again (a refusal is never remembered as a parse)."""
    import threading

    base = {"year_from": 2012, "year_to": 2030, "levels": None, "districts": None, "scope": None}
    cases = {"all": None, "one": ["G2"]}
    want = {k: fixture_db.query(fixture_id, "headline_by_level", {**base, "groups": g}) for k, g in cases.items()}
    assert not want["all"].equals(want["one"])  # the two answers differ, so a mix-up would show
    got, errors = [], []

    def work(case):
        try:
            for _ in range(10):
                got.append((case, fixture_db.query(fixture_id, "headline_by_level", {**base, "groups": cases[case]})))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(c,)) for c in ("all", "one") * 3]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors and len(got) == 60
    for case, frame in got:
        pd.testing.assert_frame_equal(frame, want[case])
    for _ in range(2):
        with pytest.raises(QueryError):
            fixture_db.run_sql(fixture_id, "select 1; select 2")


def test_a_snapshot_is_checked_again_after_the_window_and_a_damaged_one_is_refused(
    tmp_path, fixture_tables, monkeypatch
):
    """Database.snapshot re-checks a snapshot's files at most every SNAPSHOT_RECHECK_S
    seconds (the check is most of a small question's cost); once the window has passed,
    a table file damaged on disk is refused, not read."""
    from cnnt import db as dbmod
    from cnnt.store import Store

    Store(tmp_path).publish(fixture_tables, label="f", created_at=FIXTURE_CREATED, published_by="t")
    sid = Store(tmp_path).current_id()
    database = dbmod.Database(tmp_path)
    opened = []
    real_open = database.store.open
    monkeypatch.setattr(database.store, "open", lambda i: opened.append(i) or real_open(i))
    for _ in range(5):
        assert len(database.query(sid, "round_years", {})) == 4  # the fixture's four rounds
    assert opened == [sid]  # checked once inside the window
    with open(tmp_path / "snapshots" / sid / "rounds.parquet", "ab") as f:
        f.write(b"x")
    monkeypatch.setattr(dbmod, "SNAPSHOT_RECHECK_S", 0.0)
    with pytest.raises(QueryError, match="not usable: corrupt_table:rounds"):
        database.query(sid, "round_years", {})
    with pytest.raises(QueryError, match="corrupt_table"):
        database.query(sid, "round_years", {})  # a refusal is not remembered as a check


def test_a_threads_kept_cursor_follows_the_snapshot_asked_for_and_survives_a_failed_question(
    tmp_path, fixture_tables, merged_tables
):
    """Each thread keeps one cursor per database (cnnt.db.Database._cursor): questions on
    two snapshots of one root in turn each read their own snapshot, and a question DuckDB
    rejects leaves the next one its right answer."""
    from cnnt import db as dbmod
    from cnnt.store import Store

    store = Store(tmp_path)
    store.publish(fixture_tables, label="f", created_at=FIXTURE_CREATED, published_by="t")
    first = store.current_id()
    store.publish(merged_tables, label="m", created_at=FIXTURE_CREATED + dt.timedelta(days=1), published_by="t")
    second = store.current_id()
    database = dbmod.Database(tmp_path)
    want = {sid: len(dbmod.Database(tmp_path).query(sid, "round_years", {})) for sid in (first, second)}
    assert want[first] != want[second]  # a mix-up would show
    for _ in range(3):
        for sid in (first, second):
            assert len(database.query(sid, "round_years", {})) == want[sid]
    with pytest.raises(duckdb.Error):
        database.run_sql(first, "select cast('x' as integer) as n")
    assert len(database.query(second, "round_years", {})) == want[second]
    assert len(database.query(first, "round_years", {})) == want[first]
