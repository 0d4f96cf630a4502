"""Plotly figures: plain functions, DataFrame in, figure out (tested directly)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cnnt import fmt, geo, palette
from cnnt.figure_spec import Spec
from cnnt.i18n import t

LEVEL_COLOURS = palette.LEVEL
FONT = "Noto Sans, Arial, sans-serif"


def _base(fig: Spec | go.Figure, title: str) -> Spec | go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        # Below everything, tick labels and axis titles included: placed in the figure's own
        # coordinates, the legend makes Plotly push the plot up instead of drawing over the axis.
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        plot_bgcolor="white",
        bargap=0.25,
    )
    fig.update_yaxes(gridcolor=palette.NEUTRAL["grid"], rangemode="tozero")
    # Labels that do not fit side by side stand upright: at 30° (Plotly's first choice)
    # long neighbours still overlap.
    fig.update_xaxes(autotickangles=[0, -90])
    return fig


def _rows(fig: Spec, categories: int, bars: int = 1, title: str | None = None, per_bar: int = 12) -> Spec:
    """Categories as rows (horizontal bars), first at the top: long names such as
    "2019 · Cấp quốc gia" stay readable at any width instead of turning and colliding.
    The figure grows with the rows (``per_bar`` px a bar: a bar with its number written
    beside it needs the height of a line); the value axis gets the grid and the title."""
    fig.update_yaxes(autorange="reversed", type="category", showgrid=False, automargin=True)
    fig.update_xaxes(gridcolor=palette.NEUTRAL["grid"], rangemode="tozero", automargin=True, title=title)
    two_lines = any("<br>" in str(v) for tr in fig.data for v in (tr["y"] if tr.get("y") is not None else ()))
    row = max(10 + per_bar * bars, 40 if two_lines else 0)  # a name on two lines needs two lines of height
    fig.update_layout(height=max(320, categories * row + 150))
    return fig


def wrap(text: str, width: int = 24) -> str:
    """A long category name on several lines (``<br>``) of at most about ``width`` characters."""
    lines: list[str] = []
    for word in str(text).split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(lines)


def timeline_figure(rounds: pd.DataFrame, lang: str = "vi", title: str | None = None) -> go.Figure:
    """Products entered (light) and certified (solid) in each round, coloured by level.

    ``rounds`` is the output of ``queries/round_summary.sql``.
    """
    fig = Spec()
    names = round_labels(rounds, lang)
    labels = [names[r] for r in rounds["round_id"]]
    for measure, opacity, name_key in (
        ("products", 0.35, "overview.entered"),
        ("certified", 1.0, "overview.certified"),
    ):
        fig.add_bar(
            y=labels,
            x=rounds[measure],
            orientation="h",
            name=t(name_key, lang),
            marker={"color": [LEVEL_COLOURS[lv] for lv in rounds["level"]], "opacity": opacity},
            text=[fmt.number(v, lang) for v in rounds[measure]],
            textposition="outside",
            cliponaxis=False,
            customdata=rounds[["round_id"]].to_numpy(),
            hovertemplate="%{y}<br>%{fullData.name}: %{text}<extra>%{customdata[0]}</extra>",
        )
    fig.update_layout(barmode="group", separators=",." if lang == "vi" else ".,")
    fig = _base(fig, title or t("overview.timeline_title", lang))
    fig = _rows(fig, len(labels), 2, t("overview.count", lang), per_bar=16)
    _whole_counts(fig, rounds["products"].max() if not rounds.empty else 0)
    return fig.figure()


GROUP_COLOURS = palette.GROUP
FORM_COLOURS = palette.LEGAL_FORM


def _round_label(year, level, lang: str) -> str:
    return f"{int(year)} · {t('level.' + level, lang)}"


def round_labels(frame: pd.DataFrame, lang: str) -> dict[str, str]:
    """Each round's label ("2019 · Cấp tỉnh"); where two rounds of one year and level
    exist (old Đắk Lắk's and old Phú Yên's), the round id tells them apart, so that
    their bars are never drawn over each other in one place."""
    rounds = frame.drop_duplicates("round_id")
    labels = {r.round_id: _round_label(r.year, r.level, lang) for r in rounds.itertuples()}
    seen = list(labels.values())
    return {k: f"{v}<br>({k})" if seen.count(v) > 1 else v for k, v in labels.items()}


def _whole_counts(fig: Spec | go.Figure, peak: float, axis: str = "x", **selector) -> None:
    """A count axis whose largest value is small gets a tick at every whole number, not at
    0,2 0,4 … (Plotly's own choice for a range of one or two)."""
    try:
        small = 0 < float(peak) <= 8
    except (TypeError, ValueError):
        return
    if small:
        update = fig.update_xaxes if axis == "x" else fig.update_yaxes
        update(tick0=0, dtick=1, **selector)


def _separators(fig: Spec | go.Figure, lang: str) -> None:
    fig.update_layout(separators=",." if lang == "vi" else ".,")


def stacked_by_round(
    frame: pd.DataFrame,
    category: str,
    value: str,
    names: dict[str, str],
    colours: dict[str, str],
    title: str,
    lang: str,
) -> go.Figure:
    """One stacked bar per round: ``value`` split by ``category`` (clickable: customdata is the round id)."""
    fig = Spec()
    order = frame.drop_duplicates("round_id").sort_values(["year", "level"])
    labels = round_labels(order, lang)
    for code in [c for c in colours if c in set(frame[category])]:
        part = frame[frame[category] == code]
        fig.add_bar(
            y=[labels[r] for r in part["round_id"]],
            x=part[value],
            orientation="h",
            name=names.get(code, code),
            marker_color=colours[code],
            customdata=part[["round_id"]].to_numpy(),
            hovertemplate="%{y}<br>%{fullData.name}: %{x}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    _separators(fig, lang)
    fig = _base(fig, title)
    _rows(fig, len(labels))
    _whole_counts(fig, frame.groupby("round_id")[value].sum().max() if not frame.empty else 0)
    fig.update_yaxes(categoryorder="array", categoryarray=list(labels.values()))
    return fig.figure()


def new_returning_figure(frame: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Establishments entering for the first time versus returning, per round."""
    fig = Spec()
    names = round_labels(frame, lang)
    y = [names[r] for r in frame["round_id"]]
    fig.add_bar(
        y=y,
        x=frame["establishments_new"],
        orientation="h",
        name=t("part.new", lang),
        marker_color=palette.NEW_RETURNING["new"],
    )
    fig.add_bar(
        y=y,
        x=frame["establishments_returning"],
        orientation="h",
        name=t("part.returning", lang),
        marker_color=palette.NEW_RETURNING["returning"],
    )
    fig.add_scatter(
        y=y,
        x=frame["products_reentering_after_failing"],
        name=t("part.reentering", lang),
        mode="markers",
        marker={"symbol": "diamond", "size": 11, "color": palette.NEW_RETURNING["reentering"]},
    )
    fig.update_layout(barmode="stack")
    _separators(fig, lang)
    fig = _rows(_base(fig, title), len(y))
    peak = (frame["establishments_new"] + frame["establishments_returning"]).max() if not frame.empty else 0
    _whole_counts(fig, max(peak, frame["products_reentering_after_failing"].max() if not frame.empty else 0))
    return fig.figure()


def locality_figure(frame: pd.DataFrame, title: str, lang: str, top: int = 15) -> go.Figure:
    """Entries per locality, most first (horizontal bars)."""
    part = frame.head(top).iloc[::-1]
    fig = Spec()
    fig.add_bar(
        y=part["name"],
        x=part["products"],
        orientation="h",
        name=t("col.products", lang),
        marker_color=palette.NEUTRAL["entered"],
        text=[fmt.number(v, lang) for v in part["products"]],
        textposition="outside",
    )
    fig.add_bar(
        y=part["name"],
        x=part["certified"],
        orientation="h",
        name=t("overview.certified", lang),
        marker_color=palette.OUTCOME["certified"],
    )
    fig.update_layout(barmode="group", height=max(320, 28 * len(part) + 120))
    _separators(fig, lang)
    fig = _base(fig, title)
    _whole_counts(fig, part["products"].max() if not part.empty else 0)
    return fig.figure()


def pass_rate_figure(frame: pd.DataFrame, labels: dict[str, str], title: str, lang: str) -> go.Figure:
    """Pass rate with its 95% Wilson interval per category; small n drawn hollow."""
    fig = Spec()
    for level in [lv for lv in LEVEL_COLOURS if lv in set(frame["level"])]:
        part = frame[frame["level"] == level]
        y = [labels.get(c, c) for c in part["category"]]
        fig.add_scatter(
            x=part["pass_rate"],
            y=y,
            mode="markers",
            name=t("level." + level, lang),
            marker={
                "size": 12,
                "color": LEVEL_COLOURS[level],
                "symbol": ["circle-open" if s else "circle" for s in part["small_n"]],
                "line": {"width": 2, "color": LEVEL_COLOURS[level]},
            },
            error_x={
                "type": "data",
                "symmetric": False,
                "array": part["ci_high"] - part["pass_rate"],
                "arrayminus": part["pass_rate"] - part["ci_low"],
                "color": LEVEL_COLOURS[level],
            },
            customdata=list(zip(part["entries"], part["certified"], strict=True)),
            hovertemplate="%{y}: %{x:.0%} (%{customdata[1]}/%{customdata[0]})<extra>%{fullData.name}</extra>",
        )
    fig.update_xaxes(
        range=[0, 1.02], tickformat=".0%", gridcolor=palette.NEUTRAL["grid"], title=t("rate.pass_rate", lang)
    )
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(height=max(320, 30 * frame["category"].nunique() + 140))
    _separators(fig, lang)
    return _base(fig, title).figure()


def score_distribution_figure(entries: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Total scores per round as boxes with every entry, and each round's threshold drawn."""
    fig = Spec()
    order = entries.drop_duplicates("round_id").sort_values(["year", "level"])
    names = round_labels(order, lang)
    for r in order.itertuples():
        part = entries[entries["round_id"] == r.round_id]
        fig.add_box(
            y=part["total_score"],
            name=names[r.round_id],
            boxpoints="all",
            jitter=0.4,
            pointpos=0,
            marker={"color": LEVEL_COLOURS[r.level], "size": 5},
            line={"color": LEVEL_COLOURS[r.level]},
            showlegend=False,
        )
    for threshold in sorted(set(entries["pass_threshold"].dropna())):
        fig.add_hline(
            y=threshold,
            line_dash="dash",
            line_color=palette.NEUTRAL["threshold"],
            annotation_text=f"{t('rate.threshold', lang)} {fmt.number(threshold, lang)}",
            annotation_position="top left",
        )
    fig.update_yaxes(title=t("rate.score", lang), range=[max(0, entries["total_score"].min() - 5), 100])
    _separators(fig, lang)
    return _base(fig, title).figure()


def criteria_figure(frame: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Average share of each criteria group's maximum, certified versus not."""
    fig = Spec()
    name_col = "name_en" if lang == "en" else "name_vi"
    for outcome, colour in (
        ("certified", palette.OUTCOME["certified"]),
        ("not_certified", palette.OUTCOME["not_certified"]),
    ):
        part = frame[frame["outcome"] == outcome]
        fig.add_bar(
            y=[wrap(f"{c} · {n}") for c, n in zip(part["criteria_code"], part[name_col], strict=True)],
            x=part["avg_share"],
            orientation="h",
            name=t(f"rate.outcome.{outcome}", lang),
            marker_color=colour,
            text=[fmt.percent(v, lang, 0) for v in part["avg_share"]],
            textposition="outside",
            cliponaxis=False,
        )
    fig.update_layout(barmode="group")
    _separators(fig, lang)
    fig = _rows(_base(fig, title), frame["criteria_code"].nunique(), 3, t("rate.share_of_max", lang), per_bar=16)
    fig.update_xaxes(tickformat=".0%", range=[0, 1.15])
    return fig.figure()


FUNNEL_STAGES = (
    "provincial_entered",
    "provincial_certified",
    "regional_entered",
    "regional_certified",
    "national_entered",
    "national_certified",
)


def funnel_figure(progression: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Provincial → regional → national, one group of bars per cycle."""
    fig = Spec()
    colours = tuple(palette.FUNNEL[s] for s in FUNNEL_STAGES)
    cycles = [t("overview.cycle", lang, year=int(y)) for y in progression["year"]]
    if "round_id" in progression and len(set(cycles)) < len(cycles):
        # Two former provinces' rounds in one year are two cycles, never one bar drawn over the other.
        shared = {c for c in cycles if cycles.count(c) > 1}
        cycles = [f"{c}<br>({r})" if c in shared else c for c, r in zip(cycles, progression["round_id"], strict=True)]
    for stage, colour in zip(FUNNEL_STAGES, colours, strict=True):
        values = progression[stage]
        fig.add_bar(
            y=cycles,
            x=values.fillna(0),
            orientation="h",
            name=t(f"overview.stage.{stage}", lang),
            marker_color=colour,
            # A stage whose round is not in the data is said so, never drawn as a zero.
            text=[t("overview.not_yet_held", lang) if pd.isna(v) else fmt.number(v, lang) for v in values],
            textposition="outside",
            cliponaxis=False,
        )
    fig.update_layout(barmode="group")
    _separators(fig, lang)
    return _rows(_base(fig, title), len(cycles), len(FUNNEL_STAGES), per_bar=16).figure()


UNIT_PREFIXES = ("Thành phố ", "Thị xã ", "Thị trấn ", "Huyện ", "Phường ", "Xã ", "Đặc khu ")


def _short_name(name: str) -> str:
    """'Thành phố Buôn Ma Thuột' → 'Buôn Ma Thuột' (for labels on a map)."""
    for prefix in UNIT_PREFIXES:
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


CLASS_COLOURS = palette.ENGAGEMENT


def map_hover(localities: pd.DataFrame, lang: str) -> list[str]:
    """What hovering a locality on either map says."""
    return [
        f"<b>{r.name}</b><br>{t('loc.known', lang)}: {fmt.number(r.known, lang)}"
        f"<br>{t('loc.participants', lang)}: {fmt.number(r.participants, lang)}"
        f"<br>{t('loc.per100', lang)}: {fmt.number(r.participation_per_100, lang, 1)}"
        f"<br>{t('loc.entries', lang)}: {fmt.number(r.entries, lang)}"
        f"<br>{t('loc.class', lang)}: {t('loc.class.' + r.engagement_class, lang)}"
        for r in localities.itertuples()
    ]


MAP_LABELS = 30  # at most this many names on a map; the others show on hover


def map_labels(localities: pd.DataFrame, diameters, frame: dict, centred: bool = False) -> list[str | None]:
    """Where each locality's name goes (None: no room, hover only): the flagged
    (never took part, lapsed) and the larger localities first (the largest, usually the
    provincial city, before any other), never two names
    over each other or over another locality's marker (:func:`cnnt.geo.label_positions`)."""
    known = localities["known"].astype(float).fillna(0)
    flagged = localities["engagement_class"].isin(["never", "lapsed"]).astype(float)
    priority = list(0.5 * flagged + known / max(1.0, float(known.max())))
    names = [_short_name(str(n)) for n in localities["name"]]
    positions = geo.label_positions(
        list(localities["lon"]),
        list(localities["lat"]),
        names,
        list(diameters),
        priority,
        (*frame["x"], *frame["y"]),
        width=frame["width"],
        height=frame["height"],
        candidates=geo.CENTRED if centred else geo.POSITIONS,
        font_size=13,  # the charts' font size (_base)
    )
    ranked = sorted((i for i, p in enumerate(positions) if p), key=lambda i: -priority[i])
    keep = set(ranked[:MAP_LABELS])
    return [p if i in keep else None for i, p in enumerate(positions)]


def locality_map(
    localities: pd.DataFrame,
    background: pd.DataFrame,
    measure: str,
    title: str,
    lang: str,
    boundaries: dict | None = None,
) -> go.Figure:
    """Localities at their real centroids over the province's commune points.

    No tile server or online base map: the province's shape comes from the
    centroids of all its communes (grey), and axes keep true proportions at this
    latitude, so the map draws offline and looks like Đắk Lắk.  The map says
    that it is a schematic.  With ``boundaries`` (a checked GeoJSON from
    :func:`cnnt.geo.for_view`) it is a choropleth of those boundaries instead.
    """
    import math

    if boundaries:
        from cnnt import choropleth

        return choropleth.figure(localities, boundaries, measure, title, lang)
    fig = Spec()
    fig.add_scatter(
        x=background["lon"],
        y=background["lat"],
        mode="markers",
        name="",
        marker={"size": 4, "color": palette.NEUTRAL["background"]},
        hoverinfo="skip",
        showlegend=False,
    )
    size = 10 + 30 * (localities["known"] / max(1, localities["known"].max())) ** 0.5
    hover = map_hover(localities, lang)
    lons = list(background["lon"]) + list(localities["lon"])
    lats = list(background["lat"]) + list(localities["lat"])
    frame = geo.map_frame(
        (min(lons), max(lons), min(lats), max(lats)),
        colourbar=measure != "engagement_class",
        legend=measure == "engagement_class",
    )
    positions = map_labels(localities, size, frame)
    mode = "markers+text"
    labels = [_short_name(str(n)) if p else "" for n, p in zip(localities["name"], positions, strict=True)]
    positions = [p or "top center" for p in positions]
    if measure == "engagement_class":
        for cls, colour in CLASS_COLOURS.items():
            part = localities["engagement_class"] == cls
            if not part.any():
                continue
            fig.add_scatter(
                x=localities.loc[part, "lon"],
                y=localities.loc[part, "lat"],
                mode=mode,
                name=t(f"loc.class.{cls}", lang),
                marker={"size": size[part], "color": colour, "opacity": 0.85, "line": {"width": 1, "color": "white"}},
                text=[n for n, p in zip(labels, part, strict=True) if p],
                textposition=[q for q, p in zip(positions, part, strict=True) if p],
                hovertext=[h for h, p in zip(hover, part, strict=True) if p],
                hovertemplate="%{hovertext}<extra></extra>",
                customdata=localities.loc[part, ["unit_id"]].to_numpy(),
            )
    else:
        values = localities[measure].astype(float)
        fig.add_scatter(
            x=localities["lon"],
            y=localities["lat"],
            mode=mode,
            name=t(f"loc.measure.{measure}", lang),
            marker={
                "size": size,
                "color": values,
                "colorscale": "YlGnBu",
                "showscale": True,
                "colorbar": {
                    # along the bar: a long title on top would widen the bar and sit on its ticks
                    "title": {"text": t(f"loc.measure.{measure}", lang), "side": "right"},
                    **({"tickformat": ".0%"} if measure == "pass_rate" else {}),
                },
                "line": {"width": 1, "color": "#555"},
            },
            showlegend=False,  # the colour bar explains the colours
            text=labels,
            textposition=positions,
            hovertext=hover,
            hovertemplate="%{hovertext}<extra></extra>",
            customdata=localities[["unit_id"]].to_numpy(),
        )
    mid_lat = float(background["lat"].mean()) if len(background) else 12.7
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False, scaleanchor="x", scaleratio=1 / math.cos(math.radians(mid_lat)))
    fig.update_layout(height=620, plot_bgcolor="white", dragmode="pan")
    _separators(fig, lang)
    fig = _base(fig, title)
    # One size at every window width, so that the names placed above never collide.
    fig.update_layout(width=geo.MAP_WIDTH, height=geo.MAP_HEIGHT, margin=geo.MAP_MARGIN)
    fig.update_xaxes(rangemode="normal", range=frame["x"])
    fig.update_yaxes(rangemode="normal", showgrid=False, range=frame["y"])
    fig.add_annotation(  # the map says what it is, on screen and in the image
        text=t("geo.schematic_stamp", lang),
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


def locality_rounds_figure(rounds: pd.DataFrame, name: str, title: str, lang: str) -> go.Figure:
    """A locality's entries per round (bars) and its share of the province's entries (line)."""
    from plotly.subplots import make_subplots

    fig = make_subplots(specs=[[{"secondary_y": True}]])
    x = [str(int(y)) for y in rounds["year"]]
    fig.add_bar(
        x=x,
        y=rounds["entries"],
        name=t("loc.entries", lang),
        marker_color=palette.NEUTRAL["entered"],
        secondary_y=False,
    )
    fig.add_bar(
        x=x,
        y=rounds["certified"],
        name=t("overview.certified", lang),
        marker_color=palette.OUTCOME["certified"],
        secondary_y=False,
    )
    share = rounds["entries"] / rounds["province_entries"].where(rounds["province_entries"] > 0)
    fig.add_scatter(
        x=x,
        y=share,
        name=t("loc.share_of_province", lang),
        mode="lines+markers",
        line={"color": palette.NEUTRAL["base"]},
        secondary_y=True,
    )
    fig.update_yaxes(tickformat=".0%", secondary_y=True, rangemode="tozero", showgrid=False)
    fig.update_xaxes(type="category")  # years are labels: no "2.021,5" between two rounds
    _whole_counts(fig, max(rounds["entries"].max(), rounds["certified"].max()), "y", secondary_y=False)
    fig.update_layout(barmode="group")
    _separators(fig, lang)
    return _base(fig, title)


GROUP_LINE_COLOURS = palette.COMPARISON


def _rgba(hex_colour: str, alpha: float) -> str:
    h = hex_colour.lstrip("#")
    return f"rgba({int(h[0:2], 16)}, {int(h[2:4], 16)}, {int(h[4:6], 16)}, {alpha})"


def relative_year(k: int, lang: str) -> str:
    """Year −1, year 0, year +2: relative to the event, never "after N years"."""
    from cnnt import fmt

    return t("rev.year_k", lang, k=fmt.signed(k, lang) if k else "0")


def indexed_lines_figure(summary: pd.DataFrame, by: str, names: dict[str, str], title: str, lang: str) -> go.Figure:
    """Median index (year before the event = 100) with its 95% band, one line per group.

    Points resting on too few establishments carry no value and leave a gap; the n
    behind every point is written under it, one row per group in the group's colour
    (a "numbers at risk" table below the axis, so that no two n collide however
    close the lines run).  Relative years read "year +2", never "after 3 years".
    """
    fig = Spec()
    groups = list(summary[by].drop_duplicates())
    # The event line and the index 100, written as the shapes add_vline / add_hline make
    # (those look for subplots first: four times the cost of the whole figure's traces).
    fig.update_layout(
        shapes=[
            {
                "type": "line",
                "x0": -0.5,
                "x1": -0.5,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"dash": "dot", "color": "#888"},
            },
            {
                "type": "line",
                "x0": 0,
                "x1": 1,
                "xref": "x domain",
                "y0": 100,
                "y1": 100,
                "yref": "y",
                "line": {"color": "#bbb"},
            },
        ]
    )
    cohort_colours = palette.COHORTS
    years = sorted(int(y) for y in summary["rel_year"].dropna().unique())
    for i, group in enumerate(summary[by].drop_duplicates()):
        # every year on the axis, so that a year without a row is a gap in the line, not a bridge
        part = summary[summary[by] == group].set_index("rel_year").reindex(years).rename_axis("rel_year").reset_index()
        colour = GROUP_LINE_COLOURS.get(group, cohort_colours[i % len(cohort_colours)])
        fig.add_scatter(
            x=list(part["rel_year"]) + list(part["rel_year"])[::-1],
            y=list(part["hi"]) + list(part["lo"])[::-1],
            fill="toself",
            mode="lines",  # a band is an area: no markers at its corners
            fillcolor=_rgba(colour, 0.15),
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
        )
        fig.add_scatter(
            x=part["rel_year"],
            y=part["median"],
            mode="lines+markers",
            name=names.get(group, str(group)),
            line={"color": colour, "width": 3},
            customdata=part[["n"]].to_numpy(),
            hovertemplate="%{x}: %{y:.0f} (n = %{customdata[0]})<extra>%{fullData.name}</extra>",
        )
        fig.add_scatter(  # the n row of this group
            x=part["rel_year"],
            y=[i] * len(part),
            yaxis="y2",
            mode="text",
            text=[fmt.number(n, lang) if m == m else "" for n, m in zip(part["n"], part["median"], strict=True)],
            textfont={"size": 11, "color": colour},
            hoverinfo="skip",
            showlegend=False,
            cliponaxis=False,
        )
    fig.update_xaxes(
        title=t("rev.rel_year", lang),
        tickvals=years,
        ticktext=[relative_year(y, lang) for y in years],
        zeroline=False,
    )
    fig.update_yaxes(title=t("rev.index", lang), rangemode="normal")
    _separators(fig, lang)
    fig = _base(fig, title)
    # The n rows sit under the axis: plot area, then tick labels and axis title, then the rows.
    height = 440 + 22 * len(groups)
    area = height - 60 - 60  # top margin and legend
    table = (22 * len(groups) + 6) / area
    gap = 70 / area
    fig.update_layout(
        height=height,
        yaxis={"domain": [table + gap, 1]},
        yaxis2={
            "domain": [0, table],
            "range": [len(groups) - 0.5, -0.5],
            "showgrid": False,
            "zeroline": False,
            "showticklabels": False,
            "title": {"text": "n", "standoff": 4},
            "fixedrange": True,
        },
    )
    return fig.figure()


def support_figure(frame: pd.DataFrame, names: dict[str, str], title: str, lang: str) -> go.Figure:
    """Support per establishment by activity, for each status and period."""
    fig = Spec()
    frame = frame.assign(series=frame["status"] + ":" + frame["period"])
    for series in frame["series"].drop_duplicates():
        colour = palette.SUPPORT_SERIES.get(series, palette.NEUTRAL["base"])
        part = frame[frame["series"] == series]
        fig.add_bar(
            x=[t(f"activity.{a}", lang) for a in part["activity"]],
            y=part["per_establishment_vnd"] / 1e6,
            name=names.get(series, series),
            marker_color=colour,
            customdata=part[["establishments"]].to_numpy(),
            hovertemplate="%{x}: %{y:.0f} tr.đ (n = %{customdata[0]})<extra>%{fullData.name}</extra>",
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=t("rev.support_per_est", lang))
    _separators(fig, lang)
    return _base(fig, title).figure()


def score_box_figure(boxes: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Total scores per round as boxes drawn from statistics computed in the database
    (quartiles, whiskers at 1.5 × the interquartile range, at most a few outlying scores
    per round: ``queries/score_distribution.sql``), never from every score, and each
    round's threshold.  The points a figure carries stay the same at any data size."""
    fig = Spec()
    shown = boxes[boxes["scored"] > 0]
    for r in shown.itertuples():
        label = _round_label(r.year, r.level, lang)
        colour = LEVEL_COLOURS[r.level]
        fig.add_box(
            x=[label],
            q1=[r.q1],
            median=[r.median],
            q3=[r.q3],
            lowerfence=[r.lower_fence],
            upperfence=[r.upper_fence],
            name=label,
            boxpoints=False,
            marker={"color": colour},
            line={"color": colour},
            showlegend=False,
            hovertemplate=f"{label}<br>n = {fmt.number(r.scored, lang)}<extra></extra>",
        )
        outliers = list(r.outliers) if r.outliers is not None else []
        if outliers:
            fig.add_scatter(
                x=[label] * len(outliers),
                y=outliers,
                mode="markers",
                marker={"color": colour, "size": 5, "symbol": "circle-open"},
                showlegend=False,
                hovertemplate="%{y}<extra></extra>",
            )
    for threshold in sorted(set(shown["pass_threshold"].dropna())):
        fig.add_hline(
            y=threshold,
            line_dash="dash",
            line_color=palette.NEUTRAL["threshold"],
            annotation_text=f"{t('rate.threshold', lang)} {fmt.number(threshold, lang)}",
            annotation_position="top left",
        )
    low = shown["min_score"].min() if len(shown) else 0
    fig.update_yaxes(title=t("rate.score", lang), range=[max(0, low - 5), 100])
    fig.update_xaxes(type="category")
    _separators(fig, lang)
    return _base(fig, title).figure()


def point_count(fig: go.Figure) -> int:
    """How many data points a figure sends to the browser (every trace's x/y values)."""
    total = 0
    for trace in fig.data:
        counts = [len(v) for v in (getattr(trace, "x", None), getattr(trace, "y", None)) if v is not None]
        total += max(counts, default=0)
    return total
