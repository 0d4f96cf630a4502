"""Plotly figures: plain functions, DataFrame in, figure out (tested directly)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from cnnt import fmt
from cnnt.i18n import t

LEVEL_COLOURS = {"provincial": "#1f6f8b", "regional": "#e07b39", "national": "#7a4eab"}
FONT = "Noto Sans, Arial, sans-serif"


def _base(fig: go.Figure, title: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left"},
        font={"family": FONT, "size": 13},
        margin={"l": 10, "r": 10, "t": 60, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        plot_bgcolor="white",
        bargap=0.25,
    )
    fig.update_yaxes(gridcolor="#e5e5e5", rangemode="tozero")
    return fig


def timeline_figure(rounds: pd.DataFrame, lang: str = "vi") -> go.Figure:
    """Products entered (light) and certified (solid) in each round, coloured by level.

    ``rounds`` is the output of ``queries/round_summary.sql``.
    """
    fig = go.Figure()
    labels = [f"{int(r.year)} · {t('level.' + r.level, lang)}" for r in rounds.itertuples()]
    for measure, opacity, name_key in (
        ("products", 0.35, "overview.entered"),
        ("certified", 1.0, "overview.certified"),
    ):
        fig.add_bar(
            x=labels,
            y=rounds[measure],
            name=t(name_key, lang),
            marker={"color": [LEVEL_COLOURS[lv] for lv in rounds["level"]], "opacity": opacity},
            text=[fmt.number(v, lang) for v in rounds[measure]],
            textposition="outside",
            customdata=rounds[["round_id"]].to_numpy(),
            hovertemplate="%{x}<br>%{fullData.name}: %{text}<extra>%{customdata[0]}</extra>",
        )
    fig.update_layout(barmode="group", separators=",." if lang == "vi" else ".,")
    fig.update_yaxes(title=t("overview.count", lang))
    return _base(fig, t("overview.timeline_title", lang))
