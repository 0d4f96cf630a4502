"""One visual language: colours come from cnnt.palette only, one meaning each."""

import re

from cnnt import palette
from tests.conftest import PROJECT

HEX = re.compile(r"#[0-9a-fA-F]{6}\b")


def test_no_chart_or_page_picks_its_own_colours():
    files = [PROJECT / "cnnt" / "charts.py", *sorted((PROJECT / "pages").glob("*.py")), PROJECT / "dashboard.py"]
    found = {f.name: HEX.findall(f.read_text("utf-8")) for f in files}
    assert not any(found.values()), found


def test_each_meaning_has_its_own_colour():
    assert len(set(palette.LEVEL.values())) == 3
    meanings = {
        "certified": palette.OUTCOME["certified"],
        "eligible_not_certified": palette.OUTCOME["eligible_not_certified"],
        "not_eligible": palette.OUTCOME["not_eligible"],
    }
    assert len(set(meanings.values())) == 3
    assert palette.COMPARISON["certified"] == palette.OUTCOME["certified"]  # "certified" reads the same everywhere
    # Engagement classes never reuse a level or outcome colour.
    others = set(palette.LEVEL.values()) | set(meanings.values())
    assert not (set(palette.ENGAGEMENT.values()) & others)


def test_rounds_are_ordered_by_year_then_level():
    import pandas as pd

    frame = pd.DataFrame(
        {"year": [2019, 2019, 2018, 2019], "level": ["national", "provincial", "regional", "regional"]}
    )
    ordered = palette.round_order(frame)
    assert list(zip(ordered["year"], ordered["level"], strict=True)) == [
        (2018, "regional"),
        (2019, "provincial"),
        (2019, "regional"),
        (2019, "national"),
    ]
