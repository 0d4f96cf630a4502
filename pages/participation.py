"""Tham gia / Participation: who enters, round by round, and the list behind every bar."""

import streamlit as st

from cnnt import access, charts, findings, fmt, ui
from cnnt.i18n import t
from cnnt.overview import regulation_note

ENTRY_ROWS = 2000  # rows of the drill-down list sent to the browser; the caption gives the full count

ctx = ui.context()
lang = ctx.lang
params = ctx.filter_params

st.title(t("part.title", lang))
ui.filter_note(ctx, "rounds")
ui.merger_note(ctx)
st.caption(t("def.participation", lang))

# By product group (click a bar to drill down)
groups = ui.query(ctx, "participation_by_group", **params)
title = findings.group_title(groups, ctx.group_names, lang)
event = ui.panel(
    ctx,
    "part_group",
    title,
    ui.labelled(
        groups,
        {
            "round_id": "col.round",
            "level": "col.level",
            "year": "col.year",
            "group_code": "col.group",
            "products": "col.products",
            "certified": "col.certified",
        },
        ctx,
    ),
    fig=charts.stacked_by_round(groups, "group_code", "products", ctx.group_names, charts.GROUP_COLOURS, title, lang)
    if not groups.empty
    else None,
    n_text=t("panel.n", lang, n=fmt.number(groups["products"].sum(), lang)),
    note=regulation_note(ctx.year_from, ctx.year_to, lang),
    selectable=True,
    state={t("meta.breakdown", lang): t("col.group", lang)},
)
picked = sorted({p["customdata"][0] for p in (event.selection.points if event else []) if p.get("customdata")})
if picked:
    st.session_state["part_drill_rounds"] = picked

left, right = st.columns(2)
with left:
    forms = ui.query(ctx, "participation_by_legal_form", **params)
    title = findings.legal_form_title(forms, lang)
    names = {c: t(f"legal.{c}", lang) for c in charts.FORM_COLOURS}
    ui.panel(
        ctx,
        "part_form",
        title,
        ui.labelled(
            forms,
            {
                "round_id": "col.round",
                "level": "col.level",
                "year": "col.year",
                "legal_form": "col.legal_form",
                "establishments": "col.establishments",
                "products": "col.products",
            },
            ctx,
        ),
        fig=charts.stacked_by_round(forms, "legal_form", "establishments", names, charts.FORM_COLOURS, title, lang)
        if not forms.empty
        else None,
        n_text=t("panel.n_est", lang, n=fmt.number(forms["establishments"].sum(), lang)),
        state={t("meta.breakdown", lang): t("col.legal_form", lang)},
    )
with right:
    fresh = ui.query(ctx, "new_vs_returning", **params)
    title = findings.new_returning_title(fresh, lang)
    ui.panel(
        ctx,
        "part_new",
        title,
        ui.labelled(
            fresh,
            {
                "round_id": "col.round",
                "level": "col.level",
                "year": "col.year",
                "establishments_new": "part.new",
                "establishments_returning": "part.returning",
                "products_reentering_after_failing": "part.reentering",
            },
            ctx,
        ),
        fig=charts.new_returning_figure(fresh, title, lang) if not fresh.empty else None,
        definition=t("def.new_returning", lang),
    )

places = ui.query(ctx, "participation_by_locality", **params)
title = findings.locality_title(places, lang)
ui.panel(
    ctx,
    "part_locality",
    title,
    ui.labelled(
        places,
        {
            "name": "col.locality",
            "establishments_known": "col.establishments_known",
            "establishments": "col.establishments",
            "products": "col.products",
            "certified": "col.certified",
            "rounds_with_entry": "col.rounds_with_entry",
        },
        ctx,
    ),
    fig=charts.locality_figure(places, title, lang) if int(places["products"].sum()) > 0 else None,
    empty=None if int(places["products"].sum()) > 0 else ui.why_empty(ctx),
)

# Drill-down: the entries behind the figures (named products and their scores: not for every role)
if not access.can(access.PANELS["participation.entries"]):
    st.caption(t("access.panel_hidden", lang))
    st.stop()
st.subheader(t("part.drill", lang))
st.caption(t("part.drill_hint", lang))
rounds = ui.query(ctx, "round_years")
round_ids = [r for r in rounds["round_id"] if r in set(groups["round_id"])]
ui.page_list("part_drill_rounds", round_ids)  # a link reopens the same entries
ui.page_flag("part_certified_only")
c1, c2 = st.columns([3, 1])
chosen = c1.multiselect(
    t("part.drill_round", lang), round_ids, key="part_drill_rounds", placeholder=t("sidebar.all", lang)
)
certified_only = c2.toggle(t("part.certified_only", lang), key="part_certified_only")
ui.keep_in_url({"part_drill_rounds": [], "part_certified_only": False})
entries = ui.query(
    ctx,
    "entry_list",
    **params,
    round_ids=chosen or None,
    legal_forms=None,
    certified_only=certified_only,
    limit=ENTRY_ROWS,
)
matching = int(entries["total"].iloc[0]) if not entries.empty else 0
ui.panel(
    ctx,
    "part_entries",
    t("part.drill", lang),
    ui.labelled(
        entries,
        {
            "round_id": "col.round",
            "level": "col.level",
            "product_name": "col.product",
            "establishment_name": "col.establishment",
            "group_code": "col.group",
            "legal_form": "col.legal_form",
            "district_name": "col.locality",
            "total_score": "col.score",
            "eligible": "col.eligible",
            "certified": "col.certified",
            "certificate_no": "col.certificate_no",
        },
        ctx,
    ),
    n_text=t("panel.n", lang, n=fmt.number(matching, lang))
    + (
        " · " + t("perf.entries_capped", lang, shown=fmt.number(len(entries), lang), n=fmt.number(matching, lang))
        if matching > len(entries)
        else ""
    ),
    definition=t("def.eligible", lang),
    state={
        t("part.drill_round", lang): ", ".join(chosen) or t("sidebar.all", lang),
        t("part.certified_only", lang): t("meta.yes" if certified_only else "meta.no", lang),
    },
)
