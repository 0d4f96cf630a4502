"""Small statistics for the revenue views: medians with bootstrap bands and
before/after growth, computed from establishment-level panels that never leave
this module except as aggregates."""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_ESTABLISHMENTS = 3  # an aggregate over fewer establishments is suppressed
N_BOOT = 400
SEED = 2012


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
