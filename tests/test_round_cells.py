"""Participation counts summed from the per-snapshot round cells (queries/views/06_round_counts.sql)
equal distinct counts over the entries themselves, under every kind of product-group filter:
none, one group, several groups (an establishment entering two of them counts once), an empty
list; with locality and scope filters on top."""

from __future__ import annotations

import itertools

import pandas as pd
import pytest

from cnnt.db import Database
from cnnt.store import Store
from tests.conftest import FIXTURE_CREATED
from tests.test_mutation_sql import _with

# The oracle: what round_counts computed before the cells, straight from the entries.
ORACLE = """
select
    round_id,
    count(distinct establishment_id) as establishments,
    count(distinct establishment_id) filter (where certified) as certified_establishments,
    count(*) as products,
    count(*) filter (where eligible) as eligible,
    count(*) filter (where certified) as certified,
    count(distinct establishment_id) filter (where establishment_first_year = year) as establishments_new,
    count(distinct establishment_id) filter (where establishment_first_year < year) as establishments_returning,
    count(*) filter (where product_first_year = year) as products_new,
    count(*) filter (where product_first_year < year) as products_returning,
    count(*) filter (where product_first_year < year and not coalesce(product_certified_before, false))
        as products_reentering_after_failing
from filtered_entries($year_from, $year_to, $levels, $groups, $districts, $scope)
group by round_id
"""

CELLS = """
select round_id, sum(establishments) as establishments, sum(certified_establishments) as certified_establishments,
    sum(products) as products, sum(eligible) as eligible, sum(certified) as certified,
    sum(establishments_new) as establishments_new, sum(establishments_returning) as establishments_returning,
    sum(products_new) as products_new, sum(products_returning) as products_returning,
    sum(products_reentering_after_failing) as products_reentering_after_failing
from filtered_cells($year_from, $year_to, $levels, $groups, $districts, $scope)
group by round_id
"""


def _frame(db: Database, sid: str, sql: str, params: dict) -> pd.DataFrame:
    out = db.run_sql(sid, sql, params).sort_values("round_id").reset_index(drop=True)
    return out.astype({c: "int64" for c in out.columns if c != "round_id"})


@pytest.fixture(scope="module")
def two_groups(tmp_path_factory, fixture_tables):
    """The fixture plus a round in which E1 enters products of two groups."""
    products = fixture_tables["products"]
    e1 = products[products["establishment_id"] == "E1"]
    other = products[products["group_code"] != e1.iloc[0]["group_code"]].iloc[0]
    extra = pd.DataFrame([{**other.to_dict(), "product_id": "SPX", "establishment_id": "E1", "name": "SP hai nhóm"}])
    tables = _with(
        fixture_tables,
        rounds=[{"round_id": "P2023", "owner_code": "daklak_old", "level": "provincial", "year": 2023}],
        entries=[
            {"entry_id": "P2023-01", "round_id": "P2023", "product_id": e1.iloc[0]["product_id"], "certified": True},
            {"entry_id": "P2023-02", "round_id": "P2023", "product_id": "SPX", "certified": False},
        ],
    )
    tables["products"] = pd.concat([products, extra], ignore_index=True)
    root = tmp_path_factory.mktemp("two_groups")
    store = Store(root)
    store.publish(tables, label="two groups", created_at=FIXTURE_CREATED, published_by="tests")
    groups = sorted({e1.iloc[0]["group_code"], other["group_code"]})
    return Database(root), store.current_id(), groups


def test_an_establishment_in_two_groups_counts_once_across_them_and_once_in_each(two_groups):
    db, sid, groups = two_groups
    base = {"year_from": 2023, "year_to": 2023, "levels": None, "districts": None, "scope": None}
    counts = {}
    for g in (None, groups[:1], groups[1:], groups, []):
        frame = _frame(db, sid, CELLS, base | {"groups": g})
        counts[str(g)] = (
            frame.iloc[0][["establishments", "products", "certified_establishments"]].tolist() if len(frame) else None
        )
    assert counts["None"] == [1, 2, 1] and counts[str(groups)] == [1, 2, 1]  # once across the two groups
    assert counts[str(groups[:1])][0] == 1 and counts[str(groups[1:])][0] == 1  # once in each group
    assert counts["[]"] is None  # an empty list selects nothing
    by_group = db.query(sid, "participation_by_group", base | {"groups": None})
    assert by_group["establishments"].tolist() == [1, 1] and by_group["products"].sum() == 2


FILTERS = {
    "groups": [None, "one", "two", "all", "none"],
    "districts": [None, "first"],
    "scope": [None, "daklak_old"],
    "levels": [None, ["provincial"]],
}


@pytest.mark.parametrize("db_name", ["two_groups", "merged"])
def test_cells_equal_distinct_counts_over_the_entries(db_name, two_groups, merged_db, merged_id):
    db, sid = (two_groups[0], two_groups[1]) if db_name == "two_groups" else (merged_db, merged_id)
    codes = db.run_sql(sid, "select distinct group_code from entry_facts order by 1")["group_code"].tolist()
    districts = db.run_sql(
        sid, "select distinct legacy_district_id from entry_facts where legacy_district_id is not null order by 1"
    )
    pick = {"one": codes[:1], "two": codes[:2], "all": codes, "none": []}
    checked = 0
    for g, d, s, lv in itertools.product(*FILTERS.values()):
        params = {
            "year_from": 2012,
            "year_to": 2025,
            "levels": lv,
            "groups": pick.get(g) if g else None,
            "districts": districts["legacy_district_id"].tolist()[:1] if d else None,
            "scope": s,
        }
        expected, got = _frame(db, sid, ORACLE, params), _frame(db, sid, CELLS, params)
        pd.testing.assert_frame_equal(got, expected, check_dtype=False)
        checked += len(expected)
    assert checked > 50  # the filters left rows to compare
