"""Import a round's results (and financials, support...) from the Excel template or CSV.

The importer reads what officers actually type, reports every problem with
file, sheet, row and column in Vietnamese and English, and never raises on bad
input: a broken file is a problem like any other.  Rows are merged into the
current snapshot by key (a known id updates, a new id adds); the result is
validated against the whole contract and, when it has no errors, written as a
*staged* snapshot that can be previewed and then published (``Store.set_current``).
Nothing already published is touched until then.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from cnnt import schema
from cnnt.places import LocalityIndex, fold
from cnnt.store import SnapshotInfo, Store, to_arrow
from cnnt.template import CRITERIA_FIELDS, SHEETS, Field, Sheet, choice_lists
from cnnt.validate import Problem, validate_tables

log = logging.getLogger("cnnt.import")

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_CELL_CHARS = 2_000
TRUE = {"co", "x", "yes", "y", "true", "1", "dat", "dung"}
FALSE = {"khong", "no", "n", "false", "0", "sai", "khongdat"}


@dataclass(frozen=True)
class ImportProblem:
    file: str
    sheet: str | None
    row: int | None  # the row number the officer sees in Excel (or the CSV line)
    column: str | None
    value: str | None
    message_vi: str
    message_en: str
    severity: str = "error"
    rule: str = ""


@dataclass
class ImportResult:
    problems: list[ImportProblem] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] | None = None
    staged: SnapshotInfo | None = None
    rows_read: dict[str, int] = field(default_factory=dict)
    base_id: str | None = None  # the snapshot the import was checked against
    changes: pd.DataFrame | None = None  # rows added, changed and removed per table (diff_tables)

    @property
    def errors(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[ImportProblem]:
        return [p for p in self.problems if p.severity == "warning"]

    def problems_frame(self) -> pd.DataFrame:
        cols = ["severity", "file", "sheet", "row", "column", "value", "message_vi", "message_en"]
        return pd.DataFrame([asdict(p) for p in self.problems], columns=[*cols, "rule"])[cols]


@dataclass
class _Origin:
    file: str
    sheet: str
    row: int
    columns: dict[str, str]  # contract column → header the officer saw


def _file_problem(file: str, vi: str, en: str) -> ImportProblem:
    """A problem with a whole file (it cannot be opened, is empty, too large...)."""
    return ImportProblem(file, None, None, None, None, vi, en)


# ---- cell parsing ----------------------------------------------------------------


def _nfc(value) -> str:
    return unicodedata.normalize("NFC", str(value)).strip()


def parse_number(value) -> float:
    """Numbers as officers type them, Vietnamese style first.

    1.234.567 → 1234567; 1.234.567,5 → 1234567.5; 70,5 → 70.5; 12.500 → 12500
    (a single dot before exactly three digits groups thousands); 70.5 → 70.5;
    1,234,567.5 → 1234567.5.  Anything else raises ValueError.
    """
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, (int, float)):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(value)
        return float(value)
    text = re.sub(r"(đồng|đ|vnd)$", "", _nfc(value).replace(" ", "").replace("\u00a0", ""), flags=re.I)
    if not re.fullmatch(r"-?[\d.,]+", text or "x"):
        raise ValueError(value)
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif text.count(",") > 1:
        text = text.replace(",", "")
    elif "," in text:
        text = text.replace(",", ".")
    elif text.count(".") > 1 or re.fullmatch(r"-?\d{1,3}\.\d{3}", text):
        text = text.replace(".", "")
    return float(text)


def parse_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _nfc(value)
    for pattern in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def parse_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    key = fold(value)
    if key in TRUE:
        return True
    if key in FALSE:
        return False
    raise ValueError(value)


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (dt.datetime, dt.date)):
        return value.strftime("%d/%m/%Y")
    return _nfc(value)


# ---- reading files ----------------------------------------------------------------


def _header_key(text) -> str:
    return fold(str(text).replace("*", "")) if text is not None else ""


def _match_sheet(title: str) -> Sheet | None:
    key = fold(title)
    for sheet in SHEETS:
        if key in {fold(n) for n in sheet.names}:
            return sheet
    return None


def _read_xlsx(name: str, data: bytes, out: list[ImportProblem]) -> list[tuple[str, list[list]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), data_only=False, read_only=True)
    except Exception as exc:  # noqa: BLE001 - any failure to open untrusted bytes means "cannot open"
        out.append(
            _file_problem(
                name,
                "Không mở được tệp Excel (tệp hỏng hoặc không phải .xlsx).",
                f"The Excel file cannot be opened (broken or not .xlsx): {type(exc).__name__}.",
            )
        )
        return []
    sheets = []
    try:
        for ws in wb.worksheets:
            rows = []
            for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
                if r > MAX_ROWS + 2:
                    out.append(
                        ImportProblem(
                            name,
                            ws.title,
                            r,
                            None,
                            None,
                            f"Sheet quá dài (tối đa {MAX_ROWS} dòng).",
                            f"Sheet too long (at most {MAX_ROWS} rows).",
                        )
                    )
                    break
                rows.append(list(row))
            sheets.append((ws.title, rows))
    except Exception as exc:  # noqa: BLE001 - a damaged workbook part is reported, not raised
        out.append(
            _file_problem(
                name, "Tệp Excel bị hỏng một phần.", f"The Excel file is partly damaged: {type(exc).__name__}."
            )
        )
    finally:
        wb.close()
    return sheets


def _read_csv(name: str, data: bytes, out: list[ImportProblem]) -> list[tuple[str, list[list]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        out.append(
            _file_problem(
                name,
                "Tệp CSV không phải mã UTF-8. Hãy lưu lại dạng “CSV UTF-8”.",
                "The CSV file is not UTF-8. Save it again as “CSV UTF-8”.",
            )
        )
        return []
    if "\x00" in text:
        out.append(_file_problem(name, "Tệp CSV chứa ký tự không hợp lệ.", "The CSV file contains invalid characters."))
        return []
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    try:
        rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        out.append(ImportProblem(name, None, None, None, None, "Tệp CSV sai định dạng.", f"Malformed CSV: {exc}."))
        return []
    rows = [[c if c != "" else None for c in r] for r in rows if r and not str(r[0]).startswith("#")]
    return [(Path(name).stem, rows)]


def read_sources(sources: list[tuple[str, bytes]]) -> tuple[list[tuple[str, str, list[list]]], list[ImportProblem]]:
    """(file, sheet title, rows) for every sheet of every file; unreadable files become problems."""
    problems: list[ImportProblem] = []
    sheets: list[tuple[str, str, list[list]]] = []
    for name, data in sources:
        if len(data) > MAX_FILE_BYTES:
            problems.append(
                _file_problem(
                    name,
                    f"Tệp quá lớn (tối đa {MAX_FILE_BYTES // 1024 // 1024} MB).",
                    f"File too large (at most {MAX_FILE_BYTES // 1024 // 1024} MB).",
                )
            )
            continue
        if not data:
            problems.append(ImportProblem(name, None, None, None, None, "Tệp rỗng.", "The file is empty."))
            continue
        suffix = Path(name).suffix.lower()
        if suffix in (".xlsx", ".xlsm"):
            found = _read_xlsx(name, data, problems)
        elif suffix in (".csv", ".txt"):
            found = _read_csv(name, data, problems)
        else:
            problems.append(
                _file_problem(name, "Chỉ nhận tệp .xlsx hoặc .csv.", "Only .xlsx or .csv files are accepted.")
            )
            continue
        sheets += [(name, title, rows) for title, rows in found]
    return sheets, problems


# ---- turning sheets into rows -----------------------------------------------------


class _Parser:
    def __init__(self, current: dict[str, pd.DataFrame]):
        self.current = current
        self.places = LocalityIndex(current["admin_units"])
        self.choices = {k: v for k, v in choice_lists("vi").items()}
        en = choice_lists("en")
        for k in self.choices:
            self.choices[k] = self.choices[k] + en[k]
        self.problems: list[ImportProblem] = []

    def problem(self, o: _Origin, column, value, vi, en, severity="error"):
        shown = None if value is None else str(value)[:80]
        self.problems.append(ImportProblem(o.file, o.sheet, o.row, column, shown, vi, en, severity))

    def cell(self, f: Field, value, o: _Origin, header: str):
        if value is None or (isinstance(value, str) and not value.strip()):
            if f.required:
                self.problem(o, header, None, "Ô bắt buộc nhưng đang trống.", "Required value is empty.")
            return None
        if isinstance(value, str) and value.strip().startswith("="):
            self.problem(
                o,
                header,
                value,
                "Ô chứa công thức; hãy dán giá trị (Paste Values).",
                "The cell holds a formula; paste values instead.",
            )
            return None
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            self.problem(
                o,
                header,
                value,
                f"Nội dung quá dài (tối đa {MAX_CELL_CHARS} ký tự).",
                f"Too long (at most {MAX_CELL_CHARS} characters).",
            )
            return None
        try:
            if f.kind == "text":
                return _text(value)
            if f.kind == "int":
                number = parse_number(value)
                if not float(number).is_integer():
                    raise ValueError(value)
                return int(number)
            if f.kind == "number":
                return parse_number(value)
            if f.kind == "date":
                return parse_date(value)
            if f.kind == "bool":
                return parse_bool(value)
            if f.kind == "choice":
                key = fold(value)
                for label, code in self.choices[f.choices]:
                    if key in (fold(label), fold(code)) or key == fold(label.split("–")[0]):
                        return code
                allowed = ", ".join(label for label, _ in choice_lists("vi")[f.choices])
                self.problem(
                    o,
                    header,
                    value,
                    f"Giá trị không có trong danh mục. Chọn một trong: {allowed}.",
                    f"Not in the list. Choose one of: {allowed}.",
                )
                return None
        except (ValueError, TypeError, OverflowError):
            expected = {
                "int": ("một số nguyên", "a whole number"),
                "number": ("một số, ví dụ 1.234.567,5", "a number such as 1.234.567,5"),
                "date": ("ngày dạng dd/mm/yyyy", "a date as dd/mm/yyyy"),
                "bool": ("Có hoặc Không", "Yes or No"),
            }[f.kind]
            self.problem(
                o, header, value, f"Không đọc được: cần {expected[0]}.", f"Cannot read: expected {expected[1]}."
            )
            return None
        return value

    def sheet_rows(self, file: str, title: str, rows: list[list], sheet: Sheet) -> list[tuple[dict, _Origin]]:
        if not rows:
            return []
        headers = rows[0]
        lookup = {}
        for f in sheet.fields:
            for key in (_header_key(f.vi), _header_key(f.en), _header_key(f.name)):
                lookup[key] = f
        columns: dict[int, Field] = {}
        labels: dict[str, str] = {}
        for i, h in enumerate(headers):
            f = lookup.get(_header_key(h))
            if f is not None:
                columns[i] = f
                labels[f.name] = str(h).replace("*", "").strip()
            elif h not in (None, ""):
                self.problems.append(
                    ImportProblem(
                        file,
                        title,
                        1,
                        str(h)[:80],
                        None,
                        "Cột không có trong mẫu, đã bỏ qua.",
                        "Column not in the template; ignored.",
                        "warning",
                    )
                )
        missing = [f for f in sheet.fields if f.required and f.name not in labels]
        for f in missing:
            self.problems.append(
                ImportProblem(
                    file, title, 1, f.vi, None, f"Thiếu cột bắt buộc “{f.vi}”.", f"Required column “{f.en}” is missing."
                )
            )
        if missing:
            return []
        start = 1
        if (
            len(rows) > 1
            and sum(1 for i, f in columns.items() if i < len(rows[1]) and _header_key(rows[1][i]) == _header_key(f.en))
            >= len(columns) / 2
        ):
            start = 2  # the English header row of the template
        out = []
        for r, row in enumerate(rows[start:], start=start + 1):
            if all(v is None or (isinstance(v, str) and not v.strip()) for v in row):
                continue
            o = _Origin(file, title, r, labels)
            record = {}
            for i, f in columns.items():
                value = row[i] if i < len(row) else None
                record[f.name] = self.cell(f, value, o, labels[f.name])
            out.append((record, o))
        return out


def _next_entry_ids(existing: pd.Series, round_id: str, n: int) -> list[str]:
    """New entry ids after the round's highest, padded like the existing ones (P2021-001)."""
    numbers = [m.group(1) for e in existing if (m := re.fullmatch(re.escape(round_id) + r"-(\d+)", str(e)))]
    start = max((int(x) for x in numbers), default=0)
    width = max((len(x) for x in numbers), default=3)
    return [f"{round_id}-{start + k:0{width}d}" for k in range(1, n + 1)]


def _load_current(store: Store) -> tuple[str, dict[str, pd.DataFrame]] | None:
    snap = store.resolve().snapshot
    if snap is None:
        return None
    return snap.id, {name: store.read_table(snap.id, name) for name in schema.TABLE_NAMES}


def run_import(
    store: Store,
    sources: list[tuple[str, bytes]],
    *,
    by: str = "",
    stage: bool = True,
) -> ImportResult:
    """Read, parse, merge and validate; stage a snapshot when there are no errors.

    Never raises on bad input: every problem is in ``result.problems``.
    """
    result = ImportResult()
    try:
        return _run(store, sources, by, stage, result)
    except Exception:  # noqa: BLE001 - the last line of defence: report, log, never crash the page
        log.exception("import failed")
        result.problems.append(
            _file_problem(
                ", ".join(n for n, _ in sources),
                "Không nhập được do lỗi ngoài dự kiến; dữ liệu đang công bố không thay đổi. Hãy báo quản trị hệ thống.",
                "The import failed unexpectedly; published data are unchanged. Please tell the administrator.",
            )
        )
        result.staged = None
        return result


def _run(store: Store, sources, by, stage, result: ImportResult) -> ImportResult:
    loaded = _load_current(store)
    if loaded is None:
        result.problems.append(
            _file_problem("", "Chưa có bản dữ liệu hiện hành để cập nhật.", "There is no current snapshot to update.")
        )
        return result
    result.base_id, current = loaded
    sheets, result.problems = read_sources(sources)
    parser = _Parser(current)
    parsed: dict[str, list[tuple[dict, _Origin]]] = {}
    for file, title, rows in sheets:
        sheet = _match_sheet(title)
        if sheet is None:
            if fold(title) not in (fold("Hướng dẫn"), fold("Danh mục"), fold("Instructions"), fold("Lists")):
                result.problems.append(
                    ImportProblem(
                        file,
                        title,
                        None,
                        None,
                        None,
                        "Sheet không có trong mẫu, đã bỏ qua.",
                        "Sheet not in the template; ignored.",
                        "warning",
                    )
                )
            continue
        parsed.setdefault(sheet.table, []).extend(parser.sheet_rows(file, title, rows, sheet))
    result.problems += parser.problems
    result.rows_read = {k: len(v) for k, v in parsed.items() if v}
    if not any(parsed.values()):
        if not result.errors:
            result.problems.append(
                _file_problem(
                    ", ".join(n for n, _ in sources), "Không có dòng dữ liệu nào để nhập.", "No data rows to import."
                )
            )
        return result

    candidate = {k: v.copy() for k, v in current.items()}
    origins: dict[str, list[_Origin | None]] = {k: [None] * len(v) for k, v in candidate.items()}

    def upsert(table: str, rows: list[dict], row_origins: list[_Origin]):
        if not rows:
            return
        t = schema.table(table)
        new = pd.DataFrame(rows)
        for col in t.column_names:
            if col not in new:
                new[col] = None
        new = new[t.column_names]
        keys = set(map(tuple, new[list(t.primary_key)].astype(str).to_numpy()))
        old = candidate[table]
        keep = [tuple(map(str, k)) not in keys for k in old[list(t.primary_key)].to_numpy()]
        candidate[table] = pd.concat([old[keep], new], ignore_index=True)
        origins[table] = [o for o, k in zip(origins[table], keep, strict=True) if k] + list(row_origins)

    # establishments: locality text → unit_id
    rows, row_origins = [], []
    for record, o in parsed.get("establishments", []):
        text = record.pop("locality", None)
        if text:
            m = parser.places.match(text)
            if m.unit_id is None:
                hint = "; ".join(m.suggestions)
                result.problems.append(
                    ImportProblem(
                        o.file,
                        o.sheet,
                        o.row,
                        o.columns.get("locality"),
                        text,
                        (
                            "Không xác định được địa bàn"
                            + (
                                f" (trùng tên; ghi thêm huyện). Gợi ý: {hint}"
                                if m.ambiguous
                                else f". Gợi ý: {hint}"
                                if hint
                                else "."
                            )
                        ),
                        (
                            "Unknown locality"
                            + (
                                f" (several match; add the district). Suggestions: {hint}"
                                if m.ambiguous
                                else f". Suggestions: {hint}"
                                if hint
                                else "."
                            )
                        ),
                    )
                )
            record["unit_id"] = m.unit_id
        o.columns["unit_id"] = o.columns.get("locality", "unit_id")
        rows.append(record)
        row_origins.append(o)
    upsert("establishments", rows, row_origins)

    for table in ("rounds", "published_figures"):  # a blank owner: Đắk Lắk of the time
        for record, _o in parsed.get(table, []):
            if not record.get("owner_code"):
                year = record.get("year") or record.get("year_to") or 0
                record["owner_code"] = schema.MERGED_OWNER if year >= 2025 and table == "rounds" else "daklak_old"
    for table in ("rounds", "products", "financials", "support", "published_figures"):
        items = parsed.get(table, [])
        upsert(table, [r for r, _ in items], [o for _, o in items])

    # entries: generate ids, sum criteria, compute eligibility, split scores out
    rounds = candidate["rounds"].set_index("round_id")
    entry_rows, entry_origins, score_rows, score_origins = [], [], [], []
    pending: dict[str, int] = {}
    for record, o in parsed.get("entries", []):
        round_id = record.get("round_id")
        if not record.get("entry_id") and round_id:
            pending[round_id] = pending.get(round_id, 0) + 1
            existing = pd.concat([candidate["entries"]["entry_id"], pd.Series([r["entry_id"] for r in entry_rows])])
            record["entry_id"] = _next_entry_ids(existing, round_id, 1)[0]
        points = {c: record.pop(c, None) for c in CRITERIA_FIELDS}
        given = [p for p in points.values() if p is not None]
        if record.get("total_score") is None and given:
            record["total_score"] = float(sum(given))
        threshold = rounds["pass_threshold"].get(round_id) if round_id in rounds.index else None
        total = record.get("total_score")
        record["eligible"] = bool(total is not None and threshold is not None and total >= threshold)
        if total is not None and total < 40:
            result.problems.append(
                ImportProblem(
                    o.file,
                    o.sheet,
                    o.row,
                    o.columns.get("total_score", "C1"),
                    str(total),
                    "Tổng điểm thấp bất thường (dưới 40); hãy kiểm tra lại.",
                    "Unusually low total score (below 40); please check.",
                    "warning",
                )
            )
        o.columns.setdefault("eligible", o.columns.get("total_score", "total_score"))
        entry_rows.append(record)
        entry_origins.append(o)
        for code, p in points.items():
            if p is not None and record.get("entry_id"):
                score_rows.append({"entry_id": record["entry_id"], "criteria_code": code, "points": p})
                score_origins.append(
                    _Origin(
                        o.file,
                        o.sheet,
                        o.row,
                        {
                            "points": o.columns.get(code, code),
                            "criteria_code": o.columns.get(code, code),
                            "entry_id": o.columns.get("entry_id", "entry_id"),
                        },
                    )
                )
    if entry_rows:
        ids = {r["entry_id"] for r in entry_rows if r.get("entry_id")}
        keep = ~candidate["entry_scores"]["entry_id"].isin(ids)
        origins["entry_scores"] = [o for o, k in zip(origins["entry_scores"], keep, strict=True) if k]
        candidate["entry_scores"] = candidate["entry_scores"][keep].reset_index(drop=True)
    upsert("entries", entry_rows, entry_origins)
    upsert("entry_scores", score_rows, score_origins)

    # revenue that jumped tenfold: a warning to confirm
    fin = candidate["financials"]
    if parsed.get("financials"):
        ordered = fin.assign(_o=range(len(fin))).sort_values(["establishment_id", "year"])
        prev = ordered.groupby("establishment_id")["revenue_vnd"].shift()
        ratio = pd.to_numeric(ordered["revenue_vnd"], errors="coerce") / pd.to_numeric(prev, errors="coerce")
        for i, r in zip(ordered["_o"], ratio, strict=True):
            o = origins["financials"][i]
            if o is not None and pd.notna(r) and (r >= 10 or r <= 0.1):
                result.problems.append(
                    ImportProblem(
                        o.file,
                        o.sheet,
                        o.row,
                        o.columns.get("revenue_vnd"),
                        str(fin.iloc[i]["revenue_vnd"]),
                        "Doanh thu thay đổi hơn 10 lần so với năm trước; hãy xác nhận.",
                        "Revenue changed more than tenfold from the year before; please confirm.",
                        "warning",
                    )
                )

    # Contract problems, pointed at the officer's cells; one message per cell, and
    # none that only repeats a problem already reported on the same row.
    seen_cells = {(p.file, p.sheet, p.row, p.column) for p in result.problems}
    seen_rows = {(p.file, p.sheet, p.row) for p in result.problems if p.severity == "error"}
    for problem in validate_tables(candidate):
        located = _locate(problem, origins)
        cell = (located.file, located.sheet, located.row, located.column)
        if cell in seen_cells:
            continue
        if problem.rule in ("criteria_unknown", "eligible_threshold", "total_mismatch") and cell[:3] in seen_rows:
            continue
        seen_cells.add(cell)
        seen_rows.add(cell[:3])
        result.problems.append(located)
    result.tables = candidate
    if stage and not result.errors:
        result.staged = store.publish(
            candidate,
            label="import",
            published_by=by,
            make_current=False,
            sources=list(sources),
            extra={"staged": True},
        )
        result.changes = diff_tables(current, candidate)
    return result


def _locate(p: Problem, origins: dict[str, list[_Origin | None]]) -> ImportProblem:
    """Point a contract problem at the file, sheet, row and column the officer typed."""
    o = None
    if p.row is not None and p.table in origins and 0 < p.row <= len(origins[p.table]):
        o = origins[p.table][p.row - 1]
    if o is None:
        where = "(dữ liệu đã công bố)" if p.row is not None else None
        return ImportProblem(
            where or "",
            p.table,
            p.row,
            p.column,
            p.value,
            p.message_vi + (" [trong dữ liệu hiện có]" if p.row else ""),
            p.message_en + (" [in the existing data]" if p.row else ""),
            p.severity,
            p.rule,
        )
    column = o.columns.get(p.column or "", p.column)
    return ImportProblem(o.file, o.sheet, o.row, column, p.value, p.message_vi, p.message_en, p.severity, p.rule)


# ---- preview -------------------------------------------------------------------------


def diff_tables(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows added, changed and removed per table, by primary key."""
    rows = []
    for name in schema.TABLE_NAMES:
        t = schema.table(name)
        key = list(t.primary_key)
        rest = [c for c in t.column_names if c not in key]
        a = to_arrow(name, before[name]).to_pandas().astype(str).fillna("<NA>").set_index(key)[rest]
        b = to_arrow(name, after[name]).to_pandas().astype(str).fillna("<NA>").set_index(key)[rest]
        added = len(b.index.difference(a.index))
        removed = len(a.index.difference(b.index))
        common = a.index.intersection(b.index)
        changed = int((a.loc[common] != b.loc[common]).any(axis=1).sum()) if len(common) else 0
        if added or removed or changed:
            rows.append({"table": name, "added": added, "changed": changed, "removed": removed})
    return pd.DataFrame(rows, columns=["table", "added", "changed", "removed"])
