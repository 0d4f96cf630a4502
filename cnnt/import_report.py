"""What the Data page lists of an import's problems (no UI: a table in the reader's language)."""

from __future__ import annotations

import pandas as pd

from cnnt.i18n import t
from cnnt.importer import ImportResult


def problems_table(result: ImportResult, lang: str, *, numeric_rows: bool = False) -> pd.DataFrame:
    """The problems, errors first, then in the file's order (file, sheet, row).  On screen
    a problem with the whole file or sheet has a blank row, not "None"; the download keeps
    rows as numbers (``numeric_rows``), so that they sort in Excel."""
    frame = result.problems_frame()
    frame = frame.assign(_error=frame["severity"] != "error", _row=frame["row"].astype("Int64"))
    frame = frame.sort_values(["_error", "file", "sheet", "_row"], na_position="first", kind="stable")
    frame = frame.reset_index(drop=True)
    return pd.DataFrame(
        {
            t("imp.col.severity", lang): [t(f"imp.severity.{s}", lang) for s in frame["severity"]],
            t("imp.col.file", lang): frame["file"],
            t("imp.col.sheet", lang): frame["sheet"],
            t("imp.col.row", lang): frame["_row"]
            if numeric_rows
            else ["" if pd.isna(r) else str(int(r)) for r in frame["_row"]],
            t("imp.col.column", lang): frame["column"],
            t("imp.col.value", lang): frame["value"],
            t("imp.col.message", lang): frame["message_en" if lang == "en" else "message_vi"],
            "VI" if lang == "en" else "EN": frame["message_vi" if lang == "en" else "message_en"],
        }
    )
