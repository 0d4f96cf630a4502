"""The visual language: one colour per meaning, the same on every chart and page.

A colour means one thing everywhere: blue-purple-orange are the three levels;
green / amber / red are the outcomes of an entry (certified, eligible but not
certified, not eligible) and green stays "certified" in the comparison groups;
the engagement classes of localities run on their own red-to-teal scale; grey is
"unknown", "no round held" or background.  Charts take their colours from here
and every legend names them.
"""

from __future__ import annotations

LEVEL = {"provincial": "#1f6f8b", "regional": "#e07b39", "national": "#7a4eab"}
LEVEL_LIGHT = {"provincial": "#a6cee3", "regional": "#fdbf6f", "national": "#cab2d6"}  # entered (light) vs certified

OUTCOME = {
    "certified": "#2e7d32",
    "eligible_not_certified": "#f9a825",
    "not_eligible": "#c62828",
    "not_certified": "#c62828",
    "unknown": "#9e9e9e",  # no score recorded
}

COMPARISON = {
    "certified": OUTCOME["certified"],
    "entered_not_certified": "#8d6e63",
    "not_yet_certified": "#546e7a",
    "never_entered": "#bdbdbd",
    "above": OUTCOME["certified"],  # near the threshold: above the pass mark
    "below": "#8d6e63",
}

ENGAGEMENT = {
    "never": "#b2182b",
    "lapsed": "#ef8a62",
    "below": "#f4d35e",
    "ok": "#2b8cbe",
    "no_round": "#d9d9d9",  # no round open to it in the period: not counted as "never"
}

GROUP = {"G1": "#a6761d", "G2": "#66a61e", "G3": "#666666", "G4": "#e7298a"}
LEGAL_FORM = {"doanh_nghiep": "#1b9e77", "hop_tac_xa": "#d95f02", "to_hop_tac": "#e6ab02", "ho_kinh_doanh": "#7570b3"}

NEUTRAL = {"entered": "#90a4ae", "background": "#c8c8c8", "grid": "#e5e5e5", "threshold": "#c62828", "base": "#888888"}
NEW_RETURNING = {"new": "#1f6f8b", "returning": "#a6cee3", "reentering": "#e07b39"}
SUPPORT_SERIES = {
    "certified:before": "#a5d6a7",
    "certified:after": OUTCOME["certified"],
    "entered_not_certified:all": COMPARISON["entered_not_certified"],
    "never_entered:all": COMPARISON["never_entered"],
}
FUNNEL = {
    "provincial_entered": LEVEL_LIGHT["provincial"],
    "provincial_certified": LEVEL["provincial"],
    "regional_entered": LEVEL_LIGHT["regional"],
    "regional_certified": LEVEL["regional"],
    "national_entered": LEVEL_LIGHT["national"],
    "national_certified": LEVEL["national"],
}

# Cohorts (years of certification) are an ordered series, never a level or an outcome.
COHORTS = ["#08519c", "#3182bd", "#6baed6", "#9ecae1", "#74c476", "#31a354"]

LEVEL_ORDER = {"provincial": 1, "regional": 2, "national": 3}


def round_order(frame, year: str = "year", level: str = "level"):
    """Rounds by year, and within a year provincial → regional → national."""
    return frame.assign(_lv=frame[level].map(LEVEL_ORDER)).sort_values([year, "_lv"]).drop(columns="_lv")
