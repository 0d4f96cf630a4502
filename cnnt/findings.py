"""Chart titles that state the finding, not the variable, computed from the data
shown (so they change with the filters and never go stale)."""

from __future__ import annotations

import pandas as pd

from cnnt import fmt
from cnnt.i18n import t


def largest_share(frame: pd.DataFrame, category: str, value: str) -> tuple[str, float] | None:
    """The category with the largest share of ``value`` and that share."""
    totals = frame.groupby(category)[value].sum()
    if totals.empty or totals.sum() == 0:
        return None
    top = totals.idxmax()
    return str(top), float(totals[top] / totals.sum())


def group_title(frame: pd.DataFrame, names: dict[str, str], lang: str) -> str:
    found = largest_share(frame, "group_code", "products")
    if not found:
        return t("panel.empty", lang)
    code, share = found
    return t("part.by_group", lang, group=names.get(code, code), share=fmt.percent(share, lang, 0))


def legal_form_title(frame: pd.DataFrame, lang: str) -> str:
    found = largest_share(frame, "legal_form", "establishments")
    if not found:
        return t("panel.empty", lang)
    code, share = found
    return t("part.by_form", lang, form=t(f"legal.{code}", lang), share=fmt.percent(share, lang, 0))


def new_returning_title(frame: pd.DataFrame, lang: str) -> str:
    total = frame["establishments_new"].sum() + frame["establishments_returning"].sum()
    if not total:
        return t("panel.empty", lang)
    return t(
        "part.new_returning",
        lang,
        share=fmt.percent(frame["establishments_new"].sum() / total, lang, 0),
        reentries=fmt.number(frame["products_reentering_after_failing"].sum(), lang),
    )


def locality_title(frame: pd.DataFrame, lang: str) -> str:
    if frame.empty or frame["products"].max() == 0:
        return t("panel.empty", lang)
    top = frame.sort_values("products", ascending=False, kind="stable").iloc[0]
    others = int((frame["products"] == top["products"]).sum()) - 1
    if others:  # a tie is said, not settled by the alphabet
        return t("part.localities_tie", lang, name=top["name"], others=others, n=fmt.number(top["products"], lang))
    return t("part.localities", lang, name=top["name"], n=fmt.number(top["products"], lang))


def pass_rate_title(frame: pd.DataFrame, labels: dict[str, str], lang: str, min_n: int) -> str:
    reliable = frame[frame["entries"] >= min_n]
    pool = reliable if not reliable.empty else frame
    if pool.empty:
        return t("panel.empty", lang)
    top = pool.sort_values(["pass_rate", "entries"], ascending=False).iloc[0]
    name = labels.get(top["category"], top["category"])
    if frame["level"].nunique() > 1:
        name = f"{name} ({t('level.' + top['level'], lang)})"
    key = "rate.finding_one" if len(frame) == 1 else "rate.finding"  # one bar is not "the highest"
    return t(key, lang, name=name, rate=fmt.percent(top["pass_rate"], lang, 0), n=int(top["entries"]))


def score_title(entries: pd.DataFrame, lang: str) -> str:
    """The share of scored entries at or above the threshold (entries without a score
    recorded are left out; the page says how many)."""
    scored = entries[entries["total_score"].notna() & entries["eligible"].notna()]
    if scored.empty:
        return t("panel.empty", lang)
    share = float(scored["eligible"].astype(bool).mean())
    threshold = scored["pass_threshold"].mode().iloc[0]
    return t("rate.scores", lang, share=fmt.percent(share, lang, 0), threshold=fmt.number(threshold, lang))


def points_lost(frame: pd.DataFrame) -> pd.DataFrame:
    """Average points lost per criteria group by entries not certified (maximum minus
    average points), largest first.  ``frame`` is ``queries/criteria_by_outcome.sql``."""
    lost = frame[frame["outcome"] == "not_certified"].assign(lost=lambda f: f["max_points"] - f["avg_points"])
    return lost.sort_values(["lost", "criteria_code"], ascending=[False, True]).reset_index(drop=True)


def criteria_title(frame: pd.DataFrame, lang: str) -> str:
    """Where entries not certified lose most points, ranked by points lost; two groups
    within ``policy.NEAR_TIE_POINTS`` of each other are called a tie, not ranked."""
    from cnnt import policy

    lost = points_lost(frame) if not frame.empty else frame
    if lost.empty:
        return t("panel.empty", lang)
    name = "name_en" if lang == "en" else "name_vi"
    top = lost.iloc[0]
    if len(lost) > 1 and top["lost"] - lost.iloc[1]["lost"] < policy.NEAR_TIE_POINTS:
        second = lost.iloc[1]
        return t(
            "rate.criteria_tie",
            lang,
            first=top[name],
            second=second[name],
            lost=fmt.number(top["lost"], lang, 1),
        )
    return t("rate.criteria_lost", lang, name=top[name], lost=fmt.number(top["lost"], lang, 1))


def funnel_title(progression: pd.DataFrame, lang: str) -> str:
    """The share of provincial winners that went on to the regional round, over the
    cycles whose regional round has been held (an unfinished cycle is not a zero)."""
    done = (
        progression[progression["regional_held"].fillna(False).astype(bool)]
        if "regional_held" in progression
        else progression
    )
    certified = done["provincial_certified"].sum()
    if not certified:
        return t("overview.funnel_empty_title", lang)
    share = done["regional_entered"].sum() / certified
    return t("overview.funnel_title", lang, share=fmt.percent(share, lang, 0))


def timeline_title(rounds: pd.DataFrame, lang: str) -> str:
    provincial = rounds[(rounds["level"] == "provincial") & (rounds["products"] > 0)].sort_values("year")
    if len(provincial) < 2:
        return t("overview.timeline_title", lang)
    first, last = provincial.iloc[0], provincial.iloc[-1]
    if first["year"] == last["year"]:  # the former provinces' rounds of one year: no change over time to state
        return t("overview.timeline_title", lang)
    return t(
        "overview.timeline_finding",
        lang,
        first=fmt.number(first["products"], lang),
        y_first=int(first["year"]),
        last=fmt.number(last["products"], lang),
        y_last=int(last["year"]),
    )


def event_title(comparison: dict, metric: str, group_names: dict[str, str], lang: str) -> str:
    """The event study's finding, stated against the comparison groups on the same chart.

    A group is called higher or lower only when the 95% intervals do not overlap;
    otherwise the title says there is no clear difference, never picking a winner
    inside the uncertainty.  ``comparison`` is :func:`cnnt.stats.compare_groups`.
    """
    ref = comparison.get("reference")
    if ref is None:
        return t("rev.event_title_none", lang, metric=metric)
    k = comparison["rel_year"]
    parts = [
        t("rev.event_group", lang, group=group_names.get(g, g), value=fmt.number(o["median"], lang))
        for g, o in comparison["others"].items()
    ]
    verdicts = {o["verdict"] for o in comparison["others"].values()}
    if not parts:
        verdict = t("rev.verdict.alone", lang)
    elif verdicts == {"no_difference"}:
        verdict = t("rev.verdict.no_difference", lang)
    elif verdicts == {"higher"}:
        verdict = t("rev.verdict.higher", lang)
    elif verdicts == {"lower"}:
        verdict = t("rev.verdict.lower", lang)
    else:
        verdict = t("rev.verdict.mixed", lang)
    return t(
        "rev.event_compare",
        lang,
        metric=metric,
        k=fmt.signed(k, lang),
        value=fmt.number(ref["median"], lang),
        others="; ".join(parts) if parts else "–",
        verdict=verdict,
    )


def support_title(rates: pd.DataFrame, window: int, lang: str) -> str:
    """Support per establishment per year after certification, against the same
    establishments before it and against entered-but-not-certified establishments
    after their entry, over windows of equal length; a difference is called only when
    the intervals do not overlap."""
    from cnnt import stats

    shown = rates[rates["per_year"].notna()].set_index(["status", "period"])
    key = ("certified", "after")
    if key not in shown.index:
        return t("rev.support_title_none", lang, window=window)
    after = shown.loc[key]
    parts = []
    for other, label in (
        (("certified", "before"), "rev.support_vs_before"),
        (("entered_not_certified", "after"), "rev.support_vs_entered"),
    ):
        if other in shown.index:
            o = shown.loc[other]
            parts.append(
                t(
                    label,
                    lang,
                    value=fmt.money(o["per_year"], lang),
                    verdict=t(f"rev.support_verdict.{stats.verdict(after, o)}", lang),
                )
            )
    return t(
        "rev.support_compare",
        lang,
        value=fmt.money(after["per_year"], lang),
        window=window,
        others="; ".join(parts) if parts else t("rev.verdict.alone", lang),
    )


def score_title_from_boxes(boxes: pd.DataFrame, lang: str) -> str:
    """:func:`score_title` from the per-round statistics of ``queries/score_distribution.sql``
    (the same share and threshold, without the entries themselves)."""
    judged = boxes[boxes["judged"] > 0] if not boxes.empty else boxes
    if judged.empty:
        return t("panel.empty", lang)
    share = float(judged["eligible"].sum() / judged["judged"].sum())
    weights = judged.groupby("pass_threshold")["judged"].sum()
    threshold = weights[weights == weights.max()].index.min()
    return t("rate.scores", lang, share=fmt.percent(share, lang, 0), threshold=fmt.number(threshold, lang))


def gap_title(ranked: pd.DataFrame, lang: str) -> str:
    """The engagement gap ranking's finding: the locality furthest below the province's
    rate, by how many establishments, or that none falls short (a locality whose gap
    rounds to zero is level with the province, not "first")."""
    gaps = pd.to_numeric(ranked["gap"], errors="coerce")
    if gaps.isna().all() or round(float(gaps.max()), 1) <= 0:
        return t("loc.gap_title_none", lang)
    top = ranked.loc[gaps.idxmax()]
    return t("loc.gap_title", lang, name=top["name"], gap=fmt.number(float(top["gap"]), lang, 1))
