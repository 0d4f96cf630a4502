"""Dữ liệu / Data: the snapshots held, and the data reconciled with published figures."""

import pandas as pd
import streamlit as st

from cnnt import fmt, ui
from cnnt.i18n import t
from cnnt.store import Store

ctx = ui.context()
lang = ctx.lang

st.title(t("data.title", lang))

st.subheader(t("data.reconciliation", lang))
figures = ui.query(ctx, "published_figure_check")
st.write(t("data.matched", lang, n=int(figures["matches"].sum()), total=len(figures)))
st.dataframe(
    pd.DataFrame(
        {
            t("data.col.figure", lang): figures["figure_id"],
            t("data.col.level", lang): [t(f"level.{v}", lang) for v in figures["level"]],
            t("data.col.period", lang): figures["period_vi"],
            t("data.col.metric", lang): [t(f"metric.{v}", lang) for v in figures["metric"]],
            t("data.col.published", lang): [fmt.number(v, lang) for v in figures["published_value"]],
            t("data.col.computed", lang): [fmt.number(v, lang) for v in figures["computed_value"]],
            t("data.col.matches", lang): ["✅" if m else "❌" for m in figures["matches"]],
            t("data.col.source", lang): figures["source_title"],
        }
    ),
    hide_index=True,
    key="data_reconciliation",
)

st.subheader(t("data.snapshots", lang))
store = Store(ctx.data_root)
current = store.current_id()
rows = []
for s in store.list():
    rows.append(
        {
            t("data.col.id", lang): s.id,
            t("data.col.created", lang): fmt.date(s.created_at[:10], lang) if s.created_at else "–",
            t("data.col.sample", lang): "🧪" if s.is_sample else "",
            t("data.col.current", lang): "✔" if s.id == current else "",
            t("data.col.state", lang): t("data.state.ok", lang)
            if s.ok
            else t("data.state.broken", lang, problem=s.problem),
            t("data.col.rows", lang): fmt.number(
                sum(v.get("rows", 0) for v in s.manifest.get("tables", {}).values()), lang
            ),
        }
    )
st.dataframe(pd.DataFrame(rows), hide_index=True, key="data_snapshots")
ui.snapshot_stamp(ctx)
