"""Downloads of exactly what a chart or table shows, with where it came from.

CSV files start with a UTF-8 byte-order mark so that Excel opens Vietnamese text
correctly, and carry the filters and snapshot id as ``#`` lines above the
header (``pandas.read_csv(..., comment="#")`` reads the table back exactly);
Excel files carry them on a second sheet.

Much of what is exported was typed by someone else (names of establishments,
products, localities), so a downloaded file must not run anything when opened:
a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return gets a leading apostrophe in both formats, as OWASP recommends for CSV
injection, and Excel cells holding text are always written as text.  Numbers
and blanks are never touched, so a download stays reusable for analysis.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable

import pandas as pd

Meta = list[tuple[str, str]]

# Characters with which a spreadsheet program may start a formula (OWASP, "CSV Injection").
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Quoted in CSV so that neither a comma- nor a semicolon-separated reading (Excel in Vietnamese
# settings splits on ";") can start a new cell inside the text, and "#" is not taken as a comment.
_CSV_QUOTE = re.compile(r'[,;"\t\r\n#]')
# Where a program splitting a "#" line on , ; or tab would start a cell with a formula character.
_CELL_IN_LINE = re.compile(r'([,;\t][ "]*)(?=[=+\-@])')
# Control characters that an .xlsx cannot hold (openpyxl refuses them); Word uses \x0b for line breaks.
_XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def neutralise(value: object) -> object:
    """``'=1+2`` for a text that a spreadsheet would run as a formula; anything else unchanged.

    Only ``str`` values are changed: numbers (negative ones too), dates and
    blanks keep their type, so they still sum and sort after download.
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def is_text(column: pd.Series) -> bool:
    """A column of text (object, string or categorical): the cells a spreadsheet could run."""
    return (
        column.dtype == object
        or pd.api.types.is_string_dtype(column.dtype)
        or isinstance(column.dtype, pd.CategoricalDtype)
    )


def safe_frame(frame: pd.DataFrame, clean: Callable[[str], str] | None = None, for_excel: bool = False) -> pd.DataFrame:
    """A copy with header and text cells neutralised (and ``clean`` applied to every text).

    ``for_excel`` also drops time zones, which Excel cannot store (CSV keeps the offset).
    """

    def fix(value: object) -> object:
        value = neutralise(value)
        return clean(value) if clean is not None and isinstance(value, str) else value

    safe = frame.copy()
    safe.columns = [fix(c) for c in safe.columns]
    for i in range(safe.shape[1]):  # by position: exported tables may repeat a column name
        column = safe.iloc[:, i]
        if for_excel and isinstance(column.dtype, pd.DatetimeTZDtype):
            safe.isetitem(i, column.dt.tz_localize(None))
        elif is_text(column):
            safe.isetitem(i, column.astype(object).map(fix))
    return safe


# Beyond this a float64 no longer holds every whole number, so it is written as it is.
_EXACT_WHOLE = 2**53


def _whole_numbers(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns that hold only whole numbers as integers (blanks stay blank).

    DuckDB returns a sum of whole numbers (an amount in đồng, a count) as a double
    when it may exceed 64 bits, and pandas writes a double as ``491000000.0``: an
    officer reads that as a different kind of figure, and a Vietnamese spreadsheet
    may read the ``.`` as a thousands separator.  Only the written text changes.
    """
    out = frame
    for i in range(frame.shape[1]):  # by position: exported tables may repeat a column name
        column = frame.iloc[:, i]
        if not pd.api.types.is_float_dtype(column.dtype):
            continue
        values = column.dropna()
        if values.empty or not ((values % 1 == 0) & (values.abs() < _EXACT_WHOLE)).all():
            continue
        if out is frame:
            out = frame.copy()
        out.isetitem(i, column.astype("Int64"))
    return out


def _csv_field(text: str) -> str:
    if _CSV_QUOTE.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _comment_line(key: str, value: object) -> str:
    """``# key: value`` on one line, whatever the value holds.

    Written by hand rather than through csv.writer, which would wrap a value
    with a comma or quote in quotes and so start the line with ``"`` instead of
    ``#``.  Line breaks become spaces, and a piece after a comma, semicolon or
    tab that a spreadsheet would open as its own cell is neutralised like a cell.
    """
    text = re.sub(r"[\r\n]+", " ", f"{key}: {value}")
    return "# " + _CELL_IN_LINE.sub(r"\1'", text) + "\n"


def csv_bytes(frame: pd.DataFrame, meta: Meta) -> bytes:
    """The table as UTF-8 CSV with a BOM, the ``meta`` pairs as ``#`` lines above the header.

    pandas formats the values (numbers, dates, blanks) as it always has, except
    that whole numbers held as floats lose their ``.0`` (:func:`_whole_numbers`); the
    fields are then quoted only where needed, which includes text holding
    ``#``, ``;``, a tab or a carriage return, so numbers stay unquoted.
    """
    out = io.StringIO()
    for key, value in meta:
        out.write(_comment_line(key, value))
    # Every field quoted, so that reading pandas' output back is unambiguous (with QUOTE_MINIMAL
    # it leaves a lone "\r" unquoted when the line ends in "\n", which splits the row).
    body = _whole_numbers(safe_frame(frame)).to_csv(index=False, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in csv.reader(io.StringIO(body, newline="")):
        # a lone empty field must stay visible, or the row would vanish as a blank line
        out.write('""\n' if row == [""] else ",".join(_csv_field(f) for f in row) + "\n")
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _xlsx_text(value: str) -> str:
    return _XLSX_ILLEGAL.sub(" ", value)


EXCEL_FORMATS = {"money": "#,##0", "integer": "#,##0", "number": "#,##0.0", "percent": "0.0%", "year": "0"}


def xlsx_bytes(
    frame: pd.DataFrame,
    meta: Meta,
    data_sheet: str = "Dữ liệu",
    meta_sheet: str = "Thông tin",
    kinds: dict[str, str] | None = None,
) -> bytes:
    """The table on ``data_sheet`` and the ``meta`` pairs on ``meta_sheet``.

    Text cells are stored as text even when they look like a formula or an
    error code (``#N/A``), so nothing is evaluated on opening; blank cells are
    left empty rather than holding an empty string, and numbers stay numbers,
    with a display format per column ``kinds`` (money, integer, number, percent,
    year) so that Excel shows them in the reader's own separators.
    """
    safe = safe_frame(frame, _xlsx_text, for_excel=True)
    about = safe_frame(pd.DataFrame([(k, str(v)) for k, v in meta], columns=["", " "]), _xlsx_text, for_excel=True)
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        safe.to_excel(writer, sheet_name=data_sheet[:31], index=False)
        about.to_excel(writer, sheet_name=meta_sheet[:31], index=False)
        for ws in writer.book.worksheets:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.value == "":  # pandas writes missing values as ""
                        cell.value = None
                    elif isinstance(cell.value, str):
                        cell.data_type = "s"  # never "f" (formula) or "e" (error code)
            for column in ws.columns:
                width = max(len(str(c.value or "")) for c in column)
                ws.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
        data = writer.book[data_sheet[:31]]
        for column in data.iter_cols(min_row=1):
            excel = EXCEL_FORMATS.get((kinds or {}).get(str(column[0].value), ""))
            if excel:
                for cell in column[1:]:
                    if isinstance(cell.value, (int, float)):
                        cell.number_format = excel
    return out.getvalue()
