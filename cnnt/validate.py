"""Check a whole snapshot against the data contract and report every problem.

The validator works on DataFrames (one per table) so that the same code checks a
snapshot before it is published, a workbook being imported, and the sample.  It
never stops at the first problem: each one comes back with table, row (1 = the
first data row), column, the value found and a message in Vietnamese and English.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd

from cnnt import schema

MAX_PROBLEMS_PER_RULE = 200


@dataclass(frozen=True)
class Problem:
    table: str
    row: int | None
    column: str | None
    value: str | None
    rule: str
    message_vi: str
    message_en: str
    severity: str = "error"  # error blocks publishing; warning needs a confirmation

    def as_dict(self) -> dict:
        return asdict(self)


def _show(value: object) -> str | None:
    if value is None or (isinstance(value, float) and np.isnan(value)):
        return None
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


class _Report:
    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self._counts: dict[tuple[str, str, str | None], int] = {}

    def add(self, table, rows, column, values, rule, vi, en, severity="error"):
        key = (table, rule, column)
        for row, value in zip(rows, values, strict=False):
            n = self._counts.get(key, 0)
            self._counts[key] = n + 1
            if n < MAX_PROBLEMS_PER_RULE:
                self.problems.append(
                    Problem(table, None if row is None else int(row), column, _show(value), rule, vi, en, severity)
                )
            elif n == MAX_PROBLEMS_PER_RULE:
                self.problems.append(
                    Problem(
                        table,
                        None,
                        column,
                        None,
                        rule + "_truncated",
                        f"Còn nhiều lỗi cùng loại ({rule}) không liệt kê hết.",
                        f"More problems of the same kind ({rule}) not listed.",
                        severity,
                    )
                )


def _rows(mask: pd.Series) -> list[int]:
    return [int(i) + 1 for i in np.flatnonzero(mask.to_numpy())]


# What pandas infers for a column whose every non-empty value already fits the type
# (checked in C, so a million-row table needs no per-value Python call).
_FITTING = {
    "string": {"string", "empty"},
    "int": {"integer", "empty"},
    "float": {"integer", "floating", "mixed-integer-float", "empty"},
    "bool": {"boolean", "empty"},
    "date": {"date", "empty"},
}


def _type_mask(series: pd.Series, dtype: str) -> pd.Series:
    """True where a non-empty value does not fit the column type."""
    inferred = pd.api.types.infer_dtype(series, skipna=True)
    if inferred in _FITTING.get(dtype, ()):
        return pd.Series(False, index=series.index, dtype=bool)
    if dtype == "int" and inferred == "floating":
        values = pd.to_numeric(series, errors="coerce")
        return pd.Series(values.notna() & (values != np.floor(values)), index=series.index, dtype=bool)
    present = series.notna()

    def bad(fn):
        return series.map(lambda v: not fn(v)) & present

    if dtype == "string":
        return bad(lambda v: isinstance(v, str))
    if dtype == "int":
        return bad(
            lambda v: (
                isinstance(v, (int, np.integer))
                and not isinstance(v, bool)
                or (isinstance(v, (float, np.floating)) and float(v).is_integer())
            )
        )
    if dtype == "float":
        return bad(lambda v: isinstance(v, (int, float, np.integer, np.floating)) and not isinstance(v, bool))
    if dtype == "bool":
        return bad(lambda v: isinstance(v, (bool, np.bool_)))
    if dtype == "date":
        return bad(
            lambda v: (
                isinstance(v, (dt.date, pd.Timestamp)) and not isinstance(v, dt.datetime) or isinstance(v, pd.Timestamp)
            )
        )
    if dtype == "timestamp":
        return bad(lambda v: isinstance(v, (dt.datetime, pd.Timestamp)))
    raise ValueError(dtype)


TYPE_NAMES_VI = {
    "string": "chữ",
    "int": "số nguyên",
    "float": "số",
    "bool": "đúng/sai",
    "date": "ngày",
    "timestamp": "thời điểm",
}


def _typed(series: pd.Series, dtype: str) -> bool:
    """True when the column's pandas type already guarantees that every non-empty
    value fits ``dtype`` (a typed import or the sample), so no value needs a look."""
    kind = series.dtype
    if pd.api.types.is_object_dtype(kind):
        return False
    if dtype == "string":
        return pd.api.types.is_string_dtype(kind)
    if dtype == "int":
        return pd.api.types.is_integer_dtype(kind) and not pd.api.types.is_bool_dtype(kind)
    if dtype == "float":
        real = pd.api.types.is_float_dtype(kind) or pd.api.types.is_integer_dtype(kind)
        return real and not pd.api.types.is_bool_dtype(kind)
    if dtype == "bool":
        return pd.api.types.is_bool_dtype(kind)
    return False


def _not_nfc(s: pd.Series) -> pd.Series:
    """True where a text is not Unicode NFC (each distinct non-ASCII text checked once:
    the distinct values are found in C, only they are looked at in Python)."""
    distinct = pd.Series(s.dropna().unique())  # a text column's distinct values, found in C++
    try:
        distinct = distinct[distinct.str.isascii().eq(False)]  # ASCII is always NFC: skipped in C
    except AttributeError:  # no text at all in an object column
        pass
    bad = {v for v in distinct if isinstance(v, str) and not v.isascii() and not unicodedata.is_normalized("NFC", v)}
    return s.isin(bad) if bad else pd.Series(False, index=s.index, dtype=bool)


def _check_table(rep: _Report, t: schema.Table, df: pd.DataFrame) -> dict[str, pd.Series]:
    """Column-level checks; returns the columns whose values can be trusted further."""
    good: dict[str, pd.Series] = {}
    for name in df.columns:
        if name not in t.column_names:
            rep.add(
                t.name,
                [None],
                name,
                [None],
                "unknown_column",
                f"Cột '{name}' không có trong quy ước dữ liệu của bảng {t.name}.",
                f"Column '{name}' is not in the data contract of table {t.name}.",
            )
    for col in t.columns:
        if col.name not in df.columns:
            rep.add(
                t.name,
                [None],
                col.name,
                [None],
                "missing_column",
                f"Thiếu cột '{col.name}'.",
                f"Column '{col.name}' is missing.",
            )
            continue
        raw = df[col.name]
        if _typed(raw, col.dtype):
            # the column's own type already guarantees every value fits: checked once for
            # the column, not per value, and kept typed (millions of rows at scale)
            s = raw.reset_index(drop=True)
            bad_type = pd.Series(False, index=s.index, dtype=bool)
        else:
            s = raw.astype(object).where(raw.notna(), None)
            s = pd.Series(s.to_numpy(), index=range(len(s)), dtype=object)
            bad_type = _type_mask(s, col.dtype)
        typed_wrong = bad_type.any()
        if typed_wrong:
            rep.add(
                t.name,
                _rows(bad_type),
                col.name,
                s[bad_type],
                "type",
                f"Giá trị không đúng kiểu: cần {TYPE_NAMES_VI[col.dtype]}.",
                f"Wrong type: expected {col.dtype}.",
            )
        if typed_wrong:
            s = s.where(~bad_type, None)
        missing = s.isna()
        if not col.nullable and missing.any():
            wrong_type = set(_rows(bad_type))
            rows = [r for r in _rows(missing) if r not in wrong_type]
            if rows:
                rep.add(
                    t.name,
                    rows,
                    col.name,
                    [None] * len(rows),
                    "required",
                    "Ô bắt buộc nhưng đang trống.",
                    "Required value is empty.",
                )
        if col.dtype == "string":
            not_nfc = _not_nfc(s)
            if not_nfc.any():
                rep.add(
                    t.name,
                    _rows(not_nfc),
                    col.name,
                    s[not_nfc],
                    "nfc",
                    "Chữ chưa chuẩn hóa Unicode NFC.",
                    "Text is not Unicode NFC.",
                )
        if col.allowed is not None:
            wrong = s.notna() & ~s.isin(col.allowed)
            if wrong.any():
                rep.add(
                    t.name,
                    _rows(wrong),
                    col.name,
                    s[wrong],
                    "allowed",
                    f"Giá trị không hợp lệ; cho phép: {', '.join(col.allowed)}.",
                    f"Value not allowed; expected one of: {', '.join(col.allowed)}.",
                )
        if col.minimum is not None or col.maximum is not None:
            num = s if pd.api.types.is_numeric_dtype(s.dtype) else pd.to_numeric(s, errors="coerce")
            lo = -np.inf if col.minimum is None else col.minimum
            hi = np.inf if col.maximum is None else col.maximum
            out = num.notna() & ((num < lo) | (num > hi))
            if out.any():
                rep.add(
                    t.name,
                    _rows(out),
                    col.name,
                    s[out],
                    "range",
                    f"Giá trị ngoài khoảng cho phép [{lo:g}; {hi:g}].",
                    f"Value out of range [{lo:g}, {hi:g}].",
                )
        good[col.name] = s
    if all(k in good for k in t.primary_key) and len(df):
        key = pd.DataFrame({k: good[k] for k in t.primary_key})
        dup = key.duplicated(keep="first") & key.notna().all(axis=1)
        if dup.any():
            rep.add(
                t.name,
                _rows(dup),
                ", ".join(t.primary_key),
                key[dup].astype(str).agg(" | ".join, axis=1),
                "duplicate_key",
                "Khóa bị trùng với một dòng phía trên.",
                "Duplicate key: the same key appears on an earlier row.",
            )
    return good


def _check_foreign_keys(rep: _Report, cols: Mapping[str, dict[str, pd.Series]]) -> None:
    for t in schema.TABLES:
        if t.name not in cols:
            continue
        for fk in t.foreign_keys:
            if fk.ref_table not in cols or not all(c in cols[t.name] for c in fk.columns):
                continue
            ref = cols[fk.ref_table]
            if not all(c in ref for c in fk.ref_columns):
                continue
            if len(fk.columns) == 1:  # vectorised: the usual case, and millions of rows at scale
                values = cols[t.name][fk.columns[0]]
                bad = pd.Series((values.notna() & ~values.isin(set(ref[fk.ref_columns[0]].dropna()))).to_numpy())
                if bad.any():
                    vals = [str(values.iloc[i - 1]) for i in _rows(bad)]
                    rep.add(
                        t.name,
                        _rows(bad),
                        ", ".join(fk.columns),
                        vals,
                        "foreign_key",
                        f"Không tìm thấy giá trị này trong bảng {fk.ref_table}.",
                        f"This value does not exist in table {fk.ref_table}.",
                    )
                continue
            known = set(zip(*(ref[c] for c in fk.ref_columns), strict=False))
            here = list(zip(*(cols[t.name][c] for c in fk.columns), strict=False))
            bad = pd.Series([all(v is not None for v in k) and k not in known for k in here], dtype=bool)
            if bad.any():
                vals = [" | ".join(map(str, here[i - 1])) for i in _rows(bad)]
                rep.add(
                    t.name,
                    _rows(bad),
                    ", ".join(fk.columns),
                    vals,
                    "foreign_key",
                    f"Không tìm thấy giá trị này trong bảng {fk.ref_table}.",
                    f"This value does not exist in table {fk.ref_table}.",
                )


def _frame(cols: Mapping[str, dict[str, pd.Series]], name: str) -> pd.DataFrame | None:
    t = schema.table(name)
    if name not in cols or not all(c in cols[name] for c in t.column_names):
        return None
    out = pd.DataFrame(cols[name])
    out["rowno"] = range(1, len(out) + 1)
    return out


def _check_recertification(rep: _Report, e: pd.DataFrame, regulations: pd.DataFrame | None) -> None:
    """Warn where a product is certified again at a level while its earlier certificate
    there is still valid under the regulation of the earlier round."""
    if regulations is None or "certificate_valid_years" not in regulations or e.empty:
        return
    reg = regulations.set_index("regulation_code")
    cert = e[e["certified"].fillna(False).astype(bool)].copy()
    if cert.empty:
        return
    issued = pd.to_datetime(cert["certificate_date"], errors="coerce")
    year = pd.to_numeric(cert["year"], errors="coerce")
    issue_year = issued.dt.year.fillna(year)
    years = cert["regulation_code"].map(reg["certificate_valid_years"]) if len(reg) else pd.Series(dtype=float)
    start = pd.to_datetime(cert["regulation_code"].map(reg["certificate_validity_from"]), errors="coerce")
    day = issued.fillna(pd.to_datetime(year.astype("Int64").astype(str) + "-12-31", errors="coerce"))
    applies = pd.to_numeric(years, errors="coerce").notna() & (start.isna() | (day >= start))
    cert["valid_to_year"] = (issue_year + pd.to_numeric(years, errors="coerce")).where(applies)
    cert["_year"] = year
    # Vectorised (a million entries at scale): per product and level in year order, the
    # latest validity end among the earlier certificates, against this one's year.
    keys = ["product_id", "level"]
    part = cert.sort_values("_year", kind="stable").sort_values(keys, kind="stable")
    ends = pd.to_numeric(part["valid_to_year"], errors="coerce")
    earlier = ends.groupby([part[k] for k in keys], sort=False).shift()
    latest = earlier.groupby([part[k] for k in keys], sort=False).cummax()
    latest = latest.groupby([part[k] for k in keys], sort=False).ffill()
    hit = (part["_year"] <= latest).fillna(False).to_numpy(bool)
    again, until = part[hit], latest[hit]
    # One message per year the earlier certificate is valid to, the year written in it: the
    # cell itself says only "certified" (a value column holding a year read as the result).
    for year_to in sorted({int(y) for y in until}):
        rows = [int(r) for r, y in zip(again["rowno"], until, strict=True) if int(y) == year_to]
        rep.add(
            "entries",
            rows,
            "certified",
            [None] * len(rows),
            "recertified_while_valid",
            "Sản phẩm được công nhận lại ở cùng cấp khi giấy chứng nhận trước vẫn còn hiệu lực (đến hết năm "
            f"{year_to}); hãy kiểm tra.",
            "The product is certified again at the same level while its earlier certificate is still valid "
            f"(to the end of {year_to}); please check.",
            severity="warning",
        )


def _check_rules(rep: _Report, cols: Mapping[str, dict[str, pd.Series]]) -> None:
    entries, rounds = _frame(cols, "entries"), _frame(cols, "rounds")
    scores, criteria = _frame(cols, "entry_scores"), _frame(cols, "criteria")
    if entries is None or rounds is None:
        return
    e = entries.merge(
        rounds[["round_id", "level", "year", "regulation_code", "pass_threshold"]], on="round_id", how="left"
    )
    total = pd.to_numeric(e["total_score"], errors="coerce")
    thr = pd.to_numeric(e["pass_threshold"], errors="coerce")
    known = total.notna() & thr.notna() & e["eligible"].notna()
    wrong_elig = known & ((total >= thr) != e["eligible"].astype(bool))
    if wrong_elig.any():
        rep.add(
            "entries",
            e.loc[wrong_elig, "rowno"],
            "eligible",
            e.loc[wrong_elig, "eligible"],
            "eligible_threshold",
            "Cột 'đủ điều kiện' không khớp với tổng điểm so với ngưỡng của kỳ.",
            "'eligible' does not agree with the total score against the round's threshold.",
        )
    # No score recorded (press lists often publish none): certification stands on the decision.
    said_not_eligible = e["eligible"].map(lambda v: v is False or v is np.False_)
    cert_bad = e["certified"].fillna(False).astype(bool) & (
        (total.notna() & thr.notna() & (total < thr)) | said_not_eligible
    )
    if cert_bad.any():
        rep.add(
            "entries",
            e.loc[cert_bad, "rowno"],
            "certified",
            e.loc[cert_bad, "total_score"],
            "certified_below_threshold",
            "Được công nhận nhưng tổng điểm dưới ngưỡng đạt của kỳ.",
            "Certified although the total score is below the round's pass threshold.",
        )
    owners = _frame(cols, "programme_owners")
    if owners is not None and "owner_code" in rounds:
        o = rounds.merge(owners[["owner_code", "valid_from", "valid_to"]], on="owner_code", how="inner")
        year = pd.to_numeric(o["year"], errors="coerce")
        start = pd.to_datetime(o["valid_from"], errors="coerce").dt.year
        end = pd.to_datetime(o["valid_to"], errors="coerce").dt.year
        outside = (start.notna() & (year < start)) | (end.notna() & (year > end))
        if outside.any():
            rep.add(
                "rounds",
                o.loc[outside, "rowno"],
                "owner_code",
                o.loc[outside, "owner_code"],
                "owner_period",
                "Năm của kỳ nằm ngoài thời gian đơn vị chủ trì này tổ chức chương trình "
                "(Đắk Lắk cũ và Phú Yên cũ: đến 30/6/2025; Đắk Lắk mới: từ 1/7/2025).",
                "The round's year lies outside the years this programme owner ran the programme "
                "(old Đắk Lắk and old Phú Yên: until 30/6/2025; merged Đắk Lắk: from 1/7/2025).",
            )
    no_cert_no = e["certified"].fillna(False).astype(bool) & e["certificate_no"].isna()
    if no_cert_no.any():
        rep.add(
            "entries",
            e.loc[no_cert_no, "rowno"],
            "certificate_no",
            [None] * int(no_cert_no.sum()),
            "certificate_missing",
            "Được công nhận nhưng chưa có số giấy chứng nhận.",
            "Certified but no certificate number.",
            severity="warning",
        )
    _check_recertification(rep, e, _frame(cols, "regulations"))
    # The path provincial → regional → national.
    if e["qualified_by_entry_id"].notna().any():
        below = {"regional": "provincial", "national": "regional"}
        src = e.drop_duplicates("entry_id")[["entry_id", "level", "year", "certified", "product_id"]]
        up = e[e["qualified_by_entry_id"].notna()][["rowno", "qualified_by_entry_id", "level", "year", "product_id"]]
        # inner join: an unknown qualifying entry is reported as a foreign key
        pair = up.merge(src, left_on="qualified_by_entry_id", right_on="entry_id", suffixes=("", "_src"))
        if len(pair):
            ok = (
                (pair["level"].map(below) == pair["level_src"]).to_numpy()
                & pair["certified"].map(lambda v: bool(v) if v is not None and v == v else False).to_numpy(bool)
                & (pd.to_numeric(pair["year_src"]) < pd.to_numeric(pair["year"])).to_numpy()
                & (pair["product_id_src"] == pair["product_id"]).to_numpy()
            )
            wrong = pair[~ok].sort_values("rowno")
            if len(wrong):
                rep.add(
                    "entries",
                    wrong["rowno"].tolist(),
                    "qualified_by_entry_id",
                    wrong["qualified_by_entry_id"].tolist(),
                    "qualification_path",
                    "Bài dự thi cấp dưới không hợp lệ: phải là cùng sản phẩm, được công nhận ở cấp ngay dưới, năm trước đó.",
                    "Invalid qualifying entry: it must be the same product, certified at the level just below, in an earlier year.",
                )
    if scores is None or criteria is None:
        return
    s = scores.merge(e[["entry_id", "regulation_code", "total_score"]], on="entry_id", how="left")
    s = s.merge(
        criteria[["regulation_code", "criteria_code", "max_points"]],
        on=["regulation_code", "criteria_code"],
        how="left",
    )
    unknown = s["entry_id"].isin(e["entry_id"]) & s["max_points"].isna()
    if unknown.any():
        rep.add(
            "entry_scores",
            s.loc[unknown, "rowno"],
            "criteria_code",
            s.loc[unknown, "criteria_code"],
            "criteria_unknown",
            "Nhóm tiêu chí không có trong quy định áp dụng cho kỳ này.",
            "Criteria group not defined by the regulation in force for this round.",
        )
    pts = pd.to_numeric(s["points"], errors="coerce")
    over = s["max_points"].notna() & pts.notna() & (pts > s["max_points"])
    for most, rows in s[over].groupby("max_points", sort=True):  # the message names the group's maximum
        rep.add(
            "entry_scores",
            rows["rowno"],
            "points",
            rows["points"],
            "points_over_max",
            f"Điểm vượt điểm tối đa của nhóm tiêu chí ({most:g} điểm).",
            f"Points exceed the criteria group's maximum ({most:g} points).",
        )
    sums = s.assign(p=pts).groupby("entry_id")["p"].sum(min_count=1).rename("sum_points").reset_index()
    e_tot = e.drop_duplicates("entry_id")[["entry_id", "rowno", "total_score"]]  # duplicates are reported as such
    both = sums.merge(e_tot, on="entry_id", how="inner")
    tot = pd.to_numeric(both["total_score"], errors="coerce")
    off = tot.notna() & ((tot - both["sum_points"]).abs() > 1e-6)
    for r in both[off].itertuples():  # only the mismatches: few
        rep.add(
            "entries",
            [int(r.rowno)],
            "total_score",
            [r.total_score],
            "total_mismatch",
            f"Tổng điểm khác tổng các nhóm tiêu chí ({r.sum_points:g}).",
            f"Total score differs from the sum of criteria points ({r.sum_points:g}).",
        )


def validate_tables(tables: Mapping[str, pd.DataFrame], *, require_all: bool = True) -> list[Problem]:
    """Every problem in a set of tables; an empty list means the snapshot is valid."""
    rep = _Report()
    cols: dict[str, dict[str, pd.Series]] = {}
    for t in schema.TABLES:
        if t.name not in tables:
            if require_all:
                rep.add(
                    t.name,
                    [None],
                    None,
                    [None],
                    "missing_table",
                    f"Thiếu bảng {t.name}.",
                    f"Table {t.name} is missing.",
                )
            continue
        cols[t.name] = _check_table(rep, t, tables[t.name])
    for name in tables:
        if name not in schema.TABLES_BY_NAME:
            rep.add(
                name,
                [None],
                None,
                [None],
                "unknown_table",
                f"Bảng '{name}' không có trong quy ước dữ liệu.",
                f"Table '{name}' is not in the data contract.",
                severity="warning",
            )
    _check_foreign_keys(rep, cols)
    _check_rules(rep, cols)
    return rep.problems


def errors(problems: list[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity == "error"]


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table, for display and download."""
    cols = ["severity", "table", "row", "column", "value", "rule", "message_vi", "message_en"]
    return pd.DataFrame([p.as_dict() for p in problems], columns=cols)
