"""Charts carry statistics, not rows: on the sample copied 20 times (over 5,000 entries, so
a chart of every score would break the bound) no figure of any page sends more than
5,000 points to the browser, and every page runs."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT

MAX_POINTS = 5000
SCALE = 20
PAGES = sorted(p.relative_to(PROJECT).as_posix() for p in PROJECT.glob("pages/*.py"))


@pytest.fixture(scope="module")
def scaled_root(tmp_path_factory):
    from cnnt.__main__ import publish_sample

    root = tmp_path_factory.mktemp(f"x{SCALE}")
    publish_sample(root, True, SCALE)
    return root


def _length(values) -> int:
    """Entries of a trace array, also when Plotly sends it as a typed array ({dtype, bdata})."""
    if isinstance(values, dict) and "bdata" in values:
        import base64

        import numpy as np

        shape = values.get("shape")
        if shape:
            return int(np.prod([int(x) for x in str(shape).split(",")]))
        return len(base64.b64decode(values["bdata"])) // np.dtype(values["dtype"]).itemsize
    return len(values or [])


def points(spec: dict) -> int:
    total = 0
    for trace in spec.get("data", []):
        total += max((_length(trace.get(k)) for k in ("x", "y", "q1", "lat", "lon")), default=0)
    return total


def test_points_are_counted_in_typed_arrays_too():
    import numpy as np
    import plotly.graph_objects as go
    import plotly.io as pio

    fig = go.Figure(go.Scatter(x=np.arange(6001), y=np.random.default_rng(1).random(6001)))
    assert points(json.loads(pio.to_json(fig))) == 6001


@pytest.mark.parametrize("page", PAGES)
def test_no_figure_sends_more_than_5000_points(monkeypatch, scaled_root, page):
    from cnnt.store import Store

    entries = len(Store(scaled_root).read_table(Store(scaled_root).current_id(), "entries"))
    assert entries > MAX_POINTS
    monkeypatch.setenv("CNNT_DATA_DIR", str(scaled_root))
    monkeypatch.setenv("CNNT_OPEN_ROLE", "leadership")
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        assert points(spec) <= MAX_POINTS, (page, points(spec))


def test_a_capped_prospect_list_says_how_many_it_shows(monkeypatch, scaled_root):
    """×20 holds thousands of prospects: the screen lists the most promising and says so;
    the title's count is all of them."""
    from cnnt.prospects import SHOWN

    monkeypatch.setenv("CNNT_DATA_DIR", str(scaled_root))
    monkeypatch.setenv("CNNT_OPEN_ROLE", "leadership")
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/localities.py")
    at.run()
    assert not at.exception, at.exception
    shown = [c.value for c in at.caption if "most promising" in c.value or "triển vọng nhất" in c.value]
    assert len(shown) == 1 and f"{SHOWN:,}".replace(",", ".") in shown[0]
