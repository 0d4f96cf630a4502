"""Hồ sơ địa bàn / Locality profile: one locality's history, people and 2025 change."""

import math

import pandas as pd
import streamlit as st

from cnnt import charts, fmt, prospects, ui
from cnnt.i18n import t

NEIGHBOURS = 4
PEOPLE_ROWS = 2000  # rows of the establishments list sent to the browser; the downloads hold them all
CLASS_BADGE = {"never": "red", "lapsed": "orange", "below": "yellow", "ok": "green", "no_round": "gray"}

ctx = ui.context()
lang = ctx.lang
views = ["legacy", "current"]
ui.page_state("view", "legacy", views)
view = (
    st.segmented_control(
        t("loc.view", lang), views, format_func=lambda v: t(f"loc.view.{v}", lang), key="view", required=True
    )
    or "legacy"
)
params = {"view": view, "year_from": ctx.year_from, "year_to": ctx.year_to, "groups": ctx.groups, "scope": ctx.scope}
places = ui.locality_labels(ui.query(ctx, "locality_engagement", **params), lang)
if places.empty:
    st.title(t("page.locality_profile", lang))
    st.info(ui.why_empty(ctx), icon="📭")
    st.stop()
names = dict(zip(places["unit_id"], places["name"], strict=True))
ordered = sorted(names, key=lambda u: names[u])
if ctx.districts and view == "legacy":  # the profile follows the sidebar's locality filter
    ordered = [u for u in ordered if u in set(ctx.districts)] or ordered
ui.page_state("unit", ordered[0], ordered)
unit = st.selectbox(t("prof.pick", lang), ordered, format_func=names.get, key="unit")
ui.keep_in_url({"view": "legacy", "unit": None})
me = places.set_index("unit_id").loc[unit]

st.title(t("prof.title", lang, name=ui.escape_md(me["name"])))
ui.filter_note(
    ctx,
    "provincial_rounds",
    {"levels": "provincial_only", **({"districts": "current_view"} if view == "current" and ctx.districts else {})},
)
c1, c2, c3, c4 = st.columns(4)
c1.metric(t("loc.known", lang), fmt.number(me["known"], lang))
c2.metric(t("loc.participants", lang), fmt.number(me["participants"], lang))
c3.metric(
    t("loc.per100", lang),
    fmt.number(me["participation_per_100"], lang, 1),
    delta=fmt.delta(me["participation_per_100"] - 100 * me["province_rate"], lang, 1),
    delta_color="normal",
)
with c4:
    st.caption(t("loc.class", lang))
    st.badge(t(f"loc.class.{me['engagement_class']}", lang), color=CLASS_BADGE[me["engagement_class"]])

rounds = ui.query(ctx, "locality_rounds", unit_id=unit, **params)
title = t("prof.rounds_title", lang, name=me["name"])
ui.panel(
    ctx,
    "prof_rounds",
    title,
    ui.labelled(
        rounds,
        {
            "year": "col.year",
            "entries": "loc.entries",
            "certified": "col.certified",
            "participants": "loc.participants",
            "province_entries": "prof.province",
        },
        ctx,
    ),
    fig=charts.locality_rounds_figure(rounds, me["name"], title, lang) if not rounds.empty else None,
    definition=t("loc.def", lang),
    state={t("loc.view", lang): t(f"loc.view.{view}", lang), t("prof.pick", lang): str(me["name"])},
    # A period without a round open to the locality is not "never took part".
    empty=t(
        "empty.no_round_open" if me["engagement_class"] == "no_round" else "empty.never",
        lang,
        name=me["name"],
        y0=ctx.year_from,
        y1=ctx.year_to,
    ),
)

# Compared with the province and the nearest localities
lat0, lon0 = me["lat"], me["lon"]
distance = places.apply(lambda r: math.hypot(r["lat"] - lat0, (r["lon"] - lon0) * math.cos(math.radians(lat0))), axis=1)
near = places.assign(distance=distance).sort_values("distance").head(NEIGHBOURS + 1)
province = pd.DataFrame(
    [
        {
            "name": t("prof.province", lang),
            "known": places["known"].sum(),
            "participants": places["participants"].sum(),
            "participation_per_100": 100 * me["province_rate"],
            "entries": places["entries"].sum(),
        }
    ]
)
compare = pd.concat([near[["name", "known", "participants", "participation_per_100", "entries"]], province])
compare["participation_per_100"] = compare["participation_per_100"].round(1)
ui.panel(
    ctx,
    "prof_vs",
    t(
        "prof.vs_title",
        lang,
        name=me["name"],
        rate=fmt.number(me["participation_per_100"], lang, 1),
        province=fmt.number(100 * me["province_rate"], lang, 1),
    ),
    ui.labelled(
        compare,
        {
            "name": "loc.col.name",
            "known": "loc.known",
            "participants": "loc.participants",
            "participation_per_100": "loc.per100",
            "entries": "loc.entries",
        },
        ctx,
    ),
    n_text=t("prof.neighbours_note", lang, n=NEIGHBOURS),
)

people = ui.query(ctx, "locality_establishments", view=view, unit_id=unit, limit=PEOPLE_ROWS)
PEOPLE_COLUMNS = {
    "establishment_name": "col.establishment",
    "legal_form": "col.legal_form",
    "product_name": "col.product",
    "group_code": "col.group",
    "entries": "col.entries",
    "certified": "col.certified",
    "last_year": "loc.col.last_year",
    "support_vnd": "loc.col.support",
}
run_later = prospects.session_runner(ctx.snapshot.id, ctx.data_root)  # downloads run after the script


def all_people() -> pd.DataFrame:
    """The locality's whole list, asked for only when a download is."""
    everyone = run_later("locality_establishments", view=view, unit_id=unit, limit=None)
    return ui.labelled(everyone, PEOPLE_COLUMNS, ctx)


if people.empty:
    st.info(t("prof.none", lang))
else:
    listed = int(people["total"].iloc[0])
    ui.panel(
        ctx,
        "prof_people",
        t("prof.establishments", lang),
        ui.labelled(people, PEOPLE_COLUMNS, ctx),
        n_text=t("prof.people_shown", lang, shown=fmt.number(len(people), lang), n=fmt.number(listed, lang))
        if listed > len(people)
        else None,
        full=all_people if listed > len(people) else None,
    )

reform = ui.query(ctx, "locality_reform", view=view, unit_id=unit)
if not reform.empty:
    if view == "legacy":
        summary = t("prof.reform_legacy", lang, name=me["name"], n=reform["current_unit"].nunique())
    else:
        summary = t(
            "prof.reform_current",
            lang,
            name=me["name"],
            n=reform["legacy_commune"].nunique(),
            d=reform["legacy_district"].nunique(),
        )
    ui.panel(
        ctx,
        "prof_reform",
        t("prof.reform", lang) + ": " + summary,
        ui.labelled(
            reform,
            {
                "legacy_commune": "prof.col.legacy_commune",
                "legacy_district": "prof.col.legacy_district",
                "current_unit": "prof.col.current_unit",
                "is_main": "prof.col.is_main",
            },
            ctx,
        ),
        definition=t("loc.reform", lang),
    )
