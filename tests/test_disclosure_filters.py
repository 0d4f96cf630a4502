"""The differencing attack: compare a money total under a filter with the unfiltered
total, for every filter the page offers; nothing about fewer than three
establishments (or one dominant establishment) may be recovered."""

from __future__ import annotations

import pytest

from cnnt import disclosure, policy
from tests.test_queries import _params

MEASURES = {
    "revenue": ("revenue_vnd", "revenue_n", "revenue_max", "revenue_vnd"),
    "employees": ("employees", "employees_n", "employees_max", "employees"),
}

ROWS_SQL = """
select f.year, s.legal_form, f.establishment_id, f.revenue_vnd, f.employees::double as employees
from financials as f
join establishment_events as e using (establishment_id)
join establishments as s using (establishment_id)
where e.first_certified_year is not null and f.year >= e.first_certified_year
"""


def _shown(db, sid, metric: str, **filters) -> dict[tuple, float]:
    """The cells the revenue page would show under these filters (after protection)."""
    value, n, largest, _ = MEASURES[metric]
    totals = db.query(sid, "certified_totals", _params("certified_totals", year_from=2012, year_to=2025, **filters))
    cells = totals.rename(
        columns={
            value: "value",
            n: "n",
            largest: "largest",
            f"comp_{value}": "comp_value",
            f"comp_{n}": "comp_n",
            f"comp_{largest}": "comp_largest",
        }
    )[["year", "legal_form", "value", "n", "largest", "comp_value", "comp_n", "comp_largest"]]
    protected = disclosure.protect(cells, "year", "legal_form")
    shown = protected[protected["value"].notna()]
    return {(int(r.year), r.legal_form): float(r.value) for r in shown.itertuples()}


def _settings(db, sid):
    groups = db.run_sql(sid, "select group_code from product_groups")["group_code"].tolist()
    districts = db.run_sql(
        sid, "select distinct legacy_district_id from establishment_places where legacy_district_id is not null"
    )["legacy_district_id"].tolist()
    out = [{"groups": [g]} for g in groups] + [{"districts": [d]} for d in districts]
    out += [{"scope": s} for s in ("daklak_old", "phuyen_old")]
    out += [{"scope": "daklak_old", "groups": [g]} for g in groups]
    return out


@pytest.mark.parametrize("metric", list(MEASURES))
def test_no_filter_setting_reveals_a_small_or_dominated_group_by_difference(sample_db, sample_id, metric):
    db, sid = sample_db, sample_id
    rows = db.run_sql(sid, ROWS_SQL)
    column = MEASURES[metric][3]
    rows = rows[rows[column].notna()]
    everything = _shown(db, sid, metric)
    checked = 0
    for setting in _settings(db, sid):
        chosen = set(
            db.run_sql(
                sid,
                "select establishment_id from selected_establishments($groups, $districts, $scope)",
                {"groups": setting.get("groups"), "districts": setting.get("districts"), "scope": setting.get("scope")},
            )["establishment_id"]
        )
        filtered = _shown(db, sid, metric, **setting)
        for (year, form), value in filtered.items():
            if (year, form) not in everything:
                continue  # the unfiltered cell is hidden: nothing to subtract from
            part = rows[rows["year"] == year]
            if form != "__total__":
                part = part[part["legal_form"] == form]
            left_out = part[~part["establishment_id"].isin(chosen)]
            difference = everything[(year, form)] - value
            assert difference == pytest.approx(left_out[column].sum(), rel=1e-9, abs=1e-6)
            if len(left_out):
                assert len(left_out) >= policy.MIN_ESTABLISHMENTS_PER_CELL, (setting, year, form)
                assert left_out[column].max() <= policy.MAX_SHARE_OF_LARGEST * left_out[column].sum(), (setting, year)
            checked += 1
    assert checked > 100, "the attack compared enough shown cells to mean something"
