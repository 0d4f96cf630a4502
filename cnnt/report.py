"""The meeting pack: a draft review report (báo cáo) for a period, scope and filters.

:func:`build_report` asks the app's own questions (``queries/*.sql`` through
:mod:`cnnt.db`) and turns the answers into a format-free list of blocks
(headings, paragraphs, tables, figures) in the order such reports use: the
period in numbers, reconciliation with published figures, the rounds, the
funnel, pass rates, localities, certificates, revenue after certification,
support, targets, peers, weaknesses, then the appendix.  Every number in the
text comes from a query result formatted by :mod:`cnnt.fmt`; none is typed.
:mod:`cnnt.report_docx` and :mod:`cnnt.report_pdf` lay the blocks out in the
administrative format of Decree 30/2020/NĐ-CP.

Charts are the dashboard's own figures (:mod:`cnnt.charts`) rendered to PNG by
kaleido, which drives a headless Chromium; without one the report still builds,
and each chart's place says that its image could not be drawn (the table with
the same figures follows it).
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from cnnt import charts, findings, fmt, plan, stats
from cnnt.i18n import t
from cnnt.overview import (
    HEADLINE_METRICS,
    PROGRAMME_FIRST_YEAR,
    headlines,
    published_matches,
    regulation_note,
    summary_text,
    unscored_certified_note,
)

log = logging.getLogger("cnnt")

try:  # policy numbers live in one place when that module is present
    from cnnt import policy

    MIN_N_RATE = policy.MIN_N_RATE
except (ImportError, AttributeError):  # pragma: no cover - older checkout
    MIN_N_RATE = 10

Run = Callable[[str, dict[str, Any]], pd.DataFrame]
SCOPES = ("merged", "daklak_old", "phuyen_old")  # the command line's names; merged = None
FORMATS = ("docx", "pdf")
TOP_GAPS = 10  # localities listed in the gap ranking table
CHART_WIDTH_PX = 760  # drawn at the text width (16 cm): the charts' 13 px text prints at about 8 pt


# ---- the content model ---------------------------------------------------------------


@dataclass
class Heading:
    text: str
    level: int = 1  # 1: section (I., II.), 2: item (1., 2.)


@dataclass
class Para:
    text: str
    style: str = "body"  # body | note | warning


@dataclass
class Table:
    title: str
    header: list[str]
    rows: list[list[str]]
    numeric: list[bool]  # right-aligned columns
    notes: list[str] = field(default_factory=list)
    widths: list[float] | None = None  # relative widths
    key: str = ""  # what it holds, for tests and logs


@dataclass
class Figure:
    title: str
    fig: Any  # a plotly figure until rendered
    notes: list[str] = field(default_factory=list)
    png: bytes | None = None
    height_px: int = 420
    key: str = ""


@dataclass
class PageBreak:
    pass


@dataclass
class Signature:
    """Where the recipients block (Nơi nhận) and the signatory's title go, for the clerk."""


Block = Heading | Para | Table | Figure | PageBreak | Signature


@dataclass
class Options:
    """What the report covers: the sidebar's choices (and the date certificates are counted on)."""

    year_from: int
    year_to: int
    scope: str | None = None  # None: the merged province; else a former province's owner code
    lang: str = "vi"
    levels: list[str] | None = None
    groups: list[str] | None = None
    districts: list[str] | None = None
    as_of: dt.date | None = None  # certificates valid on this date (default: today)
    charts: bool = True

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
    def entity_filtered(self) -> bool:
        return bool(self.groups or self.districts)


@dataclass
class Report:
    lang: str
    snapshot_id: str
    is_sample: bool
    options: Options
    generated_at: dt.datetime
    subject: str
    meta: list[tuple[str, str]]  # the filters and snapshot, as label → value
    blocks: list[Block]
    headline_values: dict[str, dict[str, str]]  # level → measure → formatted value (for checks)

    def text(self) -> str:
        """Everything the report says, as plain text (tests and previews)."""
        out = [self.subject]
        out += [f"{k}: {v}" for k, v in self.meta]
        for b in self.blocks:
            if isinstance(b, (Heading, Para)):
                out.append(b.text)
            elif isinstance(b, Table):
                out += [b.title, " | ".join(b.header)] + [" | ".join(r) for r in b.rows] + b.notes
            elif isinstance(b, Figure):
                out += [b.title, *b.notes]
        return "\n".join(out)

    def file_name(self, fmt_: str) -> str:
        scope = self.options.scope or "merged"
        return f"bao-cao-cnnt-{self.options.year_from}-{self.options.year_to}-{scope}-{self.snapshot_id}.{fmt_}"


# ---- running queries -------------------------------------------------------------------


def database_runner(data_root: Path | str, snapshot_id: str) -> Run:
    """Questions straight to :class:`cnnt.db.Database` (the command line and tests)."""
    from cnnt.db import Database

    database = Database(data_root)

    def run(name: str, params: dict[str, Any]) -> pd.DataFrame:
        return database.query(snapshot_id, name, params)

    return run


def _refused(exc: Exception) -> bool:
    """An access refusal (the session's role may not see this part)."""
    from cnnt import access

    refused = getattr(access, "AccessRefused", None)
    return refused is not None and isinstance(exc, refused)


# ---- chart images ----------------------------------------------------------------------

_RENDER_LOCK = threading.Lock()


def render_figures(blocks: list[Block]) -> int:
    """Draw every figure block's plotly figure as PNG, in one browser session.

    Returns how many were drawn.  A missing kaleido or browser leaves ``png`` empty;
    the layouts then print a note in the chart's place.
    """
    figures = [b for b in blocks if isinstance(b, Figure) and b.fig is not None]
    if not figures:
        return 0
    try:
        import kaleido
        from choreographer.browsers.chromium import Chromium
    except ImportError:
        log.warning("kaleido is not installed: the report has no chart images")
        return 0
    browser = Chromium.find_browser(skip_local=False)
    if not browser or not os.access(browser, os.X_OK):  # kaleido's server would die in its thread
        log.warning("no Chromium for kaleido (%s): the report has no chart images", browser)
        return 0
    drawn = 0
    with _RENDER_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            kaleido.start_sync_server(silence_warnings=True)
        except Exception:  # noqa: BLE001 - no browser: charts become notes, the report still builds
            log.warning("cannot start kaleido: the report has no chart images", exc_info=True)
            return 0
        try:
            for block in figures:
                block.fig.update_layout(title=None, margin={"t": 20, "l": 70, "r": 30, "b": 40})
                try:
                    block.png = block.fig.to_image(
                        format="png", width=CHART_WIDTH_PX, height=block.height_px, scale=2.5
                    )
                    drawn += 1
                except Exception:  # noqa: BLE001 - one chart failing must not lose the report
                    log.warning("chart %s could not be drawn", block.key, exc_info=True)
                    break
        finally:
            try:
                kaleido.stop_sync_server(silence_warnings=True)
            except Exception:  # noqa: BLE001
                log.debug("kaleido stop failed", exc_info=True)
    return drawn


# ---- building ------------------------------------------------------------------------


class _Builder:
    def __init__(self, run: Run, snapshot_id: str, is_sample: bool, options: Options, now: dt.datetime):
        self.run = run
        self.snapshot_id = snapshot_id
        self.is_sample = is_sample
        self.o = options
        self.lang = options.lang
        self.now = now
        self.as_of = options.as_of or now.date()
        self.blocks: list[Block] = []
        self.tables = 0
        self.figures = 0
        self.sections = 0
        self.items = 0
        self.queries: list[str] = []

    # helpers
    def q(self, name: str, **params: Any) -> pd.DataFrame:
        if name not in self.queries:
            self.queries.append(name)
        return self.run(name, params)

    def n(self, x, decimals: int = 0) -> str:
        return fmt.number(x, self.lang, decimals)

    def pct(self, x, decimals: int = 1) -> str:
        return fmt.percent(x, self.lang, decimals)

    def section(self, key: str, **values) -> None:
        self.sections += 1
        self.items = 0
        roman = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII")[self.sections - 1]
        self.blocks.append(Heading(f"{roman}. {t(key, self.lang, **values).upper()}", 1))

    def item(self, key: str, **values) -> None:
        self.items += 1
        self.blocks.append(Heading(f"{self.items}. {t(key, self.lang, **values)}", 2))

    def para(self, text: str, style: str = "body") -> None:
        if text:
            self.blocks.append(Para(text, style))

    def source(self, *names: str) -> str:
        return t("report.source", self.lang, snapshot=self.snapshot_id, queries=", ".join(names))

    def table(self, title: str, frame: pd.DataFrame, numeric: list[bool], notes=(), widths=None, key="") -> None:
        self.tables += 1
        rows = [["" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v) for v in r] for r in frame.values]
        self.blocks.append(
            Table(
                t("report.table_no", self.lang, n=self.tables, title=title),
                [str(c) for c in frame.columns],
                rows,
                numeric,
                [x for x in notes if x],
                widths,
                key,
            )
        )

    def figure(self, title: str, fig, notes=(), height_px: int = 420, key: str = "") -> None:
        if not self.o.charts:
            return
        self.figures += 1
        self.blocks.append(
            Figure(
                t("report.figure_no", self.lang, n=self.figures, title=title),
                fig,
                [x for x in notes if x],
                height_px=height_px,
                key=key,
            )
        )

    def guarded(self, part: Callable[[], None]) -> None:
        """Run one part; a part the role may not see says so instead of failing the report."""
        try:
            part()
        except Exception as exc:
            if _refused(exc):
                self.para(t("report.refused", self.lang), "note")
            else:
                raise


def _scope_label(scope: str | None, lang: str) -> str:
    return t(f"scope.{scope or 'merged'}", lang)


def _meta(b: _Builder, group_names: dict[str, str], district_names: dict[str, str]) -> list[tuple[str, str]]:
    lang, o = b.lang, b.o
    every = t("sidebar.all", lang)
    return [
        (t("meta.snapshot", lang), b.snapshot_id),
        (t("meta.sample", lang), t("meta.yes" if b.is_sample else "meta.no", lang)),
        (t("meta.scope", lang), _scope_label(o.scope, lang)),
        (t("meta.years", lang), f"{o.year_from}–{o.year_to}"),
        (t("meta.levels", lang), ", ".join(t(f"level.{v}", lang) for v in o.levels) if o.levels else every),
        (t("meta.groups", lang), ", ".join(group_names.get(g, g) for g in o.groups) if o.groups else every),
        (
            t("meta.localities", lang),
            ", ".join(district_names.get(d, d) for d in o.districts) if o.districts else every,
        ),
        (t("report.meta.as_of", lang), fmt.date(b.as_of, lang)),
        (t("report.meta.generated", lang), b.now.strftime("%d/%m/%Y %H:%M" if lang == "vi" else "%Y-%m-%d %H:%M")),
    ]


def _footnoted(frame: pd.DataFrame, column: str, lang: str) -> tuple[pd.DataFrame, str]:
    """Long source titles as numbered references, listed once under the table."""
    numbers: dict[str, int] = {}
    for text in frame[column]:
        if text and text not in numbers:
            numbers[text] = len(numbers) + 1
    shown = frame.assign(**{column: [f"[{numbers[x]}]" if x else "" for x in frame[column]]})
    listed = "; ".join(f"[{n}] {text}" for text, n in numbers.items())
    return shown, t("report.sources_note", lang, sources=listed) if listed else ""


def _change(b: _Builder, before: int, after: int) -> str:
    if after > before:
        return t("report.change.up", b.lang, d=b.n(after - before), a=b.n(before), b=b.n(after))
    if after < before:
        return t("report.change.down", b.lang, d=b.n(before - after), a=b.n(before), b=b.n(after))
    return t("report.change.same", b.lang, a=b.n(after))


def _period_in_numbers(b: _Builder) -> tuple[list, dict[str, dict[str, str]]]:
    lang, o = b.lang, b.o
    head = b.q("headline_by_level", **o.filter_params)
    heads = headlines(head)
    # The period before, as long as this one but never before the programme began: a
    # period from 2012 has nothing before it to compare with (not "1999–2011: no round").
    span = o.year_to - o.year_from + 1
    p0, p1 = max(o.year_from - span, PROGRAMME_FIRST_YEAR), o.year_from - 1
    compare = p1 >= p0
    prev = headlines(b.q("headline_by_level", **{**o.filter_params, "year_from": p0, "year_to": p1})) if compare else []
    prev_by = {h.level: h for h in prev}

    b.section("report.s1", y0=o.year_from, y1=o.year_to)
    b.item("report.s1.numbers")
    if not heads:
        b.para(t("overview.no_rounds", lang))
        return heads, {}
    b.para(summary_text(heads, o.year_from, o.year_to, lang))
    for h in heads if compare else []:
        p = prev_by.get(h.level)
        if p is None:
            b.para(t("report.prev.none", lang, level=t(f"level_lower.{h.level}", lang), p0=p0, p1=p1))
            continue
        b.para(
            t(
                "report.prev.level",
                lang,
                level=t(f"level_lower.{h.level}", lang),
                p0=p0,
                p1=p1,
                prod=_change(b, p.values["products"], h.values["products"]),
                cert=_change(b, p.values["certified"], h.values["certified"]),
            )
        )
    for h in heads:
        if h.previous_year is None:
            continue
        key = "report.latest_merger" if h.crosses_merger else "report.latest"
        b.para(
            t(
                key,
                lang,
                level=t(f"level_lower.{h.level}", lang),
                latest=h.latest_year,
                previous=h.previous_year,
                rounds=h.previous_rounds,
                prod=fmt.signed(h.deltas["products"], lang),
                cert=fmt.signed(h.deltas["certified"], lang),
            )
        )
    if o.entity_filtered:
        b.para(t("overview.filtered_note", lang), "note")

    values: dict[str, dict[str, str]] = {}
    rows = []
    for h in heads:
        p = prev_by.get(h.level)
        rate = h.values["certified"] / h.values["products"] if h.values["products"] else None
        values[h.level] = {
            "rounds_held": b.n(h.rounds_held),
            **{k: b.n(h.values[k]) for k in HEADLINE_METRICS},
        }
        rows.append(
            [
                t(f"level.{h.level}", lang),
                values[h.level]["rounds_held"],
                values[h.level]["establishments"],
                values[h.level]["products"],
                values[h.level]["certified"],
                b.pct(rate),
                *(
                    [
                        b.n(p.values["certified"]) if p else "–",
                        fmt.signed(h.values["certified"] - p.values["certified"], lang) if p else "–",
                    ]
                    if compare
                    else []
                ),
            ]
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            t("col.level", lang),
            t("overview.rounds_held", lang),
            t("overview.establishments", lang),
            t("overview.products", lang),
            t("overview.certified", lang),
            t("report.col.rate", lang),
            *([t("report.col.prev_certified", lang, p0=p0, p1=p1), t("report.col.change", lang)] if compare else []),
        ],
    )
    b.table(
        t("report.t.headline", lang, y0=o.year_from, y1=o.year_to, p0=p0, p1=p1)
        if compare
        else t("report.t.headline_alone", lang, y0=o.year_from, y1=o.year_to),
        frame,
        [False] + [True] * (len(frame.columns) - 1),
        notes=[t("overview.counting", lang), b.source("headline_by_level")],
        widths=[1.5, 1, 1.2, 1.2, 1.3, 1.1, 1.5, 1.2][: len(frame.columns)],
        key="headline",
    )
    return heads, values


def _reconciliation(b: _Builder, heads) -> None:
    lang, o = b.lang, b.o
    b.item("report.s1.published")
    figures = b.q("published_figure_check", scope=o.scope)
    rounds = b.q("round_years")
    matches = published_matches(
        figures, rounds, heads, o.year_from, o.year_to, filtered=o.entity_filtered, scope=o.scope
    )
    if not figures.empty:
        figures = figures[(figures["year_from"] <= o.year_to) & (figures["year_to"] >= o.year_from)]
    if figures.empty:
        b.para(t("report.published.none", lang, y0=o.year_from, y1=o.year_to))
        return
    ok = int(figures["matches"].sum())
    b.para(t("report.published.summary", lang, n=b.n(len(figures)), k=b.n(ok)))
    matched = sorted({i for ids in matches.values() for i in ids})
    if matched:
        b.para(t("report.published.headline", lang, ids=", ".join(matched)))
    shown = pd.DataFrame(
        {
            t("data.col.id", lang): figures["figure_id"],
            t("data.col.period", lang): figures["period_vi"],
            t("data.col.level", lang): [t(f"level.{v}", lang) for v in figures["level"]],
            t("data.col.metric", lang): [t(f"metric.{v}", lang) for v in figures["metric"]],
            t("data.col.published", lang): [b.n(v) for v in figures["published_value"]],
            t("data.col.computed", lang): [b.n(v) for v in figures["computed_value"]],
            t("data.col.matches", lang): [t("meta.yes" if v else "meta.no", lang) for v in figures["matches"]],
            t("data.col.source", lang): [
                ", ".join(str(x) for x in (s, d) if x is not None and not pd.isna(x))
                for s, d in zip(figures["source_title"], figures["source_date"], strict=True)
            ],
        }
    )
    shown, sources = _footnoted(shown, t("data.col.source", lang), lang)
    b.table(
        t("report.t.published", lang),
        shown,
        [False, False, False, False, True, True, False, False],
        notes=[t("report.published.rule", lang), sources, b.source("published_figure_check")],
        widths=[0.6, 2.2, 1.1, 2.2, 1, 1, 0.8, 0.8],
        key="published",
    )


def _rounds(b: _Builder) -> None:
    lang, o = b.lang, b.o
    summary = b.q("round_summary", **o.filter_params)
    b.item("report.s1.rounds")
    if summary.empty:
        b.para(t("panel.empty", lang))
        return
    title = findings.timeline_title(summary, lang)
    b.figure(
        title,
        charts.timeline_figure(summary, lang, title),
        notes=[
            t("panel.n", lang, n=b.n(summary["products"].sum())),
            t("def.participation", lang),
            b.source("round_summary"),
        ],
        key="timeline",
    )
    shown = pd.DataFrame(
        {
            t("col.round", lang): summary["round_id"],
            t("col.level", lang): [t(f"level.{v}", lang) for v in summary["level"]],
            t("col.year", lang): [str(int(y)) for y in summary["year"]],
            t("col.establishments", lang): [b.n(v) for v in summary["establishments"]],
            t("col.products", lang): [b.n(v) for v in summary["products"]],
            t("col.eligible", lang): [b.n(v) for v in summary["eligible"]],
            t("col.certified", lang): [b.n(v) for v in summary["certified"]],
            t("report.col.rate", lang): [b.pct(v) for v in summary["pass_rate"]],
        }
    )
    b.table(
        t("report.t.rounds", lang),
        shown,
        [False, False, False, True, True, True, True, True],
        notes=[
            x
            for x in (
                t("def.eligible", lang),
                unscored_certified_note(summary, lang),
                regulation_note(o.year_from, o.year_to, lang),
                b.source("round_summary"),
            )
            if x
        ],
        widths=[1.1, 1.3, 0.8, 1.1, 1.1, 1, 1.1, 1.1],
        key="rounds",
    )


def _funnel(b: _Builder) -> None:
    lang, o = b.lang, b.o
    progression = b.q(
        "progression",
        year_from=o.year_from,
        year_to=o.year_to,
        groups=o.groups,
        districts=o.districts,
        scope=o.scope,
    )
    b.item("report.s1.funnel")
    if progression.empty:
        b.para(t("panel.empty", lang))
        return
    # One group per provincial year: in the merged scope both former provinces held a
    # round that year.  A stage not yet held stays empty (never a zero).
    stages = list(charts.FUNNEL_STAGES)
    by_year = progression.groupby("year")
    progression = by_year[stages].sum(min_count=1)
    for held in ("regional_held", "national_held"):
        if held in by_year.obj:
            progression[held] = by_year[held].max()
    progression = progression.reset_index()
    title = findings.funnel_title(progression, lang)
    b.para(
        t(
            "report.funnel.text",
            lang,
            cert=b.n(progression["provincial_certified"].sum()),
            regional=b.n(progression["regional_entered"].sum()),
            regional_cert=b.n(progression["regional_certified"].sum()),
            national=b.n(progression["national_entered"].sum()),
            national_cert=b.n(progression["national_certified"].sum()),
        )
    )
    b.figure(
        title,
        charts.funnel_figure(progression, title, lang),
        notes=[
            t("panel.n", lang, n=b.n(progression["provincial_entered"].sum())),
            t("def.progression", lang),
            b.source("progression"),
        ],
        key="funnel",
    )
    not_held = t("overview.not_yet_held", lang)
    shown = pd.DataFrame(
        {
            t("report.col.cycle", lang): [t("overview.cycle", lang, year=int(y)) for y in progression["year"]],
            **{
                t(f"overview.stage.{s}", lang): [not_held if pd.isna(v) else b.n(v) for v in progression[s]]
                for s in stages
            },
        }
    )
    b.table(
        t("report.t.funnel", lang),
        shown,
        [False] + [True] * len(stages),
        notes=[b.source("progression")],
        key="funnel",
    )


def _pass_rates(b: _Builder) -> None:
    lang, o = b.lang, b.o
    b.item("report.s1.rates")
    rates = b.q("pass_rate_by_dimension", **o.filter_params, dimension="round", min_n=MIN_N_RATE)
    if rates.empty:
        b.para(t("panel.empty", lang))
        return
    labels = {c: c for c in rates["category"]}
    title = findings.pass_rate_title(rates, labels, lang, MIN_N_RATE)
    b.figure(
        title,
        charts.pass_rate_figure(rates, labels, title, lang),
        notes=[
            t("panel.n", lang, n=b.n(rates["entries"].sum())),
            t("def.pass_rate", lang),
            t("note.small_n", lang, n=MIN_N_RATE),
            b.source("pass_rate_by_dimension"),
        ],
        height_px=max(340, 24 * len(rates) + 120),
        key="pass_rates",
    )
    shown = pd.DataFrame(
        {
            t("col.round", lang): rates["category"],
            t("col.level", lang): [t(f"level.{v}", lang) for v in rates["level"]],
            t("rate.entries", lang): [b.n(v) for v in rates["entries"]],
            t("rate.certified", lang): [b.n(v) for v in rates["certified"]],
            t("rate.pass_rate", lang): [b.pct(v) for v in rates["pass_rate"]],
            t("rate.ci", lang): [
                f"{b.pct(lo)} – {b.pct(hi)}" for lo, hi in zip(rates["ci_low"], rates["ci_high"], strict=True)
            ],
            t("rate.small", lang): [t("meta.yes" if v else "meta.no", lang) for v in rates["small_n"]],
        }
    )
    b.table(
        t("report.t.rates", lang),
        shown,
        [False, False, True, True, True, True, False],
        notes=[b.source("pass_rate_by_dimension")],
        widths=[1.1, 1.1, 0.9, 1.1, 1, 1.8, 1],
        key="rates",
    )


def _localities(b: _Builder) -> pd.DataFrame:
    lang, o = b.lang, b.o
    view = "legacy" if o.year_from < 2025 else "current"
    b.item("report.s1.localities")
    places = b.q(
        "locality_engagement",
        view=view,
        year_from=o.year_from,
        year_to=o.year_to,
        groups=o.groups,
        scope=o.scope,
    )
    if places.empty:
        b.para(t("panel.empty", lang))
        return places
    never = places[places["engagement_class"] == "never"]
    lapsed = places[places["engagement_class"] == "lapsed"]
    b.para(
        t(
            "report.loc.text",
            lang,
            view=t(f"loc.view.{view}", lang),
            n=b.n(len(places)),
            never=b.n(len(never)),
            never_names=", ".join(never["name"]) or "–",
            lapsed=b.n(len(lapsed)),
            lapsed_names=", ".join(lapsed["name"]) or "–",
        )
    )
    province_rate = places["province_rate"].dropna()
    # only localities that fall short of the province's rate: a gap of 0 or below is no gap
    top = places[pd.to_numeric(places["gap"], errors="coerce") > 0].head(TOP_GAPS)
    if top.empty:
        b.para(t("loc.gap_title_none", lang) + ".")
        return places
    shown = pd.DataFrame(
        {
            t("loc.col.rank", lang): [b.n(v) for v in top["gap_rank"]],
            t("loc.col.name", lang): top["name"],
            t("loc.known", lang): [b.n(v) for v in top["known"]],
            t("loc.participants", lang): [b.n(v) for v in top["participants"]],
            t("loc.col.expected", lang): [b.n(v, 1) for v in top["expected"]],
            t("loc.col.gap", lang): [b.n(v, 1) for v in top["gap"]],
            t("loc.col.last_year", lang): ["–" if pd.isna(v) else str(int(v)) for v in top["last_year"]],
            t("loc.class", lang): [t(f"loc.class.{c}", lang) for c in top["engagement_class"]],
        }
    )
    b.table(
        t("report.t.gaps", lang, n=b.n(len(top))),
        shown,
        [True, False, True, True, True, True, True, False],
        notes=[
            t(
                "loc.gap_explain",
                lang,
                rate=b.n(100 * float(province_rate.iloc[0]) if not province_rate.empty else None, 1),
            ),
            t("loc.def", lang),
            b.source("locality_engagement"),
        ],
        widths=[0.6, 2.4, 0.9, 0.9, 0.9, 0.9, 0.9, 2.2],
        key="gaps",
    )
    return places


def _certificates(b: _Builder) -> None:
    lang, o = b.lang, b.o
    b.item("report.s1.certificates")
    certs = b.q(
        "certificates_state",
        as_of=b.as_of.isoformat(),
        groups=o.groups,
        districts=o.districts,
        scope=o.scope,
    )
    if certs.empty:
        b.para(t("report.cert.none", lang))
        return
    date = fmt.date(b.as_of, lang)
    next_year = int(certs["next_round_year"].max())
    b.para(
        t(
            "report.cert.text",
            lang,
            date=date,
            valid=b.n(certs["valid"].sum()),
            expiring=b.n(certs["expiring_before_next"].sum()),
            year=next_year,
            reentered=b.n(certs["reentered_while_valid"].sum()),
        )
    )
    frame = pd.DataFrame(
        {
            t("col.level", lang): [t(f"level.{v}", lang) for v in certs["level"]],
            t("report.col.cert_issued", lang): [b.n(v) for v in certs["certified"]],
            t("report.col.cert_valid", lang, date=date): [b.n(v) for v in certs["valid"]],
            t("report.col.cert_expiring", lang, year=next_year): [b.n(v) for v in certs["expiring_before_next"]],
            t("report.col.cert_unknown", lang): [b.n(v) for v in certs["no_validity"]],
            t("cert.reentered", lang): [b.n(v) for v in certs["reentered_while_valid"]],
        }
    )
    b.table(
        t("report.t.certificates", lang),
        frame,
        [False, True, True, True, True, True],
        notes=[
            t(
                "cert.def",
                lang,
                certified=b.n(certs["certified"].sum()),
                unstated=b.n(certs["no_validity"].sum()),
            ),
            t("report.cert.next", lang, year=next_year),
            b.source("certificates_state"),
        ],
        key="certificates",
    )


def _revenue(b: _Builder) -> None:
    """As the revenue page shows it: the event study on a balanced panel, then the
    totals with disclosure control (revenue)."""
    from cnnt import disclosure, policy

    lang, o = b.lang, b.o
    b.item("report.s2.revenue")
    where = {"groups": o.groups, "districts": o.districts, "scope": o.scope}
    metric_name = t("rev.metric.revenue", lang)
    years_after = policy.EVENT_YEARS_AFTER_DEFAULT
    panel = b.q("event_study_panel", metric="revenue", **where)
    if not panel.empty:  # events (certification, first entry) inside the period
        panel = panel[(panel["cohort"] >= o.year_from) & (panel["cohort"] <= o.year_to)]
    study = stats.balanced(stats.one_cohort_per_establishment(panel), policy.EVENT_YEARS_BEFORE, years_after)
    groups = {g: t(f"rev.group.{g}", lang) for g in ("certified", "entered_not_certified", "not_yet_certified")}
    summary = stats.indexed_medians(study, ["comparison"]) if not study.empty else pd.DataFrame()
    title = findings.event_title(
        stats.compare_groups(summary, years_after) if not summary.empty else {}, metric_name, groups, lang
    )
    if summary.empty:  # no chart: say why, not a caveat about a chart that is not there
        b.para(t("empty.event_study", lang, k=years_after))
    else:
        b.para(title + ".")
        b.figure(
            title,
            charts.indexed_lines_figure(summary, "comparison", groups, title, lang),
            notes=[
                t("panel.n_est", lang, n=b.n(study["establishment_id"].nunique())),
                t("rev.balanced_note", lang, k=years_after, min_n=policy.MIN_ESTABLISHMENTS_PER_POINT),
                b.source("event_study_panel"),
            ],
            key="event_study",
        )
        b.para(t("rev.event_caveat", lang), "note")

    totals = b.q("certified_totals", year_from=o.year_from, year_to=o.year_to, **where)
    if totals.empty:
        b.para(t("report.rev.no_totals", lang))
        return
    names = {
        "revenue_vnd": "value",
        "revenue_n": "n",
        "revenue_max": "largest",
        "comp_revenue_vnd": "comp_value",
        "comp_revenue_n": "comp_n",
        "comp_revenue_max": "comp_largest",
    }
    renamed = totals.rename(columns=names)
    cells = renamed[[c for c in ["year", "legal_form", *names.values()] if c in renamed.columns]]
    protected = disclosure.protect(cells, "year", "legal_form")
    forms = {f: t(f"legal.{f}", lang) for f in ("doanh_nghiep", "hop_tac_xa", "to_hop_tac", "ho_kinh_doanh")}
    wide = disclosure.display(protected, "year", "legal_form", lambda v: b.n(v / 1e9, 1), t("rev.total", lang), forms)
    year_col = t("col.year", lang)
    wide = wide.rename(columns={"year": year_col})
    wide[year_col] = [str(int(y)) for y in wide[year_col]]
    b.table(
        t("report.t.revenue", lang),
        wide,
        [False] + [True] * (len(wide.columns) - 1),
        notes=[t("report.rev.unit", lang), t("rev.totals_caveat", lang), b.source("certified_totals")],
        key="revenue",
    )


def _support(b: _Builder) -> None:
    """As the revenue page shows it: support by group and activity, and support per
    establishment per year in equal windows before and after certification."""
    from cnnt import policy

    lang, o = b.lang, b.o
    b.item("report.s2.support")
    where = {"groups": o.groups, "districts": o.districts, "scope": o.scope}
    support = b.q("support_by_certification", year_from=o.year_from, year_to=o.year_to, **where)
    if support.empty:
        b.para(t("report.support.none", lang))
        return
    series = {
        k.split(".", 2)[2]: t(k, lang)
        for k in (
            "rev.series.certified:before",
            "rev.series.certified:after",
            "rev.series.entered_not_certified:all",
            "rev.series.never_entered:all",
        )
    }
    window = policy.SUPPORT_WINDOW_YEARS
    windows = b.q("support_windows", year_from=o.year_from, year_to=o.year_to, years_per_window=window, **where)
    rates = stats.support_rates(windows) if not windows.empty else pd.DataFrame()
    title = (
        findings.support_title(rates, window, lang)
        if not rates.empty
        else t("rev.support_title_none", lang, window=window)
    )
    b.para(
        t(
            "report.support.text",
            lang,
            amount=fmt.money(support["amount_vnd"].sum(), lang),
            grants=b.n(support["grants"].sum()),
            y0=o.year_from,
            y1=o.year_to,
        )
        + " "
        + title
        + "."
    )
    b.figure(
        title,
        charts.support_figure(support, series, title, lang),
        notes=[
            t("report.n_grants", lang, n=b.n(support["grants"].sum())),
            t("rev.support_caveat", lang),
            b.source("support_by_certification"),
        ],
        key="support",
    )
    labelled = support.assign(
        series=[series.get(f"{s}:{p}", f"{s}:{p}") for s, p in zip(support["status"], support["period"], strict=True)]
    )
    grouped = (
        labelled.groupby("series", sort=False)
        .agg(amount_vnd=("amount_vnd", "sum"), grants=("grants", "sum"), establishments=("establishments", "sum"))
        .reset_index()
    )
    shown = pd.DataFrame(
        {
            t("rev.col.status", lang): grouped["series"],
            t("rev.col.amount", lang): [fmt.money(v, lang) for v in grouped["amount_vnd"]],
            t("loc.col.grants", lang): [b.n(v) for v in grouped["grants"]],
            t("report.col.est_activity", lang): [b.n(v) for v in grouped["establishments"]],
        }
    )
    b.table(
        t("report.t.support", lang),
        shown,
        [False, True, True, True],
        notes=[t("report.support.note", lang), b.source("support_by_certification")],
        widths=[3, 1.6, 1, 1.6],
        key="support",
    )
    if not rates.empty:
        shown = pd.DataFrame(
            {
                t("rev.col.status", lang): [
                    series.get(f"{s}:{p}", f"{s}:{p}") for s, p in zip(rates["status"], rates["period"], strict=True)
                ],
                t("rev.col.window_years", lang): [b.n(v) for v in rates["years"]],
                t("rev.col.n", lang): [b.n(v) for v in rates["n"]],
                t("rev.col.per_est_year", lang): [fmt.money(v, lang) for v in rates["per_year"]],
                t("rev.col.lo", lang): [fmt.money(v, lang) for v in rates["lo"]],
                t("rev.col.hi", lang): [fmt.money(v, lang) for v in rates["hi"]],
            }
        )
        b.table(
            t("report.t.support_rates", lang, window=window),
            shown,
            [False, True, True, True, True, True],
            notes=[b.source("support_windows")],
            widths=[2.6, 1, 1, 1.4, 1.3, 1.3],
            key="support_rates",
        )


def _targets(b: _Builder) -> None:
    lang, o = b.lang, b.o
    b.item("report.s3.targets")
    frame = b.q("target_progress", year_from=o.year_from, year_to=o.year_to, scope=o.scope)
    b.para(plan.target_summary(frame, lang))
    if frame.empty:
        return
    b.table(
        t("report.t.targets", lang),
        plan.target_table(frame, lang),
        [False, False, False, True, True, False, False],
        notes=[t("target.def", lang), b.source("target_progress")],
        widths=[1.3, 1.4, 2.3, 1.1, 1.1, 1.3, 1.2],
        key="targets",
    )


def _peers(b: _Builder) -> None:
    lang, o = b.lang, b.o
    b.item("report.s3.peers")
    frame = b.q("peer_comparison", year_from=o.year_from, year_to=o.year_to, scope=o.scope)
    b.para(plan.peer_summary(frame, lang))
    if frame.empty:
        return
    ours = t(f"peer.ours.{o.scope or 'merged'}", lang)
    shown, sources = _footnoted(plan.peer_table(frame, lang, ours), t("peer.col.source", lang), lang)
    b.table(
        t("report.t.peers", lang),
        shown,
        [False, False, False, False, True, False, True, False, False],
        notes=[t("peer.rule", lang), sources, b.source("peer_comparison")],
        widths=[1, 1.1, 1.8, 1.4, 1.2, 1.2, 1, 1.6, 0.7],
        key="peers",
    )


def _weaknesses(b: _Builder, places: pd.DataFrame) -> None:
    lang, o = b.lang, b.o
    b.item("report.s3.weaknesses")
    crit = b.q("criteria_by_outcome", **o.filter_params)
    name_col = "name_en" if lang == "en" else "name_vi"
    lost = findings.points_lost(crit) if not crit.empty else pd.DataFrame()
    if not lost.empty:
        title = findings.criteria_title(crit, lang)
        top = lost.iloc[0]
        b.para(
            t(
                "report.weak.criteria",
                lang,
                finding=title,
                name=top[name_col],
                share=b.pct(top["avg_share"], 0),
                n=b.n(top["entries"]),
            )
        )
        b.figure(
            title,
            charts.criteria_figure(crit, title, lang),
            notes=[
                t("panel.n", lang, n=b.n(crit.groupby("criteria_code")["entries"].sum().max())),
                t("def.criteria", lang),
                b.source("criteria_by_outcome"),
            ],
            key="criteria",
        )
        shown = pd.DataFrame(
            {
                t("report.col.criteria", lang): [
                    f"{c} · {n}" for c, n in zip(lost["criteria_code"], lost[name_col], strict=True)
                ],
                t("report.col.max_points", lang): [b.n(v) for v in lost["max_points"]],
                t("report.col.avg_points", lang): [b.n(v, 1) for v in lost["avg_points"]],
                t("report.col.points_lost", lang): [b.n(v, 1) for v in lost["lost"]],
                t("rate.entries", lang): [b.n(v) for v in lost["entries"]],
            }
        )
        b.table(
            t("report.t.criteria", lang),
            shown,
            [False, True, True, True, True],
            notes=[b.source("criteria_by_outcome")],
            widths=[4, 1.1, 1.3, 1.3, 1],
            key="criteria",
        )
    else:
        b.para(t("report.weak.no_scores", lang))
    if not places.empty:
        never = int((places["engagement_class"] == "never").sum())
        lapsed = int((places["engagement_class"] == "lapsed").sum())
        if never or lapsed:
            b.para(t("report.weak.localities", lang, never=b.n(never), lapsed=b.n(lapsed)))


def _closing(b: _Builder) -> None:
    b.section("report.s4")
    b.para(t("report.s4.placeholder", b.lang), "note")


def _appendix(b: _Builder, meta: list[tuple[str, str]]) -> None:
    lang = b.lang
    b.blocks.append(PageBreak())
    b.blocks.append(Heading(t("report.appendix", lang), 0))
    b.blocks.append(Heading(t("report.appendix.data", lang), 2))
    b.table(
        t("report.t.meta", lang),
        pd.DataFrame(meta, columns=[t("report.col.item", lang), t("report.col.value", lang)]),
        [False, False],
        widths=[2, 5],
        key="meta",
    )
    b.blocks.append(Heading(t("report.appendix.definitions", lang), 2))
    for key in (
        "def.participation",
        "overview.counting",
        "def.eligible",
        "def.pass_rate",
        "def.progression",
        "loc.def",
        "def.criteria",
        "report.cert.rule",
        "rev.totals_caveat",
        "target.def",
        "peer.rule",
        "note.regulation",
    ):
        if key == "note.regulation" and regulation_note(b.o.year_from, b.o.year_to, lang) is None:
            continue  # the rules did not change within the period
        b.para("– " + t(key, lang))
    b.blocks.append(Heading(t("report.appendix.queries", lang), 2))
    b.para(t("report.appendix.queries_text", lang, names=", ".join(f"{q}.sql" for q in b.queries)))


def build_report(
    data_root: Path | str,
    options: Options,
    snapshot_id: str | None = None,
    *,
    run: Run | None = None,
    now: dt.datetime | None = None,
    render: bool = True,
) -> Report:
    """Ask every question of the report and return its content (charts drawn when ``render``)."""
    from cnnt.store import Store

    store = Store(data_root)
    snap = store.resolve(snapshot_id).snapshot if snapshot_id is None else store.open(snapshot_id)
    if snap is None or not snap.ok:
        raise ValueError(f"no usable snapshot in {data_root}" + (f": {snap.problem}" if snap is not None else ""))
    run = run or database_runner(data_root, snap.id)
    now = now or dt.datetime.now()
    b = _Builder(run, snap.id, snap.is_sample, options, now)
    lang = options.lang

    groups = b.q("product_group_options")
    group_names = dict(zip(groups["group_code"], groups["name_en" if lang == "en" else "name_vi"], strict=False))
    districts = b.q("district_options")
    district_names = dict(zip(districts["unit_id"], districts["name"], strict=False))
    meta = _meta(b, group_names, district_names)
    where = t(f"report.where.{options.scope or 'merged'}", lang)
    subject = t("report.subject", lang, y0=options.year_from, y1=options.year_to, where=where)

    b.para(t("report.intro", lang, y0=options.year_from, y1=options.year_to, where=where))
    if snap.is_sample:
        b.para(t("report.sample_warning", lang), "warning")
    b.para(t("report.scope_line", lang, filters="; ".join(f"{k}: {v}" for k, v in meta[2:7]), snapshot=snap.id), "note")

    heads, values = _period_in_numbers(b)
    b.guarded(lambda: _reconciliation(b, heads))
    b.guarded(lambda: _rounds(b))
    b.guarded(lambda: _funnel(b))
    b.guarded(lambda: _pass_rates(b))
    places: list[pd.DataFrame] = [pd.DataFrame()]

    def localities():
        places[0] = _localities(b)

    b.guarded(localities)
    b.guarded(lambda: _certificates(b))
    b.section("report.s2")
    b.guarded(lambda: _revenue(b))
    b.guarded(lambda: _support(b))
    b.section("report.s3")
    b.guarded(lambda: _targets(b))
    b.guarded(lambda: _peers(b))
    b.guarded(lambda: _weaknesses(b, places[0]))
    _closing(b)
    b.blocks.append(Signature())
    _appendix(b, meta)
    report = Report(
        lang=lang,
        snapshot_id=snap.id,
        is_sample=snap.is_sample,
        options=options,
        generated_at=now,
        subject=subject,
        meta=meta,
        blocks=b.blocks,
        headline_values=values,
    )
    if render and options.charts:
        render_figures(report.blocks)
    return report


def write_report(report: Report, fmt_: str) -> bytes:
    """The report as a Word file or a PDF."""
    if fmt_ == "docx":
        from cnnt.report_docx import to_docx

        return to_docx(report)
    if fmt_ == "pdf":
        from cnnt.report_pdf import to_pdf

        return to_pdf(report)
    raise ValueError(f"unknown format {fmt_!r}; expected one of {FORMATS}")
