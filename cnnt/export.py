"""Downloads of exactly what a chart or table shows, with where it came from.

CSV files start with a UTF-8 byte-order mark so that Excel opens Vietnamese text
correctly, and carry the filters and snapshot id as ``#`` lines above the
header; Excel files carry them on a second sheet.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

Meta = list[tuple[str, str]]


def csv_bytes(frame: pd.DataFrame, meta: Meta) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for key, value in meta:
        writer.writerow([f"# {key}: {value}"])
    frame.to_csv(out, index=False, lineterminator="\n")
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(frame: pd.DataFrame, meta: Meta, data_sheet: str = "Dữ liệu", meta_sheet: str = "Thông tin") -> bytes:
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        safe = frame.copy()
        for col in safe.columns:
            if isinstance(safe[col].dtype, pd.DatetimeTZDtype):
                safe[col] = safe[col].dt.tz_localize(None)
            if safe[col].dtype == object or pd.api.types.is_string_dtype(safe[col]):
                # A cell that starts with "=" would become a formula in Excel.
                safe[col] = safe[col].map(lambda v: "'" + v if isinstance(v, str) and v[:1] in "=+-@" else v)
        safe.to_excel(writer, sheet_name=data_sheet[:31], index=False)
        pd.DataFrame(meta, columns=["", " "]).to_excel(writer, sheet_name=meta_sheet[:31], index=False)
        for ws in writer.book.worksheets:
            for column in ws.columns:
                width = max(len(str(c.value or "")) for c in column)
                ws.column_dimensions[column[0].column_letter].width = min(60, max(10, width + 2))
    return out.getvalue()
