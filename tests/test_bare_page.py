"""The benchmarks' yardstick page (benchmarks/bare_page.py) draws what it is asked to:
the page ratios in the README are only as fair as this page is.  Each variant runs
under AppTest: the charts and their point counts, the filter that redraws them with
other numbers, and the chrome (navigation and the app's sidebar widget kinds)."""

from __future__ import annotations

import base64
import json

from streamlit.testing.v1 import AppTest

from tests.conftest import PROJECT

BARE = str(PROJECT / "benchmarks" / "bare_page.py")
SPEC = [[{"type": "bar", "n": 42}], [{"type": "scatter", "n": 7}, {"type": "box", "n": 3}]]


def _run(**params: str) -> AppTest:
    at = AppTest.from_file(BARE, default_timeout=60)
    at.query_params["spec"] = base64.urlsafe_b64encode(json.dumps(SPEC).encode()).decode()
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception
    return at


def _traces(at: AppTest) -> list[list[dict]]:
    return [json.loads(chart.proto.spec)["data"] for chart in at.get("plotly_chart")]


def _points(trace: dict) -> int:
    x = trace["x"]
    return len(base64.b64decode(x["bdata"])) // 8 if isinstance(x, dict) else len(x)


def test_the_bare_page_draws_the_charts_and_points_it_is_given_and_nothing_else():
    at = _run()
    charts = _traces(at)
    assert [[tr.get("type", "scatter") for tr in c] for c in charts] == [["bar"], ["scatter", "box"]]
    assert [[_points(tr) for tr in c] for c in charts] == [[42], [7, 3]]
    assert len(at.sidebar.children) == 0 and not at.get("multiselect")


def test_its_filter_redraws_the_same_charts_with_other_numbers():
    at = _run(filter="1")
    before = _traces(at)
    [box] = at.get("multiselect")
    assert box.label == "Bộ lọc"
    box.set_value(["B"])
    at.run()
    after = _traces(at)
    assert [[_points(tr) for tr in c] for c in after] == [[42], [7, 3]]
    assert after[0][0]["y"] != before[0][0]["y"]


def test_with_the_chrome_it_has_the_navigation_and_the_apps_sidebar_widget_kinds():
    at = _run(chrome="1")
    assert len(at.get("plotly_chart")) == 2
    kinds = [type(e).__name__ for e in at.sidebar]
    for kind, count in (("Selectbox", 2), ("Radio", 1), ("Slider", 1), ("Multiselect", 3)):
        assert kinds.count(kind) == count, (kind, kinds)
    assert [m.label for m in at.get("multiselect")][-1] == "Bộ lọc"
