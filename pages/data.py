"""Dữ liệu / Data: load a round's results (the template or an announcement list as
published), preview, publish, withdraw rows, history and rollback, and the
reconciliation with published figures.  Works on an empty data folder too: the
first load starts the province's history."""

import datetime as dt
import hashlib
import re

import pandas as pd
import streamlit as st

from cnnt import access, auth, export, fmt, import_report, importer, schema, template, ui, withdrawal
from cnnt.filelimits import LIMITS, human_bytes
from cnnt.i18n import CATALOGUE, t
from cnnt.store import SamePerson, StaleStage, Store

ctx = ui.context(allow_empty=True)
lang = ctx.lang
store = Store(ctx.data_root)
actor = auth.actor()  # the signed-in officer (or demo:<role>) recorded in the log; None: may not change data
st.title(t("data.title", lang))
if actor:
    st.caption(t("auth.acting_as", lang, account=actor))
elif auth.sign_in_offered():  # the sidebar links to the sign-in page
    st.warning(t("auth.sign_in_to_change", lang), icon="🔑")
else:  # nowhere to sign in: say who can make an account, and how
    st.warning(t("auth.no_accounts", lang), icon="🔑")
if store.is_sample_root:
    st.info(t("imp.sample_root", lang), icon="🧪")
tab_import, tab_withdraw, tab_history, tab_reconcile = st.tabs(
    [
        t("data.tab.import", lang),
        t("data.tab.withdraw", lang),
        t("data.tab.history", lang),
        t("data.tab.reconcile", lang),
    ]
)


PROBLEMS_IN_FULL = 200  # problems printed whole; a longer list shows its first rows and the grid
EVERY = {"year_from": 2000, "year_to": 2035, "levels": None, "groups": None, "districts": None, "scope": None}


def headline_changes(before_id: str | None, after_id: str) -> pd.DataFrame:
    """The headline figures (merged province, whole history) that the staged snapshot changes."""
    a = (
        ui.query((before_id, ctx.data_root), "headline_by_level", **EVERY).set_index("level")
        if before_id
        else pd.DataFrame()
    )
    b = ui.query((after_id, ctx.data_root), "headline_by_level", **EVERY).set_index("level")
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
                        t("imp.col.before", lang): fmt.number(old, lang),
                        t("imp.col.after", lang): fmt.number(new, lang),
                        t("imp.col.delta", lang): fmt.signed(new - old, lang),
                    }
                )
    return pd.DataFrame(rows)


_ROUND = r"round (?P<id>\S+)(?: \((?P<owner>\w+), (?P<level>\w+), (?P<year>\d{4})\))?"


def covers_text(line: str) -> str:
    """What an import covers (the importer's and the manifest's wording, with codes) in the UI language."""

    def label(prefix: str, code: str) -> str:
        return t(prefix + code, lang) if prefix + code in CATALOGUE else code

    def round_text(m: re.Match) -> str:
        if not m["owner"]:
            return t("imp.covers.round_id", lang, id=m["id"])
        owner, level = label("owner.", m["owner"]), label("level.", m["level"])
        return t("imp.covers.round", lang, id=m["id"], owner=owner, level=level, year=m["year"])

    if m := re.fullmatch(rf"(?P<src>.+?) → {_ROUND}(?P<list>; list of certified products)?", line):
        text = f"{m['src']} → {round_text(m)}"
        return text + ("; " + t("imp.covers.certified_list", lang) if m["list"] else "")
    if m := re.fullmatch(_ROUND, line):
        return round_text(m)
    if m := re.fullmatch(r"financials (\d{4})", line):
        return t("imp.covers.financials", lang, year=m[1])
    if m := re.fullmatch(r"support (\d{4}) (\S+)", line):
        return t("imp.covers.support", lang, year=m[1], programme=label("programme.", m[2]))
    if m := re.fullmatch(r"withdraw (\w+): (.*)", line, flags=re.S):
        return t("imp.covers.withdraw", lang, table=label("imp.table.", m[1]), rows=m[2])
    return line


def show_result(result: importer.ImportResult, key: str, recheck=None) -> None:
    """Problems, the preview of a staged snapshot and the publish button (import and withdraw)."""
    read = ", ".join(f"{t('imp.table.' + k, lang)}: {fmt.number(v, lang)}" for k, v in result.rows_read.items() if v)
    if read:
        st.caption(t("imp.rows_read", lang, rows=read))
    for line in result.covers:
        st.text(t("imp.covers", lang, what=covers_text(line)))
    if result.unscored:
        st.caption(t("imp.unscored", lang, n=fmt.number(result.unscored, lang)))
    if result.errors:
        st.error(t("imp.errors", lang, n=len(result.errors)))
    if result.warnings:
        st.warning(t("imp.warnings", lang, n=len(result.warnings)))
    if result.problems:
        # The problems print whole, each message wrapped (the grid cuts them at its width);
        # only a very long list shows its first ones (errors first) and the grid on request.
        problems = import_report.problems_table(result, lang)
        if len(problems) <= PROBLEMS_IN_FULL:
            ui.static_table(problems, lang)
        else:
            ui.show_table(problems, lang, key=f"{key}_problems")
        st.download_button(
            t("imp.problems_download", lang),
            data=lambda: export.xlsx_bytes(
                import_report.problems_table(result, lang, numeric_rows=True),
                ui.export_meta(ctx, t("imp.problems_download", lang)),
                t("meta.data_sheet", lang),
                t("meta.meta_sheet", lang),
            ),
            file_name="loi-nhap-lieu.xlsx",
            key=f"{key}_problems_xlsx",
            on_click="ignore",
            icon="⬇️",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    if result.staged is None or result.errors:
        return
    st.success(t("imp.ok", lang))
    st.subheader(t("imp.preview", lang))
    diff = result.changes
    if diff is None or diff.empty:
        st.caption(t("imp.no_change", lang))
    else:
        ui.grid(
            diff.assign(table=[t("imp.table." + x, lang) for x in diff["table"]]).rename(
                columns={
                    "table": t("imp.col.table", lang),
                    "added": t("imp.col.added", lang),
                    "changed": t("imp.col.changed", lang),
                    "removed": t("imp.col.removed", lang),
                }
            ),
            key=f"{key}_diff",
        )
        detail = result.changed_rows
        if detail is not None and not detail.empty:
            with st.expander(t("imp.changed_rows", lang), expanded=len(detail) <= 20):
                ui.grid(import_report.changes_table(detail, lang), key=f"{key}_changed_rows")
                if detail.attrs.get("omitted"):
                    st.caption(
                        t(
                            "imp.changed_rows_omitted",
                            lang,
                            shown=fmt.number(len(detail), lang),
                            n=fmt.number(detail.attrs["omitted"], lang),
                        )
                    )
    st.markdown(f"**{t('imp.headline_changes', lang)}**")
    changes = headline_changes(result.base_id, result.staged.id)
    if changes.empty:
        st.caption(t("imp.no_headline_change", lang))
    else:
        ui.static_table(changes, lang)  # a dozen rows at most; "+1" reads as typed (the grid writes "'+1")
    acknowledged = not result.warnings or st.checkbox(t("imp.ack", lang), key=f"{key}_ack")
    by = actor or ""
    two_person = access.two_person_rule()
    if two_person:
        st.caption(t("auth.two_person", lang))
    if st.button(t("imp.publish", lang), key=f"{key}_publish", type="primary", disabled=not (acknowledged and by)):
        try:
            store.publish_staged(result.staged.id, by=by, two_person=two_person)
        except StaleStage as stale:
            st.session_state[f"{key}_stale"] = (stale.base_id, stale.current_id)
        except SamePerson:
            st.error(t("auth.same_person", lang), icon="👥")
        except ValueError:
            st.error(t("auth.stage_gone", lang))
        else:
            ui.switch_snapshot(result.staged.id)
            st.session_state.pop(f"{key}_result", None)
            # The round stated for this list is not the next list's: its widgets start afresh.
            st.session_state["imp_spec_gen"] = st.session_state.get("imp_spec_gen", 0) + 1
            st.session_state["imp_done"] = result.staged.id
            st.rerun()
    stale = st.session_state.get(f"{key}_stale")
    if stale:
        st.error(t("imp.stale", lang, base=stale[0] or "–", current=stale[1] or "–"))
        if recheck is not None and st.button(t("imp.recheck", lang), key=f"{key}_recheck"):
            st.session_state.pop(f"{key}_stale", None)
            recheck()
            st.rerun()


with tab_import:
    districts = ui.query(ctx, "district_options") if ctx.snapshot is not None else pd.DataFrame({"name": []})
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
    files = st.file_uploader(
        t("imp.files", lang, limit=human_bytes(LIMITS.max_file_bytes, lang)),
        type=["xlsx", "csv"],
        accept_multiple_files=True,
        key="imp_files",
    )
    gen = st.session_state.get("imp_spec_gen", 0)
    with st.expander(t("imp.round_spec", lang)):
        st.caption(t("imp.round_spec_help", lang))
        c1, c2, c3 = st.columns(3)
        owner = c1.selectbox(
            t("imp.spec.owner", lang),
            [None, *schema.OWNERS],
            format_func=lambda o: t("imp.spec.from_title", lang) if o is None else t(f"owner.{o}", lang),
            key=f"imp_owner_{gen}",
        )
        level = c2.selectbox(
            t("imp.spec.level", lang),
            [None, *schema.LEVELS],
            format_func=lambda v: t("imp.spec.from_title", lang) if v is None else t(f"level.{v}", lang),
            key=f"imp_level_{gen}",
        )
        year = c3.number_input(
            t("imp.spec.year", lang), min_value=2000, max_value=2035, value=None, step=1, key=f"imp_year_{gen}"
        )
        d1, d2 = st.columns(2)
        decision_no = d1.text_input(t("imp.spec.decision_no", lang), key=f"imp_decision_no_{gen}")
        decision_date = d2.date_input(
            t("imp.spec.decision_date", lang),
            value=None,
            min_value=dt.date(2000, 1, 1),
            max_value=dt.date(2035, 12, 31),
            format="DD/MM/YYYY",
            key=f"imp_decision_date_{gen}",
        )
    replace = st.checkbox(t("imp.replace", lang), value=True, key="imp_replace", help=t("imp.replace_help", lang))

    def check(sources: list[tuple[str, bytes]]) -> None:
        st.session_state.pop("imp_done", None)  # a new check: the last "published" message is old news
        spec = importer.RoundSpec(
            owner=owner,
            level=level,
            year=int(year) if year else None,
            decision_no=decision_no.strip() or None,
            decision_date=decision_date,
        )
        with st.spinner():
            st.session_state["imp_result"] = importer.run_import(
                store, sources, by=actor or "", round_spec=spec, replace=replace
            )
        st.session_state["imp_sources"] = sources
        st.session_state["imp_digest"] = hashlib.sha256(b"".join(d for _, d in sources)).hexdigest()

    if files and st.button(t("imp.check", lang), key="imp_check", type="primary", disabled=not actor):
        st.session_state.pop("imp_stale", None)
        check([(f.name, f.getvalue()) for f in files])
    result: importer.ImportResult | None = st.session_state.get("imp_result")
    # Only the result of the files now in the uploader (a swapped file must be checked again).
    checked = (
        bool(files)
        and st.session_state.get("imp_digest") == hashlib.sha256(b"".join(f.getvalue() for f in files)).hexdigest()
    )
    if result is not None and checked:
        show_result(result, "imp", recheck=lambda: check(st.session_state["imp_sources"]))
    if st.session_state.get("imp_done"):
        st.success(t("imp.published", lang, id=st.session_state["imp_done"]))

with tab_withdraw:
    st.caption(t("wd.help", lang))
    if ctx.snapshot is None or store.is_sample_root:
        st.info(t("wd.nothing", lang))
    else:
        w1, w2 = st.columns([1, 2])
        table_name = w1.selectbox(
            t("wd.table", lang),
            list(importer.WITHDRAWABLE),
            format_func=lambda x: t("imp.table." + x, lang),
            key="wd_table",
        )
        keys = w2.text_input(t("wd.keys", lang), key="wd_keys", help=t("wd.keys_help", lang))
        reason = st.text_input(t("wd.reason", lang), key="wd_reason")
        if keys.strip() and st.button(t("wd.check", lang), key="wd_check", disabled=not actor):
            st.session_state.pop("wd_stale", None)
            st.session_state["wd_result"] = importer.withdraw(
                store,
                table_name,
                [k.strip() for k in keys.replace(";", ",").split(",")],
                by=actor or "",
                reason=reason.strip(),
            )
        withdrawn: importer.ImportResult | None = st.session_state.get("wd_result")
        if withdrawn is not None:
            show_result(withdrawn, "wd")

with tab_history:
    current = store.current_id()
    snaps = [s for s in store.list() if s.ok]
    checks = [s for s in snaps if s.staged]  # written by a check, never published
    show_checks = bool(checks) and st.toggle(
        t("hist.show_checks", lang, n=fmt.number(len(checks), lang)), key="hist_show_checks"
    )
    rows = []
    for s in snaps if show_checks else [s for s in snaps if s not in checks]:
        m = s.manifest
        rows.append(
            {
                t("data.col.id", lang): s.id,
                t("data.col.created", lang): fmt.local_time(s.created_at, lang),
                t("data.col.current", lang): "✔" if s.id == current else "",
                t("data.col.state", lang): t(
                    "hist.state.hidden"
                    if s.hidden
                    else ("hist.state.published" if s.published else "hist.state.staged"),
                    lang,
                ),
                t("data.col.sample", lang): "🧪" if s.is_sample else "",
                t("hist.col.published_by", lang): m.get("published_by", ""),
                t("hist.col.covers", lang): "; ".join(covers_text(x) for x in m.get("covers", [])),
                t("hist.col.sources", lang): "; ".join(
                    f"{x['name']} ({x['sha256'][:12]}…)" for x in m.get("sources", [])
                ),
                t("data.col.rows", lang): sum(v.get("rows", 0) for v in m.get("tables", {}).values()),
            }
        )
    for s in store.list():
        if not s.ok:
            rows.append(
                {
                    t("data.col.id", lang): s.id,
                    t("data.col.state", lang): t("data.state.broken", lang, problem=s.problem),
                }
            )
    st.subheader(t("data.snapshots", lang))
    if rows:
        ui.grid(pd.DataFrame(rows), key="hist_snapshots")
    else:
        st.caption(t("hist.none", lang))
    events = store.history()
    if events:
        st.subheader(t("hist.events", lang))
        ui.grid(
            pd.DataFrame(
                [
                    {
                        t("hist.col.at", lang): fmt.local_time(e.get("at"), lang),
                        t("hist.col.action", lang): t(f"hist.action.{e.get('action', 'publish')}", lang),
                        t("data.col.id", lang): e.get("snapshot_id"),
                        t("hist.col.previous", lang): e.get("previous_id"),
                        t("hist.col.by", lang): e.get("by"),
                    }
                    for e in reversed(events)
                ]
            ),
            key="hist_events",
        )
    choices = [s.id for s in snaps if s.published and not s.hidden]
    if choices:
        by_id = {s.id: s for s in snaps}

        def snapshot_choice(i: str) -> str:
            """The id with what it holds (its covers, or "sample") and when: not a bare id."""
            s = by_id[i]
            what = "; ".join(covers_text(x) for x in s.manifest.get("covers", [])) or (
                t("sample.badge", lang) if s.is_sample else ""
            )
            return " · ".join(x for x in (i, fmt.local_time(s.created_at, lang), what) if x)

        picked = st.selectbox(t("hist.pick", lang), choices, format_func=snapshot_choice, key="hist_pick")
        confirm = st.checkbox(t("hist.rollback_confirm", lang), key="hist_confirm")  # full width: read whole
        left, right = st.columns(2)
        if left.button(t("hist.open", lang), key="hist_open"):
            ui.switch_snapshot(picked)
            st.session_state["hist_opened"] = picked
            st.rerun()
        if st.session_state.get("hist_opened"):
            left.caption(t("hist.opened", lang, id=st.session_state["hist_opened"]))
        if right.button(
            t("hist.rollback", lang), key="hist_rollback", disabled=not (confirm and actor and picked != current)
        ):
            store.set_current(picked, by=actor, action="rollback")
            ui.switch_snapshot(picked)
            st.session_state["hist_done"] = picked
            st.rerun()
        if st.session_state.get("hist_done"):
            right.success(t("hist.rolled_back", lang, id=st.session_state["hist_done"]))
    withdrawal.panel(store, actor, lang)

with tab_reconcile:
    if ctx.snapshot is None:
        st.info(t("empty.no_data", lang))
    else:
        figures = ui.query(ctx, "published_figure_check", scope=ctx.scope)
        if figures.empty:
            st.caption(t("data.no_figures", lang))
        else:
            st.write(
                t(
                    "data.matched",
                    lang,
                    n=fmt.number(int(figures["matches"].sum()), lang),
                    total=fmt.number(len(figures), lang),
                )
            )
            ui.grid(
                pd.DataFrame(
                    {
                        t("data.col.figure", lang): figures["figure_id"],
                        t("data.col.owner", lang): [t(f"owner.{v}", lang) for v in figures["owner_code"]],
                        t("data.col.level", lang): [t(f"level.{v}", lang) for v in figures["level"]],
                        t("data.col.period", lang): figures["period_vi"],
                        t("data.col.metric", lang): [t(f"metric.{v}", lang) for v in figures["metric"]],
                        t("data.col.published", lang): [fmt.number(v, lang) for v in figures["published_value"]],
                        t("data.col.computed", lang): [fmt.number(v, lang) for v in figures["computed_value"]],
                        t("data.col.matches", lang): ["✅" if m else "❌" for m in figures["matches"]],
                        t("data.col.source", lang): figures["source_title"],
                    }
                ),
                key="data_reconciliation",
            )
ui.snapshot_stamp(ctx)
