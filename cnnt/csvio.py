"""Read a folder of CSV files (one per table, named ``<table>.csv``) into typed frames.

Used for the committed test fixture and for machine-made CSV.  Cells are read as
text, normalised to NFC and stripped, then converted to the contract's types;
a cell that cannot be converted is kept as text so that the validator reports
it with its row and column instead of this reader failing.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import pandas as pd

from cnnt import schema

TRUE = {"true", "1", "yes", "có", "x", "đúng"}
FALSE = {"false", "0", "no", "không", "sai"}


def _convert(value: str | None, dtype: str):
    if value is None:
        return None
    try:
        if dtype == "int":
            return int(value)
        if dtype == "float":
            return float(value)
        if dtype == "bool":
            low = value.lower()
            if low in TRUE:
                return True
            if low in FALSE:
                return False
            return value
        if dtype == "date":
            return dt.date.fromisoformat(value)
        if dtype == "timestamp":
            return dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return value


def read_table_csv(path: Path, name: str) -> pd.DataFrame:
    """One CSV as a frame shaped by the contract for table ``name``."""
    raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    t = schema.table(name)
    out = {}
    for col in raw.columns:
        cells = [unicodedata.normalize("NFC", v).strip() or None for v in raw[col]]
        dtype = t.column(col).dtype if col in t.column_names else "string"
        out[col] = pd.Series([_convert(v, dtype) for v in cells], dtype=object)
    return pd.DataFrame(out, index=range(len(raw)))


def read_folder(folder: Path) -> dict[str, pd.DataFrame]:
    """Every ``<table>.csv`` in a folder that names a table of the contract."""
    return {
        p.stem: read_table_csv(p, p.stem) for p in sorted(Path(folder).glob("*.csv")) if p.stem in schema.TABLES_BY_NAME
    }
