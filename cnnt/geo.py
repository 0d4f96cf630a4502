"""Maps without a tile server: the Department's administrative boundaries when it
provides them, a schematic of centroids otherwise, and labels that never collide.

Configuration: the environment variable ``CNNT_BOUNDARIES`` names a GeoJSON file
(a FeatureCollection in WGS 84 longitude/latitude, as exported from QGIS or
ArcGIS) holding the old districts (before 1/7/2025), the new communes and wards
(from 1/7/2025), or both.  Each feature names its locality by the app's id
(property ``unit_id``: ``L643``, ``N24610``) or by its official code (``code``,
``ma``, ``ma_huyen`` or ``ma_xa``: ``643``, ``24610``).  A district's code has
three digits and a commune's five, so a code is matched against the districts of
the old view or the communes of the current one without ambiguity.

The file is read and checked on load (cached by path, size and modification
time): features that match no locality and localities without a feature are
reported in one sentence each; a file that cannot be used leaves the schematic
map in place, which then says that it is schematic.  Nothing here draws or
reaches the network: :func:`cnnt.charts.locality_map` draws.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

ENV = "CNNT_BOUNDARIES"
ID_KEYS = ("unit_id", "code", "ma", "ma_huyen", "ma_xa")
MAX_BYTES = 64 * 1024 * 1024  # a province's communes at survey precision are a few MB
DECIMALS = 4  # about 11 m: enough for a province map, and the page stays light
SHOWN = 5  # codes or names named in a message before "…"


@dataclass
class Boundaries:
    """The boundaries a view draws, and what the check on load found."""

    source: str | None  # the configured file (None: not configured)
    geojson: dict | None = None  # FeatureCollection, one feature per locality, ``id`` = unit_id
    problems: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (catalogue key, values)

    @property
    def usable(self) -> bool:
        return bool(self.geojson and self.geojson["features"])

    @property
    def drawn(self) -> set[str]:
        return {f["id"] for f in self.geojson["features"]} if self.geojson else set()


def configured_path(environ: dict[str, str] | None = None) -> Path | None:
    value = (environ if environ is not None else os.environ).get(ENV, "").strip()
    return Path(value).expanduser() if value else None


def _code(value: Any) -> str | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    if text.isdigit():
        return str(int(text))
    return text or None


def _feature_key(props: dict[str, Any]) -> tuple[str, str] | None:
    """(key, value) of the first identifying property a feature carries."""
    lowered = {str(k).lower(): v for k, v in (props or {}).items()}
    for key in ID_KEYS:
        value = _code(lowered.get(key))
        if value:
            return key, value
    return None


def _ring(ring: list) -> list:
    """A ring rounded to DECIMALS, repeated points dropped (either winding order is fine)."""
    out: list[list[float]] = []
    for point in ring:
        p = [round(float(point[0]), DECIMALS), round(float(point[1]), DECIMALS)]
        if not out or p != out[-1]:
            out.append(p)
    return out


def _polygons(geometry: dict | None) -> list[list]:
    if not isinstance(geometry, dict):
        return []
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        coords = [coords]
    elif kind != "MultiPolygon":
        return []
    polygons = []
    for polygon in coords or []:
        rings = [r for r in polygon or [] if isinstance(r, list) and len(r) >= 4]
        if rings:
            polygons.append([_ring(r) for r in rings])
    return polygons


def _in_degrees(polygons: list[list]) -> bool:
    return all(-180 <= x <= 180 and -90 <= y <= 90 for poly in polygons for ring in poly for x, y in ring)


@lru_cache(maxsize=4)
def _read(path: str, mtime: float, size: int) -> tuple[list[dict], str | None]:
    """The file's features, or the reason it cannot be read (cached per version of the file)."""
    del mtime  # part of the cache key only
    if size > MAX_BYTES:
        return [], f"> {MAX_BYTES // (1024 * 1024)} MB"
    try:
        with open(path, encoding="utf-8-sig") as f:
            data = json.load(f)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        return [], type(err).__name__ + (f": {err.msg}" if isinstance(err, json.JSONDecodeError) else "")
    if isinstance(data, dict) and data.get("type") == "Feature":
        data = {"type": "FeatureCollection", "features": [data]}
    if not (isinstance(data, dict) and data.get("type") == "FeatureCollection"):
        return [], "not a GeoJSON FeatureCollection"
    return [f for f in data.get("features") or [] if isinstance(f, dict)], None


def read(path: Path) -> tuple[list[dict], str | None]:
    try:
        st = path.stat()
    except OSError as err:
        return [], type(err).__name__
    if not path.is_file():
        return [], "not a file"
    return _read(str(path.resolve()), st.st_mtime, st.st_size)


def _listing(values: list[str]) -> str:
    shown = ", ".join(values[:SHOWN])
    return shown + (", …" if len(values) > SHOWN else "")


def check(features: list[dict], units: pd.DataFrame) -> tuple[dict[str, list[list]], list[str], list[str]]:
    """Match features to localities.

    ``units`` holds every locality a map can draw (``queries/map_units.sql``:
    unit_id, code, view).  Returns the polygons per unit_id (several features of
    one locality are joined), the codes of features that match no locality, and
    the codes of features without polygon geometry in longitude/latitude.
    """
    by_id = set(units["unit_id"])
    by_code: dict[str, str] = {}
    for unit_id, code in zip(units["unit_id"], units["code"], strict=True):
        c = _code(code)
        if c:
            by_code.setdefault(c, unit_id)
    shapes: dict[str, list[list]] = {}
    unmatched: list[str] = []
    unusable: list[str] = []
    for i, feature in enumerate(features, start=1):
        found = _feature_key(feature.get("properties") or {})
        label = found[1] if found else f"#{i}"
        unit_id = None
        if found:
            value = found[1]
            unit_id = value if value in by_id else by_code.get(value)
        if unit_id is None:
            unmatched.append(label)
            continue
        polygons = _polygons(feature.get("geometry"))
        if not polygons or not _in_degrees(polygons):
            unusable.append(label)
            continue
        shapes.setdefault(unit_id, []).extend(polygons)
    return shapes, unmatched, unusable


def for_view(units: pd.DataFrame, view: str, localities: pd.DataFrame, path: Path | None = None) -> Boundaries:
    """The configured boundaries of one view (``'legacy'`` | ``'current'``), checked.

    ``localities`` are the rows the map draws (``locality_engagement``): every one
    of them that is a district or commune of the view and has no boundary is
    named; rows of establishments known only by their old district
    (``commune_unknown``) have no boundary of their own and are drawn as points.
    """
    path = path if path is not None else configured_path()
    if path is None:
        return Boundaries(source=None)
    result = Boundaries(source=path.name)
    features, error = read(path)
    if error:
        result.problems.append(("geo.problem.unreadable", {"file": path.name, "reason": error}))
        return result
    shapes, unmatched, unusable = check(features, units)
    if unmatched:
        result.problems.append(("geo.problem.unmatched", {"n": len(unmatched), "codes": _listing(unmatched)}))
    if unusable:
        result.problems.append(("geo.problem.unusable", {"n": len(unusable), "codes": _listing(unusable)}))
    in_view = set(units.loc[units["view"] == view, "unit_id"])
    result.geojson = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "id": unit_id,
                "properties": {"unit_id": unit_id},
                "geometry": {"type": "MultiPolygon", "coordinates": polygons},
            }
            for unit_id, polygons in sorted(shapes.items())
            if unit_id in in_view
        ],
    }
    if not result.usable:
        result.problems.append(("geo.problem.none_for_view", {"file": path.name}))
        return result
    own = localities
    if "commune_unknown" in own.columns:
        own = own[~own["commune_unknown"].fillna(False).astype(bool)]
    missing = [str(n) for u, n in zip(own["unit_id"], own["name"], strict=True) if u not in result.drawn]
    if missing:
        result.problems.append(("geo.problem.missing", {"n": len(missing), "names": _listing(missing)}))
    return result


# ---- labels ------------------------------------------------------------------------

# Where a label may go around its marker, in the order tried.
POSITIONS = (
    ("top center", 0, 1),
    ("bottom center", 0, -1),
    ("middle right", 1, 0),
    ("middle left", -1, 0),
    ("top right", 1, 1),
    ("top left", -1, 1),
    ("bottom right", 1, -1),
    ("bottom left", -1, -1),
)
# A map has one size at every window width (it fits the 1024 px layout), so names placed
# once never collide however wide the window: a stretching map moves localities apart
# while names keep their size, which can push two names onto each other.
MAP_WIDTH, MAP_HEIGHT = 520, 580
MAP_MARGIN = {"l": 10, "r": 10, "t": 60, "b": 10}
COLOURBAR_PX = 110  # width a colour bar takes from the plot
LEGEND_PX = 70  # height the legend below the map takes (two or three rows)
SAFETY_PX = 1  # room kept around each name for the renderer's own rounding


def map_frame(extent: tuple[float, float, float, float], colourbar: bool, legend: bool) -> dict:
    """The axis ranges (``extent`` with a margin) and the plot area in px of a map of
    :data:`MAP_WIDTH` × :data:`MAP_HEIGHT`, as :func:`label_positions` needs them."""
    lon0, lon1, lat0, lat1 = extent
    pad_x, pad_y = 0.06 * (lon1 - lon0) + 0.01, 0.06 * (lat1 - lat0) + 0.01
    return {
        "x": (lon0 - pad_x, lon1 + pad_x),
        "y": (lat0 - pad_y, lat1 + pad_y),
        "width": MAP_WIDTH - MAP_MARGIN["l"] - MAP_MARGIN["r"] - (COLOURBAR_PX if colourbar else 0),
        "height": MAP_HEIGHT - MAP_MARGIN["t"] - MAP_MARGIN["b"] - (LEGEND_PX if legend else 0),
    }


CENTRED = (("middle center", 0, 0), *POSITIONS)  # a name inside its own shape first
CHAR_EM = 0.56  # average advance of a character of Noto Sans / Arial, in em (a little over, for names)


def label_positions(
    lon: list[float],
    lat: list[float],
    names: list[str],
    diameters: list[float],
    priority: list[float],
    extent: tuple[float, float, float, float],
    *,
    width: float = MAP_WIDTH,
    height: float = MAP_HEIGHT,
    font_size: float = 12,
    candidates: tuple = POSITIONS,
) -> list[str | None]:
    """A text position for each locality, or None where its name would collide.

    Greedy placement in screen space: the map's axis ranges ``extent``
    (lon_min, lon_max, lat_min, lat_max) drawn in a plot area of ``width`` ×
    ``height`` px with true proportions (:func:`map_frame`).  In order of
    ``priority`` (highest first), each name takes the first of ``candidates``
    (:data:`POSITIONS`) whose box overlaps neither a name already placed nor
    another locality's marker and stays inside the map.
    """
    lon0, lon1, lat0, lat1 = extent
    cos = math.cos(math.radians((lat0 + lat1) / 2))
    span_x = max((lon1 - lon0) * cos, 1e-6)
    span_y = max(lat1 - lat0, 1e-6)
    k = min(width / span_x, height / span_y)  # px per degree of latitude
    # Plotly keeps the proportions by widening the shorter range about its centre.
    off_x = (width / k - span_x) / 2 * k
    off_y = (height / k - span_y) / 2 * k
    xs = [(x - lon0) * cos * k + off_x for x in lon]
    ys = [(y - lat0) * k + off_y for y in lat]
    box_w, box_h = width, height
    pad_x = pad_y = -SAFETY_PX
    line = font_size * 1.25 + 2 * SAFETY_PX
    placed: list[tuple[float, float, float, float]] = []
    markers = [(x, y, d / 2 * 0.8) for x, y, d in zip(xs, ys, diameters, strict=True)]

    def free(box, own: int) -> bool:
        x0, y0, x1, y1 = box
        if x0 < -pad_x or y0 < -pad_y or x1 > box_w + pad_x or y1 > box_h + pad_y:
            return False
        for a0, b0, a1, b1 in placed:
            if x0 < a1 and a0 < x1 and y0 < b1 and b0 < y1:
                return False
        for j, (mx, my, r) in enumerate(markers):
            if j != own and x0 < mx + r and mx - r < x1 and y0 < my + r and my - r < y1:
                return False
        return True

    out: list[str | None] = [None] * len(names)
    for i in sorted(range(len(names)), key=lambda j: -priority[j]):
        w = CHAR_EM * font_size * len(names[i]) + 4 + 2 * SAFETY_PX
        r = diameters[i] / 2 + 3
        for position, dx, dy in candidates:
            cx = xs[i] + dx * (r + w / 2)
            cy = ys[i] + dy * (r + line / 2)
            box = (cx - w / 2, cy - line / 2, cx + w / 2, cy + line / 2)
            if free(box, i):
                placed.append(box)
                out[i] = position
                break
    return out
