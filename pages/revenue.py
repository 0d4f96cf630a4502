"""Sau công nhận / After certification: revenue, jobs and income around
certification, next to comparison groups, with confidentiality protected."""

import pandas as pd
import streamlit as st

from cnnt import charts, disclosure, findings, fmt, policy, stats, ui
from cnnt.i18n import t

ctx = ui.context()
lang = ctx.lang
st.title(t("rev.title", lang))
ui.filter_note(ctx, "money", {"levels": "per_establishment"})

metrics = ["revenue", "employees", "income"]
ui.page_state("rev_metric", "revenue", metrics)
metric = (
    st.segmented_control(
        t("rev.metric", lang),
        metrics,
        format_func=lambda m: t(f"rev.metric.{m}", lang),
        key="rev_metric",
        required=True,
    )
    or "revenue"
)
ui.keep_in_url({"rev_metric": "revenue"})
metric_name = t(f"rev.metric.{metric}", lang)
where = {"groups": ctx.groups, "districts": ctx.districts, "scope": ctx.scope}


# Every status and period the support questions return (support_by_certification: before /
# after certification, all; support_windows: windows around the event, for the entered too).
SUPPORT_SERIES = (
    "rev.series.certified:before",
    "rev.series.certified:after",
    "rev.series.entered_not_certified:before",
    "rev.series.entered_not_certified:after",
    "rev.series.entered_not_certified:all",
    "rev.series.never_entered:all",
)


def drawable(summary: pd.DataFrame) -> bool:
    """A line has at least one point: every point of a summary may rest on too few
    establishments, and then the panel says why instead of drawing empty axes."""
    return not summary.empty and bool(summary["median"].notna().any())


def summary_table(summary: pd.DataFrame, by: str, names: dict[str, str]) -> pd.DataFrame:
    """What the chart shows, as a table (suppressed points have no numbers)."""
    shown = summary.assign(
        **{by: [names.get(g, g) for g in summary[by]]},
        rel_year=[charts.relative_year(int(k), lang) for k in summary["rel_year"]],
    )
    for col in ("median", "lo", "hi"):
        shown[col] = shown[col].round(1)
    return ui.labelled(
        shown,
        {
            by: "rev.group",
            "rel_year": "rev.col.rel_year",
            "median": "rev.col.median",
            "lo": "rev.col.lo",
            "hi": "rev.col.hi",
            "n": "rev.col.n",
        },
        ctx,
    )


# 1. Event study: certified versus comparison groups, on a balanced panel
ui.page_int("rev_years_after", policy.EVENT_YEARS_AFTER_DEFAULT, 1, policy.EVENT_YEARS_AFTER_MAX)
years_after = st.slider(t("rev.years_after", lang), 1, policy.EVENT_YEARS_AFTER_MAX, key="rev_years_after")
ui.keep_in_url({"rev_years_after": policy.EVENT_YEARS_AFTER_DEFAULT})
# The event study follows the period (events inside it), each establishment once per group
# (stats.one_cohort_per_establishment) on a balanced panel (stats.balanced): computed in the
# database (queries/event_study_summary.sql), bands cached per snapshot and parameters.
# The panel's sizes come first (with the growth rates), so that the summary returns only
# the quantiles its bands need (stats.band_quantiles); it holds both breakdowns, by
# comparison group and by certified cohort.
study_params = dict(metric=metric, **where, year_from=ctx.year_from, year_to=ctx.year_to, years_after=years_after)
growth_rows = ui.query(ctx, "event_study_growth", **study_params)
cap = stats.BOOTSTRAP_MAX_VALUES  # larger cells return quantiles, not their values
band_at = stats.band_quantiles(stats.panel_sizes(growth_rows), cap)
study_cells = ui.query(ctx, "event_study_summary", **study_params, cap=cap, quantiles=band_at)
cells = study_cells[study_cells["breakdown"] == "comparison"]
caveat = t("rev.event_caveat", lang) + " " + t("rev.band_large", lang, cap=fmt.number(cap, lang))
study_key = (str(ctx.data_root), ctx.snapshot.id, tuple(sorted((k, str(v)) for k, v in study_params.items())))
groups = {g: t(f"rev.group.{g}", lang) for g in ("certified", "entered_not_certified", "not_yet_certified")}
summary = stats.cached_summary(study_key, cells, ["comparison"]) if not cells.empty else pd.DataFrame()
title = findings.event_title(
    stats.compare_groups(summary, years_after) if not summary.empty else {}, metric_name, groups, lang
)
ui.panel(
    ctx,
    "rev_event",
    title,
    summary_table(summary, "comparison", groups) if not summary.empty else summary,
    fig=charts.indexed_lines_figure(summary, "comparison", groups, title, lang) if drawable(summary) else None,
    n_text=t(
        "panel.n_est",
        lang,
        n=fmt.number(int(growth_rows["establishments"].iloc[0]) if not growth_rows.empty else 0, lang),
    ),
    definition=t("rev.balanced_note", lang, k=years_after, min_n=policy.MIN_ESTABLISHMENTS_PER_POINT),
    note=caveat,
    state={t("rev.metric", lang): metric_name, t("rev.years_after", lang): str(years_after)},
    empty=t("empty.event_study", lang, k=years_after),
)

# Staggered cohorts
cohort_cells = study_cells[study_cells["breakdown"] == "cohort"]
if not cohort_cells.empty:
    cohorts = stats.cached_summary(study_key, cohort_cells, ["cohort"])
    names = {c: t("rev.cohort", lang, year=int(c)) for c in cohorts["cohort"].unique()}
    cohorts = cohorts.assign(cohort_label=cohorts["cohort"].map(names))
    title = t("rev.cohorts_title", lang)
    ui.panel(
        ctx,
        "rev_cohorts",
        title,
        summary_table(cohorts, "cohort", names),
        fig=charts.indexed_lines_figure(cohorts, "cohort", names, title, lang) if drawable(cohorts) else None,
        definition=caveat,
        empty=t("empty.event_study", lang, k=years_after),
    )

# 2. Near the threshold
ui.page_int("rev_window", 5, 1, 15)
window = st.slider(t("rev.window", lang), 1, 15, key="rev_window")
ui.keep_in_url({"rev_window": 5})
near_sizes = ui.query(ctx, "threshold_sizes", metric=metric, window=window, **where)
near = ui.query(
    ctx,
    "threshold_summary",
    metric=metric,
    window=window,
    **where,
    cap=cap,
    quantiles=stats.band_quantiles(near_sizes["n"], cap),
)
sides = {s: t(f"rev.side.{s}", lang) for s in ("above", "below")}
counts = near.groupby("side")["side_establishments"].first() if not near.empty else pd.Series(dtype=int)
title = t(
    "rev.threshold_title",
    lang,
    window=window,
    above=fmt.number(int(counts.get("above", 0)), lang),
    below=fmt.number(int(counts.get("below", 0)), lang),
)
near_key = (
    str(ctx.data_root),
    ctx.snapshot.id,
    "threshold",
    metric,
    window,
    tuple(sorted((k, str(v)) for k, v in where.items())),
)
near_summary = stats.cached_summary(near_key, near, ["side"]) if not near.empty else pd.DataFrame()
ui.panel(
    ctx,
    "rev_threshold",
    title,
    summary_table(near_summary, "side", sides) if not near_summary.empty else near_summary,
    fig=charts.indexed_lines_figure(near_summary, "side", sides, title, lang) if drawable(near_summary) else None,
    definition=t("rev.threshold_caveat", lang),
    note=t("rev.small_points", lang, min_n=policy.MIN_ESTABLISHMENTS_PER_POINT),
    state={t("rev.metric", lang): metric_name, t("rev.window", lang): str(window)},
    empty=t("empty.threshold", lang, window=window),
)

# 3. Growth before and after
if not growth_rows.empty:
    growth = stats.growth_from_rows(growth_rows)
    growth_table = ui.labelled(
        growth.assign(comparison=[groups.get(g, g) for g in growth["comparison"]]),
        {
            "comparison": "rev.group",
            "before_growth": "rev.growth_before",
            "before_n": "rev.n_before",
            "after_growth": "rev.growth_after",
            "after_n": "rev.n_after",
        },
        ctx,
    )
    # shares: shown as 8,3%, downloaded as numbers (0.083) that a spreadsheet can use
    growth_table.attrs["kinds"].update(
        {t("rev.growth_before", lang): "percent", t("rev.growth_after", lang): "percent"}
    )
    ui.panel(ctx, "rev_growth", t("rev.growth_title", lang), growth_table, definition=t("rev.growth_caveat", lang))

# 4. Totals with disclosure control
totals = ui.query(ctx, "certified_totals", year_from=ctx.year_from, year_to=ctx.year_to, **where)
if not totals.empty:
    measures = {
        "revenue": ("revenue_vnd", "revenue_n", "revenue_max", 1e9, 1),
        "employees": ("employees", "employees_n", "employees_max", 1, 0),
        "income": ("wage_bill_vnd", "wage_n", "wage_max", 1e9, 1),
    }
    value, n, largest, scale, decimals = measures[metric]
    cells = totals.rename(
        columns={
            value: "value",
            n: "n",
            largest: "largest",
            f"comp_{value}": "comp_value",
            f"comp_{n}": "comp_n",
            f"comp_{largest}": "comp_largest",
        }
    )[["year", "legal_form", "value", "n", "largest", "comp_value", "comp_n", "comp_largest"]]
    protected = disclosure.protect(cells, "year", "legal_form")
    forms = {f: t(f"legal.{f}", lang) for f in ("doanh_nghiep", "hop_tac_xa", "to_hop_tac", "ho_kinh_doanh")}
    wide = disclosure.display(
        protected, "year", "legal_form", lambda v: fmt.number(v / scale, lang, decimals), t("rev.total", lang), forms
    )
    wide = wide.rename(columns={"year": t("col.year", lang)})
    wide.attrs["kinds"] = {t("col.year", lang): "year"}  # "Năm" is not read as a year by its name

    def totals_as_numbers() -> pd.DataFrame:
        """The downloads: one line per cell with its value as a number (the screen shows "×" in the grid)."""
        long = disclosure.numbers(protected, "year", "legal_form", scale, decimals, t("rev.total", lang), forms)
        long = long.rename(
            columns={
                "year": t("col.year", lang),
                "legal_form": t("col.legal_form", lang),
                "value": t(f"rev.measure.{metric}", lang),
                "suppressed": t("rev.totals_suppressed", lang),
            }
        )
        long.attrs["kinds"] = {t("col.year", lang): "year"}
        return long

    ui.panel(
        ctx,
        "rev_totals",
        t("rev.totals_title", lang, metric=t(f"rev.measure.{metric}", lang)),
        wide,
        definition=t("rev.totals_caveat", lang),
        note=t("rev.totals_download", lang),
        full=totals_as_numbers,
    )
else:
    st.info(t("rev.totals_empty", lang))

# 5. Khuyến công support
support = ui.query(ctx, "support_by_certification", year_from=ctx.year_from, year_to=ctx.year_to, **where)
if not support.empty:
    series = {k.split(".", 2)[2]: t(k, lang) for k in SUPPORT_SERIES}
    window_years = policy.SUPPORT_WINDOW_YEARS
    windows = ui.query(
        ctx,
        "support_windows",
        year_from=ctx.year_from,
        year_to=ctx.year_to,
        years_per_window=window_years,
        **where,
    )
    rates = stats.support_rates(windows) if not windows.empty else pd.DataFrame()
    title = (
        findings.support_title(rates, window_years, lang)
        if not rates.empty
        else t("rev.support_title_none", lang, window=window_years)
    )
    shown = support.assign(
        series=[series.get(f"{s}:{p}", f"{s}:{p}") for s, p in zip(support["status"], support["period"], strict=True)],
        per_establishment_vnd=support["per_establishment_vnd"].round(),  # a mean, to the whole đồng
    )
    ui.panel(
        ctx,
        "rev_support",
        title,
        ui.labelled(
            shown,
            {
                "series": "rev.col.status",
                "activity": "col.activity",
                "amount_vnd": "rev.col.amount",
                "grants": "loc.col.grants",
                "establishments": "rev.col.n",
                "per_establishment_vnd": "rev.col.per_est",
            },
            ctx,
        ),
        fig=charts.support_figure(support, series, title, lang),
        definition=t("rev.support_caveat", lang),
    )
    if not rates.empty:
        ui.show_table(
            ui.labelled(
                rates.assign(
                    series=[
                        series.get(f"{s}:{p}", f"{s}:{p}")
                        for s, p in zip(rates["status"], rates["period"], strict=True)
                    ],
                    per_year=[fmt.money(v, lang) for v in rates["per_year"]],
                    lo=[fmt.money(v, lang) for v in rates["lo"]],
                    hi=[fmt.money(v, lang) for v in rates["hi"]],
                ),
                {
                    "series": "rev.col.status",
                    "years": "rev.col.window_years",
                    "n": "rev.col.n",
                    "per_year": "rev.col.per_est_year",
                    "lo": "rev.col.lo",
                    "hi": "rev.col.hi",
                },
                ctx,
            ),
            lang,
            key="rev_support_rates",
        )
else:
    st.info(t("rev.support_empty", lang))
