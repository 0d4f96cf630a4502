"""Every finding title is computed from the numbers of its chart and states the
comparison: fixture data where the comparison group does better, as well and worse."""

from __future__ import annotations

import pandas as pd
import pytest

from cnnt import findings, stats


def _windows(groups: dict[tuple[str, str], list[float]], years: int = 3) -> pd.DataFrame:
    rows = []
    for (status, period), amounts in groups.items():
        for i, a in enumerate(amounts):
            rows.append(
                {
                    "status": status,
                    "period": period,
                    "establishment_id": f"{status}-{i}",
                    "years": years,
                    "amount_vnd": a,
                }
            )
    return pd.DataFrame(rows)


SIX = [300e6, 330e6, 270e6, 300e6, 330e6, 270e6]  # 100 million per year on average


@pytest.mark.parametrize(
    "before, verdict_vi",
    [
        ([30e6, 0, 60e6, 30e6, 0, 60e6], "sau công nhận cao hơn rõ"),  # the comparison does worse
        (SIX, "không thấy khác biệt rõ"),  # as well
        ([900e6, 960e6, 1020e6, 900e6, 960e6, 1020e6], "sau công nhận thấp hơn rõ"),  # better
    ],
)
def test_support_title_per_establishment_per_year_against_before(before, verdict_vi):
    rates = stats.support_rates(_windows({("certified", "after"): SIX, ("certified", "before"): before}))
    title = findings.support_title(rates, 3, "vi")
    assert "100,0 triệu đồng/cơ sở/năm" in title and verdict_vi in title and "3 năm" in title


def test_support_counts_establishments_without_grants_as_zero_and_hides_small_groups():
    rates = stats.support_rates(
        _windows({("certified", "after"): [300e6, 0, 0, 0, 0], ("never_entered", "all"): [1e6]})
    )
    after = rates.set_index("status").loc["certified"]
    assert after["per_year"] == pytest.approx(20e6) and after["n"] == 5
    never = rates.set_index("status").loc["never_entered"]
    assert never["n"] == 1 and pd.isna(never["per_year"])


def _criteria(lost: dict[str, float]) -> pd.DataFrame:
    rows = []
    for code, value in lost.items():
        rows.append(
            {
                "criteria_code": code,
                "name_vi": f"Tiêu chí {code}",
                "name_en": f"Criteria {code}",
                "max_points": 40.0,
                "outcome": "not_certified",
                "entries": 10,
                "avg_points": 40.0 - value,
                "avg_share": (40.0 - value) / 40,
            }
        )
    return pd.DataFrame(rows)


def test_criteria_ranked_by_points_lost():
    title = findings.criteria_title(_criteria({"C1": 9.0, "C2": 6.0, "C3": 2.0}), "vi")
    assert "Tiêu chí C1" in title and "9,0 điểm" in title and "Tiêu chí C2" not in title


def test_a_near_tie_is_called_a_tie():
    title = findings.criteria_title(_criteria({"C1": 6.2, "C2": 6.0, "C3": 2.0}), "en")
    assert "about as many points in Criteria C1 as in Criteria C2" in title


def test_exactly_the_tie_margin_is_not_a_tie():
    from cnnt import policy

    title = findings.criteria_title(_criteria({"C1": 6.0 + policy.NEAR_TIE_POINTS, "C2": 6.0}), "en")
    assert "lose most points in: Criteria C1" in title
