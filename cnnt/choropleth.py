"""The locality map as a true choropleth of the Department's boundaries.

Every locality's boundary (from :func:`cnnt.geo.for_view`) is a filled shape in
the colour of its value, drawn on plain axes that keep true proportions at this
latitude and fit the shapes (the equivalent of ``fitbounds="locations"``).
Plotly's own ``geo`` choropleth is not used because it always fetches a world
outline (``world_110m.json``) from Plotly's CDN, even with the base map hidden:
that fails offline, in the browser and in kaleido's image export alike.  Here
nothing is fetched.

Localities without a boundary of their own (the "district known, commune
unknown" rows, or a unit the file lacks) are drawn as dots in the same colours,
and names are placed as on the schematic map (:func:`cnnt.charts.map_labels`).
"""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import sample_colorscale

from cnnt import charts, geo, palette
from cnnt.figure_spec import Spec
from cnnt.i18n import t

COLOURSCALE = "YlGnBu"
POINT_SIZE = 12


def _area(polygons: list) -> float:
    total = 0.0
    for polygon in polygons:
        ring = polygon[0]
        total += abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)))
    return total / 2


def _path(polygons: list) -> tuple[list, list]:
    """The outlines of a locality's polygons as one path, pieces separated by gaps."""
    xs: list = []
    ys: list = []
    for polygon in polygons:
        for ring in polygon[:1]:  # holes are covered by the localities inside them, drawn later
            xs += [p[0] for p in ring] + [ring[0][0], None]
            ys += [p[1] for p in ring] + [ring[0][1], None]
    return xs, ys


def figure(localities: pd.DataFrame, geojson: dict, measure: str, title: str, lang: str) -> go.Figure:
    """One filled shape per locality, coloured by ``measure`` (an engagement class or a number)."""
    shapes = {f["id"]: f["geometry"]["coordinates"] for f in geojson["features"]}
    has_shape = localities["unit_id"].isin(shapes)
    hover = charts.map_hover(localities, lang)
    names = [str(n) for n in localities["name"]]
    if measure == "engagement_class":
        colours = [charts.CLASS_COLOURS.get(c, palette.NEUTRAL["background"]) for c in localities["engagement_class"]]
    else:
        values = localities[measure].astype(float)
        lo, hi = float(values.min(skipna=True) or 0), float(values.max(skipna=True) or 0)
        span = (hi - lo) or 1.0
        colours = [
            palette.NEUTRAL["background"] if math.isnan(v) else sample_colorscale(COLOURSCALE, [(v - lo) / span])[0]
            for v in values
        ]
    fig = Spec()
    # Larger shapes first, so that a ward enclosed by a commune is drawn over it.
    order = sorted(
        (i for i in range(len(localities)) if has_shape.iloc[i]),
        key=lambda i: -_area(shapes[localities["unit_id"].iloc[i]]),
    )
    for i in order:
        xs, ys = _path(shapes[localities["unit_id"].iloc[i]])
        fig.add_scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=colours[i],
            line={"color": "white", "width": 1},
            name=names[i],
            hoveron="fills",
            hoverinfo="name",
            showlegend=False,
        )
    # Every locality's centroid: the dot of one without a shape, the hover details of all.
    sizes = [4 if s else POINT_SIZE for s in has_shape]
    fig.add_scatter(
        x=localities["lon"],
        y=localities["lat"],
        mode="markers",
        marker={"size": sizes, "color": colours, "line": {"width": 1, "color": "white"}},
        hovertext=hover,
        hovertemplate="%{hovertext}<extra></extra>",
        customdata=localities[["unit_id"]].to_numpy(),
        showlegend=False,
    )
    if measure == "engagement_class":  # the legend: one square per class present
        for cls, colour in charts.CLASS_COLOURS.items():
            if (localities["engagement_class"] == cls).any():
                fig.add_scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    marker={"symbol": "square", "size": 14, "color": colour},
                    name=t(f"loc.class.{cls}", lang),
                )
    else:  # the colour bar, and grey for a locality without a value
        if localities[measure].isna().any():
            fig.add_scatter(
                x=[None],
                y=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": palette.NEUTRAL["background"]},
                name=t("geo.no_value", lang),
            )
        fig.add_scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={
                "color": [lo, hi],
                "colorscale": COLOURSCALE,
                "cmin": lo,
                "cmax": hi,
                "showscale": True,
                "colorbar": {
                    "title": {"text": t(f"loc.measure.{measure}", lang), "side": "right"},
                    **({"tickformat": ".0%"} if measure == "pass_rate" else {}),
                },
            },
            hoverinfo="skip",
            showlegend=False,
        )
    xs = list(localities["lon"]) + [p[0] for f in shapes.values() for poly in f for p in poly[0]]
    ys = list(localities["lat"]) + [p[1] for f in shapes.values() for poly in f for p in poly[0]]
    frame = geo.map_frame(
        (min(xs), max(xs), min(ys), max(ys)),
        colourbar=measure != "engagement_class",
        legend=measure == "engagement_class" or bool(localities[measure].isna().any()),
    )
    positions = charts.map_labels(localities, [0 if s else POINT_SIZE for s in has_shape], frame, centred=True)
    named = [i for i, p in enumerate(positions) if p]
    if named:
        fig.add_scatter(
            x=localities["lon"].iloc[named],
            y=localities["lat"].iloc[named],
            mode="text",
            text=[charts._short_name(names[i]) for i in named],
            textposition=[positions[i] for i in named],
            textfont={"size": 13, "color": "black", "shadow": "auto"},
            hoverinfo="skip",
            showlegend=False,
        )
    mid_lat = (frame["y"][0] + frame["y"][1]) / 2
    fig.update_layout(plot_bgcolor="white", dragmode="pan")
    charts._separators(fig, lang)
    fig = charts._base(fig, title)
    # One size at every window width, so that the names placed above never collide.
    fig.update_layout(width=geo.MAP_WIDTH, height=geo.MAP_HEIGHT, margin=geo.MAP_MARGIN)
    fig.update_xaxes(visible=False, range=list(frame["x"]))
    fig.update_yaxes(
        visible=False,
        range=list(frame["y"]),
        scaleanchor="x",
        scaleratio=1 / math.cos(math.radians(mid_lat)),
        showgrid=False,
    )
    fig.add_annotation(
        text=t("geo.boundaries_stamp", lang),
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        xanchor="left",
        yanchor="bottom",
        showarrow=False,
        font={"size": 11, "color": palette.NEUTRAL["base"]},
    )
    return fig.figure()
