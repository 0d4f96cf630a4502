"""Exact answers at the edges of the measure queries, written to kill the SQL mutants that
survived ``scripts/sql_mutants.py`` (docs/mutation-testing.md): a certificate on the day it
is issued and on its last day, a product entering again in the year its certificate ends,
the next provincial round seen from a round year, a former province's round in the merger
year, totals under a filter that selects none or all of a cell's establishments, a certificate
issued on the day its regulation's validity starts, several product groups chosen at once
(counted from the entries, not the round cells), and each shared filter on its own."""

from __future__ import annotations

import datetime as dt
import math

import pandas as pd
import pytest

from cnnt.db import Database
from cnnt.store import Store
from tests.conftest import FIXTURE_CREATED
from tests.test_queries import _params

NO_FILTER = {"groups": None, "districts": None, "scope": None}


def _publish(tmp_path, tables) -> tuple[Database, str]:
    store = Store(tmp_path)
    store.publish(tables, label="edge", created_at=FIXTURE_CREATED, published_by="tests")
    return Database(tmp_path), store.current_id()


def _with(tables, rounds=(), entries=()):
    out = {k: v.copy() for k, v in tables.items()}
    base_round = {"region": None, "regulation_code": "TT26/2014", "pass_threshold": 70.0}
    base_round |= {"decision_no": None, "decision_date": None}
    base_entry = {"total_score": None, "eligible": None, "certificate_no": None, "certificate_date": None}
    base_entry |= {"qualified_by_entry_id": None}
    if rounds:
        out["rounds"] = pd.concat([out["rounds"], pd.DataFrame([base_round | r for r in rounds])], ignore_index=True)
    if entries:
        out["entries"] = pd.concat([out["entries"], pd.DataFrame([base_entry | e for e in entries])], ignore_index=True)
    return out


def _state(db, sid, as_of, **filters):
    frame = db.query(sid, "certificates_state", {**NO_FILTER, **filters, "as_of": as_of})
    return {r["level"]: r for r in frame.to_dict("records")}


# ---- certificates_state -------------------------------------------------------------------


def test_a_certificate_is_valid_from_the_day_it_is_issued(merged_db, merged_id):
    """P2019's two certificates are dated 30/08/2019; the next provincial round is the
    merged province's of 2025, so both end (31/12/2023) before it."""
    day_before = _state(merged_db, merged_id, "2019-08-29")["provincial"]
    assert (day_before["valid"], day_before["expiring_before_next"]) == (0, 0)
    s = _state(merged_db, merged_id, "2019-08-30")
    p, r = s["provincial"], s["regional"]
    assert (p["valid"], p["expiring_before_next"], p["next_round_year"]) == (2, 2, 2025)
    assert (r["valid"], r["expiring_before_next"]) == (1, 1)  # R2018's runs to 31/12/2022


def test_a_certificate_on_its_last_day_is_valid_and_expiring(merged_db, merged_id):
    last_day = _state(merged_db, merged_id, "2023-12-31")["provincial"]
    # P2019's two and PY-P2019's one end on 31/12/2023
    assert (last_day["valid"], last_day["expiring_before_next"], last_day["next_round_year"]) == (3, 3, 2025)
    after = _state(merged_db, merged_id, "2024-01-01")["provincial"]
    assert (after["valid"], after["expiring_before_next"]) == (0, 0)


def test_the_next_provincial_round_seen_from_a_round_year(fixture_db, fixture_id):
    """On 31/12/2019 the 2019 round is over: the next is two years on (2021), not 2019 itself."""
    assert _state(fixture_db, fixture_id, "2019-12-31")["provincial"]["next_round_year"] == 2021
    # with a round held later in the data, that round is the next one
    assert _state(fixture_db, fixture_id, "2018-12-31")["provincial"]["next_round_year"] == 2019


def _recertified_tables(fixture_tables):
    """SP2, certified in P2019 (valid to 31/12/2023), is certified again in P2021 and enters
    P2023, where it overlaps both certificates; SP4, certified in P2019, enters again in 2023,
    the last year its certificate is valid."""
    rounds = [{"round_id": f"P{y}", "owner_code": "daklak_old", "level": "provincial", "year": y} for y in (2021, 2023)]
    entries = [
        {"entry_id": "P2021-01", "round_id": "P2021", "product_id": "SP2", "certified": True},
        {"entry_id": "P2023-01", "round_id": "P2023", "product_id": "SP2", "certified": False},
        {"entry_id": "P2023-02", "round_id": "P2023", "product_id": "SP4", "certified": False},
    ]
    return _with(fixture_tables, rounds, entries)


def test_reentries_while_valid_count_entries_once_and_the_last_year_counts(tmp_path, fixture_tables):
    db, sid = _publish(tmp_path, _recertified_tables(fixture_tables))
    p = _state(db, sid, "2022-06-30")["provincial"]
    # P2021-01 and P2023-01 (SP2, each counted once) and P2023-02 (SP4, in its certificate's last year)
    assert p["reentered_while_valid"] == 3
    assert p["certified"] == 5 and p["next_round_year"] == 2023


def test_a_certificate_issued_on_the_day_validity_starts_has_a_validity(tmp_path, fixture_tables):
    """TT26/2014 gives certificates issued from 01/01/2018 on four years' validity; the
    P2017 certificates (20/10/2017) have none. One issued on 01/01/2018 itself has it."""
    tables = _with(
        fixture_tables,
        rounds=[{"round_id": "P2018", "owner_code": "daklak_old", "level": "provincial", "year": 2018}],
        entries=[
            {
                "entry_id": "P2018-01",
                "round_id": "P2018",
                "product_id": "SP3",
                "certified": True,
                "certificate_no": "P2018/CN-01",
                "certificate_date": dt.date(2018, 1, 1),
            }
        ],
    )
    db, sid = _publish(tmp_path, tables)
    p = _state(db, sid, "2018-01-01")["provincial"]
    assert (p["certified"], p["valid"], p["no_validity"]) == (4 + 1, 1, 2)  # P2017's two have none
    assert _state(db, sid, "2022-12-31")["provincial"]["valid"] == 1 + 2  # to 31/12/2022, with P2019's two


# ---- headline_by_level --------------------------------------------------------------------


def _merger_year_tables(merged_tables):
    """Old Đắk Lắk held a provincial round early in 2025, the merged province its first one
    later that year."""
    return _with(
        merged_tables,
        rounds=[{"round_id": "P2025-old", "owner_code": "daklak_old", "level": "provincial", "year": 2025}],
        entries=[{"entry_id": "P2025-old-01", "round_id": "P2025-old", "product_id": "SP5", "certified": False}],
    )


def test_a_former_provinces_round_in_the_merger_year_is_not_compared_with_itself(tmp_path, merged_tables):
    """The merged round is set against the former provinces' last rounds *before* 2025."""
    db, sid = _publish(tmp_path, _merger_year_tables(merged_tables))
    p = db.query(sid, "headline_by_level", _params("headline_by_level")).set_index("level").loc["provincial"]
    assert p["latest_year"] == 2025 and p["latest_products"] == 3 + 1
    assert p["previous_year"] == 2019 and "P2025-old" not in p["previous_rounds"]
    assert set(p["previous_rounds"].split(", ")) == {"P2019", "PY-P2019"} and bool(p["crosses_merger"])


def test_a_previous_round_linked_from_two_latest_rounds_counts_once(tmp_path, merged_tables):
    db, sid = _publish(tmp_path, _merger_year_tables(merged_tables))
    p = db.query(sid, "headline_by_level", _params("headline_by_level")).set_index("level").loc["provincial"]
    assert p["previous_rounds"] == "P2019, PY-P2019" and p["previous_products"] == 3 + 2


# ---- progression --------------------------------------------------------------------------


def _progression(db, sid, **over):
    return db.query(sid, "progression", _params("progression", **over)).set_index("round_id")


def test_progression_has_one_row_per_provincial_round_of_the_period_and_filters(fixture_db, fixture_id):
    assert _progression(fixture_db, fixture_id).index.tolist() == ["P2017", "P2019"]
    assert _progression(fixture_db, fixture_id, year_from=2018).index.tolist() == ["P2019"]
    g1 = _progression(fixture_db, fixture_id, groups=["G1"])  # SP4 (E3) and SP5 (E4)
    assert g1.index.tolist() == ["P2017", "P2019"]
    assert g1[["provincial_entered", "provincial_certified"]].values.tolist() == [[1, 0], [2, 1]]
    east = _progression(fixture_db, fixture_id, districts=["L656"])  # E3 and E4 again
    assert east[["provincial_entered", "provincial_certified"]].values.tolist() == [[1, 0], [2, 1]]
    assert _progression(fixture_db, fixture_id, groups=["G3"]).empty  # E5's product never entered


def test_progression_counts_each_cycles_own_regional_certificates(tmp_path, fixture_tables):
    """A regional round in 2020 for the 2019 cycle, whose entrant is not certified: the 2017
    cycle's certified regional entrant is not counted in it."""
    tables = _with(
        fixture_tables,
        rounds=[{"round_id": "R2020", "owner_code": "daklak_old", "level": "regional", "year": 2020}],
        entries=[
            {
                "entry_id": "R2020-01",
                "round_id": "R2020",
                "product_id": "SP2",
                "certified": False,
                "qualified_by_entry_id": "P2019-01",
            }
        ],
    )
    db, sid = _publish(tmp_path, tables)
    f = _progression(db, sid)
    assert bool(f.loc["P2019", "regional_held"])
    assert f.loc["P2019", ["regional_entered", "regional_certified"]].tolist() == [1, 0]
    assert f.loc["P2019", "to_regional_rate"] == 0.5 and f.loc["P2019", "regional_pass_rate"] == 0
    assert f.loc["P2017", ["regional_entered", "regional_certified"]].tolist() == [1, 1]


# ---- certified_totals ---------------------------------------------------------------------


def _totals(db, sid, **filters):
    frame = db.query(sid, "certified_totals", _params("certified_totals", **filters))
    return frame.set_index(["year", "legal_form"])


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def test_totals_under_a_filter_that_leaves_every_establishment_out(fixture_db, fixture_id):
    """E1 and E2 (the certified establishments with figures) are in district L643: a filter
    on L656 selects neither, so every figure is in the complement."""
    t = _totals(fixture_db, fixture_id, districts=["L656"])
    cell = t.loc[(2017, "doanh_nghiep")]  # E1 in 2017: revenue 5.6 billion, 22 employees
    assert (cell["revenue_n"], cell["employees_n"], cell["wage_n"]) == (0, 0, 0)
    assert all(_blank(cell[c]) for c in ("revenue_vnd", "revenue_max", "employees", "employees_max", "wage_max"))
    assert (cell["comp_revenue_vnd"], cell["comp_revenue_n"], cell["comp_revenue_max"]) == (5.6e9, 1, 5.6e9)
    assert (cell["comp_employees"], cell["comp_employees_n"], cell["comp_employees_max"]) == (22, 1, 22)
    assert cell["comp_wage_n"] == 1 and cell["comp_wage_max"] == 22 * 5_800_000 * 12


def test_totals_under_a_filter_that_selects_every_establishment(fixture_db, fixture_id):
    t = _totals(fixture_db, fixture_id, districts=["L643"])
    cell = t.loc[(2018, "hop_tac_xa")]  # E2 in 2018: no revenue figure, 9 employees
    assert _blank(cell["revenue_vnd"]) and cell["revenue_n"] == 0 and _blank(cell["revenue_max"])
    assert (cell["employees"], cell["employees_n"], cell["employees_max"]) == (9, 1, 9)
    assert (cell["comp_revenue_n"], cell["comp_employees_n"], cell["comp_wage_n"]) == (0, 0, 0)
    assert all(_blank(cell[c]) for c in ("comp_revenue_vnd", "comp_revenue_max", "comp_employees_max"))
    e1 = t.loc[(2017, "doanh_nghiep")]  # E1 in 2017: revenue 5.6 billion, all of it selected
    assert (e1["revenue_vnd"], e1["revenue_n"], e1["revenue_max"]) == (5.6e9, 1, 5.6e9)
    assert e1["comp_revenue_n"] == 0 and _blank(e1["comp_revenue_vnd"]) and _blank(e1["comp_revenue_max"])
    assert t.index.tolist() == [
        (2017, "doanh_nghiep"),
        (2017, "hop_tac_xa"),
        (2018, "doanh_nghiep"),
        (2018, "hop_tac_xa"),
    ]


@pytest.mark.parametrize("year_from, rows", [(2018, 2), (2019, 0)])
def test_totals_follow_the_financial_years(fixture_db, fixture_id, year_from, rows):
    assert len(_totals(fixture_db, fixture_id, year_from=year_from)) == rows


# ---- round_counts (through headline_by_level) ---------------------------------------------


# Every product group that ever entered (G1, G2; G3's product never did), chosen together:
# the counts equal those without a group filter, whether counted from the round cells
# (no filter) or from the entries (several groups, where an establishment in two groups
# must count once).
ALL_GROUPS = [None, ["G1", "G2"], ["G2", "G1", "G3"]]


@pytest.mark.parametrize("groups", ALL_GROUPS)
def test_an_establishment_with_two_certified_products_in_a_round_counts_once(tmp_path, fixture_tables, groups):
    """E1 has SP1 and SP2 certified in P2019: two products, one establishment."""
    tables = _with(
        fixture_tables,
        entries=[{"entry_id": "P2019-04", "round_id": "P2019", "product_id": "SP1", "certified": True}],
    )
    db, sid = _publish(tmp_path, tables)
    frame = db.query(sid, "headline_by_level", _params("headline_by_level", groups=groups))
    p = frame.set_index("level").loc["provincial"]
    assert (p["products"], p["certified"]) == (4 + 4, 2 + 3)
    assert (p["establishments"], p["certified_establishments"]) == (3 + 3, 2 + 2)
    rounds = db.query(sid, "round_summary", _params("round_summary", groups=groups)).set_index("round_id")
    r = rounds.loc["P2019"]  # P2019-04 has no score: not counted as eligible
    assert (r["establishments"], r["products"], r["eligible"], r["certified"]) == (3, 4, 2, 3)
    assert r["certified_establishments"] == 2


@pytest.mark.parametrize("groups", ALL_GROUPS)
def test_a_returning_establishment_with_two_products_counts_once(tmp_path, fixture_tables, groups):
    """E1 enters two products in P2017, its first round, and again in P2019 (SP1 added),
    where E3 returns with SP4 and E4 comes for the first time with SP5."""
    tables = _with(
        fixture_tables,
        entries=[{"entry_id": "P2019-04", "round_id": "P2019", "product_id": "SP1", "certified": False}],
    )
    db, sid = _publish(tmp_path, tables)
    frame = db.query(sid, "new_vs_returning", _params("new_vs_returning", groups=groups)).set_index("round_id")
    first = frame.loc["P2017"]  # the first round: E1 (SP1, SP2), E2 and E3 are all new
    assert (first["establishments_new"], first["establishments_returning"]) == (3, 0)
    assert (first["products_new"], first["products_returning"]) == (4, 0)
    p = frame.loc["P2019"]
    assert (p["establishments_new"], p["establishments_returning"]) == (1, 2)
    assert (p["products_new"], p["products_returning"]) == (1, 3)
    # SP2 and SP4 failed in P2017 and come back; SP1 was certified in P2017
    assert p["products_reentering_after_failing"] == 2


# ---- filtered_entries: each shared filter narrows the entries ----------------------------


def _entries(db, sid, year_from=2000, year_to=2100, levels=None, groups=None, districts=None, scope=None):
    sql = (
        "select entry_id from filtered_entries($year_from, $year_to, $levels, $groups, $districts, $scope) "
        "order by entry_id"
    )
    params = {"year_from": year_from, "year_to": year_to, "levels": levels, "groups": groups}
    params |= {"districts": districts, "scope": scope}
    return db.run_sql(sid, sql, params, label="filtered_entries")["entry_id"].tolist()


def test_each_shared_filter_narrows_the_entries(fixture_db, fixture_id):
    every = _entries(fixture_db, fixture_id)
    assert len(every) == 9
    assert _entries(fixture_db, fixture_id, 2019, 2019) == ["N2019-01", "P2019-01", "P2019-02", "P2019-03"]
    assert _entries(fixture_db, fixture_id, 2017, 2018, levels=["regional"]) == ["R2018-01"]
    assert _entries(fixture_db, fixture_id, groups=["G1"]) == ["P2017-04", "P2019-02", "P2019-03"]
    assert _entries(fixture_db, fixture_id, districts=["L656"]) == ["P2017-04", "P2019-02", "P2019-03"]  # E3, E4
    assert _entries(fixture_db, fixture_id, scope="daklak_old") == every
    assert _entries(fixture_db, fixture_id, scope="phuyen_old") == []
