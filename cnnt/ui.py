"""Streamlit glue shared by every page: the sidebar, the context it yields, and
safe query calls.  No SQL here: data come from :func:`cnnt.db.run`.

The language, the snapshot and the shared filters live in the URL as stable
codes (``?lang=en&levels=provincial&years=2012-2021``), so a copied link reopens
the same view, also after switching pages.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from cnnt import access, db, fmt
from cnnt.i18n import LANG_NAMES, LANGS, t
from cnnt.overview import PROGRAMME_FIRST_YEAR
from cnnt.safe_text import escape_md, safe_figure  # noqa: F401 - pages use ui.escape_md
from cnnt.schema import LEVELS, MERGED_OWNER, OWNERS
from cnnt.store import SnapshotInfo, Store

log = logging.getLogger("cnnt")
FIRST_DATA_YEAR = PROGRAMME_FIRST_YEAR  # the programme's first year in the province
MERGED_SCOPE = "merged"  # the scope switch's code for the merged province (both histories)


@dataclass
class Context:
    """What every page needs: language, snapshot and the shared filters."""

    lang: str
    snapshot: SnapshotInfo | None  # None: an empty data folder (nothing loaded yet)
    data_root: Path
    year_from: int
    year_to: int
    levels: list[str] | None = None  # None: all
    groups: list[str] | None = None
    districts: list[str] | None = None
    scope: str | None = None  # a former province's owner code; None: the merged province
    group_names: dict[str, str] = field(default_factory=dict)
    district_names: dict[str, str] = field(default_factory=dict)
    rounds: int = 0  # rounds in the snapshot (0: no data yet)
    owners: list[str] = field(default_factory=list)  # programme owners with a round

    @property
    def filter_params(self) -> dict[str, Any]:
        return {
            "year_from": self.year_from,
            "year_to": self.year_to,
            "levels": self.levels,
            "groups": self.groups,
            "districts": self.districts,
            "scope": self.scope,
        }

    @property
    def has_data(self) -> bool:
        return self.snapshot is not None and self.rounds > 0

    @property
    def entity_filtered(self) -> bool:
        return bool(self.groups or self.districts)


def query(ctx_or_snapshot: Context | tuple[str, Path], name: str, **params: Any) -> pd.DataFrame:
    """Run a named query; on failure show a plain message (never a traceback) and stop the page."""
    if isinstance(ctx_or_snapshot, Context):
        snapshot_id, root, lang = ctx_or_snapshot.snapshot.id, ctx_or_snapshot.data_root, ctx_or_snapshot.lang
    else:
        (snapshot_id, root), lang = ctx_or_snapshot, st.session_state.get("lang", "vi")
    try:
        return db.run(name, snapshot_id, root, role=access.current_role(), **params)
    except access.AccessRefused as refused:  # a page asked for more than the role may see
        log.warning("refused: %s", refused)
        st.error(t("access.refused_panel", lang))
        st.stop()
        raise  # unreachable; st.stop raises
    except Exception:  # noqa: BLE001 - any failure becomes a message, logged with its traceback
        log.exception("query %s failed on snapshot %s", name, snapshot_id)
        st.error(t("error.query", lang))
        st.stop()
        raise  # unreachable; st.stop raises


def _snapshot_label(s: SnapshotInfo, current: str | None, lang: str) -> str:
    created = fmt.date(s.created_at[:10], lang) if s.created_at else ""
    parts = [s.id, created]
    if s.is_sample:
        parts.append("🧪")
    if s.id == current:
        parts.append(f"({t('snapshot.current', lang)})")
    return " · ".join(p for p in parts if p)


# ---- URL state ---------------------------------------------------------------
# Streamlit clears query parameters when the page changes, and widgets bound to
# the URL write their labels (which change with the language) rather than codes.
# So the shared state lives in st.session_state under the widget keys, is read
# from the URL once per session (a deep link), and is written back on every run,
# which re-applies it after navigation.


def _url_list(key: str) -> list[str]:
    return [v for v in st.query_params.get_all(key) if v]


def _seed(key: str, default: Any, parse) -> None:
    """Give a widget key its first value: from the URL if valid there, else the default."""
    if key in st.session_state:
        return
    value = default
    if key in st.query_params:
        try:
            value = parse(_url_list(key))
        except (ValueError, TypeError, IndexError):
            value = default
    st.session_state[key] = value


def _subset(options: list[str]):
    def parse(values: list[str]) -> list[str]:
        return [v for v in values if v in options]

    return parse


def _one_of(options: list[str]):
    def parse(values: list[str]) -> str:
        if values[0] not in options:
            raise ValueError(values[0])
        return values[0]

    return parse


def _encode(key: str, value: Any) -> str | list[str]:
    if key == "years":
        return f"{value[0]}-{value[1]}"
    return [str(v) for v in value] if isinstance(value, (list, tuple)) else str(value)


def _write_url(defaults: dict[str, Any]) -> None:
    """Put the shared values into the URL with stable codes (re-applied on every run).

    A value is written when it differs from its default or the URL already
    names it; keys are set one by one and never cleared wholesale, which would
    make Streamlit lose the current page.
    """
    for key, default in defaults.items():
        value = st.session_state.get(key, default)
        if value is None:
            continue
        if value == default and key not in st.query_params:
            continue
        encoded = _encode(key, value)
        present = st.query_params.get_all(key)
        if present != (encoded if isinstance(encoded, list) else [encoded]):
            st.query_params[key] = encoded


def _years(lo: int, hi: int):
    def parse(values: list[str]) -> tuple[int, int]:
        a, b = (int(x) for x in values[0].split("-", 1))
        a, b = max(lo, min(a, b)), min(hi, max(a, b))
        if a > b:
            raise ValueError(values[0])
        return (a, b)

    return parse


def language() -> str:
    """The UI language for this run (before the sidebar is drawn)."""
    _seed("lang", "vi", _one_of(list(LANGS)))
    return st.session_state["lang"]


def sidebar() -> Context:
    """Draw the shared sidebar and return the page context (stops the page if no data)."""
    root = db.default_data_root()
    store = Store(root)
    lang = language()
    with st.sidebar:
        st.segmented_control(
            t("sidebar.language", lang),
            list(LANGS),
            format_func=LANG_NAMES.get,
            key="lang",
            required=True,
        )
    lang = st.session_state["lang"] or "vi"
    if st.session_state.get("_lang_drawn", lang) != lang:
        # The browser keeps a choice by its label, which the language changes: give the choices again
        # so that the new labels are the chosen ones (else the next run falls back to the defaults).
        for key in ("snap", "scope", "levels", "groups", "loc"):
            if key in st.session_state:
                st.session_state[key] = st.session_state[key]
    st.session_state["_lang_drawn"] = lang
    resolution = store.resolve()
    if resolution.snapshot is None:
        if resolution.problem != "empty":
            st.error(t("snapshot.none_valid", lang))
        _write_url({"lang": "vi"})
        return Context(lang=lang, snapshot=None, data_root=root, year_from=FIRST_DATA_YEAR, year_to=FIRST_DATA_YEAR)
    if resolution.problem in ("missing", "broken"):
        st.warning(
            t(f"snapshot.problem.{resolution.problem}", lang, requested=resolution.requested)
            + " "
            + t("snapshot.fallback", lang, id=resolution.snapshot.id)
        )
    by_id = {s.id: s for s in store.published_snapshots()}
    ids = list(by_id)
    current_id = store.current_id()
    default_snapshot = resolution.snapshot.id
    if "_snap_next" in st.session_state:  # a page asked to switch snapshot (publish, open, rollback)
        st.session_state["snap"] = st.session_state.pop("_snap_next")
    _seed("snap", default_snapshot, _one_of(ids))
    if st.session_state["snap"] not in by_id:
        st.session_state["snap"] = default_snapshot
    with st.sidebar:
        chosen_id = st.selectbox(
            t("sidebar.snapshot", lang),
            ids,
            format_func=lambda i: _snapshot_label(by_id[i], current_id, lang),
            key="snap",
            help=t("sidebar.snapshot_help", lang),
        )
        snapshot = by_id[chosen_id]
        if snapshot.is_sample:
            st.badge(t("sample.badge", lang), icon="🧪", color="orange")
        st.caption(f"{t('snapshot.created', lang)}: {fmt.date(snapshot.created_at[:10], lang)}")

        key = (snapshot.id, root)
        rounds = query(key, "round_years")
        groups = query(key, "product_group_options")
        districts = query(key, "district_options")
        years = sorted(set(int(y) for y in rounds["year"])) or [FIRST_DATA_YEAR, FIRST_DATA_YEAR + 1]
        lo = min(years[0], FIRST_DATA_YEAR)
        hi = max(years[-1], lo + 1)
        group_names = dict(zip(groups["group_code"], groups["name_en" if lang == "en" else "name_vi"], strict=False))
        district_names = {
            r.unit_id: (r.name if r.province_code == "66" else f"{r.name} ({r.province_name})")
            for r in districts.itertuples()
        }
        owners = [o for o in OWNERS if o in set(rounds["owner_code"])]
        scopes = [MERGED_SCOPE] + [o for o in owners if o != MERGED_OWNER]
        defaults = {
            "lang": "vi",
            "snap": default_snapshot,
            "scope": MERGED_SCOPE,
            "years": (lo, hi),
            "levels": [],
            "groups": [],
            "loc": [],
        }
        _seed("scope", MERGED_SCOPE, _one_of(scopes))
        if st.session_state["scope"] not in scopes:
            st.session_state["scope"] = MERGED_SCOPE
        _seed("years", (lo, hi), _years(lo, hi))
        _seed("levels", [], _subset(list(LEVELS)))
        _seed("groups", [], _subset(list(group_names)))
        _seed("loc", [], _subset(list(district_names)))
        # The whole period stays the whole period when a newly published round adds a year.
        if tuple(st.session_state["years"]) == st.session_state.get("_years_full", (lo, hi)):
            st.session_state["years"] = (lo, hi)
        st.session_state["_years_full"] = (lo, hi)
        # A snapshot switch can leave values the new snapshot does not know.
        st.session_state["years"] = _years(lo, hi)([f"{st.session_state['years'][0]}-{st.session_state['years'][1]}"])
        st.session_state["groups"] = [g for g in st.session_state["groups"] if g in group_names]
        st.session_state["loc"] = [d for d in st.session_state["loc"] if d in district_names]

        st.subheader(t("sidebar.filters", lang))
        scope = st.radio(
            t("sidebar.scope", lang),
            scopes,
            format_func=lambda c: t(f"scope.{c}", lang),
            key="scope",
            help=t("sidebar.scope_help", lang),
            disabled=len(scopes) == 1,
        )
        y0, y1 = st.slider(t("sidebar.years", lang), lo, hi, key="years")
        levels = st.multiselect(
            t("sidebar.levels", lang),
            list(LEVELS),
            format_func=lambda c: t(f"level.{c}", lang),
            key="levels",
            placeholder=t("sidebar.all", lang),
        )
        chosen_groups = st.multiselect(
            t("sidebar.groups", lang),
            list(group_names),
            format_func=group_names.get,
            key="groups",
            placeholder=t("sidebar.all", lang),
        )
        chosen_districts = st.multiselect(
            t("sidebar.localities", lang),
            list(district_names),
            format_func=district_names.get,
            key="loc",
            placeholder=t("sidebar.all", lang),
        )
    _write_url(defaults)
    if snapshot.is_sample:
        st.info(t("sample.notice", lang), icon="🧪")
    return Context(
        lang=lang,
        snapshot=snapshot,
        data_root=root,
        year_from=int(y0),
        year_to=int(y1),
        levels=list(levels) or None,
        groups=list(chosen_groups) or None,
        districts=list(chosen_districts) or None,
        scope=None if scope == MERGED_SCOPE else scope,
        group_names=group_names,
        district_names=district_names,
        rounds=len(rounds),
        owners=owners,
    )


def context(*, allow_empty: bool = False) -> Context:
    """The context the sidebar built on this run (pages call this).

    Before the first round is loaded every page but the Data page shows the
    "no data yet" state and stops here, so no page has to handle an empty store.
    """
    ctx = st.session_state["_ctx"]
    if not (ctx.has_data or allow_empty):
        empty_state(ctx, st.session_state.get("_data_page"))
        st.stop()
    return ctx


def snapshot_stamp(ctx: Context) -> None:
    if ctx.snapshot is not None:
        st.caption(t("overview.snapshot_stamp", ctx.lang, id=ctx.snapshot.id))


def empty_state(ctx: Context, data_page=None) -> None:
    """What every page shows before the first round is loaded: one sentence and the way on."""
    st.title(t("app.title", ctx.lang))
    if not access.can(access.DATA):  # a reader cannot load data: say who does, not where
        st.info(t("empty.no_data_reader", ctx.lang), icon="📭")
        return
    st.info(t("empty.no_data", ctx.lang), icon="📭")
    from cnnt import auth

    if auth.actor() is None:  # an open data-officer role still needs an account to load data
        st.caption(t("auth.sign_in_to_change", ctx.lang))
    if data_page is not None:
        st.page_link(data_page, label=t("empty.go_to_data", ctx.lang), icon="🗂️")
    st.caption(t("empty.how", ctx.lang))


def locality_labels(places: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Name the rows that gather establishments known only by their old district
    ("Huyện Đồng Xuân — chưa rõ xã") so that the communes view never hides them."""
    if "commune_unknown" not in places.columns or places.empty:
        return places
    unknown = places["commune_unknown"].fillna(False).astype(bool)
    suffix = t("loc.commune_unknown", lang)
    return places.assign(name=[f"{n} — {suffix}" if u else n for n, u in zip(places["name"], unknown, strict=True)])


FILTER_NAMES = {
    "scope": "sidebar.scope",
    "years": "sidebar.years",
    "levels": "sidebar.levels",
    "groups": "sidebar.groups",
    "districts": "sidebar.localities",
}


def filter_note(ctx: Context, years: str, ignored: dict[str, str] | None = None) -> None:
    """Say on the page what the year range means here and which sidebar filters the
    page does not apply, and why, so that no filter is silently ignored."""
    lines = [t("filters.years_mean", ctx.lang, meaning=t(f"filters.years.{years}", ctx.lang))]
    for name, why in (ignored or {}).items():
        lines.append(
            t(
                "filters.ignored",
                ctx.lang,
                filter=t(FILTER_NAMES[name], ctx.lang),
                why=t(f"filters.why.{why}", ctx.lang),
            )
        )
    st.caption(" ".join(lines))


def merger_note(ctx: Context) -> None:
    """Say so where a comparison over time crosses the merger of 1 July 2025."""
    if ctx.year_from < 2025 <= ctx.year_to and ctx.owners and any(o != MERGED_OWNER for o in ctx.owners):
        key = "scope.merger_note" if ctx.scope is None else "scope.merger_note_territory"
        st.caption(t(key, ctx.lang, scope=t(f"scope.{ctx.scope or MERGED_SCOPE}", ctx.lang)))


def export_meta(ctx: Context, title: str, state: dict[str, str] | None = None) -> list[tuple[str, str]]:
    """What a download carries about itself: content, snapshot, filters, the page's own
    state (view, breakdown, selection, measure: label → value), the link that reopens
    the page so, and the time."""
    import datetime as dt

    lang = ctx.lang
    every = t("sidebar.all", lang)
    return [
        (t("meta.title", lang), title),
        (t("meta.snapshot", lang), ctx.snapshot.id),
        (t("meta.sample", lang), t("meta.yes" if ctx.snapshot.is_sample else "meta.no", lang)),
        (t("meta.scope", lang), t(f"scope.{ctx.scope or MERGED_SCOPE}", lang)),
        (t("meta.years", lang), f"{ctx.year_from}–{ctx.year_to}"),
        (t("meta.levels", lang), ", ".join(t(f"level.{v}", lang) for v in ctx.levels) if ctx.levels else every),
        (t("meta.groups", lang), ", ".join(ctx.group_names.get(g, g) for g in ctx.groups) if ctx.groups else every),
        (
            t("meta.localities", lang),
            ", ".join(ctx.district_names.get(d, d) for d in ctx.districts) if ctx.districts else every,
        ),
        *(state or {}).items(),
        (t("meta.link", lang), page_link()),
        (t("meta.created", lang), dt.datetime.now().strftime("%d/%m/%Y %H:%M" if lang == "vi" else "%Y-%m-%d %H:%M")),
    ]


def page_link() -> str:
    """The address that reopens this page as it is (every state kept in the URL)."""
    from urllib.parse import urlencode

    try:
        base = st.context.url or ""
    except Exception:  # noqa: BLE001 - no browser session (tests, scripts)
        base = ""
    pairs = [(k, v) for k in st.query_params for v in st.query_params.get_all(k)]
    return base + ("?" + urlencode(pairs) if pairs else "")


def why_empty(ctx: Context) -> str:
    """One sentence on why a chart or table has nothing to show: no round was held in
    the period (for the scope and levels chosen), or the filters leave nothing."""
    rounds = query(ctx, "round_years")
    held = rounds[(rounds["year"] >= ctx.year_from) & (rounds["year"] <= ctx.year_to)]
    if ctx.scope:
        held = held[held["owner_code"].isin([ctx.scope, MERGED_OWNER])]
    if ctx.levels:
        held = held[held["level"].isin(ctx.levels)]
    if held.empty:
        return t("empty.no_round", ctx.lang, y0=ctx.year_from, y1=ctx.year_to)
    return t("empty.filtered", ctx.lang)


def panel(
    ctx: Context,
    key: str,
    title: str,
    table: pd.DataFrame,
    *,
    fig=None,
    n_text: str | None = None,
    definition: str | None = None,
    note: str | None = None,
    selectable: bool = False,
    state: dict[str, str] | None = None,
    empty: str | None = None,
    full: Callable[[], pd.DataFrame] | None = None,
):
    """One chart or table with everything a reader needs around it.

    The finding as title, the n behind it, the definition of the measure, a
    table toggle, CSV and Excel downloads of exactly the table shown (with
    filters, the page's ``state`` — view, breakdown, selection, measure, as
    label → value in the reader's language — and the snapshot id inside), and
    the snapshot stamp.  Returns the chart's selection state when ``selectable``.

    With nothing to show, one sentence says why instead of empty axes or an empty
    table: ``empty`` (the page's reason; also shown when a chart cannot be drawn
    from a table that has rows, e.g. lists without scores) or :func:`why_empty`.

    ``full``: what the downloads hold instead of the table shown, fetched only when a
    download is asked for: the whole list where the screen shows its first rows, or the
    same cells as numbers where the screen shows text (a grid with "×" in it).
    """
    from cnnt import export

    lang = ctx.lang
    event = None
    with st.container(border=True):
        if fig is not None:
            fig.update_layout(title=None)
            safe_figure(fig)  # data in labels and hover text are shown as text, never as HTML
            width = "content" if fig.layout.width else "stretch"  # a map keeps its one size (cnnt.geo)
            st.markdown(f"**{escape_md(title)}**")
            if selectable:
                event = st.plotly_chart(
                    fig, key=f"{key}_chart", on_select="rerun", selection_mode="points", width=width
                )
            else:
                st.plotly_chart(fig, key=f"{key}_chart", width=width)
        else:
            st.markdown(f"**{escape_md(title)}**")
            if table.empty or empty:
                st.info(escape_md(empty or why_empty(ctx)), icon="📭")
        if table.empty:
            snapshot_stamp(ctx)
            return event
        notes = [x for x in (n_text, definition, note) if x]
        for x in notes:
            st.caption(escape_md(x))
        # One row that wraps where the panel is narrow, so no button label is cut.
        row = st.container(horizontal=True, vertical_alignment="center", gap="small")
        show = fig is None or row.toggle(t("panel.show_table", lang), key=f"{key}_toggle")
        if show:
            show_table(table, lang, key=f"{key}_df", preview=fig is None)
        meta = export_meta(ctx, title, state)
        stem = f"{key}-{ctx.snapshot.id}"
        row.download_button(
            t("panel.download_csv", lang),
            data=lambda: export.csv_bytes(full() if full else table, meta),
            file_name=f"{stem}.csv",
            mime="text/csv",
            key=f"{key}_csv",
            on_click="ignore",
            icon="⬇️",
        )
        row.download_button(
            t("panel.download_xlsx", lang),
            data=lambda: _xlsx(full() if full else table, meta, lang),
            file_name=f"{stem}.xlsx",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            key=f"{key}_xlsx",
            on_click="ignore",
            icon="⬇️",
        )
        snapshot_stamp(ctx)
    return event


# A table this short is drawn as a plain table: it prints whole, and the browser draws it
# in a fraction of the time of the scrolling grid (about 0.3 s less per page at ×1000,
# benchmarks/README.md).  A longer one shows its first LIST_PREVIEW_ROWS rows so, in the
# order the question gives (most relevant first), and the scrolling grid of every row
# (searchable; numbers are written as text, so it does not sort them) only when the
# reader asks for it; the downloads hold every row.
STATIC_TABLE_ROWS = 30
LIST_PREVIEW_ROWS = 10


def show_table(table: pd.DataFrame, lang: str, *, key: str, preview: bool = True) -> None:
    """A short table as a plain table; a longer one as its first LIST_PREVIEW_ROWS rows,
    with a switch (``{key}_all``) to the scrolling grid of the whole table — or the grid
    straight away without ``preview`` (a chart's table the reader has just asked for)."""
    if len(table) <= STATIC_TABLE_ROWS:
        static_table(table, lang)
        return
    whole = not preview or st.toggle(t("table.show_all", lang, n=fmt.number(len(table), lang)), key=f"{key}_all")
    if whole:
        grid(for_screen(table, lang), key=key)
    else:
        st.caption(t("table.first_rows", lang, shown=LIST_PREVIEW_ROWS, n=fmt.number(len(table), lang)))
        static_table(table.head(LIST_PREVIEW_ROWS), lang)


def static_table(table: pd.DataFrame, lang: str) -> None:
    """``table`` as a plain table, every cell and header as text: st.table reads
    Markdown in cells, so each is escaped (data are text, never markup); blank cells
    stay blank."""
    shown = for_screen(table, lang)
    cells = shown.map(lambda v: "" if _blank(v) else escape_md(v))
    cells.columns = [escape_md(c) for c in shown.columns]
    st.table(cells, hide_index=True)


def grid(table: pd.DataFrame, *, key: str) -> None:
    """The scrolling grid of ``table``: every st.dataframe of the app is drawn here, because
    the grid's toolbar has its own "Download as CSV", which writes cells as they are."""
    st.dataframe(grid_cells(table), hide_index=True, key=key)


def grid_cells(table: pd.DataFrame) -> pd.DataFrame:
    """A copy whose text cells and headers download safely from the grid's own button: a
    text a spreadsheet would run as a formula written as the app's downloads write it
    (``'=…``), and a blank text cell blank (the grid writes a grey "None")."""
    from cnnt import export

    safe = export.safe_frame(table)  # the downloads' own rule, headers included
    for i in range(safe.shape[1]):  # by position: a table may repeat a column name
        column = safe.iloc[:, i]
        if export.is_text(column):
            safe.isetitem(i, column.astype(object).where(column.notna(), ""))
    return safe


def _blank(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # a list or array in a cell is not blank
        return False


def _xlsx(table: pd.DataFrame, meta: list[tuple[str, str]], lang: str) -> bytes:
    from cnnt import export

    return export.xlsx_bytes(
        table, meta, t("meta.data_sheet", lang), t("meta.meta_sheet", lang), kinds=table.attrs.get("kinds")
    )


# Code columns the queries return, and the catalogue prefix that names their values.
CODE_LABELS = {
    "level": "level.",
    "legal_form": "legal.",
    "programme": "programme.",
    "activity": "activity.",
    "outcome": "rate.outcome.",
}


def readable(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    """A copy with codes turned into labels in the UI language: levels, legal forms,
    product groups, support programmes and activities, and yes/no for booleans."""
    out = frame.copy()
    for col, prefix in CODE_LABELS.items():
        if col in out.columns:
            out[col] = [t(prefix + v, ctx.lang) if isinstance(v, str) else "" for v in out[col]]
    if "group_code" in out.columns:
        out["group_code"] = [ctx.group_names.get(g, g) if isinstance(g, str) else "" for g in out["group_code"]]
    yes, no = t("bool.yes", ctx.lang), t("bool.no", ctx.lang)
    for col in out.columns:
        if pd.api.types.is_bool_dtype(out[col]):
            out[col] = ["" if pd.isna(v) else (yes if v else no) for v in out[col]]
    return out


def column_kind(name: str, series: pd.Series) -> str:
    """How a source column is read: money (VND), percent (a share 0–1), year, integer,
    number or text; decided once from the query's column names and types."""
    if not pd.api.types.is_numeric_dtype(series) or pd.api.types.is_bool_dtype(series):
        return "text"
    low = name.lower()
    if "vnd" in low or low in ("support", "amount"):
        return "money"
    if "rate" in low or "share" in low or low.endswith("_pct") or low in ("ci_low", "ci_high"):
        return "percent"
    if low == "year" or low.endswith("_year") or low in ("cohort", "year_founded"):
        return "year"
    if pd.api.types.is_integer_dtype(series):
        return "integer"
    return "number"


def labelled(frame: pd.DataFrame, columns: dict[str, str], ctx: Context) -> pd.DataFrame:
    """The table a reader sees and downloads: only ``columns`` (source → catalogue key),
    codes as labels (:func:`readable`), headers in the UI language.  Numbers stay
    numbers (for downloads); how each column reads is kept in ``attrs["kinds"]`` so
    that the screen shows it in the reader's style (:func:`for_screen`)."""
    kinds = {t(k, ctx.lang): column_kind(c, frame[c]) for c, k in columns.items()}
    shown = readable(frame[list(columns)], ctx)
    shown = shown.rename(columns={c: t(k, ctx.lang) for c, k in columns.items()})
    shown.attrs["kinds"] = kinds
    return shown


def format_value(value: Any, kind: str, lang: str) -> str:
    """One cell in the reader's style: 1.234,5 / 75 triệu đồng / 46,2% / 2019."""
    if fmt._is_missing(value):
        return ""
    if kind == "money":
        return fmt.money(value, lang)
    if kind == "percent":
        return fmt.percent(value, lang)
    if kind == "year":
        return str(int(value))
    if kind == "integer":
        return fmt.number(value, lang)
    if kind == "number":
        return fmt.number(value, lang, 0 if float(value).is_integer() else 1)
    return str(value)


def for_screen(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy for the screen with every number written as the chart beside it writes it
    (Vietnamese separators, money in words of scale, percentages as percentages)."""
    kinds = table.attrs.get("kinds") or {}
    out = table.copy()
    for col in out.columns:
        kind = kinds.get(col) or column_kind(str(col), out[col])
        if kind != "text":
            out[col] = [format_value(v, kind, lang) for v in out[col]]
    return out


def page_state(key: str, default: str, options: list[str]) -> None:
    """Seed a page widget's value from the URL (once per session) so that a link reopens it."""
    _seed(key, default, _one_of(options))
    if st.session_state[key] not in options:
        st.session_state[key] = default


def page_int(key: str, default: int, lo: int, hi: int) -> None:
    """Seed a page slider's value (a whole number in ``lo``..``hi``) from the URL."""
    _seed(key, default, lambda values: min(hi, max(lo, int(values[0]))))


def page_flag(key: str) -> None:
    """Seed a page toggle from the URL (``1``/``true`` is on)."""
    _seed(key, False, lambda values: values[0].lower() in ("1", "true", "yes"))


def page_text(key: str, limit: int = 100) -> None:
    """Seed a page text box (a search) from the URL."""
    _seed(key, "", lambda values: values[0][:limit])


def page_list(key: str, options: list[str]) -> None:
    """Seed a page multiselect from the URL (values it does not offer are dropped)."""
    _seed(key, [], _subset(options))
    st.session_state[key] = [v for v in st.session_state[key] if v in options]


def keep_in_url(defaults: dict[str, Any]) -> None:
    """Write page widget values into the URL (after the widget is drawn)."""
    _write_url(defaults)


def switch_snapshot(snapshot_id: str) -> None:
    """Show another snapshot from the next run on (the sidebar widget is already drawn in this one)."""
    st.session_state["_snap_next"] = snapshot_id
