"""Issue 5: event-study index, intervals, growth, suppression and confidentiality."""

import numpy as np
import pandas as pd
import pytest

from cnnt import disclosure, policy, stats
from tests.conftest import shown_tables
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
    panel = _panel({-1: [100, 100, 100, 100, 100], 0: [110, 120, 125, 130, 140], 1: [150, 160, 170, 180]})
    s = stats.indexed_medians(panel, ["comparison"]).set_index("rel_year")
    assert s.loc[0, "median"] == 125 and s.loc[0, "n"] == 5
    assert 110 <= s.loc[0, "lo"] <= 125 <= s.loc[0, "hi"] <= 140
    assert s.loc[-1, ["median", "lo", "hi"]].tolist() == [100, 100, 100]
    assert s.loc[1, "n"] == 4 and np.isnan(s.loc[1, "median"]) and np.isnan(s.loc[1, "hi"])  # 4 < 5: hidden
    again = stats.indexed_medians(panel, ["comparison"]).set_index("rel_year")
    assert again.loc[0, "lo"] == s.loc[0, "lo"]  # fixed seed: the same band every time


def test_growth_before_and_after():
    panel = _panel({-3: [81] * 5, -1: [100] * 5, 2: [133.1] * 5})
    g = stats.growth_before_after(panel).iloc[0]
    assert g["before_growth"] == pytest.approx((100 / 81) ** 0.5 - 1)
    assert g["after_growth"] == pytest.approx(0.1)
    assert (g["before_n"], g["after_n"]) == (5, 5)
    few = stats.growth_before_after(_panel({-3: [81] * 4, -1: [100] * 4, 2: [133.1] * 4})).iloc[0]
    assert np.isnan(few["after_growth"]) and few["after_n"] == 4  # fewer than 5: not shown


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


def test_hidden_cells_of_a_row_rest_together_on_at_least_three_establishments():
    t = disclosure.protect(
        _cells(
            [
                (2020, "a", 100.0, 1, 100.0),  # n < 3
                (2020, "b", 50.0, 1, 50.0),  # n < 3: two hidden cells, but only two establishments together
                (2020, "c", 400.0, 9, 60.0),
                (2020, "d", 300.0, 8, 60.0),
            ]
        ),
        "year",
        "legal_form",
    ).set_index("legal_form")
    hidden = t[(t.index != "__total__") & t["value"].isna()]
    assert len(hidden) == 3 and t.loc["d", "reason"] == "complementary"


def test_a_filtered_total_whose_complement_is_small_is_suppressed():
    cells = _cells([(2020, "a", 100.0, 5, 30.0), (2020, "b", 500.0, 6, 100.0)]).assign(
        comp_value=[40.0, 0.0], comp_n=[1, 0], comp_largest=[40.0, None]
    )
    t = disclosure.protect(cells, "year", "legal_form").set_index("legal_form")
    assert t.loc["a", "reason"] == "difference"  # unfiltered minus filtered would show one establishment
    assert pd.isna(t.loc["b", "reason"])  # nothing left out: the difference is zero, reveals nothing
    assert "comp_value" not in t.columns


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
    table = next(d for d in shown_tables(at) if d.columns[-1] == "Tổng")
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
        shown = any("Doanh thu (đồng)" in d.columns for d in shown_tables(at))
        assert shown is allowed
        if not allowed:
            assert any("thông tin mật" in i.value for i in at.info)


def _groups(values: dict[str, list[float]], rel: int = 3) -> pd.DataFrame:
    """A balanced panel: base year −1 = 100 and the given indexes at year ``rel`` per group."""
    rows = []
    for group, vals in values.items():
        for i, v in enumerate(vals):
            est = f"{group}-{i}"
            rows.append({"comparison": group, "cohort": 2019, "establishment_id": est, "rel_year": -1, "idx": 100.0})
            rows.append({"comparison": group, "cohort": 2019, "establishment_id": est, "rel_year": rel, "idx": v})
    return pd.DataFrame(rows)


NAMES = {"certified": "đã công nhận", "entered_not_certified": "chưa công nhận"}


@pytest.mark.parametrize(
    "comparison_values, verdict_vi, verdict_en",
    [
        ([100, 101, 102, 103, 104, 105, 106], "nhóm được công nhận cao hơn rõ", "certified clearly higher"),  # worse
        ([148, 150, 151, 152, 149, 150, 153], "không thấy khác biệt rõ", "no clear difference"),  # equal
        ([200, 205, 210, 215, 220, 225, 230], "nhóm được công nhận thấp hơn rõ", "certified clearly lower"),  # better
    ],
)
def test_event_title_states_the_comparison_and_never_picks_a_winner_inside_the_interval(
    comparison_values, verdict_vi, verdict_en
):
    from cnnt import findings

    panel = _groups({"certified": [145, 148, 150, 152, 155, 149, 151], "entered_not_certified": comparison_values})
    summary = stats.indexed_medians(panel, ["comparison"])
    result = stats.compare_groups(summary, 3)
    vi = findings.event_title(result, "Doanh thu", NAMES, "vi")
    en = findings.event_title(result, "Revenue", NAMES, "en")
    assert verdict_vi in vi and verdict_en in en
    assert "năm +3" in vi and "year +3" in en  # a relative year, not "after 4 years"
    assert "150" in vi and "chưa công nhận" in vi  # both groups' numbers on the same title


def test_overlapping_intervals_are_no_difference_even_when_medians_differ():
    panel = _groups({"certified": [100, 130, 160, 190, 220], "entered_not_certified": [90, 120, 150, 180, 210]})
    result = stats.compare_groups(stats.indexed_medians(panel, ["comparison"]), 3)
    assert result["reference"]["median"] == 160 and result["others"]["entered_not_certified"]["median"] == 150
    assert result["others"]["entered_not_certified"]["verdict"] == "no_difference"


def test_an_establishment_counts_once_per_comparison_group():
    rows = [
        {"comparison": "not_yet_certified", "cohort": c, "establishment_id": "E9", "rel_year": r, "idx": 100.0}
        for c in (2017, 2019, 2021)
        for r in (-1, 0)
    ]
    kept = stats.one_cohort_per_establishment(pd.DataFrame(rows))
    assert kept["cohort"].unique().tolist() == [2017] and len(kept) == 2


def test_balanced_panel_keeps_only_establishments_seen_every_year():
    rows = []
    for est, years in {"full": range(-3, 3), "gap": [-3, -2, -1, 1, 2], "short": [-1, 0]}.items():
        rows += [
            {"comparison": "certified", "cohort": 2019, "establishment_id": est, "rel_year": y, "idx": 1.0}
            for y in years
        ]
    kept = stats.balanced(pd.DataFrame(rows), 3, 2)
    assert set(kept["establishment_id"]) == {"full"} and sorted(kept["rel_year"]) == list(range(-3, 3))


def test_no_shown_point_rests_on_fewer_than_five_establishments(sample_db, sample_id):
    from cnnt import policy

    panel = q(sample_db, sample_id, "event_study_panel", metric="revenue", groups=None, districts=None)
    study = stats.balanced(stats.one_cohort_per_establishment(panel), 3, 3)
    summary = stats.indexed_medians(study, ["comparison"])
    shown = summary[summary["median"].notna()]
    assert not shown.empty and (shown["n"] >= policy.MIN_ESTABLISHMENTS_PER_POINT).all()
    hidden = summary[summary["median"].isna()]
    assert (hidden["n"] < policy.MIN_ESTABLISHMENTS_PER_POINT).all()
    assert study.groupby("comparison")["establishment_id"].apply(lambda s: s.value_counts().max()).max() == 7


# ---- support per establishment per year from counts of establishments (issue 14) -----------------


def _counted(groups, years=3):
    """queries/support_windows.sql's form: one row per status, period and amount."""
    return pd.DataFrame(
        [
            {"status": s, "period": p, "years": years, "amount_vnd": a, "establishments": n}
            for (s, p), amounts in groups.items()
            for a, n in amounts
        ]
    )


def _one_row_each(counted):
    return counted.loc[counted.index.repeat(counted["establishments"])].assign(
        establishment_id=lambda f: [f"E{i}" for i in range(len(f))]
    )[["status", "period", "establishment_id", "years", "amount_vnd"]]


def test_support_rates_from_counts_are_those_of_one_row_per_establishment_in_the_same_order():
    counted = _counted(
        {
            ("certified", "after"): [(0.0, 40), (30e6, 7), (90e6, 3)],
            ("certified", "before"): [(0.0, 3), (60e6, 1)],  # four: kept with its n, no numbers
            ("never_entered", "all"): [(0.0, 900), (5e6, 60), (12e6, 40)],  # 1,000: still drawn one by one
        }
    )
    rates = stats.support_rates(counted)
    pd.testing.assert_frame_equal(rates, stats.support_rates(_one_row_each(counted)))
    assert rates["n"].tolist() == [50, 4, 1000]
    after = rates.iloc[0]
    assert after["per_year"] == pytest.approx((7 * 30e6 + 3 * 90e6) / 50 / 3)
    assert after["lo"] < after["per_year"] < after["hi"]
    assert rates.iloc[1][["per_year", "lo", "hi"]].isna().all()


def test_support_rates_of_many_establishments_draw_counts_per_amount():
    """Beyond BOOTSTRAP_MAX_VALUES establishments the resample is drawn as how many
    establishments each amount gets (a multinomial): the same answer whatever the order or
    form of the rows, in work that does not grow with the establishments."""
    counted = _counted({("never_entered", "all"): [(0.0, 16_000), (3e6, 2_500), (12e6, 1_000), (60e6, 100)]}, 14)
    rates = stats.support_rates(counted).iloc[0]
    n = 19_600
    mean = (2_500 * 3e6 + 1_000 * 12e6 + 100 * 60e6) / n / 14
    assert rates["n"] == n and rates["years"] == 14 and rates["per_year"] == pytest.approx(mean, rel=1e-12)
    shuffled = counted.sample(frac=1, random_state=3)
    assert stats.support_rates(shuffled).iloc[0].equals(rates)
    assert stats.support_rates(_one_row_each(counted).sample(frac=1, random_state=4)).iloc[0].equals(rates)
    # the same resampling as drawing establishments one by one: the bands agree within their noise
    values = np.repeat(counted["amount_vnd"].to_numpy() / 14, counted["establishments"].to_numpy())
    _, lo, hi = stats.mean_band(values, np.random.default_rng(policy.BOOTSTRAP_SEED))
    width = hi - lo
    assert abs(rates["lo"] - lo) < 0.1 * width and abs(rates["hi"] - hi) < 0.1 * width
    se = values.std() / np.sqrt(n)
    assert rates["hi"] - rates["lo"] == pytest.approx(2 * 1.96 * se, rel=0.15)


def test_support_rates_need_five_establishments_counted_not_five_rows():
    rates = stats.support_rates(_counted({("certified", "after"): [(30e6, 5)], ("certified", "before"): [(0.0, 4)]}))
    assert rates["n"].tolist() == [5, 4]
    assert rates.iloc[0]["per_year"] == pytest.approx(10e6) and rates.iloc[0]["lo"] == rates.iloc[0]["hi"] == 10e6
    assert rates.iloc[1][["per_year", "lo", "hi"]].isna().all()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_revenue_tables_name_every_group_and_write_years_as_years(monkeypatch, lang):
    """On the sample: the support tables name each status and window in words (the
    windows around first entry too, not 'entered_not_certified:after'), the mean support
    per establishment is in whole đồng, and the totals table writes a year as 2017, not
    as the number 2.017."""
    import re

    from cnnt.i18n import t
    from tests.conftest import SAMPLE_ROOT, open_page, record_panels

    monkeypatch.setenv("CNNT_OPEN_ROLE", "data_officer")
    panels = record_panels(monkeypatch)
    at = open_page(monkeypatch, SAMPLE_ROOT, "pages/revenue.py", lang=lang)
    for toggle in at.toggle:  # every chart's table
        toggle.set_value(True)
    at.run()
    tables = shown_tables(at)
    cells = [str(v) for table in tables for v in table.to_numpy().ravel()]
    assert not [c for c in cells if re.fullmatch(r"[a-z_]+:(before|after|all)", c)]
    # the support panel's mean per establishment goes to the downloads in whole đồng
    per_establishment = panels["rev_support"][0][t("rev.col.per_est", lang)]
    assert len(per_establishment) and (per_establishment % 1 == 0).all(), per_establishment.tolist()
    # growth rates: numbers for the downloads, percentages on screen
    growth = panels["rev_growth"][0][t("rev.growth_before", lang)]
    assert growth.dtype == float and growth.notna().any()
    shown_growth = next(table for table in tables if t("rev.growth_before", lang) in table.columns)
    assert all(v == "" or v.endswith("%") for v in shown_growth[t("rev.growth_before", lang)])
    year = "Năm" if lang == "vi" else "Year"
    totals = next(table for table in tables if table.columns[0] == year)
    assert all(re.fullmatch(r"20\d\d", str(y)) for y in totals[year]), totals[year].tolist()


def test_a_panel_whose_every_point_rests_on_too_few_says_so_instead_of_empty_axes(monkeypatch):
    """On the sample, handicrafts (G1): the near-threshold lines have cells, but each rests
    on fewer than five establishments, so nothing can be drawn: the panel says why (and
    keeps its table of n) rather than drawing axes with a legend and no line."""
    from tests.conftest import SAMPLE_ROOT, open_page

    def threshold_page(group: str):
        at = open_page(monkeypatch, SAMPLE_ROOT, "pages/revenue.py", groups=group)
        drawn = [c for c in at.get("plotly_chart") if c.proto.id.endswith("rev_threshold_chart")]
        said = any(i.value.startswith("Không đủ cơ sở có điểm trong khoảng ±5 điểm") for i in at.info)
        return drawn, said

    drawn, said = threshold_page("G1")
    assert not drawn and said
    at = open_page(monkeypatch, SAMPLE_ROOT, "pages/revenue.py", groups="G1")
    # and its table of n says why its other cells are blank
    assert any(c.value.startswith("Điểm dựa trên dưới 5 cơ sở không hiển thị") for c in at.caption)
    drawn, said = threshold_page("G2")  # enough establishments: drawn, and no such sentence
    assert drawn and not said


def test_the_totals_download_holds_each_cell_as_a_number_and_marks_the_suppressed():
    """Rows in the grid's order with the total last, values as on screen, no value where hidden."""
    table = disclosure.protect(
        _cells(
            [
                (2021, "b", 2_000_000_000.0, 4, 600_000_000.0),
                (2021, "a", 1_234_560_000.0, 5, 300_000_000.0),
                (2020, "a", 900_000_000.0, 2, 500_000_000.0),  # n < 3
                (2020, "b", 3_000_000_000.0, 7, 900_000_000.0),  # hidden with it (a lone hidden cell)
            ]
        ),
        "year",
        "legal_form",
    )
    labels = {"a": "A", "b": "B"}
    got = disclosure.numbers(table, "year", "legal_form", 1e9, 1, "Total", labels)
    assert list(got.columns) == ["year", "legal_form", "value", "suppressed"]
    assert got[["year", "legal_form"]].values.tolist() == [
        [2020, "A"],
        [2020, "B"],
        [2020, "Total"],
        [2021, "A"],
        [2021, "B"],
        [2021, "Total"],
    ]
    assert got["suppressed"].tolist() == ["×", "×", "", "", "", ""]
    assert got["value"].isna().tolist() == [True, True, False, False, False, False]
    assert got["value"].iloc[2:].tolist() == [3.9, 1.2, 2.0, 3.2]  # tỷ đồng, one decimal as on screen
    shown = disclosure.display(table, "year", "legal_form", lambda v: f"{v / 1e9:.1f}", "Total", labels)
    assert shown.iloc[0].tolist() == [2020, "×", "×", "3.9"]


def test_the_revenue_page_downloads_its_totals_as_numbers(monkeypatch):
    """On the sample: the totals panel's CSV and Excel hold numbers (a spreadsheet can add
    them up), the same cells as the grid on screen, and "×" in a column of its own."""
    import io

    import openpyxl

    from cnnt import export, fmt
    from tests.conftest import SAMPLE_ROOT, open_page, record_panels

    panels = record_panels(monkeypatch)
    at = open_page(monkeypatch, SAMPLE_ROOT, "pages/revenue.py")
    assert any(c.value.startswith("Tệp CSV và Excel ghi mỗi ô một dòng") for c in at.caption)
    grid, kwargs = panels["rev_totals"]
    numbers = kwargs["full"]()
    assert list(numbers.columns) == ["Năm", "Loại hình", "Doanh thu (tỷ đồng)", "Ẩn để bảo mật (×)"]
    assert numbers["Doanh thu (tỷ đồng)"].dtype == float
    on_screen = grid.melt(id_vars="Năm", var_name="Loại hình", value_name="text")
    on_screen = on_screen[on_screen["text"] != ""]
    merged = numbers.merge(on_screen, on=["Năm", "Loại hình"], how="outer", validate="one_to_one", indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"]
    hidden = merged["text"] == "×"
    assert hidden.any() and (~hidden).any()
    assert merged.loc[hidden, "Doanh thu (tỷ đồng)"].isna().all()
    assert (merged.loc[hidden, "Ẩn để bảo mật (×)"] == "×").all()
    assert (merged.loc[~hidden, "Ẩn để bảo mật (×)"] == "").all()
    again = [fmt.number(v, "vi", 1) for v in merged.loc[~hidden, "Doanh thu (tỷ đồng)"]]
    assert again == merged.loc[~hidden, "text"].tolist()
    csv = export.csv_bytes(numbers, [("Nguồn", "mẫu")]).decode("utf-8-sig").splitlines()
    assert csv[-len(numbers) - 1] == "Năm,Loại hình,Doanh thu (tỷ đồng),Ẩn để bảo mật (×)"
    first = numbers.iloc[0]
    assert csv[-len(numbers)].startswith(f"{first['Năm']},{first['Loại hình']},")
    book = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(numbers, [("Nguồn", "mẫu")])))
    values = [row[2] for row in book.active.iter_rows(values_only=True) if isinstance(row[2], int | float)]
    assert len(values) == numbers["Doanh thu (tỷ đồng)"].notna().sum()
