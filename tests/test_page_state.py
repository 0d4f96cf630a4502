"""Every deep-linkable state is in the URL (a copied link reopens the same view), every
download carries the page's state next to the filters, and a chart or table with
nothing to show says why in one sentence."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from cnnt import ui
from tests.conftest import PROJECT, SAMPLE_ROOT, shown_tables


def _app(monkeypatch, root, **query):
    monkeypatch.setenv("CNNT_DATA_DIR", str(root))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    for k, v in query.items():
        at.query_params[k] = v
    return at


def _open(at, page):
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def _url(at, key):
    value = at.query_params[key]
    return value if isinstance(value, list) else [value]


@pytest.fixture
def metas(monkeypatch):
    """What each download of the page would carry about itself."""
    seen: list[dict[str, str]] = []
    original = ui.export_meta

    def recording(ctx, title, state=None):
        meta = original(ctx, title, state)
        seen.append(dict(meta))
        return meta

    monkeypatch.setattr(ui, "export_meta", recording)
    return seen


def test_revenue_sliders_come_from_and_go_to_the_link(monkeypatch, metas):
    at = _open(_app(monkeypatch, SAMPLE_ROOT, lang="en", rev_window="8", rev_years_after="2"), "pages/revenue.py")
    assert at.slider(key="rev_window").value == 8 and at.slider(key="rev_years_after").value == 2
    at.slider(key="rev_window").set_value(3).run()
    assert _url(at, "rev_window") == ["3"]
    threshold = [m for m in metas if m.get("Points either side of the threshold") == "3"]
    assert (
        threshold
        and threshold[-1]["Data snapshot"]
        and "rev_window=3" in threshold[-1]["Link that reopens this page as it is"]
    )


def test_lookup_search_and_choice_are_in_the_link(monkeypatch, fixture_root):
    at = _open(_app(monkeypatch, fixture_root, lookup_q="ca cao"), "pages/lookup.py")
    assert at.text_input(key="lookup_q").value == "ca cao"
    assert _url(at, "lookup_q") == ["ca cao"]
    assert _url(at, "lookup_pick") == [at.selectbox(key="lookup_pick").value]


def test_drill_down_rounds_and_certified_only_are_in_the_link(monkeypatch, fixture_root, metas):
    at = _open(
        _app(monkeypatch, fixture_root, lang="en", part_drill_rounds="P2019", part_certified_only="true"),
        "pages/participation.py",
    )
    assert at.multiselect(key="part_drill_rounds").value == ["P2019"]
    assert at.toggle(key="part_certified_only").value is True
    table = shown_tables(at)[-1]
    assert len(table) == 2 and set(table.iloc[:, 0]) == {"P2019"}
    entries = [m for m in metas if m.get("Round") == "P2019"]
    assert entries and entries[-1]["Certified products only"] == "Yes"
    assert [m for m in metas if m.get("Broken down by") == "Product group"]


def test_map_colouring_and_prospect_localities_are_in_the_link(monkeypatch, fixture_root, metas):
    at = _open(_app(monkeypatch, fixture_root, lang="en", view="current"), "pages/localities.py")
    at.selectbox(key="loc_measure").set_value("gap").run()
    assert _url(at, "loc_measure") == ["gap"]
    at.multiselect(key="loc_prospect_units").set_value(["N24400"]).run()
    assert _url(at, "loc_prospect_units") == ["N24400"]
    shown = [m for m in metas if m.get("Colour by")]
    assert shown[-1]["Colour by"] == "Engagement gap"
    assert shown[-1]["View localities as"] == "As it is now (communes and wards)"
    assert shown[-1]["Localities"] == "All"  # the sidebar's filter, its own line
    listed = [m for m in metas if "Localities in this list" in m]
    assert listed and listed[-1]["Localities"] == "All" and listed[-1]["Localities in this list"] not in ("", "All")


def test_a_period_without_rounds_says_so_instead_of_empty_charts(monkeypatch, fixture_root):
    at = _open(_app(monkeypatch, fixture_root, lang="en", years="2012-2013"), "pages/participation.py")
    said = [i.value for i in at.info]
    assert any("No round was held in 2012–2013" in s for s in said), said


def test_a_locality_in_a_period_without_its_rounds_is_not_called_never(monkeypatch, merged_root):
    # Old Phú Yên's districts had no round open to them in 2017–2018 (their first is 2019).
    at = _open(
        _app(monkeypatch, merged_root, lang="en", years="2017-2018", view="legacy", unit="L555"),
        "pages/locality_profile.py",
    )
    said = " ".join(i.value for i in at.info)
    assert "No provincial round was open to" in said and "never took part" not in said.replace("“never took part”", "")
