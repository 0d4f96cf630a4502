"""Targets against actual, and Đắk Lắk beside other provinces: the tables the
overview and the report show, built from ``queries/target_progress.sql`` and
``queries/peer_comparison.sql`` (no UI, no SQL).

A target with no data to count says so instead of showing a zero.  A peer's
figure is shown only beside Đắk Lắk's count for the same level, years and
metric under the peer's own counting rule; nothing is set against a figure
counted another way.
"""

from __future__ import annotations

import pandas as pd

from cnnt import fmt
from cnnt.i18n import t

MONEY_METRICS = ("support_budget_vnd",)


def _value(metric: str, value, lang: str) -> str:
    if value is None or pd.isna(value):
        return "–"
    return fmt.money(value, lang) if metric in MONEY_METRICS else fmt.number(value, lang)


def target_status(row: dict, lang: str) -> str:
    """'Đã đạt', 'Đạt 73,3%', or 'Chưa có số liệu' for one row of target_progress."""
    if row["status"] == "no_data":
        return t("target.no_data", lang)
    if row["status"] == "met":
        return t("target.met", lang)
    return t("target.below", lang, share=fmt.percent(row["progress"], lang))


def target_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row per target: plan, owner, target, actual (with the years counted), progress."""
    rows = []
    for r in frame.to_dict("records"):
        no_data = r["status"] == "no_data"
        rows.append(
            {
                t("target.col.plan", lang): r["plan_period"],
                t("target.col.owner", lang): t(f"owner.{r['owner_code']}", lang),
                t("target.col.metric", lang): t(f"target.metric.{r['metric']}", lang),
                t("target.col.target", lang): _value(r["metric"], r["target"], lang),
                t("target.col.actual", lang): "–" if no_data else _value(r["metric"], r["actual"], lang),
                t("target.col.counted", lang): (
                    t("target.counted", lang, y0=int(r["counted_from"]), y1=int(r["data_through"]))
                    if not no_data
                    else t("target.counted_none", lang, y0=int(r["counted_from"]), y1=int(r["counted_to"]))
                    if r["counted_to"] >= r["counted_from"]
                    else "–"
                ),
                t("target.col.status", lang): target_status(r, lang),
            }
        )
    return pd.DataFrame(rows)


def target_summary(frame: pd.DataFrame, lang: str) -> str:
    """One sentence: how many targets are met, below, and without data."""
    if frame.empty:
        return t("target.none", lang)
    counts = frame["status"].value_counts()
    return t(
        "target.summary",
        lang,
        n=fmt.number(len(frame), lang),
        met=fmt.number(int(counts.get("met", 0)), lang),
        below=fmt.number(int(counts.get("below", 0)), lang),
        no_data=fmt.number(int(counts.get("no_data", 0)), lang),
    )


def peer_table(frame: pd.DataFrame, lang: str, ours_label: str) -> pd.DataFrame:
    """Each peer figure beside Đắk Lắk's own count for the same level, period, metric and rule."""
    rows = []
    for r in frame.to_dict("records"):
        ours = r["our_value"]
        has_ours = ours is not None and not pd.isna(ours)
        rows.append(
            {
                t("peer.col.level", lang): t(f"level.{r['level']}", lang),
                t("peer.col.period", lang): f"{int(r['year_from'])}–{int(r['year_to'])}"
                if r["year_from"] != r["year_to"]
                else str(int(r["year_from"])),
                t("peer.col.metric", lang): t(f"metric.{r['metric']}", lang),
                t("peer.col.counting", lang): t(f"counting.{r['counting']}", lang),
                ours_label: fmt.number(ours, lang) if has_ours else t("peer.no_ours", lang),
                t("peer.col.province", lang): r["province"],
                t("peer.col.value", lang): fmt.number(r["value"], lang),
                t("peer.col.rounds", lang): r["our_round_ids"] or "–",
                t("peer.col.source", lang): ", ".join(
                    str(x) for x in (r["source_title"], r["source_date"]) if x is not None and not pd.isna(x)
                ),
            }
        )
    return pd.DataFrame(rows)


def peer_summary(frame: pd.DataFrame, lang: str) -> str:
    if frame.empty:
        return t("peer.none", lang)
    return t(
        "peer.summary",
        lang,
        n=fmt.number(len(frame), lang),
        provinces=fmt.number(frame["province"].nunique(), lang),
    )
