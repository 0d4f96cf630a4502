"""The map: the Department's boundaries checked on load and drawn as a choropleth
offline, the schematic map saying it is one, labels that do not collide, and the
map as an image to print.

``tests/fixtures/boundaries.geojson`` was made for the merged fixture: a small
square (±0.05°) around the centroid of each old district (named by ``ma_huyen``)
and each new commune (named by ``code``), in RFC 7946 winding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from cnnt import charts, geo
from tests.conftest import PROJECT

BOUNDARIES = PROJECT / "tests" / "fixtures" / "boundaries.geojson"


def _places(db, sid, view, scope=None):
    params = {"view": view, "year_from": 2012, "year_to": 2025, "groups": None, "scope": scope}
    return db.query(sid, "locality_engagement", params)


@pytest.fixture(scope="module")
def units(merged_db, merged_id):
    return merged_db.query(merged_id, "map_units", {})


@pytest.mark.parametrize("view", ["legacy", "current"])
def test_fixture_boundaries_cover_every_locality_of_both_former_provinces(merged_db, merged_id, units, view):
    places = _places(merged_db, merged_id, view)
    found = geo.for_view(units, view, places, BOUNDARIES)
    assert found.problems == [] and found.usable
    own = places[~places["commune_unknown"].astype(bool)]
    assert found.drawn == set(own["unit_id"])
    assert {"54", "66"} <= set(places["territory"])  # old Phú Yên is on both maps


def test_the_check_names_unmatched_unusable_and_missing(merged_db, merged_id, units, tmp_path):
    doc = json.loads(BOUNDARIES.read_text("utf-8"))
    doc["features"] = [f for f in doc["features"] if f["properties"].get("ma_huyen") != "656"]  # Huyện Lắk
    doc["features"].append({"type": "Feature", "properties": {"code": "99999"}, "geometry": None})
    doc["features"].append(
        {"type": "Feature", "properties": {"ma_huyen": "643"}, "geometry": {"type": "Point", "coordinates": [1, 2]}}
    )
    doc["features"].append(  # projected metres (VN-2000), not degrees
        {
            "type": "Feature",
            "properties": {"unit_id": "L555"},
            "geometry": {"type": "Polygon", "coordinates": [[[500000, 1400000], [501000, 1400000], [501000, 1401000]]]},
        }
    )
    path = tmp_path / "ranh-gioi.geojson"
    path.write_text(json.dumps(doc), "utf-8")
    found = geo.for_view(units, "legacy", _places(merged_db, merged_id, "legacy"), path)
    problems = dict(found.problems)
    assert problems["geo.problem.unmatched"] == {"n": 1, "codes": "99999"}
    assert problems["geo.problem.unusable"] == {"n": 2, "codes": "643, L555"}
    assert problems["geo.problem.missing"] == {"n": 1, "names": "Huyện Lắk"}
    assert found.usable and "L643" in found.drawn  # the good square of 643 is still drawn
    from cnnt.i18n import t

    for key, values in found.problems:
        assert t(key, "en", **values) and t(key, "vi", **values)


def test_unconfigured_unreadable_or_foreign_files_leave_the_schematic(merged_db, merged_id, units, tmp_path):
    places = _places(merged_db, merged_id, "legacy")
    assert geo.configured_path({}) is None
    assert geo.configured_path({"CNNT_BOUNDARIES": "/srv/x.geojson"}) == Path("/srv/x.geojson")
    bad = tmp_path / "hong.geojson"
    bad.write_text("{not json", "utf-8")
    found = geo.for_view(units, "legacy", places, bad)
    assert not found.usable and found.problems[0][0] == "geo.problem.unreadable"
    other = tmp_path / "tinh-khac.geojson"
    other.write_text(json.dumps({"type": "FeatureCollection", "features": []}), "utf-8")
    assert [k for k, _ in geo.for_view(units, "legacy", places, other).problems] == ["geo.problem.none_for_view"]
    missing = geo.for_view(units, "legacy", places, tmp_path / "khong-co.geojson")
    assert missing.problems[0][0] == "geo.problem.unreadable"


@pytest.mark.parametrize("measure", ["engagement_class", "pass_rate"])
def test_choropleth_fills_each_boundary_and_needs_no_network(merged_db, merged_id, units, measure):
    places = _places(merged_db, merged_id, "current")
    found = geo.for_view(units, "current", places, BOUNDARIES)
    fig = charts.locality_map(places, None, measure, "t", "en", boundaries=found.geojson)
    shapes = [tr for tr in fig.data if tr.fill == "toself"]
    assert len(shapes) == len(found.drawn)
    spec = fig.to_plotly_json()
    assert not any(tr["type"] in ("choropleth", "scattergeo", "choroplethmap") for tr in spec["data"])
    assert "geo" not in spec["layout"] and "map" not in spec["layout"]  # nothing fetches a world outline or tiles
    assert fig.layout.annotations[0].text.startswith("Map on the administrative boundaries")
    dots = [tr for tr in fig.data if tr.mode == "markers" and tr.customdata is not None][0]
    unknown = list(places["commune_unknown"].astype(bool))
    assert [s for s, u in zip(dots.marker.size, unknown, strict=True) if u] == [12]  # district known, commune unknown


def test_schematic_map_says_so_and_names_do_not_collide(sample_db, sample_id):
    for view in ("legacy", "current"):
        places = _places(sample_db, sample_id, view)
        background = sample_db.query(sample_id, "unit_points", {"view": view})
        assert {"54", "66"} <= set(places["territory"])
        fig = charts.locality_map(places, background, "engagement_class", "t", "vi")
        assert fig.layout.annotations[0].text.startswith("Sơ đồ")
        named = [x for tr in fig.data if tr.text is not None for x in tr.text if x]
        assert 10 <= len(named) <= charts.MAP_LABELS
    # Ten localities on one spot: the most important is named first, the others only where a
    # name fits beside it, and never two names in one place; the rest show on hover.
    names = [f"Xã số {i}" for i in range(10)]
    positions = geo.label_positions(
        [108.0] * 10, [12.5] * 10, names, [20.0] * 10, list(range(10, 0, -1)), (107.5, 109.5, 12.0, 13.5)
    )
    placed = [p for p in positions if p]
    assert positions[0] == "top center" and len(placed) == len(set(placed)) and positions.count(None) >= 2


def test_localities_page_draws_the_boundaries_and_reports_problems(monkeypatch, merged_root, tmp_path):
    monkeypatch.setenv("CNNT_DATA_DIR", str(merged_root))
    monkeypatch.setenv("CNNT_BOUNDARIES", str(BOUNDARIES))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["loc_measure"] = "pass_rate"
    at.run()
    at.switch_page("pages/localities.py")
    at.run()
    assert not at.exception and not at.warning
    assert at.selectbox(key="loc_measure").value == "pass_rate"  # the colouring comes from the link
    assert any("Drawn on the administrative boundaries in boundaries" in c.value for c in at.caption)
    broken = tmp_path / "broken.geojson"
    broken.write_text("[]", "utf-8")
    monkeypatch.setenv("CNNT_BOUNDARIES", str(broken))
    at.run()
    assert not at.exception
    assert any("could not be read" in w.value for w in at.warning)
    assert any("This is a schematic" in c.value for c in at.caption)


def test_the_map_prints_as_an_image_offline(sample_db, sample_id):
    from cnnt import images

    places = _places(sample_db, sample_id, "legacy")
    background = sample_db.query(sample_id, "unit_points", {"view": "legacy"})
    fig = charts.locality_map(places, background, "engagement_class", "t", "en")
    page = images.html(fig, "4 localities never took part", "Data snapshot: x")
    assert b"<html>" in page[:100] and b'src="http' not in page  # plotly.js inside, nothing fetched
    if not images.png_available():
        pytest.skip("kaleido or chromium missing: the page offers the HTML file instead")
    png = images.png(fig, "4 localities never took part", "Data snapshot: x")
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000
