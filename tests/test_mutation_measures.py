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
    assert not {"comp_value", "comp_n", "comp_largest"} & set(t.columns)


def test_a_total_whose_complement_is_small_is_suppressed_by_difference():
    t = _protect(
        [(2020, "a", 100.0, 5, 30.0), (2020, "b", 200.0, 6, 40.0)],
        comp_value=[0.0, 10.0],
        comp_n=[0, 1],
        comp_largest=[np.nan, 10.0],
    )
    assert pd.isna(t.loc["a", "reason"])
    assert t.loc["b", "reason"] == "difference" and t.loc["__total__", "reason"] == "difference"


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
    assert other_ref["reference"] == {"median": 110.0, "n": 8} and other_ref["others"]["certified"]["verdict"] == "lower"


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
        {"comparison": "c", "cohort": 2019, "establishment_id": "wide", "rel_year": y, "idx": 1.0}
        for y in range(-5, 5)
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
    rates = stats.support_rates(_windows({("certified", "after"): amounts, ("certified", "before"): amounts[:4]}))
    after = rates.set_index(["status", "period"]).loc[("certified", "after")]
    assert after["n"] == 5 and after["years"] == 3 and after["per_year"] == pytest.approx(20e6)
    rng = np.random.default_rng(policy.BOOTSTRAP_SEED)
    _, lo, hi = stats.mean_band(np.array(amounts) / 3, rng)  # (after) comes before (before) in sorted order
    assert (after["lo"], after["hi"]) == (lo, hi)
    before = rates.set_index(["status", "period"]).loc[("certified", "before")]
    assert before["n"] == 4 and before[["per_year", "lo", "hi"]].isna().all()
    assert rates.columns.tolist() == ["status", "period", "n", "years", "per_year", "lo", "hi"]


def test_support_rates_count_distinct_establishments_and_the_longest_window():
    w = _windows({("certified", "after"): [10e6] * 5})
    w = pd.concat([w, w.iloc[[0]].assign(years=5)], ignore_index=True)  # a second row of one establishment
    r = stats.support_rates(w).iloc[0]
    assert r["n"] == 5 and r["years"] == 5
