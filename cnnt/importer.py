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
import hashlib
import io
import logging
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from cnnt import announcement, schema, starter
from cnnt.filelimits import HEADER_ALLOWANCE, LIMITS, inspect_csv, inspect_xlsx
from cnnt.places import LocalityIndex, fold
from cnnt.reference import REFORM_DATE
from cnnt.store import PublishRefused, SnapshotInfo, Store, to_arrow
from cnnt.template import CRITERIA_FIELDS, SHEETS, Field, Sheet, choice_lists
from cnnt.validate import Problem, validate_tables

log = logging.getLogger("cnnt.import")

MAX_FILE_BYTES = LIMITS.max_file_bytes
MAX_ROWS = LIMITS.max_rows
MAX_CELL_CHARS = LIMITS.max_cell_chars
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


@dataclass(frozen=True)
class RoundSpec:
    """Which round an announcement list is the result of, as the officer states it on the
    Data page or the command line (anything left None is read from the list's title)."""

    owner: str | None = None
    level: str | None = None
    year: int | None = None
    threshold: float = 70.0
    decision_no: str | None = None
    decision_date: dt.date | None = None


@dataclass
class ImportResult:
    problems: list[ImportProblem] = field(default_factory=list)
    tables: dict[str, pd.DataFrame] | None = None
    staged: SnapshotInfo | None = None
    rows_read: dict[str, int] = field(default_factory=dict)
    base_id: str | None = None  # the snapshot the import was checked against
    changes: pd.DataFrame | None = None  # rows added, changed and removed per table (diff_tables)
    changed_rows: pd.DataFrame | None = None  # which rows and cells (changed_rows), at most CHANGED_ROWS_SHOWN
    covers: list[str] = field(default_factory=list)  # what the file covers and replaces (rounds, years)
    unscored: int = 0  # entries loaded without a score ("score not recorded")

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


WHOLE_ROW = "(cả dòng / whole row)"
GENERATED = {"entry_id"}  # made by the importer: never shown as if the officer had typed it
NO_SUCH_DATE = (
    "Ngày không tồn tại: kiểm tra ngày và tháng (dd/mm/yyyy; ví dụ tháng 2 không có ngày 30, 31).",
    "No such date: check the day and the month (dd/mm/yyyy; February has no 30th or 31st, for example).",
)
BAD_DATE = ("Không đọc được ngày: cần dd/mm/yyyy.", "Cannot read the date: expected dd/mm/yyyy.")


class NoSuchDate(ValueError):
    """Written as a date (31/02/2025) but no such day exists: the officer is told that,
    not that the format is wrong."""


_DATE_SHAPE = re.compile(r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{1,2}-\d{1,2}")


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
    if _DATE_SHAPE.fullmatch(text):
        raise NoSuchDate(value)
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
            ws.reset_dimensions()  # a declared range is not trusted: rows are read as they come
            for r, row in enumerate(ws.iter_rows(values_only=True, max_col=LIMITS.max_columns + 1), start=1):
                if r > MAX_ROWS + HEADER_ALLOWANCE:
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
        if suffix in (".xlsx", ".xlsm", ".csv", ".txt"):
            # What the file expands to is checked before it is read (bombs, huge declared ranges).
            inspect = inspect_xlsx if suffix in (".xlsx", ".xlsm") else inspect_csv
            refused = inspect(data)
            if refused:
                problems += [
                    ImportProblem(name, p.sheet, None, None, None, p.message_vi, p.message_en) for p in refused
                ]
                continue
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
            return f.blank
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
        except NoSuchDate:
            self.problem(o, header, value, *NO_SUCH_DATE)
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


# ---- announcement lists ---------------------------------------------------------------

LEVEL_LETTER = {"provincial": "P", "regional": "R", "national": "N"}
OWNER_PREFIX = {"daklak_old": "", "phuyen_old": "PY-", "daklak": ""}
CERTIFIED_WORDS = {"dat", "congnhan", "duoccongnhan", "co", "x", "yes", "certified", "a", "b", "c"}
NOT_CERTIFIED_WORDS = {"khongdat", "khong", "khongcongnhan", "no", "notcertified", "chuadat"}


def _stable_id(prefix: str, *parts: str) -> str:
    """The same establishment or product gets the same id on every load of a list."""
    import hashlib

    digest = hashlib.sha1("|".join(fold(p) for p in parts).encode("utf-8")).hexdigest()[:8].upper()
    return f"{prefix}{digest}"


def _list_round(sheet: announcement.ListSheet, spec: RoundSpec, candidate, result: ImportResult) -> str | None:
    """The round a list is the result of: as the officer said, else as its title says."""
    told = announcement.infer_round(sheet.title)
    province = {"daklak_old": "daklak", "daklak": "daklak", "phuyen_old": "phuyen"}
    if spec.owner and told.get("owner") and province[spec.owner] != province[told["owner"]]:
        from cnnt.i18n import t

        named = {lang: (t(f"owner.{told['owner']}", lang), t(f"owner.{spec.owner}", lang)) for lang in ("vi", "en")}
        result.problems.append(
            ImportProblem(
                sheet.file,
                sheet.sheet,
                None,
                None,
                sheet.title[:80] or None,
                t("imp.owner_conflict", "vi", title=named["vi"][0], stated=named["vi"][1]),
                t("imp.owner_conflict", "en", title=named["en"][0], stated=named["en"][1]),
            )
        )
        return None  # a list published by one former province is never filed under the other
    owner = spec.owner or told.get("owner")
    level = spec.level or told.get("level")
    year = spec.year or told.get("year")
    if owner is None and year is not None and year > REFORM_DATE.year:
        owner = schema.MERGED_OWNER
    missing = [
        (vi, en)
        for value, vi, en in (
            (owner, "đơn vị chủ trì (Đắk Lắk cũ / Phú Yên cũ / Đắk Lắk mới)", "programme owner"),
            (level, "cấp (tỉnh / khu vực / quốc gia)", "level"),
            (year, "năm", "year"),
        )
        if value is None
    ]
    if missing:
        result.problems.append(
            ImportProblem(
                sheet.file,
                sheet.sheet,
                None,
                None,
                sheet.title[:80] or None,
                "Không xác định được kỳ của danh sách: thiếu "
                + ", ".join(vi for vi, _ in missing)
                + ". Chọn ở mục “Kỳ của danh sách” (hoặc ghi trong tiêu đề, ví dụ “… cấp tỉnh năm 2023”).",
                "The list's round cannot be told: missing "
                + ", ".join(en for _, en in missing)
                + ". Choose them under “Round of the list” (or state them in the title, e.g. “… cấp tỉnh năm 2023”).",
            )
        )
        return None
    merged = owner == schema.MERGED_OWNER
    if (merged and year < REFORM_DATE.year) or (not merged and year > REFORM_DATE.year):
        result.problems.append(
            ImportProblem(
                sheet.file,
                sheet.sheet,
                None,
                None,
                f"{owner} {year}",
                "Đơn vị chủ trì không khớp với năm của kỳ: Đắk Lắk cũ và Phú Yên cũ tổ chức đến 30/6/2025, "
                "tỉnh Đắk Lắk mới từ 1/7/2025. Hãy chọn lại ở mục “Kỳ của danh sách”.",
                "The programme owner does not fit the round's year: old Đắk Lắk and old Phú Yên ran the "
                "programme until 30/6/2025, the merged Đắk Lắk from 1/7/2025. Choose again under “Round of the list”.",
            )
        )
        return None
    rounds = candidate["rounds"]
    same = rounds[(rounds["owner_code"] == owner) & (rounds["level"] == level) & (rounds["year"] == year)]
    if len(same):
        return str(same["round_id"].iloc[0])
    base = f"{OWNER_PREFIX[owner]}{LEVEL_LETTER[level]}{year}"
    round_id, n = base, 1
    while round_id in set(rounds["round_id"]):
        n += 1
        round_id = f"{base}-{n}"
    decision = spec.decision_date
    after_reform = (decision or dt.date(year, 12, 31)) >= REFORM_DATE and owner == schema.MERGED_OWNER
    row = {
        "round_id": round_id,
        "owner_code": owner,
        "level": level,
        "year": int(year),
        "region": "Miền Trung – Tây Nguyên" if level == "regional" else None,
        "regulation_code": "TT38/2025" if after_reform else "TT26/2014",
        "pass_threshold": float(spec.threshold),
        "decision_no": spec.decision_no,
        "decision_date": decision,
    }
    candidate["rounds"] = pd.concat([rounds, pd.DataFrame([row])], ignore_index=True)
    return round_id


def _certified(value, has_column: bool) -> bool | None:
    """The council's decision as lists write it; a list without a result column is a
    list of certified products."""
    if not has_column:
        return True
    if value is None or (isinstance(value, str) and not value.strip()):
        return False
    key = fold(value)
    if key in NOT_CERTIFIED_WORDS or key.startswith("khong"):
        return False
    if key in CERTIFIED_WORDS or key.startswith("dat") or key.startswith("congnhan") or "sao" in key:
        return True
    return None


def _announcement_records(sheet, spec, parser, candidate, parsed, upsert, result: ImportResult) -> None:
    """Turn a press list into rounds, establishments, products and entries."""
    round_id = _list_round(sheet, spec, candidate, result)
    if round_id is None:
        return
    rnd = candidate["rounds"].set_index("round_id").loc[round_id]
    groups = list(zip(candidate["product_groups"]["group_code"], candidate["product_groups"]["name_vi"], strict=True))
    ests = candidate["establishments"]
    est_by_name: dict[tuple[str, str | None], str] = {}
    places = parser.places
    for r in ests.itertuples():
        est_by_name[(fold(r.name), _district_of(places, r.unit_id))] = r.establishment_id
    prods = candidate["products"]
    prod_by_name = {(r.establishment_id, fold(r.name)): r.product_id for r in prods.itertuples()}
    prod_group = dict(zip(prods["product_id"], prods["group_code"], strict=True))
    round_entries = candidate["entries"][candidate["entries"]["round_id"] == round_id]
    entry_by_product = dict(zip(round_entries["product_id"], round_entries["entry_id"], strict=True))
    has_result = "result" in sheet.columns
    has_group = "group" in sheet.columns or any(r.section_group for r in sheet.rows)
    guessed_forms, default_groups = [], []
    new_ests, est_origins, new_prods, prod_origins = [], [], [], []
    seen_products: set[str] = set()
    score_col = schema.table("entries").column("total_score")

    def entry_cells(v: dict, o: _Origin, refused: bool = False):
        """The row's score, result and certificate, read and each problem reported: (score,
        certified, certificate no, certificate date, all read).  For a row ``refused`` for
        another reason (its address, say) the score is also checked against its range, as the
        tables' check would once the row is accepted: the officer fixes the row in one pass."""
        ok = True
        score = None
        if v.get("score") not in (None, ""):
            try:
                score = parse_number(v["score"])
            except ValueError:
                parser.problem(
                    o,
                    sheet.columns.get("score"),
                    v["score"],
                    "Không đọc được điểm: cần một số, ví dụ 85 hoặc 85,5.",
                    "Cannot read the score: expected a number such as 85 or 85.5.",
                )
                ok = False
        if refused and score is not None and not score_col.minimum <= score <= score_col.maximum:
            lo, hi = score_col.minimum, score_col.maximum
            parser.problem(
                o,
                sheet.columns.get("score"),
                v["score"],
                f"Giá trị ngoài khoảng cho phép [{lo:g}; {hi:g}].",
                f"Value out of range [{lo:g}, {hi:g}].",
            )
        certified = _certified(v.get("result"), has_result)
        if certified is None:
            parser.problem(
                o,
                sheet.columns.get("result"),
                v.get("result"),
                "Không đọc được kết quả: cần “Đạt”/“Công nhận” hoặc “Không đạt”.",
                "Cannot read the result: expected “Đạt” (certified) or “Không đạt” (not certified).",
            )
            ok = False
        cert_no = _text(v["certificate_no"]) if v.get("certificate_no") not in (None, "") else None
        cert_date = None
        if v.get("certificate_date") not in (None, ""):
            try:
                cert_date = parse_date(v["certificate_date"])
            except ValueError as bad:
                parser.problem(
                    o,
                    sheet.columns.get("certificate_date"),
                    v["certificate_date"],
                    *(NO_SUCH_DATE if isinstance(bad, NoSuchDate) else BAD_DATE),
                )
                ok = False
        return score, certified, cert_no, cert_date, ok

    for lr in sheet.rows:
        v = lr.values
        o = _Origin(sheet.file, sheet.sheet, lr.row, dict(sheet.columns))
        product_name = v.get("product_name")
        est_name = v.get("establishment_name")
        if not product_name:
            parser.problem(o, sheet.columns.get("product_name"), None, "Thiếu tên sản phẩm.", "Product name missing.")
            continue
        if not est_name:
            parser.problem(
                o,
                sheet.columns.get("establishment_name", "Tên cơ sở"),
                None,
                "Thiếu tên cơ sở.",
                "Establishment name missing.",
            )
            continue
        product_name, est_name = _text(product_name), _text(est_name)
        locality = ", ".join(_text(v[k]) for k in ("address", "commune", "district") if v.get(k) not in (None, ""))
        tax = _text(v["tax_code"]) if v.get("tax_code") not in (None, "") else None
        unit_id = None
        if locality:
            col = next((k for k in ("district", "commune", "address") if v.get(k) not in (None, "")), "address")
            o.columns.setdefault(col, col)
            unit_id = _resolve_locality(parser, locality, o, col, parser.problems)
            if unit_id is None:
                entry_cells(v, o, refused=True)
                continue
        est_id = None
        if tax and tax in set(ests["tax_code"].dropna()):
            est_id = str(ests.loc[ests["tax_code"] == tax, "establishment_id"].iloc[0])
        if est_id is None:
            key = (fold(est_name), _district_of(places, unit_id) if unit_id else None)
            est_id = est_by_name.get(key)
            if est_id is None and unit_id is None:  # no locality: a unique name already known
                known = [i for (n, _d), i in est_by_name.items() if n == key[0]]
                est_id = known[0] if len(set(known)) == 1 else None
        if est_id is None:
            if unit_id is None:
                parser.problem(
                    o,
                    sheet.columns.get("address", "Địa chỉ"),
                    None,
                    "Cơ sở mới nhưng thiếu địa bàn (xã, huyện).",
                    "A new establishment needs a locality (commune, district).",
                )
                entry_cells(v, o, refused=True)
                continue
            est_id = tax or _stable_id("CS-", est_name, _district_of(places, unit_id) or unit_id)
            form, guessed = announcement.parse_legal_form(
                _text(v["legal_form"]) if v.get("legal_form") else None, est_name
            )
            if guessed:
                guessed_forms.append(lr.row)
            record = {
                "establishment_id": est_id,
                "tax_code": tax,
                "name": est_name,
                "legal_form": form,
                "unit_id": unit_id,
                "address": locality or None,
                "year_founded": None,
            }
            new_ests.append(record)
            est_origins.append(_Origin(o.file, o.sheet, o.row, {**o.columns, "unit_id": o.columns.get("address", "")}))
            est_by_name[(fold(est_name), _district_of(places, unit_id))] = est_id
        product_id = prod_by_name.get((est_id, fold(product_name)))
        group_text = v.get("group") or lr.section_group
        group = announcement.parse_group(_text(group_text), groups) if group_text else None
        if group is None and group_text and "group" in sheet.columns and v.get("group"):
            parser.problem(
                o,
                sheet.columns.get("group"),
                group_text,
                "Không nhận ra nhóm sản phẩm (cần một trong 4 nhóm, ví dụ “Thủ công mỹ nghệ”).",
                "Product group not recognised (one of the 4 groups, e.g. “Thủ công mỹ nghệ” / handicrafts).",
            )
            entry_cells(v, o, refused=True)
            continue
        if product_id is None:
            product_id = _stable_id("SP-", est_id, product_name)
            if group is None:
                group = "G4"
                default_groups.append(lr.row)
            new_prods.append(
                {
                    "product_id": product_id,
                    "establishment_id": est_id,
                    "name": product_name,
                    "group_code": group,
                    "is_set": fold(product_name).startswith("bosanpham"),
                }
            )
            prod_origins.append(o)
            prod_by_name[(est_id, fold(product_name))] = product_id
        elif group is not None and group != prod_group.get(product_id):
            new_prods.append(
                {
                    **prods[prods["product_id"] == product_id].iloc[0].to_dict(),
                    "group_code": group,
                }
            )
            prod_origins.append(o)
        if product_id in seen_products:
            parser.problem(
                o,
                sheet.columns.get("product_name"),
                product_name,
                "Sản phẩm này đã có ở dòng trên của cùng danh sách.",
                "This product is already on an earlier row of the same list.",
            )
            continue
        seen_products.add(product_id)
        score, certified, cert_no, cert_date, ok = entry_cells(v, o)
        if not ok:
            continue
        if certified and cert_date is None:
            cert_date = rnd["decision_date"] if pd.notna(rnd["decision_date"]) else None
        record = {
            "entry_id": entry_by_product.get(product_id),
            "round_id": round_id,
            "product_id": product_id,
            "total_score": score,
            "certified": bool(certified),
            "certificate_no": cert_no,
            "certificate_date": cert_date,
            "qualified_by_entry_id": _qualifying_entry(candidate, rnd, product_id) if certified is not None else None,
        }
        product_header = sheet.columns.get("product_name", "Tên sản phẩm")
        entry_origin = _Origin(
            o.file,
            o.sheet,
            o.row,
            {
                **o.columns,
                # a list without the column: the problem is the row's product (a list of the
                # certified has no "Kết quả"; a repeated row is its product again)
                "total_score": sheet.columns.get("score", product_header),
                "certified": sheet.columns.get("result", product_header),
                "product_id": product_header,
                "entry_id": product_header,
                "round_id": sheet.sheet,
            },
        )
        parsed.setdefault("entries", []).append((record, entry_origin))
    upsert("establishments", new_ests, est_origins)
    upsert("products", new_prods, prod_origins)
    label = f"{sheet.file} [{sheet.sheet}]"
    if guessed_forms:
        result.problems.append(
            ImportProblem(
                sheet.file,
                sheet.sheet,
                guessed_forms[0],
                sheet.columns.get("legal_form", "Loại hình"),
                None,
                f"{len(guessed_forms)} cơ sở không ghi loại hình: tạm ghi là hộ kinh doanh (dòng "
                f"{_row_list(guessed_forms)}).",
                f"{len(guessed_forms)} establishments state no legal form: recorded as household business (rows "
                f"{_row_list(guessed_forms)}).",
                "warning",
            )
        )
    if default_groups and not has_group:
        result.problems.append(
            ImportProblem(
                sheet.file,
                sheet.sheet,
                default_groups[0],
                "Nhóm sản phẩm",
                None,
                f"Danh sách không ghi nhóm sản phẩm: {len(default_groups)} sản phẩm mới tạm xếp “Sản phẩm khác” "
                f"(dòng {_row_list(default_groups)}).",
                f"The list gives no product group: {len(default_groups)} new products filed under “Other products” "
                f"(rows {_row_list(default_groups)}).",
                "warning",
            )
        )
    result.covers.append(
        f"{label} → round {round_id} ({rnd['owner_code']}, {rnd['level']}, {rnd['year']})"
        + ("" if has_result else "; list of certified products")
    )


def _row_list(rows: list[int], limit: int = 12) -> str:
    shown = ", ".join(str(r) for r in rows[:limit])
    return shown + (" …" if len(rows) > limit else "")


def _district_of(places: LocalityIndex, unit_id: str | None) -> str | None:
    """The legacy district of a unit (itself for a district), to tell two namesakes apart."""
    if not unit_id or unit_id not in places.units.index:
        return None
    u = places.units.loc[unit_id]
    if u["level"] == "district":
        return unit_id
    if u["era"] == "legacy":
        return u["parent_id"]
    return unit_id


def _qualifying_entry(candidate, rnd, product_id: str) -> str | None:
    """For a regional or national entry: the same product's certified entry one level
    below, in an earlier year (the latest such)."""
    below = {"regional": "provincial", "national": "regional"}.get(rnd["level"])
    if below is None:
        return None
    entries = candidate["entries"].merge(candidate["rounds"][["round_id", "level", "year"]], on="round_id")
    found = entries[
        (entries["product_id"] == product_id)
        & (entries["level"] == below)
        & (entries["year"] < rnd["year"])
        & entries["certified"].fillna(False).astype(bool)
    ]
    if found.empty:
        return None
    return str(found.sort_values("year")["entry_id"].iloc[-1])


def _next_entry_ids(existing: pd.Series, round_id: str, n: int) -> list[str]:
    """New entry ids after the round's highest, padded like the existing ones (P2021-001)."""
    numbers = [m.group(1) for e in existing if (m := re.fullmatch(re.escape(round_id) + r"-(\d+)", str(e)))]
    start = max((int(x) for x in numbers), default=0)
    width = max((len(x) for x in numbers), default=3)
    return [f"{round_id}-{start + k:0{width}d}" for k in range(1, n + 1)]


def _load_current(store: Store) -> tuple[str | None, dict[str, pd.DataFrame]]:
    """The published snapshot an import is checked against; an empty store starts from the
    reference tables alone (base id None), never from the sample."""
    snap = store.resolve().snapshot
    if snap is None:
        return None, starter.empty_tables()
    return snap.id, {name: store.read_table(snap.id, name) for name in schema.TABLE_NAMES}


def run_import(
    store: Store,
    sources: list[tuple[str, bytes]],
    *,
    by: str = "",
    stage: bool = True,
    round_spec: RoundSpec | None = None,
    replace: bool = True,
) -> ImportResult:
    """Read, parse, merge and validate; stage a snapshot when there are no errors.

    ``replace``: the file is the whole of what it covers (a round's entries, a year
    of financials, a support programme's year), so rows in that scope that the file
    no longer holds are removed.  Never raises on bad input: every problem is in
    ``result.problems``.
    """
    result = ImportResult()
    try:
        return _run(store, sources, by, stage, result, round_spec or RoundSpec(), replace)
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


def _no_sheet_problem(file: str, titles: list[str]) -> ImportProblem:
    """Nothing in a file was recognised: say which sheets and columns are expected."""
    expected_vi = "; ".join(f"“{s.vi}”" for s in SHEETS)
    return ImportProblem(
        file,
        ", ".join(titles)[:120] or None,
        None,
        None,
        None,
        "Không nhận ra sheet nào. Cần một danh sách công bố (có cột “Tên sản phẩm” và “Tên cơ sở” hoặc “STT”, "
        "thêm “Địa chỉ”/“Huyện”, “Nhóm”, “Điểm”, “Kết quả” nếu có) hoặc các sheet của mẫu nhập liệu: "
        f"{expected_vi}.",
        "No sheet was recognised. Expected an announcement list (columns “Tên sản phẩm” / product name and "
        "“Tên cơ sở” / establishment or “STT”, with “Địa chỉ”/“Huyện”, “Nhóm”, “Điểm”, “Kết quả” where present) "
        f"or the template's sheets: {', '.join(s.en for s in SHEETS)}.",
    )


def _without_repeats(sources, result: ImportResult) -> list:
    """The files, each content once: a file chosen twice ("DS 2023.xlsx" and "DS 2023 (1).xlsx")
    is one error naming both, not a duplicate-key error on every row."""
    first: dict[str, str] = {}
    kept = []
    for name, data in sources:
        digest = hashlib.sha256(data).hexdigest()
        if digest in first:
            result.problems.append(
                _file_problem(
                    name,
                    f"Tệp này giống hệt tệp “{first[digest]}” (chọn hai lần?): chỉ kiểm tra một lần; hãy bỏ bớt một tệp.",
                    f"This file is identical to “{first[digest]}” (chosen twice?): checked once; remove one of them.",
                )
            )
            continue
        first[digest] = name
        kept.append((name, data))
    return kept


def _run(store: Store, sources, by, stage, result: ImportResult, spec: RoundSpec, replace: bool) -> ImportResult:
    if store.is_sample_root:  # checked against the sample, as the page offers, but never staged here
        stage = False
        result.problems.append(
            ImportProblem(
                ", ".join(n for n, _ in sources),
                None,
                None,
                None,
                None,
                "Đây là thư mục dữ liệu mẫu: tệp đã được kiểm tra (các vấn đề bên dưới) nhưng không được nạp vào "
                "đây. Để nạp dữ liệu thật, quản trị hệ thống đặt CNNT_DATA_DIR tới thư mục dữ liệu của tỉnh (hoặc "
                "chạy python -m cnnt init).",
                "This is the sample's data folder: the files were checked (problems below) but are not loaded "
                "here. To load real data, the administrator points CNNT_DATA_DIR at the province's data folder (or "
                "runs python -m cnnt init).",
                "warning",
                "sample_root",
            )
        )
    sources = _without_repeats(sources, result)
    result.base_id, current = _load_current(store)
    sheets, problems = read_sources(sources)
    result.problems += problems
    parser = _Parser(current)
    parsed: dict[str, list[tuple[dict, _Origin]]] = {}
    lists: list[announcement.ListSheet] = []
    for file, title, rows in sheets:
        sheet = _match_sheet(title)
        if sheet is None:
            if fold(title) in (fold("Hướng dẫn"), fold("Danh mục"), fold("Instructions"), fold("Lists")):
                continue
            found = announcement.read_list(file, title, rows)
            if found is not None and found.rows:
                lists.append(found)
            elif found is None and any(any(v not in (None, "") for v in r) for r in rows):
                result.problems.append(
                    ImportProblem(
                        file,
                        title,
                        None,
                        None,
                        None,
                        "Sheet không có cột nào nhận ra được, đã bỏ qua.",
                        "No recognisable columns in this sheet; ignored.",
                        "warning",
                    )
                )
            continue
        parsed.setdefault(sheet.table, []).extend(parser.sheet_rows(file, title, rows, sheet))
    result.problems += parser.problems
    result.rows_read = {k: len(v) for k, v in parsed.items() if v}
    if lists:
        result.rows_read["announcement"] = sum(len(x.rows) for x in lists)
    if not any(parsed.values()) and not lists:
        if not result.errors:
            by_file: dict[str, list[str]] = {}
            for file, title, _rows in sheets:
                by_file.setdefault(file, []).append(title)
            for file, titles in by_file.items():
                result.problems.append(_no_sheet_problem(file, titles))
            if not by_file:
                result.problems.append(
                    _file_problem(
                        ", ".join(n for n, _ in sources),
                        "Không có dòng dữ liệu nào để nhập.",
                        "No data rows to import.",
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
        candidate[table] = pd.concat([old[keep], new], ignore_index=True) if len(old) else new.reset_index(drop=True)
        origins[table] = [o for o, k in zip(origins[table], keep, strict=True) if k] + list(row_origins)

    def drop(table: str, mask: pd.Series) -> None:
        keep = ~mask.to_numpy()
        candidate[table] = candidate[table][keep].reset_index(drop=True)
        origins[table] = [o for o, k in zip(origins[table], keep, strict=True) if k]

    # establishments: locality text → unit_id
    rows, row_origins = [], []
    for record, o in parsed.get("establishments", []):
        text = record.pop("locality", None)
        if text:
            record["unit_id"] = _resolve_locality(parser, text, o, "locality", result.problems)
        o.columns["unit_id"] = o.columns.get("locality", "unit_id")
        rows.append(record)
        row_origins.append(o)
    upsert("establishments", rows, row_origins)

    for table in ("rounds", "published_figures"):  # a blank owner: Đắk Lắk of the time
        for record, _o in parsed.get(table, []):
            if not record.get("owner_code"):
                year = record.get("year") or record.get("year_to") or 0
                record["owner_code"] = (
                    schema.MERGED_OWNER if year >= REFORM_DATE.year and table == "rounds" else "daklak_old"
                )
    for table in ("rounds", "products", "financials", "support", "published_figures", "plan_targets", "peer_figures"):
        items = parsed.get(table, [])
        upsert(table, [r for r, _ in items], [o for _, o in items])

    # announcement lists: rounds, establishments, products and entries from the press list
    for sheet in lists:
        _announcement_records(sheet, spec, parser, candidate, parsed, upsert, result)
        result.problems += parser.problems
        parser.problems = []

    # entries: generate ids, sum criteria, compute eligibility, split scores out (a round
    # given twice, in two files, is a key error reported below: its last row decides here)
    rounds = candidate["rounds"].drop_duplicates("round_id", keep="last").set_index("round_id")
    entry_rows, entry_origins, score_rows, score_origins = [], [], [], []
    # A row without an entry id is the entry its round already holds for that product, if
    # any: loading the same file again (or a corrected one) changes nothing but what
    # changed, and links to the entry (certificates, qualifying entries) keep holding.
    held = candidate["entries"]
    entry_of = dict(zip(zip(held["round_id"], held["product_id"], strict=True), held["entry_id"], strict=True))
    given_ids = {r.get("entry_id") for r, _ in parsed.get("entries", []) if r.get("entry_id")}
    for record, o in parsed.get("entries", []):
        round_id = record.get("round_id")
        if not record.get("entry_id") and round_id:
            same = entry_of.pop((round_id, record.get("product_id")), None)
            if same is not None and same not in given_ids:
                record["entry_id"] = same
            else:
                existing = pd.concat([held["entry_id"], pd.Series([r["entry_id"] for r in entry_rows])])
                record["entry_id"] = _next_entry_ids(existing, round_id, 1)[0]
        points = {c: record.pop(c, None) for c in CRITERIA_FIELDS}
        given = [p for p in points.values() if p is not None]
        summed = record.get("total_score") is None and bool(given)  # the officer left the total to the sum
        if summed:
            record["total_score"] = float(sum(given))
        threshold = rounds["pass_threshold"].get(round_id) if round_id in rounds.index else None
        total = record.get("total_score")
        record["eligible"] = None if total is None else bool(threshold is not None and total >= threshold)
        if total is None:
            result.unscored += 1
        if total is not None and total < 40 and not (summed and min(given) < 0):
            # (a negative criteria score is an error of its own cell: no warning about a sum of it)
            # a blank total is not named as if typed: the criteria it was summed from are
            first_given = next((c for c, p in points.items() if p is not None), None)
            result.problems.append(
                ImportProblem(
                    o.file,
                    o.sheet,
                    o.row,
                    o.columns.get(first_given, first_given) if summed else o.columns.get("total_score", "C1"),
                    str(total),
                    "Tổng điểm (tự cộng từ các tiêu chí) thấp bất thường (dưới 40); hãy kiểm tra điểm các tiêu chí."
                    if summed
                    else "Tổng điểm thấp bất thường (dưới 40); hãy kiểm tra lại.",
                    "Unusually low total score (the sum of the criteria, below 40); please check the criteria points."
                    if summed
                    else "Unusually low total score (below 40); please check.",
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
        replaced = candidate["entry_scores"]["entry_id"].isin(ids)
        given_for = {r["entry_id"] for r in score_rows}
        lost = candidate["entry_scores"][replaced & ~candidate["entry_scores"]["entry_id"].isin(given_for)]
        if len(lost):  # a list without criteria over a round loaded from the template: say what goes
            by_entry = dict(zip([r.get("entry_id") for r in entry_rows], entry_origins, strict=True))
            o = by_entry.get(lost["entry_id"].iloc[0])
            result.problems.append(
                ImportProblem(
                    o.file if o else "",
                    o.sheet if o else None,
                    None,
                    None,
                    None,
                    f"Tệp không có điểm từng tiêu chí cho {lost['entry_id'].nunique()} bài dự thi đã có điểm tiêu chí: "
                    f"{len(lost)} điểm tiêu chí đã công bố của các bài này sẽ bị xóa (tổng điểm theo tệp).",
                    f"The file gives no criteria points for {lost['entry_id'].nunique()} entries that have them: "
                    f"their {len(lost)} published criteria points will be removed (totals as in the file).",
                    "warning",
                    "criteria_dropped",
                )
            )
        drop("entry_scores", replaced)

    # replace: what the file covers is the whole of it; rows in that scope it no longer holds go
    if replace:
        _replace_scopes(candidate, drop, entry_rows, parsed, result)
    else:
        result.covers = _covers(candidate, entry_rows, parsed, result.covers)
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

    # Contract problems, pointed at the officer's cells; one message per cell, none that
    # only repeats a problem already reported on the same row, and warnings only for
    # rows the file touches (the published rows were accepted before).
    # An error is never dropped for a warning on the same cell (a score of -3 is both
    # "unusually low" and out of range): only an error already there makes it a repeat.
    seen_cells = {(p.file, p.sheet, p.row, p.column) for p in result.problems}
    error_cells = {(p.file, p.sheet, p.row, p.column) for p in result.problems if p.severity == "error"}
    error_rows = {(p.file, p.sheet, p.row) for p in result.problems if p.severity == "error"}
    seen_rows = set(error_rows)
    for problem in validate_tables(candidate):
        located = _locate(problem, origins)
        if problem.rule == "foreign_key" and problem.row is not None and not _touched(problem, origins):
            located = _dangling(problem, candidate)
        if problem.severity == "warning" and not _touched(problem, origins):
            continue
        if problem.rule == "certificate_missing" and "certificate_no" not in _origin_of(problem, origins).columns:
            continue  # the list publishes no certificate numbers at all: nothing to confirm row by row
        # a problem about the whole row is its own "cell": two of them on a row are two messages
        column = located.column if located.column != WHOLE_ROW else f"{WHOLE_ROW} {located.message_en}"
        cell = (located.file, located.sheet, located.row, column)
        if cell in (error_cells if located.severity == "error" else seen_cells):
            continue
        if problem.rule in ("criteria_unknown", "eligible_threshold", "total_mismatch") and cell[:3] in (
            error_rows if located.severity == "error" else seen_rows
        ):
            continue
        seen_cells.add(cell)
        seen_rows.add(cell[:3])
        if located.severity == "error":
            error_cells.add(cell)
            error_rows.add(cell[:3])
        result.problems.append(located)
    result.tables = candidate
    if stage and not result.errors:
        try:
            result.staged = store.publish(
                candidate,
                label="import",
                published_by=by,
                make_current=False,
                sources=list(sources),
                extra={"staged": True, "base_id": result.base_id, "covers": result.covers, "replace": replace},
            )
        except PublishRefused as refused:  # every error is reported above; should one slip through, name it
            result.problems.extend(_locate(p, origins) for p in refused.problems if p.severity == "error")
            return result
        result.changes, result.changed_rows = compare_tables(current, candidate)
    return result


def _dangling(p: Problem, candidate: dict[str, pd.DataFrame]) -> ImportProblem:
    """A published row that points at a row this import removes or renames (a regional
    entry qualified by a provincial entry the new list no longer holds): which row, what
    it points at, and the two ways out."""
    table = schema.table(p.table)
    row = candidate[p.table].iloc[p.row - 1]
    key = " | ".join(str(row[c]) for c in table.primary_key)
    return ImportProblem(
        "(dữ liệu đã công bố)",
        p.table,
        None,
        p.column,
        p.value,
        f"Dòng đã công bố “{key}” (bảng {p.table}, cột {p.column}) trỏ tới “{p.value}”, mà tệp này xóa hoặc đổi mã. "
        f"Hãy giữ “{p.value}” trong tệp (danh sách đầy đủ của kỳ), hoặc rút dòng “{key}” trước.",
        f"The published row “{key}” (table {p.table}, column {p.column}) points at “{p.value}”, which this file "
        f"removes or renames. Keep “{p.value}” in the file (the round's whole list), or withdraw “{key}” first.",
        "error",
        p.rule,
    )


def _origin_of(p: Problem, origins: dict[str, list[_Origin | None]]) -> _Origin:
    """The officer's row a contract problem points at (an empty origin for published rows)."""
    if _touched(p, origins):
        return origins[p.table][p.row - 1]
    return _Origin("", "", 0, {"certificate_no": ""})


def _touched(p: Problem, origins: dict[str, list[_Origin | None]]) -> bool:
    """Whether a contract problem is about a row the file brought in."""
    return (
        p.row is not None
        and p.table in origins
        and 0 < p.row <= len(origins[p.table])
        and origins[p.table][p.row - 1] is not None
    )


def _covers(candidate, entry_rows, parsed, already: list[str]) -> list[str]:
    """What the file covers, in words (for the preview and the manifest)."""
    out = list(already)
    rounds = candidate["rounds"].drop_duplicates("round_id", keep="last").set_index("round_id")  # (see _run)
    for rid in sorted({r.get("round_id") for r in entry_rows if r.get("round_id")}):
        if any(f"round {rid} (" in line for line in out):
            continue  # already said by the list that holds it
        label = f"round {rid}"
        if rid in rounds.index:
            r = rounds.loc[rid]
            label = f"round {rid} ({r['owner_code']}, {r['level']}, {r['year']})"
        if label not in out:
            out.append(label)
    years = sorted({r.get("year") for r, _ in parsed.get("financials", []) if r.get("year")})
    out += [f"financials {y}" for y in years]
    grants = sorted({(r.get("year"), r.get("programme")) for r, _ in parsed.get("support", []) if r.get("year")})
    out += [f"support {y} {p}" for y, p in grants]
    return out


def _replace_scopes(candidate, drop, entry_rows, parsed, result: ImportResult) -> None:
    """Remove the rows of each covered scope that the file no longer holds."""
    result.covers = _covers(candidate, entry_rows, parsed, result.covers)
    rounds = {r.get("round_id") for r in entry_rows if r.get("round_id")}
    if rounds:
        kept = {r.get("entry_id") for r in entry_rows}
        gone = candidate["entries"]["round_id"].isin(rounds) & ~candidate["entries"]["entry_id"].isin(kept)
        gone_ids = set(candidate["entries"].loc[gone, "entry_id"])
        drop("entries", gone)
        drop("entry_scores", candidate["entry_scores"]["entry_id"].isin(gone_ids))
    fin_rows = [r for r, _ in parsed.get("financials", [])]
    years = {r.get("year") for r in fin_rows}
    if years:
        kept = {(r.get("establishment_id"), r.get("year")) for r in fin_rows}
        fin = candidate["financials"]
        pairs = list(zip(fin["establishment_id"], fin["year"], strict=True))
        drop("financials", fin["year"].isin(years) & pd.Series([p not in kept for p in pairs], index=fin.index))
    sup_rows = [r for r, _ in parsed.get("support", [])]
    scopes = {(r.get("year"), r.get("programme")) for r in sup_rows}
    if scopes:
        kept = {r.get("grant_id") for r in sup_rows}
        sup = candidate["support"]
        in_scope = pd.Series(
            [(y, p) in scopes for y, p in zip(sup["year"], sup["programme"], strict=True)], index=sup.index
        )
        drop("support", in_scope & ~sup["grant_id"].isin(kept))


def withdraw(store: Store, table: str, keys: list[str], *, by: str, reason: str = "") -> ImportResult:
    """Stage a snapshot without some rows (an entry announced by mistake, a grant
    entered twice), with no file: nothing is edited in place, the current snapshot
    stays until the staged one is published.  ``keys`` are primary keys; for a
    two-column key they are written "A|B".  Withdrawing an entry withdraws its scores."""
    result = ImportResult()
    result.base_id, current = _load_current(store)
    if table not in WITHDRAWABLE or result.base_id is None:
        result.problems.append(_file_problem("", "Không rút được dòng từ bảng này.", "Rows cannot be withdrawn here."))
        return result
    t = schema.table(table)
    have = current[table][list(t.primary_key)].astype(str).agg("|".join, axis=1)
    wanted = {_nfc(k) for k in keys if str(k).strip()}
    unknown = sorted(wanted - set(have))
    for k in unknown:
        result.problems.append(
            ImportProblem(table, None, None, t.primary_key[0], k, "Không có dòng mang mã này.", "No row has this key.")
        )
    if unknown or not wanted:
        return result
    candidate = {k: v.copy() for k, v in current.items()}
    candidate[table] = current[table][~have.isin(wanted).to_numpy()].reset_index(drop=True)
    if table == "entries":
        candidate["entry_scores"] = current["entry_scores"][~current["entry_scores"]["entry_id"].isin(wanted)]
    for problem in validate_tables(candidate):
        if problem.severity == "error":
            result.problems.append(_locate(problem, {}))
    result.tables = candidate
    result.covers = [f"withdraw {table}: {', '.join(sorted(wanted))}" + (f" ({reason})" if reason else "")]
    if not result.errors:
        result.staged = store.publish(
            candidate,
            label="withdraw",
            published_by=by,
            make_current=False,
            extra={"staged": True, "base_id": result.base_id, "covers": result.covers, "reason": reason},
        )
        result.changes, result.changed_rows = compare_tables(current, candidate)
    return result


WITHDRAWABLE = ("entries", "financials", "support", "published_figures")


def _resolve_locality(parser: _Parser, text: str, o: _Origin, column: str, out: list[ImportProblem]) -> str | None:
    """A locality as officers type it → a unit id, with a message when it cannot be placed."""
    m = parser.places.match_address(text)
    header = o.columns.get(column, column)
    if m.outside:
        out.append(
            ImportProblem(
                o.file,
                o.sheet,
                o.row,
                header,
                text,
                f"Địa bàn thuộc tỉnh khác ({m.outside}), không thuộc Đắk Lắk (kể cả Phú Yên cũ): không nhập được.",
                f"This locality is in another province ({m.outside}), not in Đắk Lắk (nor old Phú Yên): "
                "it cannot be loaded.",
            )
        )
        return None
    if m.unit_id is None:
        hint = "; ".join(m.suggestions)
        several_vi, several_en = " (trùng tên; ghi thêm huyện)", " (several match; add the district)"
        out.append(
            ImportProblem(
                o.file,
                o.sheet,
                o.row,
                header,
                text,
                "Không xác định được địa bàn"
                + (several_vi if m.ambiguous else "")
                + (f". Gợi ý: {hint}" if hint else ". Cần dạng “Xã Ea Tân, Huyện Krông Năng”."),
                "Unknown locality"
                + (several_en if m.ambiguous else "")
                + (f". Suggestions: {hint}" if hint else ". Expected e.g. “Xã Ea Tân, Huyện Krông Năng”."),
            )
        )
        return None
    if m.district_only:
        out.append(
            ImportProblem(
                o.file,
                o.sheet,
                o.row,
                header,
                text,
                "Chỉ có huyện, chưa rõ xã: đã ghi theo huyện (trong dạng xem theo xã hiện nay sẽ hiện là “chưa rõ xã”).",
                "Only the district is given: recorded by district (the communes view shows it as "
                "“district known, commune unknown”).",
                "warning",
            )
        )
    return m.unit_id


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
    if p.column in o.columns:
        column, value = o.columns[p.column], None if p.column in GENERATED else p.value
    else:  # a value the importer made (a generated id), not a cell the officer typed: name the row
        column, value = WHOLE_ROW, None
    return ImportProblem(o.file, o.sheet, o.row, column, value, p.message_vi, p.message_en, p.severity, p.rule)


# ---- preview -------------------------------------------------------------------------


def _keyed_rows(name: str, frame: pd.DataFrame) -> dict[tuple, tuple]:
    """A table's rows as typed values by primary key (arrow types, as stored)."""
    t = schema.table(name)
    key = list(t.primary_key)
    rest = [c for c in t.column_names if c not in key]
    return {tuple(r[k] for k in key): tuple(r[c] for c in rest) for r in to_arrow(name, frame).to_pylist()}


CHANGED_ROWS_SHOWN = 200


def changed_rows(
    before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame], limit: int = CHANGED_ROWS_SHOWN
) -> pd.DataFrame:
    """Which rows an import adds, removes or changes, and in a changed row each cell that
    changes (old → new), compared as :func:`diff_tables` compares: so that an officer who
    corrected one score sees that score, not only "1 changed".  An entry's key carries its
    product's name.  At most ``limit`` lines; ``attrs["omitted"]`` says how many more.

    Columns: table; key (text); change ('added' | 'removed' | 'changed'); column (the
    contract's name, blank for a whole row); before; after (values as text)."""
    return compare_tables(before, after, limit)[1]


def diff_tables(before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Rows added, changed and removed per table, by primary key.

    Rows are compared as the contract's typed values (through arrow, as they will be
    stored), never as pandas text: 2012 and 2012.0, or a column that gained a blank,
    are the same value and not a change.
    """
    return compare_tables(before, after, 0)[0]


def compare_tables(
    before: dict[str, pd.DataFrame], after: dict[str, pd.DataFrame], limit: int = CHANGED_ROWS_SHOWN
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`diff_tables` and :func:`changed_rows` in one pass over the tables (each is
    read through arrow once: at scale, that is most of the work)."""
    names: dict[str, str] = {}
    product_of: dict[str, str] = {}

    def key_text(name: str, key: tuple) -> str:
        text = " | ".join(str(k) for k in key)
        if name not in ("entries", "entry_scores"):
            return text
        if not product_of:  # built on the first entry shown (whole tables: not for the counts alone)
            for products in (before["products"], after["products"]):
                names.update(zip(products["product_id"], products["name"], strict=True))
            for entries in (before["entries"], after["entries"]):
                product_of.update(zip(entries["entry_id"], entries["product_id"], strict=True))
        product = names.get(product_of.get(key[0]))
        return f"{text} · {product}" if product else text

    def shown(value: object) -> str:
        if value is None or (isinstance(value, float) and pd.isna(value)):
            return ""
        if isinstance(value, float) and value.is_integer():
            return str(int(value))
        return str(value)

    counts: list[dict] = []
    lines: list[dict] = []
    total = 0

    def line(name: str, key: tuple, change: str, column: str = "", old: object = None, new: object = None) -> None:
        nonlocal total
        total += 1
        if len(lines) < limit:
            lines.append(
                {
                    "table": name,
                    "key": key_text(name, key),
                    "change": change,
                    "column": column,
                    "before": shown(old),
                    "after": shown(new),
                }
            )

    for name in schema.TABLE_NAMES:
        a, b = _keyed_rows(name, before[name]), _keyed_rows(name, after[name])
        added, removed = sorted(b.keys() - a.keys(), key=str), sorted(a.keys() - b.keys(), key=str)
        changed = sorted((k for k in a.keys() & b.keys() if a[k] != b[k]), key=str)
        if not (added or removed or changed):
            continue
        counts.append({"table": name, "added": len(added), "changed": len(changed), "removed": len(removed)})
        if not limit:
            continue
        t = schema.table(name)
        rest = [c for c in t.column_names if c not in t.primary_key]
        for k in added:
            line(name, k, "added")
        for k in removed:
            line(name, k, "removed")
        for k in changed:
            for col, old, new in zip(rest, a[k], b[k], strict=True):
                if old != new:
                    line(name, k, "changed", col, old, new)
    detail = pd.DataFrame(lines, columns=["table", "key", "change", "column", "before", "after"])
    detail.attrs["omitted"] = max(0, total - len(lines))
    return pd.DataFrame(counts, columns=["table", "added", "changed", "removed"]), detail
