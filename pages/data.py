"""Dữ liệu / Data: load a round's results, preview, publish, history and rollback,
and the reconciliation with published figures."""

import hashlib

import pandas as pd
import streamlit as st

from cnnt import export, fmt, importer, schema, template, ui
from cnnt.i18n import t
from cnnt.store import Store

ctx = ui.context()
lang = ctx.lang
store = Store(ctx.data_root)
st.title(t("data.title", lang))
tab_import, tab_history, tab_reconcile = st.tabs(
    [t("data.tab.import", lang), t("data.tab.history", lang), t("data.tab.reconcile", lang)]
)


def problems_table(result: importer.ImportResult) -> pd.DataFrame:
    frame = result.problems_frame()
    return pd.DataFrame(
        {
            t("imp.col.severity", lang): [t(f"imp.severity.{s}", lang) for s in frame["severity"]],
            t("imp.col.file", lang): frame["file"],
            t("imp.col.sheet", lang): frame["sheet"],
            t("imp.col.row", lang): frame["row"],
            t("imp.col.column", lang): frame["column"],
            t("imp.col.value", lang): frame["value"],
            t("imp.col.message", lang): frame["message_en" if lang == "en" else "message_vi"],
            "VI" if lang == "en" else "EN": frame["message_vi" if lang == "en" else "message_en"],
        }
    )


def headline_changes(before_id: str, after_id: str) -> pd.DataFrame:
    every = {"year_from": 2000, "year_to": 2035, "levels": None, "groups": None, "districts": None, "scope": None}
    a = ui.query((before_id, ctx.data_root), "headline_by_level", **every).set_index("level")
    b = ui.query((after_id, ctx.data_root), "headline_by_level", **every).set_index("level")
    rows = []
    for level in schema.LEVELS:
        for col, key in (
            ("rounds_held", "overview.rounds_held"),
            ("establishments", "overview.establishments"),
            ("products", "overview.products"),
            ("certified", "overview.certified"),
        ):
            old = int(a[col].get(level, 0)) if level in a.index else 0
            new = int(b[col].get(level, 0)) if level in b.index else 0
            if old != new:
                rows.append(
                    {
                        t("imp.col.figure", lang): f"{t(f'level.{level}', lang)} · {t(key, lang)}",
                        t("imp.col.before", lang): old,
                        t("imp.col.after", lang): new,
                        t("imp.col.delta", lang): fmt.signed(new - old, lang),
                    }
                )
    return pd.DataFrame(rows)


with tab_import:
    districts = ui.query(ctx, "district_options")
    st.download_button(
        t("imp.template", lang),
        data=lambda: template.build_template(sorted(districts["name"].tolist())),
        file_name="mau-nhap-lieu-cnnt.xlsx",
        key="imp_template",
        on_click="ignore",
        icon="📄",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        help=t("imp.template_help", lang),
    )
    files = st.file_uploader(t("imp.files", lang), type=["xlsx", "csv"], accept_multiple_files=True, key="imp_files")
    by = st.text_input(t("imp.by", lang), key="imp_by")
    if files and st.button(t("imp.check", lang), key="imp_check", type="primary"):
        sources = [(f.name, f.getvalue()) for f in files]
        with st.spinner():
            st.session_state["imp_result"] = importer.run_import(store, sources, by=by)
        st.session_state["imp_digest"] = hashlib.sha256(b"".join(d for _, d in sources)).hexdigest()
    result: importer.ImportResult | None = st.session_state.get("imp_result")
    if result is not None and files:
        read = ", ".join(f"{k}: {v}" for k, v in result.rows_read.items() if v)
        if read:
            st.caption(t("imp.rows_read", lang, rows=read))
        if result.errors:
            st.error(t("imp.errors", lang, n=len(result.errors)))
        if result.warnings:
            st.warning(t("imp.warnings", lang, n=len(result.warnings)))
        if result.problems:
            table = problems_table(result)
            st.dataframe(table, hide_index=True, key="imp_problems")
            st.download_button(
                t("imp.problems_download", lang),
                data=lambda: export.xlsx_bytes(
                    table,
                    ui.export_meta(ctx, t("imp.problems_download", lang)),
                    t("meta.data_sheet", lang),
                    t("meta.meta_sheet", lang),
                ),
                file_name="loi-nhap-lieu.xlsx",
                key="imp_problems_xlsx",
                on_click="ignore",
                icon="⬇️",
                mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        if result.staged is not None and not result.errors:
            st.success(t("imp.ok", lang))
            st.subheader(t("imp.preview", lang))
            base = result.base_id
            diff = result.changes
            st.dataframe(
                diff.rename(
                    columns={
                        "table": t("imp.col.table", lang),
                        "added": t("imp.col.added", lang),
                        "changed": t("imp.col.changed", lang),
                        "removed": t("imp.col.removed", lang),
                    }
                ),
                hide_index=True,
                key="imp_diff",
            )
            st.markdown(f"**{t('imp.headline_changes', lang)}**")
            changes = headline_changes(base, result.staged.id)
            if changes.empty:
                st.caption(t("imp.no_headline_change", lang))
            else:
                st.dataframe(changes, hide_index=True, key="imp_headline")
            acknowledged = not result.warnings or st.checkbox(t("imp.ack", lang), key="imp_ack")
            if not by.strip():
                st.caption(t("imp.need_name", lang))
            if st.button(
                t("imp.publish", lang), key="imp_publish", type="primary", disabled=not (acknowledged and by.strip())
            ):
                store.set_current(result.staged.id, by=by.strip(), action="publish")
                ui.switch_snapshot(result.staged.id)
                st.session_state.pop("imp_result", None)
                st.session_state["imp_done"] = result.staged.id
                st.rerun()
    if st.session_state.get("imp_done"):
        st.success(t("imp.published", lang, id=st.session_state["imp_done"]))

with tab_history:
    current = store.current_id()
    published = store.published_ids()
    snaps = [s for s in store.list() if s.ok]
    rows = []
    for s in snaps:
        m = s.manifest
        rows.append(
            {
                t("data.col.id", lang): s.id,
                t("data.col.created", lang): fmt.date(s.created_at[:10], lang) if s.created_at else "–",
                t("data.col.current", lang): "✔" if s.id == current else "",
                t("data.col.sample", lang): "🧪" if s.is_sample else "",
                t("hist.col.staged", lang): "⏳" if s.staged and s.id not in published else "",
                t("hist.col.published_by", lang): m.get("published_by", ""),
                t("hist.col.sources", lang): "; ".join(
                    f"{x['name']} ({x['sha256'][:12]}…)" for x in m.get("sources", [])
                ),
                t("data.col.rows", lang): sum(v.get("rows", 0) for v in m.get("tables", {}).values()),
            }
        )
    broken = [s for s in store.list() if not s.ok]
    for s in broken:
        rows.append(
            {t("data.col.id", lang): s.id, t("data.col.state", lang): t("data.state.broken", lang, problem=s.problem)}
        )
    st.subheader(t("data.snapshots", lang))
    st.dataframe(pd.DataFrame(rows), hide_index=True, key="hist_snapshots")
    events = store.history()
    if events:
        st.subheader(t("hist.events", lang))
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("hist.col.at", lang): e.get("at"),
                        t("hist.col.action", lang): t(f"hist.action.{e.get('action', 'publish')}", lang),
                        t("data.col.id", lang): e.get("snapshot_id"),
                        t("hist.col.previous", lang): e.get("previous_id"),
                        t("hist.col.by", lang): e.get("by"),
                    }
                    for e in reversed(events)
                ]
            ),
            hide_index=True,
            key="hist_events",
        )
    choices = [s.id for s in snaps if s.id in published or s.is_sample]
    if choices:
        picked = st.selectbox(t("hist.pick", lang), choices, key="hist_pick")
        left, right = st.columns(2)
        if left.button(t("hist.open", lang), key="hist_open"):
            ui.switch_snapshot(picked)
            st.session_state["hist_opened"] = picked
            st.rerun()
        if st.session_state.get("hist_opened"):
            left.caption(t("hist.opened", lang, id=st.session_state["hist_opened"]))
        confirm = right.checkbox(t("hist.rollback_confirm", lang), key="hist_confirm")
        who = right.text_input(t("imp.by", lang), key="hist_by")
        if right.button(
            t("hist.rollback", lang), key="hist_rollback", disabled=not (confirm and who.strip() and picked != current)
        ):
            store.set_current(picked, by=who.strip(), action="rollback")
            ui.switch_snapshot(picked)
            st.session_state["hist_done"] = picked
            st.rerun()
        if st.session_state.get("hist_done"):
            right.success(t("hist.rolled_back", lang, id=st.session_state["hist_done"]))

with tab_reconcile:
    figures = ui.query(ctx, "published_figure_check", scope=ctx.scope)
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
ui.snapshot_stamp(ctx)
