"""What the overview shows, computed from query results (no UI, no SQL)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from cnnt.schema import MERGED_OWNER

PROGRAMME_FIRST_YEAR = 2012  # the programme runs since 2012 (programme.md): no period starts earlier
RULES_CHANGED_YEAR = 2025  # Circular 38/2025/TT-BCT replaces 26/2014 from 1/7/2025 (programme.md)


def regulation_note(year_from: int, year_to: int, lang: str) -> str | None:
    """The note that the rules changed, only for a period that reaches the year they did:
    a period ending in 2024 has had one set of rules (not "the rules changed in the period")."""
    from cnnt.i18n import t

    return t("note.regulation", lang) if year_from <= RULES_CHANGED_YEAR <= year_to else None


def unscored_certified_note(rounds: pd.DataFrame, lang: str) -> str | None:
    """Why a round shows more products certified than reached the threshold: some certified
    products have no score in the data (an announcement list gives none; a certified score
    below the threshold is refused on import, cnnt.validate).  None when no round does."""
    from cnnt.i18n import t

    if rounds.empty:
        return None
    more = rounds[rounds["certified"].fillna(0) > rounds["eligible"].fillna(0)]
    if more.empty:
        return None
    return t("note.unscored_certified", lang, rounds=", ".join(str(r) for r in more["round_id"]))


# Headline column → published metric it corresponds to.
HEADLINE_METRICS = {
    "establishments": "establishments_participating",
    "products": "products_participating",
    "certified": "products_certified",
}


@dataclass(frozen=True)
class Headline:
    level: str
    rounds_held: int
    values: dict[str, int]  # establishments, products, certified (summed over rounds)
    latest_year: int | None
    previous_year: int | None
    deltas: dict[str, int | None]  # latest round minus previous round
    crosses_merger: bool = False  # the previous round(s) were held by the former provinces
    previous_rounds: str = ""  # the round ids compared with


def headlines(frame: pd.DataFrame) -> list[Headline]:
    """One headline per level from ``queries/headline_by_level.sql``."""
    out = []
    for r in frame.to_dict("records"):
        prev = r.get("previous_year")
        has_prev = prev is not None and not pd.isna(prev)
        out.append(
            Headline(
                level=r["level"],
                rounds_held=int(r["rounds_held"]),
                values={k: int(r[k]) for k in HEADLINE_METRICS},
                latest_year=None if pd.isna(r["latest_year"]) else int(r["latest_year"]),
                previous_year=int(prev) if has_prev else None,
                deltas={
                    k: int(r[f"latest_{k}"]) - int(r[f"previous_{k}"]) if has_prev else None for k in HEADLINE_METRICS
                },
                crosses_merger=bool(r.get("crosses_merger")) if has_prev else False,
                previous_rounds=str(r.get("previous_rounds") or "") if has_prev else "",
            )
        )
    return out


def published_matches(
    figures: pd.DataFrame,
    rounds: pd.DataFrame,
    heads: list[Headline],
    year_from: int,
    year_to: int,
    *,
    filtered: bool,
    scope: str | None,
) -> dict[tuple[str, str], list[str]]:
    """Which published figures a headline reproduces, keyed by (level, headline column).

    The ✅ beside a number must be about that very number: a figure is matched
    when no product-group or locality filter is on, the headline counts exactly
    the rounds the figure counts (the same owner's rounds of that level in its
    period: in the merged scope a Phú Yên round beside them breaks the match), and
    the headline's own value equals the published value.  ``figures`` is
    ``queries/published_figure_check.sql``; ``rounds`` is ``queries/round_years.sql``
    (with owner_code).
    """
    if filtered or figures.empty or rounds.empty:
        return {}
    by_level = {h.level: h for h in heads}
    # A few dozen rounds at any scale: plain tuples, not a frame filtered once per figure
    # (that took 60 ms of the overview's 180 ms per run).
    all_rounds = list(zip(rounds["round_id"], rounds["owner_code"], rounds["level"], rounds["year"], strict=True))
    owners_in_scope = None if scope is None else {scope, MERGED_OWNER}
    out: dict[tuple[str, str], list[str]] = {}
    for f in figures.to_dict("records"):
        head = by_level.get(f["level"])
        if head is None:
            continue
        chosen = {
            rid
            for rid, owner, level, year in all_rounds
            if level == f["level"]
            and (owners_in_scope is None or owner in owners_in_scope)
            and year_from <= year <= year_to
        }
        theirs = {
            rid
            for rid, owner, level, year in all_rounds
            if level == f["level"] and owner == f["owner_code"] and f["year_from"] <= year <= f["year_to"]
        }
        if not chosen or chosen != theirs:
            continue
        for col, metric in HEADLINE_METRICS.items():
            if metric == f["metric"] and head.values[col] == int(f["published_value"]):
                out.setdefault((f["level"], col), []).append(f["figure_id"])
    return out


def summary_text(heads: list[Headline], year_from: int, year_to: int, lang: str) -> str:
    """A short summary of the period in the style of the province's own reports, built from the data."""
    from cnnt import fmt
    from cnnt.i18n import t

    def one(n: int, word: str, words: str) -> str:  # English only; Vietnamese has no plural
        return word if n == 1 else words

    parts = [
        t(
            "overview.summary.level",
            lang,
            verb=t("overview.verb.provincial" if h.level == "provincial" else "overview.verb.other", lang),
            rounds=fmt.number(h.rounds_held, lang),
            level_lower=t(f"level_lower.{h.level}", lang),
            round_word=one(h.rounds_held, "round", "rounds"),
            est=fmt.number(h.values["establishments"], lang),
            est_word=one(h.values["establishments"], "entry", "entries"),
            prod=fmt.number(h.values["products"], lang),
            prod_word=one(h.values["products"], "entry", "entries"),
            cert=fmt.number(h.values["certified"], lang),
            cert_word=one(h.values["certified"], "product", "products"),
        )
        for h in heads
        if h.rounds_held
    ]
    if not parts:
        return ""
    text = t("overview.summary.lead", lang, y0=year_from, y1=year_to) + t("overview.summary.join", lang).join(parts)
    text += t("overview.summary.end", lang)
    provincial = next((h for h in heads if h.level == "provincial" and h.values["products"]), None)
    if provincial:
        rate = provincial.values["certified"] / provincial.values["products"]
        text += t(
            "overview.summary.rate",
            lang,
            rate=fmt.percent(rate, lang),
            cert=fmt.number(provincial.values["certified"], lang),
            prod=fmt.number(provincial.values["products"], lang),
        )
    return text
