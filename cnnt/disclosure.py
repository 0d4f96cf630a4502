"""Statistical disclosure control for totals of confidential figures.

Primary suppression: a cell resting on fewer than three establishments, or
where one establishment makes more than 85% of the total, is not shown.
Complementary suppression: where a row total is shown, the suppressed cells of a
row never number exactly one nor rest together on fewer than three
establishments (they could be recovered by subtraction), so the smallest other
cells are suppressed too.  Differencing across filters: a total shown under a
product-group, locality or scope filter must also pass the primary rules for its
complement (the unfiltered total minus it), else comparing the two filter
settings would reveal the few establishments left out.  Suppressed cells reach neither the screen nor a
download: their values are removed here, not hidden later.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cnnt import policy

MIN_N = policy.MIN_ESTABLISHMENTS_PER_CELL
MAX_SHARE = policy.MAX_SHARE_OF_LARGEST
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

    Optional columns ``comp_value``, ``comp_n`` and ``comp_largest`` describe each
    cell's complement under the filters in force (the establishments the filters
    leave out); a cell whose complement fails the primary rules is suppressed too
    (reason ``difference``).
    """
    cells = cells.copy()
    has_comp = {"comp_value", "comp_n", "comp_largest"} <= set(cells.columns)
    if has_comp:
        cells[["comp_value", "comp_n"]] = cells[["comp_value", "comp_n"]].fillna(0)
    aggregations = {"value": ("value", "sum"), "n": ("n", "sum"), "largest": ("largest", "max")}
    if has_comp:
        aggregations |= {
            "comp_value": ("comp_value", "sum"),
            "comp_n": ("comp_n", "sum"),
            "comp_largest": ("comp_largest", "max"),
        }
    cells["n"] = cells["n"].fillna(0)
    totals = cells.groupby(row, as_index=False).agg(**aggregations).assign(**{col: "__total__"})
    # A cell no selected establishment is in is empty, not suppressed; its complement still
    # counts in the row total's complement above.
    table = pd.concat([cells[cells["n"] > 0], totals[totals["n"] > 0]], ignore_index=True)
    table["reason"] = [
        primary(v, int(n), lg) for v, n, lg in zip(table["value"], table["n"], table["largest"], strict=True)
    ]
    if has_comp:
        for i, (v, n, lg) in enumerate(zip(table["comp_value"], table["comp_n"], table["comp_largest"], strict=True)):
            if pd.isna(table.at[i, "reason"]) and int(n) > 0 and primary(v, int(n), lg):
                table.at[i, "reason"] = "difference"
    changed = True
    while changed:
        changed = False
        for _, part in table[table[col] != "__total__"].groupby(row):
            total = table[(table[row] == part[row].iloc[0]) & (table[col] == "__total__")]
            if total["reason"].notna().all():
                continue  # the total is hidden: nothing can be subtracted
            hidden = part["reason"].notna()
            exposed = hidden.sum() == 1 or (
                hidden.any() and part.loc[hidden, "n"].sum() < policy.MIN_ESTABLISHMENTS_ACROSS_HIDDEN
            )
            if exposed and (~hidden).any():
                candidates = part[~hidden].sort_values("value")
                table.loc[candidates.index[0], "reason"] = "complementary"
                changed = True
            elif exposed:  # every cell hidden and still recoverable from the total: hide the total
                table.loc[total.index, "reason"] = "complementary"
                changed = True
    table.loc[table["reason"].notna(), "value"] = np.nan
    drop = [c for c in ("comp_value", "comp_n", "comp_largest") if c in table.columns]
    return table.drop(columns=drop)


def display(table: pd.DataFrame, row: str, col: str, fmt_value, total_label: str, col_labels: dict) -> pd.DataFrame:
    """A wide table for the screen and downloads: suppressed cells read '×'."""
    shown = table.assign(text=[SUPPRESSED if pd.isna(v) else fmt_value(v) for v in table["value"]])
    wide = shown.pivot(index=row, columns=col, values="text").fillna("")
    order = [c for c in col_labels if c in wide.columns] + (["__total__"] if "__total__" in wide.columns else [])
    wide = wide[order].rename(columns={**col_labels, "__total__": total_label})
    return wide.reset_index()


def numbers(
    table: pd.DataFrame, row: str, col: str, scale: float, decimals: int, total_label: str, col_labels: dict
) -> pd.DataFrame:
    """The same cells as :func:`display`, one per line with the value as a number, for downloads.

    A spreadsheet can add up these values; a suppressed cell has no value and ``×`` in
    ``suppressed`` (its value was removed by :func:`protect`, so it is not here either).
    Columns: ``row``, ``col`` (labelled, the total last in each row), ``value`` (divided by
    ``scale``, rounded as on screen), ``suppressed``.
    """
    order = {c: i for i, c in enumerate([*col_labels, "__total__"])}
    cells = table[table[col].isin(order)]
    cells = cells.assign(_order=cells[col].map(order)).sort_values([row, "_order"])  # one cell per pair
    return pd.DataFrame(
        {
            row: cells[row].to_numpy(),
            col: cells[col].map({**col_labels, "__total__": total_label}).to_numpy(),
            "value": (cells["value"] / scale).round(decimals).to_numpy(),
            "suppressed": [SUPPRESSED if pd.isna(v) else "" for v in cells["value"]],
        }
    )
