"""Issue 5: event-study index, intervals, growth, suppression and confidentiality."""

import numpy as np
import pandas as pd
import pytest

from cnnt import disclosure, stats
from tests.test_queries import _params


def q(db, sid, name, **over):
    return db.query(sid, name, _params(name, **over))


@pytest.mark.parametrize(
    "metric, expected",
    [
        ("revenue", [100.0, 112.0, 128.0]),
        ("employees", [100.0, 110.0, 120.0]),
        ("income", [100.0, 5.8 / 5.5 * 100, 6.1 / 5.5 * 100]),
    ],
)
def test_event_panel_indexes_to_the_year_before_certification(fixture_db, fixture_id, metric, expected):
    f = q(fixture_db, fixture_id, "event_study_panel", metric=metric, groups=None, districts=None)
    e1 = f[(f["comparison"] == "certified") & (f["establishment_id"] == "E1")]
    assert e1["cohort"].unique().tolist() == [2017]
    assert e1["rel_year"].tolist() == [-1, 0, 1]
    assert e1["idx"].tolist() == pytest.approx(expected)
    # E2 was certified in 2017 but has no 2016 figure: no base year, so it is left out, not zero.
    assert "E2" not in set(f["establishment_id"])


def test_threshold_panel_uses_the_best_score_of_the_first_provincial_round(fixture_db, fixture_id):
    narrow = q(fixture_db, fixture_id, "threshold_panel", metric="revenue", window=5)
    assert narrow.empty  # E3 scored 72 but has no figures; E1's best in 2017 was 84
    wide = q(fixture_db, fixture_id, "threshold_panel", metric="revenue", window=15)
    assert set(wide["establishment_id"]) == {"E1"} and set(wide["side"]) == {"above"}
    assert wide["score"].unique().tolist() == [84.0]


def _panel(values_by_rel):
    rows = []
    for rel, values in values_by_rel.items():
        for i, v in enumerate(values):
            rows.append({"comparison": "certified", "establishment_id": f"E{i}", "rel_year": rel, "idx": v})
    return pd.DataFrame(rows)


def test_indexed_medians_with_bootstrap_band_and_small_cells_suppressed():
    panel = _panel({-1: [100, 100, 100, 100], 0: [110, 120, 130, 140], 1: [150, 160]})
    s = stats.indexed_medians(panel, ["comparison"]).set_index("rel_year")
    assert s.loc[0, "median"] == 125 and s.loc[0, "n"] == 4
    assert 110 <= s.loc[0, "lo"] <= 125 <= s.loc[0, "hi"] <= 140
    assert s.loc[-1, ["median", "lo", "hi"]].tolist() == [100, 100, 100]
    assert s.loc[1, "n"] == 2 and np.isnan(s.loc[1, "median"]) and np.isnan(s.loc[1, "hi"])
    again = stats.indexed_medians(panel, ["comparison"]).set_index("rel_year")
    assert again.loc[0, "lo"] == s.loc[0, "lo"]  # fixed seed: the same band every time


def test_growth_before_and_after():
    panel = _panel({-3: [81, 81, 81], -1: [100, 100, 100], 2: [133.1, 133.1, 133.1]})
    g = stats.growth_before_after(panel).iloc[0]
    assert g["before_growth"] == pytest.approx(100 / 81**1 * 0 + (100 / 81) ** 0.5 - 1)
    assert g["after_growth"] == pytest.approx(0.1)
    assert (g["before_n"], g["after_n"]) == (3, 3)


def _cells(rows):
    return pd.DataFrame(rows, columns=["year", "legal_form", "value", "n", "largest"])


def test_primary_suppression_small_n_and_dominance():
    t = disclosure.protect(
        _cells(
            [
                (2020, "a", 100.0, 5, 30.0),  # fine
                (2020, "b", 50.0, 2, 30.0),  # n < 3
                (2020, "c", 200.0, 4, 180.0),  # one establishment has 90%
            ]
        ),
        "year",
        "legal_form",
    ).set_index("legal_form")
    assert t.loc["b", "reason"] == "n<3" and np.isnan(t.loc["b", "value"])
    assert t.loc["c", "reason"] == "dominance" and np.isnan(t.loc["c", "value"])
    assert pd.isna(t.loc["a", "reason"]) and t.loc["__total__", "value"] == 350.0


def test_complementary_suppression_prevents_recovery_by_subtraction():
    t = disclosure.protect(
        _cells(
            [
                (2020, "a", 100.0, 5, 30.0),
                (2020, "b", 50.0, 2, 30.0),  # primary
                (2020, "c", 80.0, 6, 20.0),  # smallest other: complementary
                (2020, "d", 300.0, 9, 60.0),
            ]
        ),
        "year",
        "legal_form",
    ).set_index("legal_form")
    assert t.loc["b", "reason"] == "n<3"
    assert t.loc["c", "reason"] == "complementary"
    shown = t[t.index != "__total__"]["value"].dropna().sum()
    hidden = t[t.index != "__total__"]["value"].isna().sum()
    assert hidden == 2 and t.loc["__total__", "value"] - shown == 130.0  # only the sum of two, not either one


def test_revenue_page_never_shows_a_suppressed_value(monkeypatch):
    """On the sample: every cell the rules suppress reads '×' in what is shown and downloaded,
    and no row has a lone '×' next to a shown total."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT, SAMPLE_ROOT

    monkeypatch.setenv("CNNT_DATA_DIR", str(SAMPLE_ROOT))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/revenue.py")
    at.run()
    assert not at.exception
    table = next(d.value for d in at.dataframe if d.value.columns[-1] == "Tổng")
    total_col = table.columns[-1]
    parts = table.columns[1:-1]
    assert (table[parts] == "×").to_numpy().sum() > 0, "the sample has small cells to protect"
    for _, row in table.iterrows():
        hidden = sum(row[c] == "×" for c in parts)
        assert hidden != 1 or row[total_col] == "×", row.to_dict()


def test_lookup_hides_own_financials_unless_allowed(monkeypatch, fixture_root):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT

    monkeypatch.setenv("CNNT_DATA_DIR", str(fixture_root))
    for allowed in (False, True):
        if allowed:
            monkeypatch.setenv("CNNT_SHOW_CONFIDENTIAL", "1")
        at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
        at.run()
        at.switch_page("pages/lookup.py")
        at.run()
        at.text_input(key="lookup_q").input("ca phe thu").run()
        shown = any("Doanh thu (đồng)" in d.value.columns for d in at.dataframe)
        assert shown is allowed
        if not allowed:
            assert any("thông tin mật" in i.value for i in at.info)
