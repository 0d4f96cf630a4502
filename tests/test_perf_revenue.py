"""Issue 14, the revenue page at ×1000: its questions read what was prepared once per
snapshot (queries/views/12_revenue_facts.sql), never the yearly figures or one row per
establishment, and return what the app shows or a few rows per distinct amount, whatever
the size of the data; their answers are those of the per-establishment reckoning they
replaced, under every filter."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cnnt import db, policy, stats
from tests.test_queries import _params

REVENUE_QUESTIONS = [
    "certified_totals",
    "support_by_certification",
    "support_windows",
    "event_study_summary",
    "event_study_growth",
    "threshold_summary",
]

# Filters of the sidebar: none, product groups, districts (of both former provinces), a
# former province, all at once, and a district list that matches nothing.
FILTERS = [
    {"groups": None, "districts": None, "scope": None},
    {"groups": ["G1"], "districts": None, "scope": None},
    {"groups": ["G2", "G4"], "districts": None, "scope": None},
    {"groups": None, "districts": ["L643", "L555"], "scope": None},
    {"groups": None, "districts": None, "scope": "daklak_old"},
    {"groups": None, "districts": None, "scope": "phuyen_old"},
    {"groups": ["G1", "G3"], "districts": ["L643", "L648", "L555"], "scope": "daklak_old"},
    {"groups": None, "districts": ["nowhere"], "scope": None},
]
PERIODS = [(2012, 2025), (2015, 2020), (2019, 2021)]


def _chosen(database, sid, where) -> set[str]:
    frame = database.run_sql(
        sid, "select establishment_id from selected_establishments($groups, $districts, $scope)", where
    )
    return set(frame["establishment_id"])


def _table(database, sid, sql) -> pd.DataFrame:
    return database.run_sql(sid, sql)


@pytest.fixture(scope="module")
def sample(sample_db, sample_id):
    events = _table(
        sample_db,
        sample_id,
        "select establishment_id, legal_form, first_entry_year, first_certified_year from establishment_facts",
    )
    events = events.astype({"first_entry_year": float, "first_certified_year": float})  # NaN when none
    return {
        "events": events,
        "support": _table(sample_db, sample_id, "select * from support"),
        "financials": _table(sample_db, sample_id, "select * from financials"),
    }


def test_no_revenue_question_reads_the_yearly_figures_or_joins_establishments_again():
    for name in REVENUE_QUESTIONS:
        body = db.load_sql(name).split("\nwith\n", 1)[1].lower()
        sql = "\n".join(line.split("--", 1)[0] for line in body.splitlines())  # the code, not its comments
        for heavy in ("financials", "establishment_events", "selected_establishments", "establishment_facts"):
            assert heavy not in sql, (name, heavy)


# ---- support per establishment per year, in windows ------------------------------------------


def _windows_by_establishment(data, chosen, year_from, year_to, w) -> pd.DataFrame:
    """One row per establishment and window, as queries/support_windows.sql returned them
    before issue 14."""
    support = data["support"]
    first, last = max(support["year"].min(), year_from), min(support["year"].max(), year_to)
    ev = data["events"][data["events"]["establishment_id"].isin(chosen)]
    rows = []
    for r in ev.itertuples():
        if pd.notna(r.first_certified_year) or pd.notna(r.first_entry_year):
            status = "certified" if pd.notna(r.first_certified_year) else "entered_not_certified"
            event = int(r.first_certified_year if pd.notna(r.first_certified_year) else r.first_entry_year)
            if event - w < first or event + w - 1 > last:
                continue
            spans = [("before", event - w, event - 1), ("after", event, event + w - 1)]
        else:
            status, spans = "never_entered", [("all", first, last)]
        for period, a, b in spans:
            rows.append((status, period, r.establishment_id, b - a + 1, a, b))
    frame = pd.DataFrame(rows, columns=["status", "period", "establishment_id", "years", "start", "end"])
    grants = frame.merge(support, on="establishment_id", how="left")
    inside = grants[(grants["year"] >= grants["start"]) & (grants["year"] <= grants["end"])]
    amounts = inside.groupby(["status", "period", "establishment_id"])["amount_vnd"].sum()
    frame = frame.set_index(["status", "period", "establishment_id"])
    frame["amount_vnd"] = amounts.reindex(frame.index).fillna(0.0)
    return frame.reset_index()[["status", "period", "establishment_id", "years", "amount_vnd"]]


@pytest.mark.parametrize("where", FILTERS)
@pytest.mark.parametrize("period", PERIODS)
@pytest.mark.parametrize("w", [2, 3])
def test_support_windows_count_the_establishments_of_each_amount(sample_db, sample_id, sample, where, period, w):
    params = {**where, "year_from": period[0], "year_to": period[1], "years_per_window": w}
    got = sample_db.query(sample_id, "support_windows", params)
    assert got.columns.tolist() == ["status", "period", "years", "amount_vnd", "establishments"]
    each = _windows_by_establishment(sample, _chosen(sample_db, sample_id, where), *period, w)
    want = (
        each.groupby(["status", "period", "years", "amount_vnd"]).size().rename("establishments").reset_index()
        if len(each)
        else pd.DataFrame(columns=got.columns)
    )
    pd.testing.assert_frame_equal(got, want, check_dtype=False)
    if len(each):  # the page's rates: the same from the counts as from one row per establishment
        in_order = each.sort_values(["status", "period", "amount_vnd"], kind="stable")
        pd.testing.assert_frame_equal(stats.support_rates(got), stats.support_rates(in_order))


# ---- totals of the certified, with their complement ---------------------------------------------


@pytest.mark.parametrize("where", FILTERS)
@pytest.mark.parametrize("period", PERIODS)
def test_certified_totals_and_their_complement_equal_the_yearly_figures(sample_db, sample_id, sample, where, period):
    got = sample_db.query(sample_id, "certified_totals", {**where, "year_from": period[0], "year_to": period[1]})
    ev = sample["events"][sample["events"]["first_certified_year"].notna()]
    rows = sample["financials"].merge(ev, on="establishment_id")
    rows = rows[(rows["year"] >= rows["first_certified_year"]) & rows["year"].between(*period)].copy()
    rows["wage"] = rows["employees"] * rows["avg_monthly_income_vnd"] * 12
    rows["selected"] = rows["establishment_id"].isin(_chosen(sample_db, sample_id, where))
    keys = got[["year", "legal_form"]].apply(tuple, axis=1).tolist()
    assert keys == sorted(set(rows[["year", "legal_form"]].apply(tuple, axis=1)))
    for prefix, part in (("", rows[rows["selected"]]), ("comp_", rows[~rows["selected"]])):
        for measure, column in (("revenue", "revenue_vnd"), ("employees", "employees"), ("wage", "wage")):
            g = part.groupby(["year", "legal_form"])[column].agg(["sum", "count", "max"]).reindex(keys)
            total = f"{prefix}{'wage_bill_vnd' if measure == 'wage' else column}"
            n = f"{prefix}{'wage' if measure == 'wage' else measure}_n"
            largest = f"{prefix}{'wage' if measure == 'wage' else measure}_max"
            counted = g["count"].fillna(0).astype(int).to_numpy()
            total_got, total_want = got[total].to_numpy(dtype=float), g["sum"].to_numpy(dtype=float)
            assert got[n].tolist() == counted.tolist(), (total, where)
            assert np.isnan(total_got).tolist() == (counted == 0).tolist()  # no figure: no total, not zero
            assert np.allclose(total_got[counted > 0], total_want[counted > 0], rtol=1e-12)
            assert np.array_equal(got[largest].to_numpy(dtype=float), g["max"].to_numpy(dtype=float), equal_nan=True)


# ---- support by status, period and activity -------------------------------------------------------


@pytest.mark.parametrize("where", FILTERS)
@pytest.mark.parametrize("period", PERIODS)
def test_support_by_certification_counts_each_establishment_once(sample_db, sample_id, sample, where, period):
    got = sample_db.query(
        sample_id, "support_by_certification", {**where, "year_from": period[0], "year_to": period[1]}
    )
    s = sample["support"][sample["support"]["year"].between(*period)]
    s = s[s["establishment_id"].isin(_chosen(sample_db, sample_id, where))].merge(sample["events"], how="left")
    s["status"] = np.where(
        s["first_certified_year"].notna(),
        "certified",
        np.where(s["first_entry_year"].notna(), "entered_not_certified", "never_entered"),
    )
    s["period"] = np.where(
        s["first_certified_year"].isna(), "all", np.where(s["year"] < s["first_certified_year"], "before", "after")
    )
    want = (
        s.groupby(["status", "period", "activity"])
        .agg(
            amount_vnd=("amount_vnd", "sum"),
            grants=("grant_id", "size"),
            establishments=("establishment_id", "nunique"),
        )
        .reset_index()
    )
    want["per_establishment_vnd"] = want["amount_vnd"] / want["establishments"]
    pd.testing.assert_frame_equal(got, want, check_dtype=False, rtol=1e-12)


# ---- the event study under filters and periods: the pandas pipeline, number for number ------------


@pytest.mark.parametrize("where", FILTERS[:-1])
@pytest.mark.parametrize("period, k", [((2012, 2025), 3), ((2019, 2025), 1), ((2012, 2019), 2), ((2021, 2023), 5)])
def test_event_study_equals_the_pandas_pipeline_under_filters(sample_db, sample_id, where, period, k):
    """The earliest cohort that counts (one_cohort_per_establishment) after the period and the
    filters (which cohorts 'not yet certified' is aligned on) have been applied."""
    panel = sample_db.query(sample_id, "event_study_panel", {"metric": "revenue", **where})
    panel = panel[panel["cohort"].between(*period)]
    study = stats.balanced(stats.one_cohort_per_establishment(panel), policy.EVENT_YEARS_BEFORE, k)
    params = {"metric": "revenue", **where, "year_from": period[0], "year_to": period[1], "years_after": k}
    growth = sample_db.query(sample_id, "event_study_growth", params)
    band_at = stats.band_quantiles(stats.panel_sizes(growth))
    for by in ("comparison", "cohort"):
        part = study if by == "comparison" else study[study["comparison"] == "certified"]
        cells = sample_db.query(
            sample_id, "event_study_summary", {**params, "cap": stats.BOOTSTRAP_MAX_VALUES, "quantiles": band_at}
        )
        cells = cells[cells["breakdown"] == by]
        if part.empty:
            assert cells.empty
            continue
        pd.testing.assert_frame_equal(
            stats.indexed_medians(part, [by]), stats.summary_from_cells(cells, [by]), check_dtype=False
        )
    if study.empty:
        assert growth.empty
    else:
        pd.testing.assert_frame_equal(
            stats.growth_before_after(study), stats.growth_from_rows(growth), check_dtype=False
        )
        assert growth["establishments"].iloc[0] == study["establishment_id"].nunique()


def test_a_large_cells_median_and_band_are_the_exact_quantiles(sample_db, sample_id):
    """With no cell small enough to carry its values (cap 0), the median still is
    quantile_cont's, and the band's ends are the exact quantiles 0.5 ∓ 1.96 / (2 √n) of
    the cell's values: the sizes event_study_growth reports are the cells' own."""
    params = _params("event_study_summary", cap=0)
    growth = sample_db.query(sample_id, "event_study_growth", _params("event_study_growth"))
    band_at = stats.band_quantiles(stats.panel_sizes(growth), cap=0)
    panel = sample_db.query(sample_id, "event_study_panel", _params("event_study_panel"))
    panel = panel[panel["cohort"].between(params["year_from"], params["year_to"])]
    study = stats.balanced(stats.one_cohort_per_establishment(panel), policy.EVENT_YEARS_BEFORE, params["years_after"])
    every_large = sample_db.query(sample_id, "event_study_summary", {**params, "quantiles": band_at})
    every_small = sample_db.query(sample_id, "event_study_summary", {**params, "cap": 10**9})
    assert set(every_large["breakdown"]) == {"comparison", "cohort"}
    assert (every_large.loc[every_large["breakdown"] == "cohort", "comparison"] == "certified").all()
    assert every_large.loc[every_large["breakdown"] == "comparison", "cohort"].isna().all()
    for by in ("comparison", "cohort"):
        large = every_large[every_large["breakdown"] == by]
        small = every_small[every_small["breakdown"] == by]
        assert len(large) and large["idx_values"].isna().all() and small["band"].isna().all()
        assert small["band_quantiles"].isna().all()
        assert large["median"].tolist() == small["median"].tolist()
        part = study if by == "comparison" else study[study["comparison"] == "certified"]
        summary = stats.summary_from_cells(large, [by], min_n=1)
        for row in summary.itertuples():
            values = part.loc[(part[by] == getattr(row, by)) & (part["rel_year"] == row.rel_year), "idx"]
            assert len(values) == row.n
            half = 1.96 / (2 * np.sqrt(row.n))
            assert (row.lo, row.median, row.hi) == pytest.approx(
                tuple(np.quantile(values, [max(0, 0.5 - half), 0.5, min(1, 0.5 + half)])), rel=1e-12
            )


def test_the_revenue_page_asks_each_large_cell_for_exactly_its_band(monkeypatch):
    """The page's wiring, with every cell large (cap 0) on the sample: the sizes it asks
    first are the summaries' own, so each cell returns the two quantiles its band needs
    (and the median), for the event study, the cohorts and the near-threshold lines."""
    from cnnt import cache
    from tests.conftest import SAMPLE_ROOT, open_page

    seen = []
    real = stats.summary_from_cells

    def spy(cells, by, *args, **kwargs):
        seen.append((tuple(by), cells.copy()))
        return real(cells, by, *args, **kwargs)

    monkeypatch.setattr(stats, "BOOTSTRAP_MAX_VALUES", 0)
    monkeypatch.setattr(stats, "summary_from_cells", spy)
    cache.clear_all()
    try:
        open_page(monkeypatch, SAMPLE_ROOT, "pages/revenue.py")  # the page must not raise
    finally:
        cache.clear_all()  # nothing computed with cap 0 stays for other tests
    assert sorted(by for by, _ in seen) == [("cohort",), ("comparison",), ("side",)]
    for by, cells in seen:
        assert len(cells) and cells["idx_values"].isna().all(), by
        for cell in cells.itertuples():
            half = 1.96 / (2 * np.sqrt(cell.n))
            wanted = {max(0.0, 0.5 - half), 0.5, min(1.0, 0.5 + half)}
            assert wanted <= set(cell.band_quantiles), (by, cell.rel_year, cell.n)


# ---- bounded: the answers do not grow with the data --------------------------------------------------

SCALE = 5


@pytest.fixture(scope="module")
def scaled(tmp_path_factory):
    from cnnt.__main__ import publish_sample

    root = tmp_path_factory.mktemp(f"x{SCALE}")
    sid = publish_sample(root, True, SCALE)
    return db.Database(root), sid


def test_at_five_times_the_data_support_comes_back_as_the_same_amounts_five_times_as_often(
    sample_db, sample_id, scaled
):
    big, big_id = scaled
    params = _params("support_windows")
    one = sample_db.query(sample_id, "support_windows", params)
    five = big.query(big_id, "support_windows", params)
    assert len(one) and len(five) == len(one)  # rows per distinct amount, not per establishment
    pd.testing.assert_frame_equal(five.drop(columns="establishments"), one.drop(columns="establishments"))
    assert (five["establishments"] == SCALE * one["establishments"]).all()
    rates_one, rates_five = stats.support_rates(one), stats.support_rates(five)
    assert (rates_five["n"] == SCALE * rates_one["n"]).all()
    assert np.allclose(rates_five["per_year"], rates_one["per_year"], rtol=1e-12, equal_nan=True)
    for name in ("certified_totals", "support_by_certification"):
        assert len(big.query(big_id, name, _params(name))) == len(sample_db.query(sample_id, name, _params(name)))
