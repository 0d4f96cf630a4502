"""Statistical disclosure control for totals of confidential figures.

Primary suppression: a cell resting on fewer than three establishments, or
where one establishment makes more than 85% of the total, is not shown.
Complementary suppression: where a row total is shown, a row never has exactly
one suppressed cell (it could be recovered by subtraction), so the smallest
other cell is suppressed too.  Suppressed cells reach neither the screen nor a
download: their values are removed here, not hidden later.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

MIN_N = 3
MAX_SHARE = 0.85
SUPPRESSED = "×"


def primary(value: float, n: int, largest: float) -> str | None:
    """Why a cell must be suppressed on its own, or None."""
    if n < MIN_N:
        return "n<3"
    if value and value > 0 and largest / value > MAX_SHARE:
        return "dominance"
    return None


def protect(cells: pd.DataFrame, row: str, col: str) -> pd.DataFrame:
    """Suppress cells of a table with row totals.

    ``cells`` has one row per table cell with columns ``row``, ``col``,
    ``value``, ``n`` (contributing establishments) and ``largest`` (the largest
    single contribution).  Returns the cells plus a row-total cell per row
    (``col`` = ``"__total__"``) with ``value`` set to NaN wherever suppressed and
    a ``reason`` column.
    """
    cells = cells.copy()
    totals = (
        cells.groupby(row, as_index=False)
        .agg(value=("value", "sum"), n=("n", "sum"), largest=("largest", "max"))
        .assign(**{col: "__total__"})
    )
    table = pd.concat([cells, totals], ignore_index=True)
    table["reason"] = [
        primary(v, int(n), lg) for v, n, lg in zip(table["value"], table["n"], table["largest"], strict=True)
    ]
    changed = True
    while changed:
        changed = False
        for _, part in table[table[col] != "__total__"].groupby(row):
            total = table[(table[row] == part[row].iloc[0]) & (table[col] == "__total__")]
            if total["reason"].notna().all():
                continue  # the total is hidden: nothing can be subtracted
            hidden = part["reason"].notna()
            if hidden.sum() == 1 and len(part) > 1:
                candidates = part[~hidden].sort_values("value")
                table.loc[candidates.index[0], "reason"] = "complementary"
                changed = True
    table.loc[table["reason"].notna(), "value"] = np.nan
    return table


def display(table: pd.DataFrame, row: str, col: str, fmt_value, total_label: str, col_labels: dict) -> pd.DataFrame:
    """A wide table for the screen and downloads: suppressed cells read '×'."""
    shown = table.assign(text=[SUPPRESSED if pd.isna(v) else fmt_value(v) for v in table["value"]])
    wide = shown.pivot(index=row, columns=col, values="text").fillna("")
    order = [c for c in col_labels if c in wide.columns] + ["__total__"]
    wide = wide[order].rename(columns={**col_labels, "__total__": total_label})
    return wide.reset_index()
