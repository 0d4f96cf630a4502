"""Edge tests for the measures (cnnt/disclosure, stats, findings, overview, fmt), written to kill
mutants that survived ``bash scripts/mutation.sh`` (docs/mutation-testing.md).

Each test pins a value at an edge where a slip of one character (``<`` for ``<=``, ``and``
for ``or``, a 2 for a 3) would change what a reader is shown.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from cnnt import disclosure, findings, fmt, overview, policy, stats

# ---- disclosure ---------------------------------------------------------------------------


def _cells(rows, **comp):
    frame = pd.DataFrame(rows, columns=["year", "legal_form", "value", "n", "largest"])
    return frame.assign(**comp)


def _protect(rows, **comp):
    return disclosure.protect(_cells(rows, **comp), "year", "legal_form").set_index("legal_form")


def test_primary_at_its_edges():
    assert policy.MIN_ESTABLISHMENTS_PER_CELL == 3 and policy.MAX_SHARE_OF_LARGEST == 0.85
    assert disclosure.primary(100.0, 3, 30.0) is None  # exactly three establishments: shown
    assert disclosure.primary(100.0, 2, 30.0) == "n<3"
    assert disclosure.primary(100.0, 3, 85.0) is None  # the largest is exactly 85%: shown
    assert disclosure.primary(100.0, 3, 85.01) == "dominance"  # just over 85%
    assert disclosure.primary(0.5, 3, 0.45) == "dominance"  # a small total is judged like a large one
    assert disclosure.primary(0.0, 3, 0.0) is None  # a zero total: nothing to divide, nothing dominates
    assert disclosure.primary(-100.0, 3, -90.0) is None  # a negative total is not judged by share


def test_hidden_cells_resting_together_on_exactly_three_establishments_are_enough():
    t = _protect(
        [
            (2020, "a", 100.0, 3, 30.0),
            (2020, "c", 50.0, 1, 50.0),
            (2020, "d", 60.0, 1, 60.0),
            (2020, "e", 70.0, 1, 70.0),
        ]
    )
    assert t["reason"].fillna("shown").tolist() == ["shown", "n<3", "n<3", "n<3", "shown"]
    assert t.loc["a", "value"] == 100.0 and t.loc["__total__", "value"] == 280.0  # a shown, the total shown
    assert t.loc["__total__", "n"] == 6 and t.loc["__total__", "largest"] == 70.0


def test_a_cell_without_establishments_is_empty_not_suppressed():
    t = _protect([(2020, "a", 100.0, 5, 30.0), (2020, "b", 0.0, 0, np.nan), (2020, "c", 200.0, 4, 60.0)])
    assert list(t.index) == ["a", "c", "__total__"]  # b is not a cell at all
    assert t["reason"].isna().all() and t.loc["__total__", "value"] == 300.0


def test_a_cell_of_one_establishment_is_a_cell_and_is_suppressed():
    t = _protect([(2020, "a", 100.0, 5, 30.0), (2020, "b", 40.0, 1, 40.0), (2020, "c", 200.0, 4, 60.0)])
    assert t.loc["b", "reason"] == "n<3" and np.isnan(t.loc["b", "value"])
    assert t.loc["a", "reason"] == "complementary"  # the smallest shown cell hides b from the total
    assert t.loc["c", "value"] == 200.0 and t.loc["__total__", "value"] == 340.0


def test_a_row_without_any_establishment_has_no_total():
    t = disclosure.protect(
        _cells([(2020, "a", 100.0, 5, 30.0), (2021, "a", np.nan, np.nan, np.nan)]), "year", "legal_form"
    )
    assert t[["year", "legal_form"]].values.tolist() == [[2020, "a"], [2020, "__total__"]]


def test_every_cell_hidden_and_recoverable_hides_the_total():
    """The only cell is hidden by difference; the row total's own complement is large
    (b's left-out establishments count there), but the total equals the hidden cell."""
    t = _protect(
        [(2020, "a", 100.0, 5, 30.0), (2020, "b", 0.0, 0, np.nan)],
        comp_value=[10.0, 500.0],
        comp_n=[1, 6],
        comp_largest=[10.0, 90.0],
    )
    assert list(t.index) == ["a", "__total__"] and t.loc["a", "reason"] == "difference"
    assert t.loc["__total__", "reason"] == "complementary" and np.isnan(t.loc["__total__", "value"])


def test_a_row_whose_total_is_hidden_needs_no_complementary_cell():
    t = _protect([(2020, "a", 10.0, 1, 10.0), (2020, "b", 1000.0, 5, 980.0)])  # b dominated; the total too
    assert t.loc["__total__", "reason"] == "dominance"
    assert t.loc["a", "reason"] == "n<3" and t.loc["b", "reason"] == "dominance"


def test_complementary_suppression_takes_the_smallest_shown_cell():
    t = _protect(
        [
            (2020, "a", 900.0, 9, 100.0),
            (2020, "b", 50.0, 2, 30.0),
            (2020, "c", 300.0, 6, 60.0),
            (2020, "d", 120.0, 5, 30.0),
        ]
    )
    assert t.loc["d", "reason"] == "complementary"  # 120 is the smallest shown, not the first or second
    assert t.loc["a", "value"] == 900.0 and t.loc["c", "value"] == 300.0


def test_complementary_suppression_repeats_until_nothing_can_be_subtracted():
    """Two rows, each with one primary cell: every row gets its own complementary cell."""
    t = disclosure.protect(
        _cells(
            [
                (2020, "a", 100.0, 5, 30.0),
                (2020, "b", 10.0, 1, 10.0),
                (2020, "c", 300.0, 6, 60.0),
                (2021, "a", 400.0, 7, 60.0),
                (2021, "b", 500.0, 8, 60.0),
                (2021, "c", 20.0, 2, 10.0),
            ]
        ),
        "year",
        "legal_form",
    )
    reasons = {(r.year, r.legal_form): r.reason for r in t.itertuples()}
    assert reasons[(2020, "a")] == "complementary" and reasons[(2021, "a")] == "complementary"
    assert pd.isna(reasons[(2020, "c")]) and pd.isna(reasons[(2021, "b")])


def test_difference_rule_at_its_edges():
    t = _protect(
        [
            (2020, "a", 100.0, 5, 30.0),  # complement: exactly three establishments, none dominant
            (2020, "b", 500.0, 6, 100.0),  # complement: two establishments
            (2020, "c", 300.0, 6, 60.0),  # complement: none (no value, no n)
            (2020, "d", 400.0, 7, 60.0),  # complement: three, one with 90%
        ],
        comp_value=[30.0, 20.0, np.nan, 100.0],
        comp_n=[3, 2, np.nan, 3],
        comp_largest=[10.0, 10.0, np.nan, 90.0],
    )
    assert pd.isna(t.loc["a", "reason"]) and t.loc["a", "value"] == 100.0
    assert t.loc["b", "reason"] == "difference" and t.loc["d", "reason"] == "difference"
    assert pd.isna(t.loc["c", "reason"]) and t.loc["c", "value"] == 300.0
    # the total's complement sums the cells' complements: 150 over 8 establishments, largest 90
    assert pd.isna(t.loc["__total__", "reason"]) and t.loc["__total__", "value"] == 1300.0
    assert t.reset_index().columns.tolist() == ["legal_form", "year", "value", "n", "largest", "reason"]


def test_a_total_whose_complement_is_small_is_suppressed_by_difference():
    t = _protect(
        [(2020, "a", 100.0, 5, 30.0), (2020, "b", 200.0, 6, 40.0)],
        comp_value=[0.0, 10.0],
        comp_n=[0, 1],
        comp_largest=[np.nan, 10.0],
    )
    assert pd.isna(t.loc["a", "reason"])
    assert t.loc["b", "reason"] == "difference" and t.loc["__total__", "reason"] == "difference"


def test_a_cell_suppressed_on_its_own_keeps_its_own_reason():
    t = _protect(
        [(2020, "a", 10.0, 2, 6.0), (2020, "b", 500.0, 6, 100.0), (2020, "c", 400.0, 6, 90.0)],
        comp_value=[5.0, 0.0, 0.0],
        comp_n=[1, 0, 0],
        comp_largest=[5.0, np.nan, np.nan],
    )
    assert t.loc["a", "reason"] == "n<3"  # its complement fails too, but the cell's own rule comes first
    assert t.loc["__total__", "reason"] == "difference"  # so nothing is subtracted from it
    assert pd.isna(t.loc["b", "reason"]) and pd.isna(t.loc["c", "reason"])


def test_a_row_of_one_establishment_has_a_suppressed_total():
    t = disclosure.protect(_cells([(2020, "a", 100.0, 1, 100.0)]), "year", "legal_form").set_index("legal_form")
    assert list(t.index) == ["a", "__total__"]
    assert t.loc["__total__", "reason"] == "n<3" and np.isnan(t.loc["__total__", "value"])


def test_a_row_with_a_hidden_total_does_not_stop_the_rows_after_it():
    t = disclosure.protect(
        _cells(
            [
                (2020, "a", 10.0, 1, 10.0),
                (2020, "b", 1000.0, 5, 980.0),  # dominated, and so is the 2020 total
                (2021, "a", 100.0, 5, 30.0),
                (2021, "b", 40.0, 1, 40.0),
                (2021, "c", 200.0, 4, 60.0),
            ]
        ),
        "year",
        "legal_form",
    )
    reasons = {(r.year, r.legal_form): r.reason for r in t.itertuples()}
    assert reasons[(2020, "__total__")] == "dominance"
    assert reasons[(2021, "b")] == "n<3" and reasons[(2021, "a")] == "complementary"


def test_display_table_reads_times_for_suppressed_and_blank_for_absent():
    t = disclosure.protect(
        _cells(
            [
                (2020, "a", 100.0, 5, 30.0),
                (2020, "b", 40.0, 1, 40.0),
                (2020, "c", 200.0, 4, 60.0),
                (2021, "c", 500.0, 6, 60.0),
            ]
        ),
        "year",
        "legal_form",
    )
    wide = disclosure.display(t, "year", "legal_form", lambda v: f"{v:.0f}", "Total", {"c": "C", "a": "A", "b": "B"})
    assert wide.columns.tolist() == ["year", "C", "A", "B", "Total"]
    assert wide.values.tolist() == [[2020, "200", "×", "×", "340"], [2021, "500", "", "", "500"]]


def test_display_without_totals_keeps_the_label_order():
    t = pd.DataFrame({"year": [2020, 2020], "legal_form": ["a", "b"], "value": [1.0, np.nan]})
    wide = disclosure.display(t, "year", "legal_form", lambda v: f"{v:.1f}", "Total", {"b": "B", "a": "A"})
    assert wide.columns.tolist() == ["year", "B", "A"] and wide.values.tolist() == [[2020, "×", "1.0"]]


# ---- stats --------------------------------------------------------------------------------


def _summary(rows):
    return pd.DataFrame(rows, columns=["comparison", "rel_year", "n", "median", "lo", "hi"])


def test_compare_groups_touching_intervals_are_no_difference():
    s = _summary(
        [
            ("certified", 3, 5, 150.0, 140.0, 160.0),
            ("touch_below", 3, 6, 120.0, 100.0, 140.0),  # its hi is the reference's lo
            ("touch_above", 3, 7, 180.0, 160.0, 200.0),  # its lo is the reference's hi
            ("below", 3, 8, 110.0, 100.0, 139.9),
            ("above", 3, 9, 190.0, 160.1, 210.0),
            ("hidden", 3, 3, np.nan, np.nan, np.nan),  # no shown point: left out
            ("below", 2, 8, 1.0, 1.0, 1.0),  # another year
        ]
    )
    out = stats.compare_groups(s, 3)
    assert out["rel_year"] == 3 and out["reference"] == {"median": 150.0, "n": 5}
    assert {g: o["verdict"] for g, o in out["others"].items()} == {
        "touch_below": "no_difference",
        "touch_above": "no_difference",
        "below": "higher",
        "above": "lower",
    }
    assert out["others"]["below"] == {"median": 110.0, "n": 8, "verdict": "higher"}
    assert stats.compare_groups(s, 2) == {"rel_year": 2, "reference": None, "others": {}}
    other_ref = stats.compare_groups(s, 3, reference="below")
    assert (
        other_ref["reference"] == {"median": 110.0, "n": 8} and other_ref["others"]["certified"]["verdict"] == "lower"
    )


def test_verdict_touching_intervals_are_no_difference():
    a = pd.Series({"lo": 10.0, "hi": 20.0})
    assert stats.verdict(a, pd.Series({"lo": 0.0, "hi": 10.0})) == "no_difference"
    assert stats.verdict(a, pd.Series({"lo": 20.0, "hi": 30.0})) == "no_difference"
    assert stats.verdict(a, pd.Series({"lo": 0.0, "hi": 9.99})) == "higher"
    assert stats.verdict(a, pd.Series({"lo": 20.01, "hi": 30.0})) == "lower"


VALUES = np.array([3.0, 9.0, 1.0, 4.0, 10.0, 2.0, 7.0])


def _draws(seed, n_boot):
    return np.random.default_rng(seed).integers(0, len(VALUES), size=(n_boot, len(VALUES)))


def test_median_band_is_the_percentile_bootstrap_of_establishments():
    """2.5th and 97.5th percentiles of medians of resamples drawn with replacement, n per draw."""
    medians = np.median(VALUES[_draws(11, 300)], axis=1)
    got = stats.median_band(VALUES, np.random.default_rng(11), 300)
    assert got == (4.0, float(np.percentile(medians, 2.5)), float(np.percentile(medians, 97.5)))
    assert got[1] < got[0] < got[2]


def test_mean_band_is_the_percentile_bootstrap_of_establishments():
    means = VALUES[_draws(5, 300)].mean(axis=1)
    got = stats.mean_band(VALUES, np.random.default_rng(5), 300)
    assert got == (float(VALUES.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5)))
    assert got[1] < got[0] < got[2]


def test_bands_use_the_policy_draws_by_default():
    assert stats.N_BOOT == policy.BOOTSTRAP_DRAWS == 400 and stats.SEED == policy.BOOTSTRAP_SEED
    medians = np.median(VALUES[_draws(3, 400)], axis=1)
    assert stats.median_band(VALUES, np.random.default_rng(3))[1] == float(np.percentile(medians, 2.5))
    means = VALUES[_draws(3, 400)].mean(axis=1)
    assert stats.mean_band(VALUES, np.random.default_rng(3))[2] == float(np.percentile(means, 97.5))


def _est_panel(cells):
    """{(group, rel_year): [idx, ...]} → one row per establishment-observation."""
    rows = []
    for (group, rel), values in cells.items():
        rows += [
            {"comparison": group, "region": "r", "establishment_id": f"{group}{i}", "rel_year": rel, "idx": v}
            for i, v in enumerate(values)
        ]
    return pd.DataFrame(rows)


def test_indexed_medians_show_a_point_on_exactly_five_establishments():
    assert stats.MIN_ESTABLISHMENTS == policy.MIN_ESTABLISHMENTS_PER_POINT == 5
    panel = _est_panel({("a", 0): [1.0, 2.0, 3.0, 4.0, 5.0], ("a", 1): [1.0, 2.0, 3.0, 4.0]})
    s = stats.indexed_medians(panel, ["comparison"]).set_index("rel_year")
    assert s.loc[0, "n"] == 5 and s.loc[0, "median"] == 3.0
    assert s.loc[1, "n"] == 4 and s.loc[1, ["median", "lo", "hi"]].isna().all()
    assert s.columns.tolist() == ["comparison", "n", "median", "lo", "hi"]


def test_indexed_medians_count_establishments_not_rows_and_use_the_policy_seed():
    panel = _est_panel({("a", 0): [1.0, 2.0, 3.0, 4.0]})
    doubled = pd.concat([panel, panel.iloc[[0]]], ignore_index=True)  # one establishment twice
    s = stats.indexed_medians(doubled, ["comparison"])
    assert s["n"].tolist() == [4] and s["median"].isna().all()
    five = _est_panel({("a", 0): [9.0, 1.0, 4.0, 7.0, 3.0], ("b", 0): [2.0, 8.0, 6.0, 5.0, 1.0]})
    s = stats.indexed_medians(five, ["comparison"])
    rng = np.random.default_rng(policy.BOOTSTRAP_SEED)
    a = stats.median_band(np.array([9.0, 1.0, 4.0, 7.0, 3.0]), rng)
    b = stats.median_band(np.array([2.0, 8.0, 6.0, 5.0, 1.0]), rng)  # the same generator, in order
    assert s[["median", "lo", "hi"]].values.tolist() == [list(a), list(b)]
    assert s.equals(stats.indexed_medians(five, ["comparison"], n_boot=400, seed=2012))


def test_indexed_medians_by_two_keys():
    panel = _est_panel({("a", 0): [1.0, 2.0, 3.0, 4.0, 5.0]})
    s = stats.indexed_medians(panel, ["comparison", "region"])
    assert s[["comparison", "region", "rel_year", "n", "median"]].values.tolist() == [["a", "r", 0, 5, 3.0]]


def test_growth_before_after_at_exactly_five_and_with_a_missing_end():
    five = _est_panel({("a", -3): [64.0] * 5, ("a", -1): [100.0] * 5, ("a", 2): [125.0] * 5})
    g = stats.growth_before_after(five).iloc[0]
    assert g["before_growth"] == pytest.approx(0.25) and g["after_growth"] == pytest.approx(1.25 ** (1 / 3) - 1)
    assert (g["comparison"], g["before_n"], g["after_n"]) == ("a", 5, 5)
    no_after = stats.growth_before_after(_est_panel({("a", -3): [64.0] * 5, ("a", -1): [100.0] * 5})).iloc[0]
    assert no_after["after_n"] == 0 and np.isnan(no_after["after_growth"]) and no_after["before_n"] == 5
    by_region = stats.growth_before_after(five, by="region")
    assert by_region["region"].tolist() == ["r"] and by_region["before_n"].tolist() == [5]


def test_growth_counts_only_establishments_with_both_ends():
    panel = _est_panel({("a", -3): [64.0] * 6, ("a", -1): [100.0] * 6, ("a", 2): [125.0] * 5})
    panel.loc[(panel["rel_year"] == -3) & (panel["establishment_id"] == "a5"), "idx"] = np.nan
    g = stats.growth_before_after(panel).iloc[0]
    assert (g["before_n"], g["after_n"]) == (5, 5)


def test_one_cohort_and_balanced_on_empty_panels():
    empty = pd.DataFrame(columns=["comparison", "cohort", "establishment_id", "rel_year", "idx"])
    assert stats.one_cohort_per_establishment(empty).empty and stats.balanced(empty, 3, 2).empty


def test_balanced_window_edges_are_inclusive_and_outside_years_dropped():
    rows = [
        {"comparison": "c", "cohort": 2019, "establishment_id": "wide", "rel_year": y, "idx": 1.0} for y in range(-5, 5)
    ]
    rows += [
        {"comparison": "c", "cohort": 2019, "establishment_id": "exact", "rel_year": y, "idx": 1.0}
        for y in range(-2, 2)
    ]
    kept = stats.balanced(pd.DataFrame(rows), 2, 1)
    assert kept.groupby("establishment_id")["rel_year"].apply(sorted).to_dict() == {
        "exact": [-2, -1, 0, 1],
        "wide": [-2, -1, 0, 1],
    }
    assert kept.columns.tolist()[:2] == ["comparison", "establishment_id"]


def test_one_cohort_is_per_comparison_group():
    rows = [
        {"comparison": g, "cohort": c, "establishment_id": "E1", "rel_year": 0, "idx": 1.0}
        for g, c in (("a", 2019), ("a", 2021), ("b", 2021))
    ]
    kept = stats.one_cohort_per_establishment(pd.DataFrame(rows))
    assert kept[["comparison", "cohort"]].values.tolist() == [["a", 2019], ["b", 2021]]


def _windows(groups, years=3):
    return pd.DataFrame(
        [
            {"status": s, "period": p, "establishment_id": f"{s}{p}{i}", "years": years, "amount_vnd": a}
            for (s, p), amounts in groups.items()
            for i, a in enumerate(amounts)
        ]
    )


def test_support_rates_at_exactly_five_establishments_per_year_of_window():
    amounts = [30e6, 60e6, 90e6, 0.0, 120e6]
    others = [3e6, 6e6, 9e6, 12e6, 15e6]
    windows = _windows(
        {  # not in sorted order: the groups are visited sorted, drawing from one generator in turn
            ("entered_not_certified", "after"): others,
            ("certified", "before"): amounts[:4],
            ("certified", "after"): amounts,
        }
    )
    rates = stats.support_rates(windows)
    assert rates[["status", "period"]].values.tolist() == [
        ["certified", "after"],
        ["certified", "before"],
        ["entered_not_certified", "after"],
    ]
    after = rates.iloc[0]
    assert after["n"] == 5 and after["years"] == 3 and after["per_year"] == pytest.approx(20e6)
    rng = np.random.default_rng(policy.BOOTSTRAP_SEED)
    _, lo, hi = stats.mean_band(np.array(amounts) / 3, rng)
    assert (after["lo"], after["hi"]) == (lo, hi)
    _, lo, hi = stats.mean_band(np.array(others) / 3, rng)  # "before" has four: no draws
    assert (rates.iloc[2]["lo"], rates.iloc[2]["hi"]) == (lo, hi)
    before = rates.iloc[1]
    assert before["n"] == 4 and before[["per_year", "lo", "hi"]].isna().all()
    assert rates.columns.tolist() == ["status", "period", "n", "years", "per_year", "lo", "hi"]


def test_support_rates_count_distinct_establishments_and_the_longest_window():
    w = _windows({("certified", "after"): [10e6] * 5})
    w = pd.concat([w, w.iloc[[0]].assign(years=5)], ignore_index=True)  # a second row of one establishment
    r = stats.support_rates(w).iloc[0]
    assert r["n"] == 5 and r["years"] == 5


# ---- findings -----------------------------------------------------------------------------

EMPTY_VI = "Không có dữ liệu cho bộ lọc đã chọn."
EMPTY_EN = "No data for the chosen filters."


def test_largest_share_sums_each_category_and_refuses_nothing():
    frame = pd.DataFrame({"c": ["a", "b", "b", "c"], "v": [3, 2, 2, 1]})
    assert findings.largest_share(frame, "c", "v") == ("b", 0.5)
    assert findings.largest_share(frame.assign(v=0), "c", "v") is None
    assert findings.largest_share(frame.iloc[0:0], "c", "v") is None


def test_group_and_legal_form_titles():
    zero = pd.DataFrame({"group_code": ["G1"], "products": [0]})
    assert findings.group_title(zero, {}, "vi") == EMPTY_VI and findings.group_title(zero, {}, "en") == EMPTY_EN
    groups = pd.DataFrame({"group_code": ["G1", "G2"], "products": [1, 3]})
    assert findings.group_title(groups, {}, "en") == "G2 make up 75% of entries"  # no name: the code
    forms = pd.DataFrame({"legal_form": ["hop_tac_xa", "doanh_nghiep"], "establishments": [3, 1]})
    assert findings.legal_form_title(forms, "en") == "Cooperative take part most (75% of establishment entries)"
    assert findings.legal_form_title(forms.assign(establishments=0), "en") == EMPTY_EN


def test_new_returning_title_sums_every_row():
    frame = pd.DataFrame(
        {
            "establishments_new": [3, 0],
            "establishments_returning": [0, 1],
            "products_reentering_after_failing": [1, 1],
        }
    )
    assert (
        findings.new_returning_title(frame, "en")
        == "75% of establishment entries are first-timers; 2 products re-entered after failing"
    )
    nobody = frame.assign(establishments_new=0, establishments_returning=0)
    assert (
        findings.new_returning_title(nobody, "vi") == EMPTY_VI
        and findings.new_returning_title(nobody, "en") == EMPTY_EN
    )


def test_locality_title_names_the_largest():
    frame = pd.DataFrame({"name": ["A", "B", "C"], "products": [3, 1205, 7]})
    assert findings.locality_title(frame, "vi") == "B có nhiều lượt sản phẩm tham gia nhất (1.205)"
    tie = frame.assign(products=[1205, 1205, 7])
    assert findings.locality_title(tie, "vi") == "A và 1 địa bàn khác cùng có nhiều lượt sản phẩm tham gia nhất (1.205)"
    assert findings.locality_title(tie, "en") == "Most entries (1,205): A and 1 more"
    assert findings.locality_title(frame.assign(products=0), "vi") == EMPTY_VI
    assert findings.locality_title(frame.iloc[0:0], "en") == EMPTY_EN


def _rates(rows):
    return pd.DataFrame(rows, columns=["level", "category", "entries", "pass_rate"])


def test_pass_rate_title_counts_a_group_of_exactly_min_n_as_reliable():
    rates = _rates([("provincial", "G1", 10, 0.9), ("provincial", "G2", 40, 0.5)])
    assert (
        findings.pass_rate_title(rates, {"G1": "Thực phẩm"}, "en", 10) == "Highest pass rate: Thực phẩm (90%, n = 10)"
    )
    few = _rates([("provincial", "G1", 3, 1.0), ("provincial", "G2", 4, 0.5)])  # none reliable: all of them
    assert findings.pass_rate_title(few, {}, "en", 10) == "Highest pass rate: G1 (100%, n = 3)"
    assert findings.pass_rate_title(few.iloc[0:0], {}, "en", 10) == EMPTY_EN
    # one round or group alone is not "the highest"
    assert findings.pass_rate_title(few.iloc[:1], {}, "en", 10) == "Pass rate: G1 (100%, n = 3)"
    assert findings.pass_rate_title(few.iloc[:1], {}, "vi", 10) == "Tỷ lệ được công nhận: G1 (100%, n = 3)"


def test_pass_rate_title_breaks_a_tie_by_entries_and_names_the_level_when_mixed():
    tie = _rates([("provincial", "G1", 12, 0.5), ("provincial", "G2", 30, 0.5)])
    assert findings.pass_rate_title(tie, {}, "en", 10) == "Highest pass rate: G2 (50%, n = 30)"
    mixed = _rates([("provincial", "G1", 12, 0.5), ("regional", "G1", 20, 0.75)])
    assert findings.pass_rate_title(mixed, {}, "en", 10) == "Highest pass rate: G1 (Regional) (75%, n = 20)"


def test_score_title_leaves_out_entries_without_a_score_or_an_outcome():
    entries = pd.DataFrame(
        {
            "total_score": [80.0, 60.0, None, 70.0, 75.0],
            "eligible": [True, False, True, None, True],
            "pass_threshold": [70.0, 70.0, 50.0, 70.0, 65.0],
        }
    )
    # three scored with an outcome: 80 (yes), 60 (no), 75 (yes); the usual threshold is 70
    assert findings.score_title(entries, "en") == "Score distribution: 67% of entries reach the 70-point threshold"
    blank = entries.assign(total_score=None)
    assert findings.score_title(blank, "vi") == EMPTY_VI and findings.score_title(blank, "en") == EMPTY_EN


def _criteria(lost):
    return pd.DataFrame(
        [
            {"criteria_code": c, "name_vi": f"Nhóm {c}", "name_en": f"Group {c}", "max_points": 40.0}
            | {"outcome": o, "avg_points": 40.0 - v}
            for c, v in lost.items()
            for o in ("not_certified", "certified")
        ]
    ).assign(avg_points=lambda f: np.where(f["outcome"] == "certified", 39.0, f["avg_points"]))


def test_points_lost_ranks_not_certified_entries_and_breaks_ties_by_code():
    lost = findings.points_lost(_criteria({"C2": 5.0, "C1": 5.0, "C3": 8.0}))
    assert lost[["criteria_code", "lost"]].values.tolist() == [["C3", 8.0], ["C1", 5.0], ["C2", 5.0]]
    assert set(lost["outcome"]) == {"not_certified"} and lost.index.tolist() == [0, 1, 2]
    assert "index" not in lost.columns


def test_criteria_title_with_one_group_and_just_inside_the_tie_margin():
    assert findings.criteria_title(_criteria({"C1": 7.25}), "vi") == (
        "Sản phẩm không được công nhận mất điểm nhiều nhất ở: Nhóm C1 (trung bình mất 7,2 điểm)"
    )
    near = findings.criteria_title(_criteria({"C1": 6.0 + policy.NEAR_TIE_POINTS - 0.01, "C2": 6.0}), "vi")
    assert near == ("Sản phẩm không được công nhận mất điểm gần như ngang nhau ở: Nhóm C1 và Nhóm C2 (khoảng 6,5 điểm)")
    assert findings.criteria_title(_criteria({"C1": 1.0}).iloc[0:0], "en") == EMPTY_EN


def test_funnel_title_leaves_out_cycles_whose_regional_round_is_not_held():
    prog = pd.DataFrame(
        {"provincial_certified": [4, 6, 5], "regional_entered": [2, None, 5], "regional_held": [True, None, False]}
    )
    assert findings.funnel_title(prog, "en") == (
        "From provincial to national: 50% of provincially certified products went on to the regional round"
    )
    none_held = prog.assign(regional_held=False)
    assert findings.funnel_title(none_held, "en") == "From provincial to national"
    no_column = prog.drop(columns="regional_held").fillna(0)  # older callers: every cycle counts
    assert findings.funnel_title(no_column, "en").startswith("From provincial to national: 47%")


def test_timeline_title_from_the_first_to_the_last_provincial_round_with_entries():
    rounds = pd.DataFrame(
        {
            "level": ["provincial", "provincial", "provincial", "regional", "provincial"],
            "year": [2019, 2017, 2023, 2024, 2015],
            "products": [1500, 3, 0, 99, 0],
        }
    )
    assert findings.timeline_title(rounds, "vi") == "Sản phẩm tham gia cấp tỉnh: 3 (2017) → 1.500 (2019)"
    one = rounds[rounds["year"] != 2019]
    assert findings.timeline_title(one, "en") == "Products entered and certified, round by round"
    same_year = pd.DataFrame({"level": ["provincial"] * 2, "year": [2019, 2019], "products": [4, 2]})
    assert findings.timeline_title(same_year, "en") == "Products entered and certified, round by round"


def _comparison(others, ref=(151.4, 7)):
    return {
        "rel_year": -2,
        "reference": None if ref is None else {"median": ref[0], "n": ref[1]},
        "others": {g: {"median": m, "n": 6, "verdict": v} for g, (m, v) in others.items()},
    }


NAMES = {"a": "Nhóm A", "b": "Nhóm B"}


@pytest.mark.parametrize(
    "verdicts, expected",
    [
        ({"a": "higher", "b": "higher"}, "certified clearly higher"),
        ({"a": "lower", "b": "lower"}, "certified clearly lower"),
        ({"a": "no_difference", "b": "no_difference"}, "no clear difference (the intervals overlap)"),
        ({"a": "higher", "b": "no_difference"}, "no consistent difference across the comparison groups"),
        ({"a": "higher", "b": "lower"}, "no consistent difference across the comparison groups"),
    ],
)
def test_event_title_verdicts(verdicts, expected):
    comparison = _comparison({"a": (120.6, verdicts["a"]), "b": (1234.0, verdicts["b"])})
    assert findings.event_title(comparison, "Revenue", NAMES, "en") == (
        f"Revenue in year −2 (index, year −1 = 100): certified 151; Nhóm A 121; Nhóm B 1,234 — {expected}"
    )


def test_event_title_in_vietnamese_groups_thousands_with_a_dot():
    comparison = _comparison({"a": (1234.0, "higher")}, ref=(2345.0, 7))
    assert findings.event_title(comparison, "Doanh thu", NAMES, "vi") == (
        "Doanh thu năm −2 (chỉ số, năm −1 = 100): đã công nhận 2.345; Nhóm A 1.234 — nhóm được công nhận cao hơn rõ"
    )


def test_event_title_alone_and_without_a_reference():
    alone = findings.event_title(_comparison({}), "Revenue", NAMES, "en")
    assert alone == (
        "Revenue in year −2 (index, year −1 = 100): certified 151; – — not enough data for a comparison group"
    )
    assert (
        findings.event_title(_comparison({}, ref=None), "Lao động", NAMES, "vi") == "Lao động quanh năm được công nhận"
    )
    unnamed = findings.event_title(_comparison({"c": (99.0, "lower")}), "Revenue", NAMES, "en")
    assert "; c 99 — certified clearly lower" in unnamed


def _support(rows):
    return pd.DataFrame(rows, columns=["status", "period", "n", "years", "per_year", "lo", "hi"])


def test_support_title_against_both_comparisons_and_alone():
    rates = _support(
        [
            ("certified", "after", 6, 3, 100e6, 90e6, 110e6),
            ("certified", "before", 6, 3, 50e6, 40e6, 60e6),
            ("entered_not_certified", "after", 6, 3, 100e6, 95e6, 105e6),
            ("never_entered", "all", 9, 3, 1e9, 1e9, 1e9),
        ]
    )
    assert findings.support_title(rates, 3, "en") == (
        "Industrial-extension support after certification: VND 100.0 million per establishment per year "
        "(3 years after against 3 years before); before certification VND 50.0 million — clearly higher after "
        "certification; entered but not certified (after entering) VND 100.0 million — no clear difference"
    )
    assert findings.support_title(rates, 3, "vi") == (
        "Hỗ trợ khuyến công sau công nhận: 100,0 triệu đồng/cơ sở/năm (3 năm sau so với 3 năm trước); "
        "trước công nhận 50,0 triệu đồng — sau công nhận cao hơn rõ; cơ sở dự thi chưa được công nhận "
        "(sau khi dự thi) 100,0 triệu đồng — không thấy khác biệt rõ"
    )
    alone = rates[rates["period"] == "after"].assign(per_year=[100e6, np.nan])
    assert findings.support_title(alone, 3, "en").endswith("; not enough data for a comparison group")
    hidden = rates.assign(per_year=np.where(rates["period"] == "after", np.nan, rates["per_year"]))
    assert findings.support_title(hidden, 5, "en") == (
        "Industrial-extension support: not enough data to compare 5-year windows"
    )


# ---- overview -----------------------------------------------------------------------------


def _head_row(level, rounds, values, latest, previous=None, prev_values=None, **extra):
    row = {"level": level, "rounds_held": rounds, "latest_year": latest, "previous_year": previous}
    row |= dict(zip(("establishments", "products", "certified"), values, strict=True))
    row |= {f"latest_{k}": v for k, v in zip(("establishments", "products", "certified"), values, strict=True)}
    prev = prev_values or (None, None, None)
    row |= {f"previous_{k}": v for k, v in zip(("establishments", "products", "certified"), prev, strict=True)}
    return row | extra


def test_headlines_with_and_without_a_previous_round():
    frame = pd.DataFrame(
        [
            _head_row(
                "provincial", 2, (10, 12, 5), 2019, 2017, (4, 5, 2), crosses_merger=True, previous_rounds="P2017"
            ),
            _head_row("regional", 1, (1, 1, 1), 2018, np.nan, None, crosses_merger=True, previous_rounds="R0"),
            _head_row("national", 0, (0, 0, 0), np.nan),
        ]
    )
    p, r, n = overview.headlines(frame)
    assert (p.level, p.rounds_held, p.values, p.latest_year, p.previous_year) == (
        "provincial",
        2,
        {"establishments": 10, "products": 12, "certified": 5},
        2019,
        2017,
    )
    assert p.deltas == {"establishments": 6, "products": 7, "certified": 3}  # latest minus previous
    assert p.crosses_merger is True and p.previous_rounds == "P2017"
    # no previous round: no deltas, and the merger flag and round ids are not carried over
    assert r.previous_year is None and r.deltas == {"establishments": None, "products": None, "certified": None}
    assert r.crosses_merger is False and r.previous_rounds == ""
    assert n.latest_year is None and n.rounds_held == 0


def test_headlines_without_the_optional_columns():
    frame = pd.DataFrame([_head_row("provincial", 2, (10, 12, 5), 2019, 2017, (4, 5, 2))])
    (p,) = overview.headlines(frame)
    assert p.crosses_merger is False and p.previous_rounds == "" and p.deltas["certified"] == 3
    frame = frame.assign(crosses_merger=False, previous_rounds=None)
    (p,) = overview.headlines(frame)
    assert p.crosses_merger is False and p.previous_rounds == ""


def _figures(rows):
    cols = ["figure_id", "owner_code", "level", "year_from", "year_to", "metric", "published_value"]
    return pd.DataFrame(rows, columns=cols)


ROUNDS = pd.DataFrame(
    [
        ("P2017", "daklak_old", "provincial", 2017),
        ("P2019", "daklak_old", "provincial", 2019),
        ("PY2019", "phuyen_old", "provincial", 2019),
        ("M2025", "daklak", "provincial", 2025),
        ("R2018", "daklak_old", "regional", 2018),
    ],
    columns=["round_id", "owner_code", "level", "year"],
)


def _heads(certified=4, products=9, establishments=7):
    return [
        overview.Headline(
            "provincial",
            2,
            {"establishments": establishments, "products": products, "certified": certified},
            2019,
            2017,
            {},
        )
    ]


def _match(figures, y0=2017, y1=2019, scope="daklak_old", heads=None, rounds=ROUNDS, filtered=False):
    return overview.published_matches(figures, rounds, heads or _heads(), y0, y1, filtered=filtered, scope=scope)


def test_published_match_on_the_very_number_with_inclusive_years():
    figures = _figures(
        [
            ("F5", "daklak_old", "regional", 2018, 2018, "products_certified", 1),  # no regional headline
            ("F6", "daklak_old", "provincial", 2019, 2019, "products_certified", 2),  # another period
            ("F1", "daklak_old", "provincial", 2017, 2019, "products_certified", 4),
            ("F2", "daklak_old", "provincial", 2017, 2019, "products_participating", 9),
            ("F3", "daklak_old", "provincial", 2017, 2019, "establishments_participating", 8),  # data say 7
            ("F4", "daklak_old", "provincial", 2017, 2019, "products_certified", 4),
        ]
    )
    assert _match(figures) == {("provincial", "certified"): ["F1", "F4"], ("provincial", "products"): ["F2"]}
    assert _match(figures, filtered=True) == {}
    assert _match(figures.iloc[0:0]) == {}
    assert _match(figures, rounds=ROUNDS.iloc[0:0]) == {}


def test_no_published_match_when_the_period_differs_by_one_round():
    figures = _figures([("F1", "daklak_old", "provincial", 2017, 2019, "products_certified", 4)])
    assert _match(figures, 2017, 2018) == {}  # the headline leaves P2019 out
    assert _match(figures, 2018, 2019) == {}  # ... or P2017
    assert _match(figures, 2016, 2020) != {}  # years without rounds around the period change nothing
    later = _figures([("F1", "daklak_old", "provincial", 2018, 2019, "products_certified", 4)])
    assert _match(later) == {}  # the figure counts P2019 only
    earlier = _figures([("F1", "daklak_old", "provincial", 2017, 2018, "products_certified", 4)])
    assert _match(earlier) == {}  # the figure counts P2017 only


def test_no_published_match_when_another_owners_round_is_beside_it():
    figures = _figures([("F1", "daklak_old", "provincial", 2017, 2019, "products_certified", 4)])
    assert _match(figures, scope=None) == {}  # the merged scope counts PY2019 too
    assert _match(figures, scope="phuyen_old") == {}  # Phú Yên's scope does not count P2017, P2019
    with_merged = _match(figures, 2017, 2025)  # the merged province's round is in every scope
    assert with_merged == {}
    py = _figures([("PY1", "phuyen_old", "provincial", 2019, 2019, "products_certified", 4)])
    assert _match(py, 2019, 2019, scope="phuyen_old") == {("provincial", "certified"): ["PY1"]}


def test_no_published_match_when_no_round_is_chosen():
    figures = _figures([("F1", "daklak_old", "provincial", 2030, 2031, "products_certified", 4)])
    assert _match(figures, 2030, 2031) == {}  # nothing chosen and nothing theirs: no badge


def test_summary_text_leaves_out_levels_without_rounds_and_rates_only_the_provincial():
    heads = [
        overview.Headline("regional", 1, {"establishments": 2, "products": 3, "certified": 1}, 2018, None, {}),
        overview.Headline("national", 0, {"establishments": 0, "products": 0, "certified": 0}, None, None, {}),
    ]
    text = overview.summary_text(heads, 2012, 2021, "en")
    assert text == (
        "In 2012–2021, the province took part in 1 regional round with 2 establishment entries/"
        "3 product entries, 1 product certified."
    )
    assert overview.summary_text(heads[1:], 2012, 2021, "en") == ""
    provincial = overview.Headline(
        "provincial", 3, {"establishments": 10, "products": 8, "certified": 2}, 2021, 2019, {}
    )
    both = overview.summary_text([provincial, heads[0]], 2012, 2021, "en")
    assert both == (
        "In 2012–2021, the province held 3 provincial rounds with 10 establishment entries/8 product entries, "
        "2 products certified; took part in 1 regional round with 2 establishment entries/3 product entries, "
        "1 product certified. The provincial pass rate was 25.0% (2 of 8)."
    )
    empty = overview.Headline("provincial", 1, {"establishments": 0, "products": 0, "certified": 0}, 2021, None, {})
    assert "pass rate" not in overview.summary_text([empty], 2021, 2021, "en")
    single = overview.Headline("provincial", 1, {"establishments": 1, "products": 1, "certified": 0}, 2021, None, {})
    assert overview.summary_text([single], 2021, 2021, "en").startswith(
        "In 2021, the province held 1 provincial round with 1 establishment entry/1 product entry, "
        "0 products certified."
    )


# ---- fmt ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, lang, decimals, expected",
    [
        (1234.5, "en", 0, "1,234"),  # half to even, as Python formats
        (-1234.56, "vi", 2, "−1.234,56"),
        (1234567.891, "en", 2, "1,234,567.89"),
        (-0.04, "vi", 1, "0,0"),  # rounds to zero: no minus sign
        (-0.06, "vi", 1, "−0,1"),
        (-0.6, "en", 0, "−1"),
        (np.nan, "vi", 0, "–"),
        (pd.NA, "en", 0, "–"),
        (7, "vi", 0, "7"),
    ],
)
def test_number_edges(value, lang, decimals, expected):
    assert fmt.number(value, lang, decimals) == expected


def test_number_defaults_to_vietnamese_without_decimals():
    assert fmt.number(1234.5) == "1.234" and fmt.number(-1234567) == "−1.234.567"


@pytest.mark.parametrize(
    "vnd, vi, en",
    [
        (1e9, "1,0 tỷ đồng", "VND 1.0 billion"),  # exactly a billion: in billions
        (2.45e9, "2,5 tỷ đồng", "VND 2.5 billion"),
        (1e6, "1,0 triệu đồng", "VND 1.0 million"),
        (1e3, "1,0 nghìn đồng", "VND 1.0 thousand"),
        (999, "999 đồng", "VND 999"),
        (-1e3, "−1,0 nghìn đồng", "VND −1.0 thousand"),  # a loss keeps its scale
        (-999, "−999 đồng", "VND −999"),
        (0, "0 đồng", "VND 0"),
        (None, "–", "–"),
    ],
)
def test_money_scales_at_their_edges(vnd, vi, en):
    assert fmt.money(vnd, "vi") == vi and fmt.money(vnd, "en") == en


def test_money_decimals_and_default_language():
    assert fmt.money(1.25e6, "vi", 2) == "1,25 triệu đồng" and fmt.money(3.2e9) == "3,2 tỷ đồng"


def test_signed_percent_and_delta_edges():
    assert fmt.signed(3.456, "en", 1) == "+3.5" and fmt.signed(-1234, "vi") == "−1.234"
    assert fmt.signed(1234, "vi") == "+1.234" and fmt.signed(0.0, "en", 1) == "0.0" and fmt.signed(None) == "–"
    assert fmt.signed(1234.5, "en") == "+1,234"  # the language and decimals are passed on
    assert fmt.percent(0.0005, "vi", 1) == "0,1%" and fmt.percent(-0.1234, "en", 2) == "−12.34%"
    assert fmt.percent(1) == "100,0%" and fmt.percent(np.nan, "en") == "–"
    assert fmt.delta(-1234.5, "en", 1) == "-1,234.5" and fmt.delta(None) == "–" and fmt.delta(2) == "+2"
    assert fmt.signed(0.5, "en", 1) == "+0.5" and fmt.signed(-0.5, "en", 1) == "−0.5"  # a change under one


def test_signed_and_delta_default_to_vietnamese():
    assert fmt.signed(1234.5) == "+1.234" and fmt.delta(-1234) == "-1.234" and fmt.percent(0.5) == "50,0%"


def test_date_edges():
    import datetime as dt

    assert fmt.date(dt.date(2025, 1, 5)) == "05/01/2025"
    assert fmt.date(dt.datetime(2025, 1, 5, 13, 0), "en") == "5 January 2025"
    assert fmt.date("2024-02-29", "en") == "29 February 2024"
    assert fmt.date("") == "–" and fmt.date(None, "en") == "–"


def test_blank_cells_read_as_a_dash():
    assert fmt.text_or_dash(pd.NA) == "–" and fmt.text_or_dash(None) == "–" and fmt.text_or_dash(np.nan) == "–"
    assert fmt.text_or_dash("  ") == "–" and fmt.text_or_dash(" x ") == "x" and fmt.text_or_dash(0) == "0"
    assert fmt.text_or_dash([1, 2]) == "[1, 2]"  # a list is not a blank
    assert fmt.year_or_dash(2012.0) == "2012" and fmt.year_or_dash("2019") == "2019"
    assert fmt.year_or_dash(np.nan) == "–" and fmt.year_or_dash(None) == "–" and fmt.year_or_dash(pd.NaT) == "–"


# ---- statistics from the database's summary cells (stats.summary_from_cells and friends) ----


def test_band_quantiles_are_the_median_and_each_large_sizes_band_ends():
    assert stats.band_quantiles([]) == [0.5]
    assert stats.band_quantiles([10_000, 1000, 5], cap=1000) == pytest.approx([0.4902, 0.5, 0.5098], abs=1e-12)
    assert stats.band_quantiles([1001], cap=1000) == pytest.approx(
        [0.5 - 0.98 / 1001**0.5, 0.5, 0.5 + 0.98 / 1001**0.5]
    )
    assert stats.band_quantiles([3, 4], cap=0) == pytest.approx(
        [0.0, 0.01, 0.5, 0.99, 1.0], abs=1e-12
    )  # 3: the extremes
    assert stats.band_quantiles([2500, 10_000, 2500], cap=0) == pytest.approx(  # each size once, ascending
        [0.4804, 0.4902, 0.5, 0.5098, 0.5196], abs=1e-12
    )


def test_panel_sizes_are_every_group_and_cohort_size():
    growth = pd.DataFrame(
        {"comparison": ["certified", "entered_not_certified"], "panel_n": [7, 3], "cohort_sizes": [[4, 3], [3]]}
    )
    assert stats.panel_sizes(growth) == [7, 3, 4, 3]  # cohorts: the certified's only
    assert stats.panel_sizes(growth.iloc[0:0]) == []


def test_band_from_quantiles_is_the_large_sample_bootstrap_interval():
    """With the quantiles themselves as values, the band is 0.5 ∓ 1.96 / (2 √n) exactly."""
    at = stats.band_quantiles([10_000], cap=0)
    assert stats._band_from_quantiles(at, at, 10_000) == pytest.approx((0.5 - 0.0098, 0.5 + 0.0098), abs=1e-12)
    assert stats._band_from_quantiles(at, [1.0, 2.0, 4.0], 10_000) == (1.0, 4.0)  # the ends, not a mix
    wider = stats.band_quantiles([10_000, 2_500], cap=0)  # a size whose ends were asked for too
    assert stats._band_from_quantiles(wider, [0, 10, 20, 30, 40], 2_500) == (0.0, 40.0)
    assert stats._band_from_quantiles(wider, [0, 10, 20, 30, 40], 10_000) == (10.0, 30.0)


def _summary_cells():
    return pd.DataFrame(
        [
            {
                "comparison": "b",
                "rel_year": 0,
                "n": 10_000,
                "median": 0.5,
                "band_quantiles": stats.band_quantiles([10_000], cap=0),
                "band": [0.4902, 0.5, 0.5098],
                "idx_values": None,
            },
            {"comparison": "a", "rel_year": 1, "n": 4, "median": 2.5, "band": None, "idx_values": [1.0, 2.0, 3.0, 4.0]},
            {"comparison": "a", "rel_year": 0, "n": 5, "median": 3.0, "band": None, "idx_values": [5.0, 1, 4, 2, 3]},
        ]
    )


def test_summary_from_cells_bootstraps_small_cells_and_hides_those_under_five():
    s = stats.summary_from_cells(_summary_cells(), ["comparison"], n_boot=50)
    assert s.columns.tolist() == ["comparison", "rel_year", "n", "median", "lo", "hi"]
    assert s[["comparison", "rel_year", "n"]].values.tolist() == [["a", 0, 5], ["a", 1, 4], ["b", 0, 10_000]]
    expected = stats.median_band(np.array([5.0, 1, 4, 2, 3]), np.random.default_rng(policy.BOOTSTRAP_SEED), 50)
    assert tuple(s.iloc[0][["median", "lo", "hi"]]) == expected  # exactly five: shown, with n_boot draws
    assert s.iloc[1][["median", "lo", "hi"]].isna().all()  # four: hidden
    assert tuple(s.iloc[2][["median", "lo", "hi"]]) == pytest.approx((0.5, 0.4902, 0.5098), abs=1e-12)


def test_summary_from_cells_takes_its_own_minimum():
    s = stats.summary_from_cells(_summary_cells(), ["comparison"], min_n=4)
    assert s.iloc[1]["median"] == 2.5  # four is enough when the caller says so


def test_summary_from_cells_uses_the_band_when_values_are_missing():
    cells = _summary_cells().iloc[[0]].assign(idx_values=np.nan)  # a blank cell arrives as NaN, not None
    s = stats.summary_from_cells(cells, ["comparison"])
    assert tuple(s.iloc[0][["median", "lo", "hi"]]) == pytest.approx((0.5, 0.4902, 0.5098), abs=1e-12)


def test_growth_from_rows_shows_exactly_five_and_takes_its_own_minimum():
    rows = pd.DataFrame(
        {
            "comparison": ["a", "b"],
            "before_n": [5.0, 4.0],
            "before_growth": [0.1, 0.2],
            "after_n": [4, 5],
            "after_growth": [0.3, 0.4],
            "establishments": [9, 9],
        }
    )
    g = stats.growth_from_rows(rows)
    assert g.columns.tolist() == ["comparison", "before_n", "before_growth", "after_n", "after_growth"]
    assert g["before_n"].tolist() == [5, 4] and g["before_n"].dtype.kind == "i"
    assert g["before_growth"].tolist()[0] == 0.1 and np.isnan(g["before_growth"].tolist()[1])
    assert np.isnan(g["after_growth"].tolist()[0]) and g["after_growth"].tolist()[1] == 0.4
    assert stats.growth_from_rows(rows, min_n=4)["before_growth"].tolist() == [0.1, 0.2]
    blank = stats.growth_from_rows(rows.assign(after_growth=[None, None]))
    assert blank["after_growth"].dtype == float


def test_cached_summary_computes_once_per_key_and_hands_out_copies():
    key = ("test-mutation", "snapshot-x", 1)
    first = stats.cached_summary(key, _summary_cells(), ["comparison"])
    assert first.equals(stats.summary_from_cells(_summary_cells(), ["comparison"]))
    first.loc[0, "n"] = -1  # the caller's copy, not the cache's
    again = stats.cached_summary(key, _summary_cells().iloc[0:0], ["comparison"])  # not recomputed
    assert again["n"].tolist() == [5, 4, 10_000]
    by_other = stats.cached_summary(key, _summary_cells(), ["rel_year"])  # another grouping is another entry
    assert by_other.columns.tolist()[0] == "rel_year"


def test_score_title_from_boxes_weighs_rounds_by_entries_judged():
    boxes = pd.DataFrame(
        {"judged": [10, 0, 30, 30], "eligible": [5, 0, 15, 12], "pass_threshold": [70.0, 50.0, 65.0, 75.0]}
    )
    # 32 of 70 judged entries reach their threshold; 65 and 75 tie on 30 entries: the lower is named
    assert findings.score_title_from_boxes(boxes, "en") == (
        "Score distribution: 46% of entries reach the 65-point threshold"
    )
    assert findings.score_title_from_boxes(boxes.assign(judged=0), "vi") == EMPTY_VI
    assert findings.score_title_from_boxes(boxes.iloc[0:0], "en") == EMPTY_EN
    most = boxes.assign(judged=[10, 0, 30, 31])
    assert findings.score_title_from_boxes(most, "en").endswith("the 75-point threshold")


def test_summary_text_formats_thousands_in_each_language():
    big = overview.Headline(
        "provincial", 12, {"establishments": 1234, "products": 2345, "certified": 1500}, 2021, 2019, {}
    )
    assert overview.summary_text([big], 2012, 2021, "vi") == (
        "Giai đoạn 2012–2021, tỉnh tổ chức 12 kỳ bình chọn cấp tỉnh với 1.234 lượt cơ sở/2.345 lượt sản phẩm "
        "tham gia, 1.500 sản phẩm được công nhận. Tỷ lệ được công nhận cấp tỉnh là 64,0% (1.500/2.345)."
    )
    assert overview.summary_text([big], 2012, 2021, "en") == (
        "In 2012–2021, the province held 12 provincial rounds with 1,234 establishment entries/2,345 product "
        "entries, 1,500 products certified. The provincial pass rate was 64.0% (1,500 of 2,345)."
    )


# ---- faults found at the edges by the mutation run, fixed in cnnt/fmt.py ----


def test_a_change_that_rounds_to_zero_has_no_sign():
    assert fmt.signed(-0.4, "vi") == "0" and fmt.signed(0.4, "vi") == "0" and fmt.delta(-0.4) == "0"


def test_money_just_under_a_scale_rounds_up_into_it():
    assert fmt.money(999_999_999, "vi") == "1,0 tỷ đồng" and fmt.money(999_960, "en") == "VND 1.0 million"
    assert fmt.money(999_940, "en") == "VND 999.9 thousand" and fmt.money(-999_999_999, "vi") == "−1,0 tỷ đồng"


# ---- edges pinned after the mutation run of 28/11/2026 (docs/mutation-testing.md) ----------

# Twelve distinct values: the bootstrap medians spread, so the 2.5th and 3.5th percentiles differ.
SPREAD = np.array([12.0, 31.0, 7.0, 45.0, 18.0, 26.0, 3.0, 39.0, 22.0, 15.0, 50.0, 9.0])


def _band(values, rng, n_boot):
    draws = rng.integers(0, len(values), size=(n_boot, len(values)))  # every establishment can be drawn
    medians = np.median(values[draws], axis=1)
    return float(np.median(values)), float(np.percentile(medians, 2.5)), float(np.percentile(medians, 97.5))


def test_median_band_is_the_2_5th_to_97_5th_percentile_of_resampled_medians():
    got = stats.median_band(SPREAD, np.random.default_rng(11), 300)
    assert got == _band(SPREAD, np.random.default_rng(11), 300)
    assert got == (20.0, 10.5, 32.5)


def _spread_panel():
    return pd.DataFrame({"comparison": "a", "rel_year": 0, "establishment_id": [f"E{i}" for i in range(12)]}).assign(
        idx=SPREAD
    )


def test_the_number_of_bootstrap_draws_is_passed_on():
    """indexed_medians and summary_from_cells draw n_boot resamples, not the policy's 400."""
    fifty = _band(SPREAD, np.random.default_rng(policy.BOOTSTRAP_SEED), 50)
    assert fifty != _band(SPREAD, np.random.default_rng(policy.BOOTSTRAP_SEED), 400)  # the count matters here
    s = stats.indexed_medians(_spread_panel(), ["comparison"], n_boot=50)
    assert tuple(s.iloc[0][["median", "lo", "hi"]]) == fifty
    cells = pd.DataFrame(
        [{"comparison": "a", "rel_year": 0, "n": 12, "median": 20.0, "band": None, "idx_values": list(SPREAD)}]
    )
    s = stats.summary_from_cells(cells, ["comparison"], n_boot=50)
    assert tuple(s.iloc[0][["median", "lo", "hi"]]) == fifty


def test_points_hidden_everywhere_are_still_numbers():
    """When a filter leaves every point under five establishments the columns stay float (NaN),
    so a chart or a subtraction on them still works."""
    few = _est_panel({("a", 0): [1.0, 2.0], ("a", 1): [3.0]})
    s = stats.indexed_medians(few, ["comparison"])
    assert all(s[c].dtype == float for c in ("median", "lo", "hi")) and s["median"].isna().all()
    rates = stats.support_rates(_windows({("certified", "after"): [10e6] * 4}))
    assert all(rates[c].dtype == float for c in ("per_year", "lo", "hi")) and rates["per_year"].isna().all()
    cells = _summary_cells().iloc[[1]]  # four establishments
    s = stats.summary_from_cells(cells, ["comparison"])
    assert all(s[c].dtype == float for c in ("median", "lo", "hi")) and s["median"].isna().all()


def test_no_establishment_gives_an_empty_table_with_its_columns():
    panel = _est_panel({("a", 0): [1.0]}).iloc[0:0]
    assert stats.indexed_medians(panel, ["comparison"]).columns.tolist() == [
        "comparison",
        "rel_year",
        "n",
        "median",
        "lo",
        "hi",
    ]
    windows = _windows({("certified", "after"): [1.0]}).iloc[0:0]
    assert stats.support_rates(windows).columns.tolist() == ["status", "period", "n", "years", "per_year", "lo", "hi"]
    cells = _summary_cells().iloc[0:0]
    assert stats.summary_from_cells(cells, ["comparison"]).columns.tolist() == [
        "comparison",
        "rel_year",
        "n",
        "median",
        "lo",
        "hi",
    ]


def test_locality_title_in_english():
    frame = pd.DataFrame({"name": ["A", "B", "C"], "products": [3, 1205, 7]})
    assert findings.locality_title(frame, "en") == "B has the most entries (1,205)"


def test_event_title_in_english_without_a_reference_and_with_a_large_index():
    assert findings.event_title(_comparison({}, ref=None), "Revenue", NAMES, "en") == (
        "Revenue around the year of certification"
    )
    big = findings.event_title(_comparison({"a": (120.6, "higher")}, ref=(2345.0, 7)), "Revenue", NAMES, "en")
    assert big.startswith("Revenue in year −2 (index, year −1 = 100): certified 2,345; Nhóm A 121")


def test_timeline_title_counts_a_round_of_one_product_and_names_the_last_round():
    rounds = pd.DataFrame({"level": "provincial", "year": [2017, 2015, 2021, 2019], "products": [1200, 1, 1500, 800]})
    assert findings.timeline_title(rounds, "en") == "Provincial entries: 1 (2015) → 1,500 (2021)"
    two = pd.DataFrame({"level": "provincial", "year": [2017, 2019], "products": [1200, 1500]})
    assert findings.timeline_title(two, "en") == "Provincial entries: 1,200 (2017) → 1,500 (2019)"
    assert findings.timeline_title(two, "vi") == "Sản phẩm tham gia cấp tỉnh: 1.200 (2017) → 1.500 (2019)"


def test_new_returning_title_formats_thousands_in_each_language():
    frame = pd.DataFrame(
        {"establishments_new": [3], "establishments_returning": [1], "products_reentering_after_failing": [1234]}
    )
    assert findings.new_returning_title(frame, "vi").endswith("; 1.234 sản phẩm dự lại sau khi trượt")
    assert findings.new_returning_title(frame, "en").endswith("; 1,234 products re-entered after failing")


def test_score_title_from_boxes_counts_a_round_with_one_judged_entry():
    boxes = pd.DataFrame({"judged": [1, 3], "eligible": [1, 0], "pass_threshold": [60.0, 70.0]})
    assert findings.score_title_from_boxes(boxes, "en") == (
        "Score distribution: 25% of entries reach the 70-point threshold"
    )


def test_funnel_title_treats_an_unknown_regional_round_as_not_held():
    """DuckDB hands a boolean column with a null over as pandas' nullable boolean (pd.NA)."""
    prog = pd.DataFrame(
        {
            "provincial_certified": [4, 6],
            "regional_entered": [2, 6],
            "regional_held": pd.array([True, pd.NA], dtype="boolean"),
        }
    )
    assert findings.funnel_title(prog, "en").startswith("From provincial to national: 50%")


def test_money_under_a_thousand_dong_that_rounds_to_a_thousand_moves_up():
    """999.6 đồng (a support amount spread over years need not be whole) reads 1,0 nghìn, not 1.000 đồng."""
    assert fmt.money(999.6, "vi") == "1,0 nghìn đồng" and fmt.money(999.6, "en") == "VND 1.0 thousand"
    assert fmt.money(999.4, "vi") == "999 đồng"


def test_complementary_suppression_repeats_while_the_hidden_cells_rest_on_too_few(monkeypatch):
    """Under a stricter policy (hidden cells resting together on at least seven) one
    complementary cell is not enough: the next smallest is hidden too, and no more."""
    monkeypatch.setattr(policy, "MIN_ESTABLISHMENTS_ACROSS_HIDDEN", 7)
    t = _protect(
        [
            (2020, "a", 5.0, 1, 5.0),
            (2020, "b", 10.0, 3, 4.0),
            (2020, "c", 20.0, 3, 8.0),
            (2020, "d", 100.0, 5, 30.0),
        ]
    )
    assert t["reason"].fillna("shown").to_dict() == {
        "a": "n<3",
        "b": "complementary",
        "c": "complementary",
        "d": "shown",
        "__total__": "shown",
    }
