"""Tỷ lệ đạt / Pass rates: with n and a 95% interval, scores, criteria and progression."""

import streamlit as st

from cnnt import charts, findings, fmt, policy, ui
from cnnt.i18n import t
from cnnt.overview import regulation_note

MAX_OUTLIERS = 50  # outlying scores drawn per round (the box and whiskers carry the rest)
MIN_N = policy.MIN_N_RATE

ctx = ui.context()
lang = ctx.lang
params = ctx.filter_params

st.title(t("rate.title", lang))
ui.filter_note(ctx, "rounds")
ui.merger_note(ctx)
st.caption(t("def.pass_rate", lang))

dimensions = ["round", "level", "group", "legal_form", "locality"]
ui.page_state("rate_dimension", "group", dimensions)
dimension = (
    st.segmented_control(
        t("rate.dimension", lang),
        dimensions,
        format_func=lambda d: t(f"rate.dim.{d}", lang),
        key="rate_dimension",
        required=True,
    )
    or "group"
)
ui.keep_in_url({"rate_dimension": "group"})
rates = ui.query(ctx, "pass_rate_by_dimension", **params, dimension=dimension, min_n=MIN_N)
labels: dict[str, str] = {}
if dimension == "level":
    labels = {c: t(f"level.{c}", lang) for c in rates["category"]}
elif dimension == "group":
    labels = ctx.group_names
elif dimension == "legal_form":
    labels = {c: t(f"legal.{c}", lang) for c in rates["category"]}
elif dimension == "locality":
    labels = ctx.district_names
title = findings.pass_rate_title(rates, labels, lang, MIN_N)
table = rates.assign(
    category=[labels.get(c, c) for c in rates["category"]],
    pass_rate=[fmt.percent(v, lang) for v in rates["pass_rate"]],
    ci=[
        f"{fmt.percent(lo, lang)} – {fmt.percent(hi, lang)}"
        for lo, hi in zip(rates["ci_low"], rates["ci_high"], strict=True)
    ],
)
ui.panel(
    ctx,
    "rate_dim",
    title,
    ui.labelled(
        table,
        {
            "level": "col.level",
            "category": "col.category",
            "entries": "rate.entries",
            "certified": "rate.certified",
            "pass_rate": "rate.pass_rate",
            "ci": "rate.ci",
            "small_n": "rate.small",
        },
        ctx,
    ),
    fig=charts.pass_rate_figure(rates, labels, title, lang) if not rates.empty else None,
    n_text=t("panel.n", lang, n=fmt.number(rates["entries"].sum(), lang)),
    note=t("note.small_n", lang, n=MIN_N),
    state={t("rate.dimension", lang): t(f"rate.dim.{dimension}", lang)},
)

# Scores as statistics from the database (quartiles, whiskers, a few outliers per round), not every score
boxes = ui.query(ctx, "score_distribution", **params, max_outliers=MAX_OUTLIERS)
scored_n = int(boxes["scored"].sum()) if not boxes.empty else 0
unscored = int(boxes["entries"].sum()) - scored_n if not boxes.empty else 0
title = findings.score_title_from_boxes(boxes, lang)
ui.panel(
    ctx,
    "rate_scores",
    title,
    ui.labelled(
        boxes[boxes["scored"] > 0],
        {
            "round_id": "col.round",
            "level": "col.level",
            "scored": "perf.col.scored",
            "q1": "perf.col.q1",
            "median": "perf.col.median",
            "q3": "perf.col.q3",
            "lower_fence": "perf.col.lower_fence",
            "upper_fence": "perf.col.upper_fence",
            "outliers_n": "perf.col.outliers_n",
        },
        ctx,
    ),
    fig=charts.score_box_figure(boxes, title, lang) if scored_n else None,
    n_text=t("panel.n", lang, n=fmt.number(scored_n, lang))
    + (" · " + t("rate.unscored", lang, n=fmt.number(unscored, lang)) if unscored else "")
    + " · "
    + t("perf.box_note", lang, k=MAX_OUTLIERS),
    definition=t("def.eligible", lang),
    note=regulation_note(ctx.year_from, ctx.year_to, lang),
    empty=t("empty.no_scores", lang) if not scored_n and not boxes.empty else None,
)

left, right = st.columns(2)
with left:
    crit = ui.query(ctx, "criteria_by_outcome", **params)
    # scores without points per criteria group: the title names the panel, the sentence says why
    title = t("rate.criteria_heading", lang) if crit.empty and not boxes.empty else findings.criteria_title(crit, lang)
    ui.panel(
        ctx,
        "rate_criteria",
        title,
        ui.labelled(
            crit.assign(avg_share=[fmt.percent(v, lang) for v in crit["avg_share"]]),
            {
                "criteria_code": "col.category",
                "outcome": "col.certified",
                "entries": "rate.entries",
                "avg_share": "rate.share_of_max",
            },
            ctx,
        ),
        fig=charts.criteria_figure(crit, title, lang) if not crit.empty else None,
        definition=t("def.criteria", lang),
        empty=t("empty.no_criteria", lang) if crit.empty and not boxes.empty else None,
    )
with right:
    prog = ui.query(
        ctx,
        "progression",
        year_from=ctx.year_from,
        year_to=ctx.year_to,
        groups=ctx.groups,
        districts=ctx.districts,
        scope=ctx.scope,
    )
    title = t("rate.progression", lang)
    ui.panel(
        ctx,
        "rate_progression",
        findings.funnel_title(prog, lang),
        ui.labelled(prog, {"year": "col.year", **{s: f"overview.stage.{s}" for s in charts.FUNNEL_STAGES}}, ctx),
        fig=charts.funnel_figure(prog, title, lang) if not prog.empty else None,
        definition=t("def.progression", lang),
    )
