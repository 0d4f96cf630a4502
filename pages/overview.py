"""Tổng quan / Overview: the programme's headline figures per level."""

import datetime as dt

import streamlit as st

from cnnt import charts, findings, fmt, report_ui, ui
from cnnt.i18n import t
from cnnt.overview import HEADLINE_METRICS, headlines, published_matches, regulation_note, summary_text

ctx = ui.context()
lang = ctx.lang

st.title(t("overview.title", lang))
rounds = ui.query(ctx, "round_years")
held = sorted({int(y) for y in rounds["year"] if ctx.year_from <= int(y) <= ctx.year_to})
period = t("overview.period", lang, y0=ctx.year_from, y1=ctx.year_to)
if held:  # which years the loaded rounds cover, so that a period is never read as more data than there is
    period += " · " + (
        t("overview.held_one", lang, y=held[0])
        if len(held) == 1
        else t("overview.held_span", lang, y0=held[0], y1=held[-1], n=len(held))
    )
st.caption(period)
ui.filter_note(ctx, "rounds")
ui.merger_note(ctx)
report_ui.download_buttons(ctx)

head = ui.query(ctx, "headline_by_level", **ctx.filter_params)
figures = ui.query(ctx, "published_figure_check", scope=ctx.scope)
heads = headlines(head)
matches = published_matches(
    figures, rounds, heads, ctx.year_from, ctx.year_to, filtered=ctx.entity_filtered, scope=ctx.scope
)

if head.empty:
    st.info(t("overview.no_rounds", lang))
else:
    with st.container(border=True):
        summary = ui.escape_md(summary_text(heads, ctx.year_from, ctx.year_to, lang))  # data are text
        st.markdown(f"**{t('overview.summary_title', lang)}.** {summary}")
for h in heads:
    with st.container(border=True):
        st.subheader(t(f"level.{h.level}", lang))
        cols = st.columns(4)
        cols[0].metric(t("overview.rounds_held", lang), fmt.number(h.rounds_held, lang))
        for col, key in zip(cols[1:], HEADLINE_METRICS, strict=False):
            if h.previous_year is not None:
                delta = t(
                    "overview.delta_merger" if h.crosses_merger else "overview.delta",
                    lang,
                    delta=fmt.delta(h.deltas[key], lang),
                    latest=h.latest_year,
                    previous=h.previous_year,
                )
            else:
                delta = None
            ids = matches.get((h.level, key))
            ids_md = ui.escape_md(", ".join(ids)) if ids else ""  # figure ids come from imported data
            col.metric(
                t(f"overview.{key}", lang),
                fmt.number(h.values[key], lang),
                delta=delta,
                # no change is neither good nor bad: grey, and no arrow
                delta_color="normal" if delta and h.deltas[key] != 0 else "off",
                delta_arrow="auto" if delta and h.deltas[key] != 0 else "off",
                help=t("overview.published_match", lang, ids=ids_md) if ids else None,
            )
            if ids:
                col.caption("✅ " + t("overview.published_match", lang, ids=ids_md))
            elif h.previous_year is None and h.latest_year is not None:
                col.caption(t("overview.only_round", lang, latest=h.latest_year))
        if h.crosses_merger:
            st.caption(t("overview.merger_compared", lang, latest=h.latest_year, rounds=h.previous_rounds))

st.caption(t("overview.counting", lang))
if ctx.entity_filtered:
    st.caption(t("overview.filtered_note", lang))

# Certificates as a state: valid today, expiring before the next provincial round.
today = dt.date.today()
certs = ui.query(
    ctx, "certificates_state", as_of=today.isoformat(), groups=ctx.groups, districts=ctx.districts, scope=ctx.scope
)
if not certs.empty:
    with st.container(border=True):
        next_year = int(certs["next_round_year"].max())
        st.markdown(f"**{t('cert.title', lang, date=fmt.date(today, lang))}**")
        cols = st.columns(len(certs) + 2)
        for col, r in zip(cols, certs.itertuples(), strict=False):
            col.metric(t("cert.valid", lang, level=t(f"level.{r.level}", lang)), fmt.number(r.valid, lang))
        cols[len(certs)].metric(
            t("cert.expiring", lang, year=next_year), fmt.number(int(certs["expiring_before_next"].sum()), lang)
        )
        cols[len(certs) + 1].metric(
            t("cert.reentered", lang), fmt.number(int(certs["reentered_while_valid"].sum()), lang)
        )
        st.caption(
            t(
                "cert.def",
                lang,
                certified=fmt.number(int(certs["certified"].sum()), lang),
                unstated=fmt.number(int(certs["no_validity"].sum()), lang),
            )
        )

summary = ui.query(ctx, "round_summary", **ctx.filter_params)
if not summary.empty and int(summary["products"].sum()) == 0:
    # rounds were held but the filters leave no entry in them: the panel's sentence (why it is
    # empty, escaped like every title), not bars of zeros
    ui.panel(ctx, "overview_timeline", t("overview.timeline_title", lang), summary.iloc[0:0])
elif not summary.empty:
    title = findings.timeline_title(summary, lang)
    ui.panel(
        ctx,
        "overview_timeline",
        title,
        ui.labelled(
            summary,
            {
                "round_id": "col.round",
                "level": "col.level",
                "year": "col.year",
                "establishments": "col.establishments",
                "products": "col.products",
                "certified": "col.certified",
            },
            ctx,
        ),
        fig=charts.timeline_figure(summary, lang, title),
        n_text=t("panel.n", lang, n=fmt.number(summary["products"].sum(), lang)),
        definition=t("def.participation", lang),
        note=regulation_note(ctx.year_from, ctx.year_to, lang),
    )

progression = ui.query(
    ctx,
    "progression",
    year_from=ctx.year_from,
    year_to=ctx.year_to,
    groups=ctx.groups,
    districts=ctx.districts,
    scope=ctx.scope,
)
if not progression.empty:
    title = findings.funnel_title(progression, lang)
    ui.panel(
        ctx,
        "overview_funnel",
        title,
        ui.labelled(progression, {"year": "col.year", **{s: f"overview.stage.{s}" for s in charts.FUNNEL_STAGES}}, ctx),
        fig=charts.funnel_figure(progression, title, lang),
        definition=t("def.progression", lang),
    )

report_ui.targets_panel(ctx)
report_ui.peers_panel(ctx)
