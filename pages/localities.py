"""Địa bàn / Localities: engagement map, gap ranking and the prospect list."""

import pandas as pd
import streamlit as st

from cnnt import access, charts, export, findings, fmt, geo, images, prospects, ui
from cnnt.i18n import t

ctx = ui.context()
lang = ctx.lang

st.title(t("loc.title", lang))
ui.filter_note(ctx, "provincial_rounds", {"levels": "provincial_only", "districts": "all_localities"})
views = ["legacy", "current"]
ui.page_state("view", "legacy", views)
view = (
    st.segmented_control(
        t("loc.view", lang), views, format_func=lambda v: t(f"loc.view.{v}", lang), key="view", required=True
    )
    or "legacy"
)
ui.keep_in_url({"view": "legacy"})
st.caption(t("loc.reform", lang))
st.caption(t("loc.def", lang))

params = {"view": view, "year_from": ctx.year_from, "year_to": ctx.year_to, "groups": ctx.groups, "scope": ctx.scope}
places = ui.locality_labels(ui.query(ctx, "locality_engagement", **params), lang)
background = ui.query(ctx, "unit_points", view=view)
if places.empty:
    st.info(ui.why_empty(ctx), icon="📭")
    st.stop()
is_unknown = places["commune_unknown"].fillna(False).astype(bool)
unknown_rows = int(is_unknown.sum())
if view == "current" and unknown_rows:  # so that the count of rows is not read against "102 communes"
    st.caption(
        t(
            "loc.current_rows",
            lang,
            communes=fmt.number(len(places) - unknown_rows, lang),
            unknown=fmt.number(unknown_rows, lang),
        )
    )
class_name = {c: t(f"loc.class.{c}", lang) for c in charts.CLASS_COLOURS}
counts = places.loc[~is_unknown, "engagement_class"].value_counts()  # a "commune unknown" row is not a locality
unknown_inactive = int((is_unknown & places["engagement_class"].isin(["never", "lapsed"])).sum())
province_rate = float(places["province_rate"].iloc[0] or 0)

# Map
measures = ["engagement_class", "participation_per_100", "pass_rate", "entries", "gap"]
ui.page_state("loc_measure", "engagement_class", measures)
measure = st.selectbox(
    t("loc.measure", lang), measures, format_func=lambda m: t(f"loc.measure.{m}", lang), key="loc_measure"
)
ui.keep_in_url({"loc_measure": "engagement_class"})
boundaries = geo.for_view(ui.query(ctx, "map_units"), view, places)
for key, values in boundaries.problems:
    st.warning(t(key, lang, **values), icon="🗺️")
title = t(
    "loc.map_title_unknown" if unknown_inactive else "loc.map_title",
    lang,
    never=fmt.number(int(counts.get("never", 0)), lang),
    lapsed=fmt.number(int(counts.get("lapsed", 0)), lang),
    unknown=fmt.number(unknown_inactive, lang),
)
ranked = places.assign(
    engagement_class=[class_name[c] for c in places["engagement_class"]],
    participation_per_100=places["participation_per_100"].round(1),
    expected=places["expected"].round(1),
    gap=places["gap"].round(1),
)
columns = {
    "gap_rank": "loc.col.rank",
    "name": "loc.col.name",
    "known": "loc.known",
    "participants": "loc.participants",
    "participation_per_100": "loc.per100",
    "entries": "loc.entries",
    "expected": "loc.col.expected",
    "gap": "loc.col.gap",
    "last_year": "loc.col.last_year",
    "rounds_since_last": "loc.col.rounds_since",
    "engagement_class": "loc.class",
}
map_fig = charts.locality_map(
    places, background, measure, title, lang, boundaries=boundaries.geojson if boundaries.usable else None
)
ui.panel(
    ctx,
    "loc_map",
    title,
    ui.labelled(ranked, columns, ctx),
    fig=map_fig,
    n_text=t("geo.boundaries_note", lang, file=boundaries.source)
    if boundaries.usable
    else t("loc.map_note", lang) + " " + t("geo.schematic_note", lang),
    state={t("loc.view", lang): t(f"loc.view.{view}", lang), t("loc.measure", lang): t(f"loc.measure.{measure}", lang)},
)
stamp = " · ".join(f"{k}: {v}" for k, v in ui.export_meta(ctx, title)[1:5])  # snapshot, sample, scope, years
if images.png_available():
    st.download_button(
        t("geo.download_png", lang),
        data=lambda: images.png(map_fig, title, stamp),
        file_name=f"ban-do-{view}-{ctx.snapshot.id}.png" if lang == "vi" else f"map-{view}-{ctx.snapshot.id}.png",
        mime="image/png",
        key="loc_map_png",
        on_click="ignore",
        icon="🖼️",
    )
else:
    st.download_button(
        t("geo.download_html", lang),
        data=lambda: images.html(map_fig, title, stamp),
        file_name=f"ban-do-{view}-{ctx.snapshot.id}.html" if lang == "vi" else f"map-{view}-{ctx.snapshot.id}.html",
        mime="text/html",
        key="loc_map_html",
        on_click="ignore",
        icon="🖼️",
    )

# Gap ranking
ui.panel(
    ctx,
    "loc_gap",
    findings.gap_title(places, lang),
    ui.labelled(ranked, columns, ctx),
    definition=t("loc.gap_explain", lang, rate=fmt.number(100 * province_rate, lang, 1)),
    state={t("loc.view", lang): t(f"loc.view.{view}", lang)},
)

# Prospect list
st.subheader(t("loc.prospects", lang))
names = dict(zip(places["unit_id"], places["name"], strict=True))
inactive = places.loc[places["engagement_class"].isin(["never", "lapsed"]), "unit_id"].tolist()
ui.page_list("loc_prospect_units", list(names))
chosen = st.multiselect(
    t("loc.prospects_for", lang),
    list(names),
    format_func=names.get,
    key="loc_prospect_units",
    placeholder=t("loc.prospects_default", lang),
)
ui.keep_in_url({"loc_prospect_units": []})
unit_ids = chosen or inactive
if not unit_ids:
    st.info(t("empty.no_prospects", lang), icon="📭")
    st.stop()
show_revenue = access.can_see_confidential()
chosen_prospects = {"view": view, "unit_ids": unit_ids, "groups": ctx.groups, "scope": ctx.scope}
# On screen the most promising ones; the counts and the follow-up download cover them all.
table = prospects.followup_table(
    lambda name, **p: ui.query(ctx, name, **p), chosen_prospects, prospects.SHOWN, show_revenue
)
if table.empty:
    st.info(t("empty.no_prospects", lang), icon="📭")
    st.stop()
followup_cols = {
    "no": "loc.col.no",
    "establishment_name": "col.establishment",
    "address": "loc.col.address",
    "unit_name": "loc.col.name",
    "legal_form": "col.legal_form",
    "group_code": "col.group",
    "support_vnd": "loc.col.support",
    "support_grants": "loc.col.grants",
    "last_support_year": "loc.col.last_support",
    **({"revenue_band": "loc.col.revenue_band"} if show_revenue else {}),
    "promise": "loc.col.promise",
}
handwritten_cols = {  # blank in the follow-up list, for the officer to fill in; not on screen
    "contact": "loc.col.contact",
    "phone": "loc.col.phone",
    "contact_date": "loc.col.contact_date",
    "result": "loc.col.outcome",
    "notes": "loc.col.notes",
}
shown_cols = len(followup_cols)
followup_cols |= handwritten_cols
followup = ui.labelled(table, followup_cols, ctx)
run_later = prospects.session_runner(ctx.snapshot.id, ctx.data_root)


def every_prospect() -> pd.DataFrame:
    """The whole follow-up list (the screen holds the most promising), fetched only
    when a download asks for it."""
    if total > len(table):
        return ui.labelled(
            prospects.followup_table(run_later, chosen_prospects, None, show_revenue), followup_cols, ctx
        )
    return followup


total, supported = int(table["prospects"].iloc[0]), int(table["prospects_supported"].iloc[0])
title = t("loc.prospects_title", lang, n=fmt.number(total, lang), supported=fmt.number(supported, lang))
notes = []
if total > len(table):  # the screen holds the most promising; the download holds them all
    notes.append(t("loc.prospects_shown", lang, shown=fmt.number(len(table), lang), n=fmt.number(total, lang)))
if not show_revenue:
    notes.append(t("loc.revenue_hidden", lang))
ui.panel(
    ctx,
    "loc_prospects",
    title,
    followup.iloc[:, :shown_cols],
    definition=t("loc.prospects_def", lang),
    note=" ".join(notes) or None,
    state={
        t("loc.view", lang): t(f"loc.view.{view}", lang),
        t("loc.prospects_for", lang): ", ".join(names.get(u, u) for u in unit_ids),
    },
    full=lambda: every_prospect().iloc[:, :shown_cols],  # the panel's downloads hold every prospect too
)
meta = ui.export_meta(
    ctx,
    title,
    {
        t("loc.view", lang): t(f"loc.view.{view}", lang),
        t("loc.prospects_for", lang): ", ".join(names.get(u, u) for u in unit_ids),
    },
)


def followup_xlsx() -> bytes:
    """Every prospect, asked for only when the planner downloads the list."""
    return export.xlsx_bytes(every_prospect(), meta, t("meta.data_sheet", lang), t("meta.meta_sheet", lang))


st.download_button(
    t("loc.followup_xlsx", lang),
    data=followup_xlsx,
    file_name=f"van-dong-{ctx.snapshot.id}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    key="loc_followup_xlsx",
    on_click="ignore",
    icon="📋",
    type="primary",
)
