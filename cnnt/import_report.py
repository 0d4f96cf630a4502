"""What the Data page lists of an import's problems (no UI: a table in the reader's language)."""

from __future__ import annotations

import re

import pandas as pd

from cnnt import fmt
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
            t("imp.col.value", lang): [shown_value(v, lang) for v in frame["value"]],
            t("imp.col.message", lang): frame["message_en" if lang == "en" else "message_vi"],
            "VI" if lang == "en" else "EN": frame["message_vi" if lang == "en" else "message_en"],
        }
    )


_DECIMAL = re.compile(r"-?\d+\.\d{1,2}")  # "1.234" may be a thousand written the Vietnamese way: left as typed
_NEGATIVE_WHOLE = re.compile(r"-\d+")


def shown_value(value: object, lang: str) -> object:
    """A value as the reader writes numbers: a number read from a cell ("-3.0", "85.5")
    as "−3" or "85,5" in Vietnamese, a negative whole number with the minus sign (which the
    grid does not write as "'-3"); any other text (a name, a code, "6001234567") as it came."""
    if not isinstance(value, str):
        return value
    if _DECIMAL.fullmatch(value):
        number = float(value)
        return fmt.number(number, lang, 0 if number.is_integer() else len(value.split(".")[1].rstrip("0")))
    if _NEGATIVE_WHOLE.fullmatch(value):
        return fmt.MINUS + value[1:]
    return value


def changes_table(detail: pd.DataFrame, lang: str) -> pd.DataFrame:
    """:func:`cnnt.importer.changed_rows` in the reader's language: the table, the row (an
    entry with its product's name), what happens to it, and for a changed cell the column
    as the template names it, its old and its new value."""
    from cnnt.template import SHEETS

    labels = {(s.table, f.name): (f.vi, f.en) for s in SHEETS for f in s.fields}
    labels.update(  # columns the importer fills in, which the template has no column for
        {
            ("entry_scores", "points"): ("Điểm tiêu chí", "Criterion points"),  # one sheet column per criterion
            ("entries", "eligible"): ("Đủ điểm (từ ngưỡng của kỳ)", "Eligible (the round's threshold)"),
            ("entries", "qualified_by_entry_id"): ("Dựa trên bài dự thi cấp dưới", "Qualified by the entry below"),
            ("establishments", "unit_id"): ("Địa bàn", "Locality"),
        }
    )
    yes_no = {"True": t("bool.yes", lang), "False": t("bool.no", lang)}

    def column(table: str, name: str) -> str:
        pair = labels.get((table, name))
        return (pair[1] if lang == "en" else pair[0]) if pair else name

    def value(v: str) -> str:
        return yes_no[v] if v in yes_no else shown_value(v, lang)

    return pd.DataFrame(
        {
            t("imp.col.table", lang): [t("imp.table." + x, lang) for x in detail["table"]],
            t("imp.col.key", lang): detail["key"],
            t("imp.col.change", lang): [t("imp.change." + c, lang) for c in detail["change"]],
            t("imp.col.column", lang): [
                column(a, b) if b else "" for a, b in zip(detail["table"], detail["column"], strict=True)
            ],
            t("imp.col.before", lang): [value(v) for v in detail["before"]],
            t("imp.col.after", lang): [value(v) for v in detail["after"]],
        }
    )
