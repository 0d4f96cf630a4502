"""Small statistics for the revenue views: medians with bootstrap bands and
before/after growth, computed from establishment-level panels that never leave
this module except as aggregates."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd

from cnnt import policy

MIN_ESTABLISHMENTS = policy.MIN_ESTABLISHMENTS_PER_POINT  # a median or interval over fewer is not shown
N_BOOT = policy.BOOTSTRAP_DRAWS
SEED = policy.BOOTSTRAP_SEED


def one_cohort_per_establishment(panel: pd.DataFrame) -> pd.DataFrame:
    """Each establishment once per comparison group.

    An establishment certified in 2023 is "not yet certified" for the 2017, 2019
    and 2021 cohorts; counting it three times would weigh it three times and make
    the interval too narrow.  It is kept in its earliest cohort only (the longest
    run before its own certification).
    """
    if panel.empty:
        return panel
    first = panel.groupby(["comparison", "establishment_id"])["cohort"].transform("min")
    return panel[panel["cohort"] == first]


def balanced(panel: pd.DataFrame, years_before: int, years_after: int) -> pd.DataFrame:
    """Only establishments with a figure in every year of the window (−years_before …
    +years_after), so that every point of a line rests on the same establishments and a
    rise is not an artefact of who drops out (survivorship)."""
    if panel.empty:
        return panel
    window = panel[(panel["rel_year"] >= -years_before) & (panel["rel_year"] <= years_after)]
    need = years_before + years_after + 1
    counts = window.groupby(["comparison", "establishment_id"])["rel_year"].nunique()
    complete = counts[counts == need].index
    keyed = window.set_index(["comparison", "establishment_id"])
    return keyed[keyed.index.isin(complete)].reset_index()


def compare_groups(summary: pd.DataFrame, rel_year: int, reference: str = "certified") -> dict:
    """The reference group's median at a relative year against each other group's:
    'higher' or 'lower' only when the 95% intervals do not overlap, else 'no_difference'.
    Groups without a shown point are left out."""
    at = summary[(summary["rel_year"] == rel_year) & summary["median"].notna()].set_index("comparison")
    out: dict = {"rel_year": rel_year, "reference": None, "others": {}}
    if reference not in at.index:
        return out
    ref = at.loc[reference]
    out["reference"] = {"median": float(ref["median"]), "n": int(ref["n"])}
    for group, row in at.drop(index=reference).iterrows():
        if ref["lo"] > row["hi"]:
            verdict = "higher"
        elif ref["hi"] < row["lo"]:
            verdict = "lower"
        else:
            verdict = "no_difference"
        out["others"][group] = {"median": float(row["median"]), "n": int(row["n"]), "verdict": verdict}
    return out


def median_band(values: np.ndarray, rng: np.random.Generator, n_boot: int = N_BOOT) -> tuple[float, float, float]:
    """Median and its 95% percentile-bootstrap interval."""
    values = np.asarray(values, dtype=float)
    draws = rng.integers(0, len(values), size=(n_boot, len(values)))
    medians = np.median(values[draws], axis=1)
    return float(np.median(values)), float(np.percentile(medians, 2.5)), float(np.percentile(medians, 97.5))


def indexed_medians(panel: pd.DataFrame, by: list[str], n_boot: int = N_BOOT, seed: int = SEED) -> pd.DataFrame:
    """Median index (year −1 = 100) per group and relative year, with a 95% band.

    ``panel`` has one row per establishment-observation with columns ``by``,
    ``rel_year``, ``establishment_id`` and ``idx``.  Cells resting on fewer than
    three establishments are kept with their n but their numbers are removed.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for key, part in panel.groupby([*by, "rel_year"], sort=True):
        n = part["establishment_id"].nunique()
        row = dict(zip([*by, "rel_year"], key if isinstance(key, tuple) else (key,), strict=True))
        row["n"] = int(n)
        if n >= MIN_ESTABLISHMENTS:
            row["median"], row["lo"], row["hi"] = median_band(part["idx"].to_numpy(), rng, n_boot)
        else:
            row["median"] = row["lo"] = row["hi"] = np.nan
        rows.append(row)
    return pd.DataFrame(rows, columns=[*by, "rel_year", "n", "median", "lo", "hi"])


def growth_before_after(panel: pd.DataFrame, by: str = "comparison") -> pd.DataFrame:
    """Median yearly growth before (years −3 → −1) and after (−1 → +2) the event.

    Growth is the compound yearly rate per establishment; only establishments
    with both end points count, and fewer than three leaves the cell empty.
    """
    rows = []
    for group, part in panel.groupby(by):
        wide = part.pivot_table(index="establishment_id", columns="rel_year", values="idx", aggfunc="first")
        out = {by: group}
        for label, start, end, years in (("before", -3, -1, 2), ("after", -1, 2, 3)):
            if start in wide and end in wide:
                pair = wide[[start, end]].dropna()
                rates = (pair[end] / pair[start]) ** (1 / years) - 1
            else:
                rates = pd.Series(dtype=float)
            out[f"{label}_n"] = int(len(rates))
            out[f"{label}_growth"] = float(rates.median()) if len(rates) >= MIN_ESTABLISHMENTS else np.nan
        rows.append(out)
    return pd.DataFrame(rows)


def mean_band(values: np.ndarray, rng: np.random.Generator, n_boot: int = N_BOOT) -> tuple[float, float, float]:
    """Mean and its 95% percentile-bootstrap interval (resampling establishments)."""
    values = np.asarray(values, dtype=float)
    draws = rng.integers(0, len(values), size=(n_boot, len(values)))
    means = values[draws].mean(axis=1)
    return float(values.mean()), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def weighted_mean_band(
    values: np.ndarray, weights: np.ndarray, rng: np.random.Generator, n_boot: int = N_BOOT
) -> tuple[float, float, float]:
    """:func:`mean_band` of ``values[i]`` held by ``weights[i]`` establishments each,
    resampling establishments.

    Up to BOOTSTRAP_MAX_VALUES establishments it draws their indices, as
    :func:`mean_band` does on the values repeated in row order (the same numbers).
    Beyond, it draws how many of the n establishments each distinct value gets, a
    multinomial over the values' shares: the same resampling, in work proportional
    to the distinct values rather than to the establishments."""
    values = np.asarray(values, dtype=float)
    weights = np.asarray(weights, dtype=np.int64)
    n = int(weights.sum())
    if n <= BOOTSTRAP_MAX_VALUES:
        return mean_band(np.repeat(values, weights), rng, n_boot)
    distinct, which = np.unique(values, return_inverse=True)
    counts = np.bincount(which, weights=weights, minlength=len(distinct)).astype(np.int64)
    means = rng.multinomial(n, counts / n, size=n_boot) @ distinct / n
    return float(counts @ distinct / n), float(np.percentile(means, 2.5)), float(np.percentile(means, 97.5))


def support_rates(windows: pd.DataFrame, seed: int = SEED) -> pd.DataFrame:
    """Support per establishment per year in each status and window, over distinct
    establishments (those with no grant count as zero), with a 95% interval; groups
    of fewer than five establishments keep their n but no numbers.

    ``windows`` is ``queries/support_windows.sql``: one row per status, period and
    amount with the number of ``establishments`` that received it (the interval
    resamples establishments: :func:`weighted_mean_band`).  A frame of one row per
    establishment (an ``establishment_id`` column instead of ``establishments``)
    is read as one establishment a row, n counting distinct establishments."""
    rng = np.random.default_rng(seed)
    weighted = "establishments" in windows.columns
    rows = []
    for (status, period), part in windows.groupby(["status", "period"], sort=True):
        per_year = (part["amount_vnd"] / part["years"]).to_numpy(dtype=float)
        weights = part["establishments"].to_numpy(dtype=np.int64) if weighted else np.ones(len(part), dtype=np.int64)
        n = int(weights.sum()) if weighted else int(part["establishment_id"].nunique())
        row = {"status": status, "period": period, "n": n}
        row["years"] = int(part["years"].max())
        if row["n"] >= MIN_ESTABLISHMENTS:
            row["per_year"], row["lo"], row["hi"] = weighted_mean_band(per_year, weights, rng)
        else:
            row["per_year"] = row["lo"] = row["hi"] = np.nan
        rows.append(row)
    return pd.DataFrame(rows, columns=["status", "period", "n", "years", "per_year", "lo", "hi"])


def verdict(a: pd.Series, b: pd.Series) -> str:
    """'higher' / 'lower' only when the 95% intervals of a and b do not overlap."""
    if a["lo"] > b["hi"]:
        return "higher"
    if a["hi"] < b["lo"]:
        return "lower"
    return "no_difference"


# ---- statistics computed in the database, bounded in work (issue 14) -------------------
# The panels are aligned when a snapshot is published (queries/views/10_panel_anchors.sql)
# and queries/event_study_summary.sql, threshold_summary.sql and event_study_growth.sql
# return one row per point of a line: the exact median, and either the cell's values
# (at most BOOTSTRAP_MAX_VALUES, for the percentile bootstrap above) or, for a larger
# cell, the exact quantiles 0.5 ∓ 1.96 / (2 √n): the large-sample limit of that same
# bootstrap interval.  Those quantiles depend on the cell's n, and DuckDB takes a list
# of quantiles only as a constant, so the sizes are asked first (event_study_growth's
# panel_n and cohort_sizes, queries/threshold_sizes.sql) and the summary is asked for
# exactly the quantiles they need (band_quantiles): a handful of selections instead of
# the fixed grid of 129 it used to return, which was most of the revenue page's time
# at ×1000.  So at most BOOTSTRAP_MAX_VALUES × N_BOOT draws per point, whatever the
# size of the data.
BOOTSTRAP_MAX_VALUES = 1000


def _half_band(n: int) -> float:
    return 1.96 / (2 * float(np.sqrt(n)))


def band_quantiles(sizes: Iterable[int], cap: int = BOOTSTRAP_MAX_VALUES) -> list[float]:
    """The quantiles a summary query returns for its cells of more than ``cap``: 0.5
    (the median) and 0.5 ∓ 1.96 / (2 √n) for each such size n (within 0 … 1),
    ascending, each once.

    ``sizes`` may hold more sizes than there are large cells (an unused quantile costs
    one selection); a size missing from it leaves that cell's band interpolated
    between its neighbours, so it must not be missing (see the tests)."""
    wanted = {0.5}
    for n in sizes:
        if int(n) > cap:
            half = _half_band(int(n))
            wanted.update((max(0.0, 0.5 - half), min(1.0, 0.5 + half)))  # n < 4 (cap 0): the extremes
    return sorted(wanted)


def panel_sizes(growth: pd.DataFrame) -> list[int]:
    """The sizes of event_study_summary's cells from event_study_growth's rows on the
    same parameters: each group's ``panel_n``, and the certified's ``cohort_sizes``
    (the summary breaks only the certified down by cohort)."""
    sizes = [int(n) for n in growth["panel_n"]]
    for cohort_sizes in growth.loc[growth["comparison"] == "certified", "cohort_sizes"]:
        sizes.extend(int(n) for n in cohort_sizes)
    return sizes


def _band_from_quantiles(quantiles, values, n: int) -> tuple[float, float]:
    """The band 0.5 ∓ 1.96 / (2 √n) of a cell that returned ``values`` at ``quantiles``
    (exact when both ends are among them, as band_quantiles makes them)."""
    half = _half_band(n)
    at = np.asarray(quantiles, dtype=float)
    values = np.asarray(values, dtype=float)
    return float(np.interp(0.5 - half, at, values)), float(np.interp(0.5 + half, at, values))


def summary_from_cells(
    cells: pd.DataFrame, by: list[str], n_boot: int = N_BOOT, seed: int = SEED, min_n: int | None = None
) -> pd.DataFrame:
    """The output of :func:`indexed_medians` from a summary query's cells.

    Cells are visited in the order of ``by`` and ``rel_year``, drawing from one
    generator as :func:`indexed_medians` does, so that on data small enough for every
    cell to carry its values the result is the same, number for number.
    """
    min_n = MIN_ESTABLISHMENTS if min_n is None else min_n
    rng = np.random.default_rng(seed)
    rows = []
    for cell in cells.sort_values([*by, "rel_year"]).to_dict("records"):
        row = {k: cell[k] for k in by}
        row["rel_year"] = int(cell["rel_year"])
        row["n"] = n = int(cell["n"])
        values = cell.get("idx_values")
        if n < min_n:
            row["median"] = row["lo"] = row["hi"] = np.nan
        elif values is not None and not (isinstance(values, float) and np.isnan(values)) and len(values):
            row["median"], row["lo"], row["hi"] = median_band(np.asarray(values, dtype=float), rng, n_boot)
        else:
            row["median"] = float(cell["median"])
            row["lo"], row["hi"] = _band_from_quantiles(cell["band_quantiles"], cell["band"], n)
        rows.append(row)
    return pd.DataFrame(rows, columns=[*by, "rel_year", "n", "median", "lo", "hi"])


def growth_from_rows(rows: pd.DataFrame, min_n: int | None = None) -> pd.DataFrame:
    """The output of :func:`growth_before_after` from ``queries/event_study_growth.sql``."""
    min_n = MIN_ESTABLISHMENTS if min_n is None else min_n
    out = rows[["comparison", "before_n", "before_growth", "after_n", "after_growth"]].copy()
    for side in ("before", "after"):
        out[f"{side}_n"] = out[f"{side}_n"].astype(int)
        out[f"{side}_growth"] = out[f"{side}_growth"].where(out[f"{side}_n"] >= min_n).astype(float)
    return out[["comparison", "before_n", "before_growth", "after_n", "after_growth"]].reset_index(drop=True)


def cached_summary(key: tuple, cells: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """:func:`summary_from_cells`, computed once per snapshot and parameters (``key`` must
    name both) and kept in the process's size-bounded statistics cache."""
    from cnnt.cache import STATISTICS

    return STATISTICS.get_or_compute(("summary", *key, tuple(by)), lambda: summary_from_cells(cells, by)).copy()
