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


def timeline_figure(rounds: pd.DataFrame, lang: str = "vi", title: str | None = None) -> go.Figure:
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
    return _base(fig, title or t("overview.timeline_title", lang))


GROUP_COLOURS = {"G1": "#b5651d", "G2": "#2e7d32", "G3": "#546e7a", "G4": "#8e6c8a"}
FORM_COLOURS = {"doanh_nghiep": "#1f6f8b", "hop_tac_xa": "#e07b39", "to_hop_tac": "#c9a227", "ho_kinh_doanh": "#7a4eab"}


def _round_label(year, level, lang: str) -> str:
    return f"{int(year)} · {t('level.' + level, lang)}"


def _separators(fig: go.Figure, lang: str) -> None:
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
    fig = go.Figure()
    order = frame.drop_duplicates("round_id").sort_values(["year", "level"])
    labels = {r.round_id: _round_label(r.year, r.level, lang) for r in order.itertuples()}
    for code in [c for c in colours if c in set(frame[category])]:
        part = frame[frame[category] == code]
        fig.add_bar(
            x=[labels[r] for r in part["round_id"]],
            y=part[value],
            name=names.get(code, code),
            marker_color=colours[code],
            customdata=part[["round_id"]].to_numpy(),
            hovertemplate="%{x}<br>%{fullData.name}: %{y}<extra></extra>",
        )
    fig.update_layout(barmode="stack")
    fig.update_xaxes(categoryorder="array", categoryarray=list(labels.values()))
    _separators(fig, lang)
    return _base(fig, title)


def new_returning_figure(frame: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Establishments entering for the first time versus returning, per round."""
    fig = go.Figure()
    x = [_round_label(r.year, r.level, lang) for r in frame.itertuples()]
    fig.add_bar(x=x, y=frame["establishments_new"], name=t("part.new", lang), marker_color="#1f6f8b")
    fig.add_bar(x=x, y=frame["establishments_returning"], name=t("part.returning", lang), marker_color="#9ecae1")
    fig.add_scatter(
        x=x,
        y=frame["products_reentering_after_failing"],
        name=t("part.reentering", lang),
        mode="markers",
        marker={"symbol": "diamond", "size": 11, "color": "#e07b39"},
    )
    fig.update_layout(barmode="stack")
    _separators(fig, lang)
    return _base(fig, title)


def locality_figure(frame: pd.DataFrame, title: str, lang: str, top: int = 15) -> go.Figure:
    """Entries per locality, most first (horizontal bars)."""
    part = frame.head(top).iloc[::-1]
    fig = go.Figure()
    fig.add_bar(
        y=part["name"],
        x=part["products"],
        orientation="h",
        name=t("col.products", lang),
        marker_color="#1f6f8b",
        text=[fmt.number(v, lang) for v in part["products"]],
        textposition="outside",
    )
    fig.add_bar(
        y=part["name"], x=part["certified"], orientation="h", name=t("overview.certified", lang), marker_color="#2e7d32"
    )
    fig.update_layout(barmode="group", height=max(320, 28 * len(part) + 120))
    _separators(fig, lang)
    return _base(fig, title)


def pass_rate_figure(frame: pd.DataFrame, labels: dict[str, str], title: str, lang: str) -> go.Figure:
    """Pass rate with its 95% Wilson interval per category; small n drawn hollow."""
    fig = go.Figure()
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
    fig.update_xaxes(range=[0, 1.02], tickformat=".0%", gridcolor="#e5e5e5", title=t("rate.pass_rate", lang))
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_layout(height=max(320, 30 * frame["category"].nunique() + 140))
    _separators(fig, lang)
    return _base(fig, title)


def score_distribution_figure(entries: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Total scores per round as boxes with every entry, and each round's threshold drawn."""
    fig = go.Figure()
    order = entries.drop_duplicates("round_id").sort_values(["year", "level"])
    for r in order.itertuples():
        part = entries[entries["round_id"] == r.round_id]
        fig.add_box(
            y=part["total_score"],
            name=_round_label(r.year, r.level, lang),
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
            line_color="#c62828",
            annotation_text=f"{t('rate.threshold', lang)} {fmt.number(threshold, lang)}",
            annotation_position="top left",
        )
    fig.update_yaxes(title=t("rate.score", lang), range=[max(0, entries["total_score"].min() - 5), 100])
    _separators(fig, lang)
    return _base(fig, title)


def criteria_figure(frame: pd.DataFrame, title: str, lang: str) -> go.Figure:
    """Average share of each criteria group's maximum, certified versus not."""
    fig = go.Figure()
    name_col = "name_en" if lang == "en" else "name_vi"
    for outcome, colour in (("certified", "#2e7d32"), ("not_certified", "#c62828")):
        part = frame[frame["outcome"] == outcome]
        fig.add_bar(
            x=[f"{c} · {n}" for c, n in zip(part["criteria_code"], part[name_col], strict=True)],
            y=part["avg_share"],
            name=t(f"rate.outcome.{outcome}", lang),
            marker_color=colour,
            text=[fmt.percent(v, lang, 0) for v in part["avg_share"]],
            textposition="outside",
        )
    fig.update_yaxes(tickformat=".0%", range=[0, 1.1], title=t("rate.share_of_max", lang))
    fig.update_layout(barmode="group")
    _separators(fig, lang)
    return _base(fig, title)


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
    fig = go.Figure()
    colours = ("#9ecae1", "#1f6f8b", "#f4b183", "#e07b39", "#c7b4e0", "#7a4eab")
    for stage, colour in zip(FUNNEL_STAGES, colours, strict=True):
        fig.add_bar(
            x=[t("overview.cycle", lang, year=int(y)) for y in progression["year"]],
            y=progression[stage],
            name=t(f"overview.stage.{stage}", lang),
            marker_color=colour,
            text=[fmt.number(v, lang) for v in progression[stage]],
            textposition="outside",
        )
    fig.update_layout(barmode="group")
    _separators(fig, lang)
    return _base(fig, title)
