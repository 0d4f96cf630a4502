"""The overview's parts for issue 12: the report downloads, targets against actual,
and Đắk Lắk beside other provinces (Streamlit glue; the content comes from
:mod:`cnnt.report` and :mod:`cnnt.plan`)."""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

import streamlit as st

from cnnt import access, db, plan, ui
from cnnt.i18n import t

log = logging.getLogger("cnnt")
MIMES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def _options(ctx: ui.Context):
    from cnnt.report import Options

    return Options(
        year_from=ctx.year_from,
        year_to=ctx.year_to,
        scope=ctx.scope,
        lang=ctx.lang,
        levels=ctx.levels,
        groups=ctx.groups,
        districts=ctx.districts,
        as_of=dt.date.today(),
    )


@st.cache_data(max_entries=16, show_spinner=False)
def _report_bytes(data_root: str, snapshot_id: str, options_json: str, fmt: str, role: str) -> bytes:
    """One report file, cached by data root, snapshot, options, format and role."""
    from cnnt.report import Options, build_report, write_report

    raw = json.loads(options_json)
    raw["as_of"] = dt.date.fromisoformat(raw["as_of"])
    options = Options(**raw)

    def run(name: str, params: dict):
        return db.run(name, snapshot_id, data_root, role=role, **params)

    report = build_report(Path(data_root), options, snapshot_id, run=run)
    return write_report(report, fmt)


def download_buttons(ctx: ui.Context) -> None:
    """Two buttons: the draft report as Word and as PDF, built only when clicked."""
    options = _options(ctx)
    raw = {**options.__dict__, "as_of": options.as_of.isoformat()}
    key = json.dumps(raw, ensure_ascii=False, sort_keys=True)
    role = access.current_role()
    root, snap = str(ctx.data_root), ctx.snapshot.id
    scope = ctx.scope or "merged"
    left, right, _rest = st.columns([1, 1, 2])
    for col, fmt in ((left, "docx"), (right, "pdf")):
        col.download_button(
            t(f"report.download_{fmt}", ctx.lang),
            data=lambda fmt=fmt: _report_bytes(root, snap, key, fmt, role),
            file_name=f"bao-cao-cnnt-{ctx.year_from}-{ctx.year_to}-{scope}-{snap}.{fmt}",
            mime=MIMES[fmt],
            key=f"report_{fmt}",
            on_click="ignore",
            icon="📄",
            help=t("report.help", ctx.lang),
        )


def targets_panel(ctx: ui.Context) -> None:
    """Each plan target against what the data show (a target without data says so)."""
    lang = ctx.lang
    frame = ui.query(ctx, "target_progress", year_from=ctx.year_from, year_to=ctx.year_to, scope=ctx.scope)
    if frame.empty:
        st.caption(t("target.none", lang))
        return
    ui.panel(
        ctx,
        "overview_targets",
        t("target.title", lang) + ": " + plan.target_summary(frame, lang),
        plan.target_table(frame, lang),
        definition=t("target.def", lang),
    )


def peers_panel(ctx: ui.Context) -> None:
    """Đắk Lắk beside other provinces' published figures: same level, period and rule."""
    lang = ctx.lang
    frame = ui.query(ctx, "peer_comparison", year_from=ctx.year_from, year_to=ctx.year_to, scope=ctx.scope)
    if frame.empty:
        return
    ui.panel(
        ctx,
        "overview_peers",
        t("peer.title", lang) + ": " + plan.peer_summary(frame, lang),
        plan.peer_table(frame, lang, t(f"peer.ours.{ctx.scope or 'merged'}", lang)),
        definition=t("peer.rule", lang),
    )
