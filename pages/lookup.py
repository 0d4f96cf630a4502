"""Tra cứu / Lookup: a product or establishment by name, with or without diacritics."""

import datetime as dt

import pandas as pd
import streamlit as st

from cnnt import access, fmt, ui
from cnnt.i18n import t
from cnnt.schema import FINANCIAL_SOURCES

LOOKUP_ROWS = 200  # the best matches a search lists

ctx = ui.context()
lang = ctx.lang
st.title(t("lookup.title", lang))
ui.filter_note(ctx, "none", {"scope": "search", "levels": "search", "groups": "search", "districts": "search"})

ui.page_text("lookup_q")  # a link reopens the same search
text = st.text_input(t("lookup.query", lang), key="lookup_q", placeholder=t("lookup.placeholder", lang))
ui.keep_in_url({"lookup_q": ""})
if not text or len(text.strip()) < 2:
    st.stop()
hits = ui.query(ctx, "lookup_search", q=text, limit=LOOKUP_ROWS)
if hits.empty:
    st.info(t("lookup.none", lang))
    st.stop()
capped = len(hits) >= LOOKUP_ROWS  # the question stops there: there may be more
st.caption(t("lookup.results_capped" if capped else "lookup.results", lang, n=fmt.number(len(hits), lang)))
ui.show_table(
    ui.labelled(
        hits,
        {
            "establishment_name": "col.establishment",
            "legal_form": "col.legal_form",
            "product_name": "col.product",
            "group_code": "col.group",
            "entries": "col.entries",
            "certified": "col.certified",
        },
        ctx,
    ),
    lang,
    key="lookup_hits",
)

names = dict(zip(hits["establishment_id"], hits["establishment_name"], strict=False))
ui.page_state("lookup_pick", next(iter(names)), list(names))
est_id = st.selectbox(t("lookup.pick", lang), list(names), format_func=names.get, key="lookup_pick")
ui.keep_in_url({"lookup_pick": None})
state = {t("lookup.query", lang): text, t("lookup.pick", lang): str(names.get(est_id, est_id))}
profile = ui.query(ctx, "establishment_profile", establishment_id=est_id)
if profile.empty:
    st.stop()
p = profile.iloc[0]
with st.container(border=True):
    st.subheader(ui.escape_md(p["name"]))
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("lookup.legal_form", lang), t(f"legal.{p['legal_form']}", lang))
    c2.metric(t("lookup.founded", lang), fmt.year_or_dash(p["year_founded"]))
    c3.metric(t("lookup.before", lang), fmt.text_or_dash(p["legacy_district_name"]))
    c4.metric(t("lookup.after", lang), fmt.text_or_dash(p["current_unit_name"]))
    address = p["address"] if fmt.text_or_dash(p["address"]) != "–" else p["unit_name"]
    st.caption(ui.escape_md(f"{t('lookup.address', lang)}: {fmt.text_or_dash(address)}"))

entries = ui.query(ctx, "establishment_entries", establishment_id=est_id)
if entries.empty:
    st.info(t("lookup.no_entries", lang))
else:
    ui.panel(
        ctx,
        "lookup_entries",
        t("lookup.entries", lang),
        ui.labelled(
            entries.assign(
                certificate_date=["" if pd.isna(d) else fmt.date(d, lang) for d in entries["certificate_date"]],
                valid_until=["" if pd.isna(d) else fmt.date(d, lang) for d in entries["valid_until"]],
                cert_status=[
                    ""
                    if not (c is True or c == 1)
                    else t("cert.status.unstated", lang)
                    if pd.isna(v)
                    else t(
                        "cert.status.valid" if pd.Timestamp(v).date() >= dt.date.today() else "cert.status.expired",
                        lang,
                    )
                    for c, v in zip(entries["certified"], entries["valid_until"], strict=True)
                ],
            ),
            {
                "round_id": "col.round",
                "level": "col.level",
                "product_name": "col.product",
                "c1": "col.c1",
                "c2": "col.c2",
                "c3": "col.c3",
                "c4": "col.c4",
                "total_score": "col.score",
                "eligible": "col.eligible",
                "certified": "col.certified",
                "certificate_no": "col.certificate_no",
                "certificate_date": "col.certificate_date",
                "valid_until": "col.valid_until",
                "cert_status": "col.cert_status",
            },
            ctx,
        ),
        definition=t("def.eligible", lang),
        state=state,
    )

support = ui.query(ctx, "establishment_support", establishment_id=est_id)
if support.empty:
    st.info(t("lookup.no_support", lang))
else:
    ui.panel(
        ctx,
        "lookup_support",
        t("lookup.support", lang),
        ui.labelled(
            support,
            {
                "year": "col.year_grant",
                "programme": "col.programme",
                "activity": "col.activity",
                "amount_vnd": "col.amount",
            },
            ctx,
        ),
        n_text=t("lookup.total_support", lang, amount=fmt.money(support["amount_vnd"].sum(), lang)),
        state=state,
    )

st.subheader(t("lookup.financials", lang))
if access.can_see_confidential():
    money = ui.query(ctx, "establishment_financials", establishment_id=est_id)
    labels = {c: t(f"fin_source.{c}", lang) for c in FINANCIAL_SOURCES}  # "Cơ sở tự khai", not self_reported
    money = money.assign(source=[labels.get(s, s) if isinstance(s, str) else "" for s in money["source"]])
    ui.show_table(
        ui.labelled(
            money,
            {
                "year": "col.year",
                "revenue_vnd": "col.revenue",
                "employees": "col.employees",
                "avg_monthly_income_vnd": "col.income",
                "source": "col.source",
            },
            ctx,
        ),
        lang,
        key="lookup_financials",
    )
else:
    st.info(t("rev.own_hidden", lang), icon="🔒")
