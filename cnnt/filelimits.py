"""Limits on what an uploaded file expands to, checked before it is read fully.

An .xlsx file is a zip archive of XML parts, and the size of the upload says
little about the memory needed to read it: a 1.6 KB workbook whose sheet
declares the range ``A1:XFD1048576`` made openpyxl (read-only mode pads every
row to the declared width) take the server from 0.4 to 2.9 GB, and a deflated
part can expand a thousandfold.  A CSV of 600,000 rows took a gigabyte once
split into Python lists.  The functions here look only at the zip directory,
at small bounded prefixes of parts, and at byte counts, so they cost almost no
memory whatever the file declares; the importer runs them first and reads the
file only when they find no problem.

Sizes read from the zip directory can be trusted as upper bounds: Python's
``zipfile`` (which openpyxl reads through) stops a part at its declared size
and fails the CRC check if the data go on, so a part cannot expand beyond
what the directory says.  A worksheet's ``<dimension>`` can be absent or lie,
so the reader must still stop at ``max_rows`` rows and ``max_columns`` columns
itself; this check only turns the common case into a clear message early.
"""

from __future__ import annotations

import csv
import html
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from cnnt import fmt

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    max_file_bytes: int = 20 * MB  # upload size (the same number must be shown to the user)
    max_rows: int = 20_000  # data rows per sheet, the same for CSV and Excel
    max_columns: int = 200
    max_cell_chars: int = 2_000
    max_header_chars: int = 200
    max_part_bytes: int = 50 * MB  # uncompressed size of any one zip part of an xlsx
    max_total_uncompressed: int = 150 * MB
    max_shared_strings_bytes: int = 30 * MB
    max_compression_ratio: int = 200  # per part, uncompressed/compressed, for parts > 1 MB
    max_sheets: int = 50
    max_parts: int = 10_000  # zip entries; zipfile builds an object per entry before we can look


LIMITS = Limits()


@dataclass(frozen=True)
class FileProblem:
    message_vi: str
    message_en: str
    sheet: str | None = None


# Title and header rows above the data that a sheet or CSV may have on top of max_rows.
HEADER_ALLOWANCE = 50
# Parts smaller than this are not held to the compression ratio: tiny XML compresses very well.
RATIO_MIN_BYTES = 1 * MB
# How much of a worksheet part is read to find <dimension>, which comes before the data.
SHEET_PREFIX_BYTES = 64 * 1024
# The workbook and relationship parts are read whole to name the sheets; real ones are a few KB.
MAX_INDEX_PART_BYTES = 5 * MB
# Per-part problems listed before the rest are summarised in one line.
MAX_LISTED = 10

_BROKEN_VI = "Không mở được tệp Excel (tệp hỏng hoặc không phải .xlsx)."
_BROKEN_EN = "The Excel file cannot be opened (broken or not .xlsx)."
_FIX_RANGE_VI = "Hãy xoá các dòng/cột trống thừa ở cuối sheet (hoặc chép dữ liệu sang một sheet mới) rồi lưu lại."
_FIX_RANGE_EN = (
    "Delete the unused rows/columns at the end of the sheet (or copy the data to a new sheet) and save again."
)

_TAG_SHEET = re.compile(rb"<(?:[\w.-]+:)?sheet\b([^>]*)>")
_TAG_REL = re.compile(rb"<(?:[\w.-]+:)?Relationship\b([^>]*)>")
_ATTR = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_DIMENSION = re.compile(rb"""<(?:[\w.-]+:)?dimension\b[^>]*?\bref\s*=\s*["']([^"']*)["']""")
_CELL = re.compile(r"\$?([A-Za-z]{1,3})\$?(\d{1,7})")


def human_bytes(n: int, lang: str) -> str:
    """A size as officers read it: '20 MB', '1,5 MB' (vi) / '1.5 MB' (en), '512 B'."""
    units = ("B", "KB", "MB", "GB", "TB")
    value, unit = float(n), 0
    while value >= 1024 and unit < len(units) - 1:
        value /= 1024
        unit += 1
    decimals = 0 if unit == 0 or value >= 100 or round(value, 1) == int(round(value, 1)) else 1
    return f"{fmt.number(value, lang, decimals)} {units[unit]}"


def _n(x: int, lang: str) -> str:
    return fmt.number(x, lang)


def _too_large(data: bytes, limits: Limits) -> FileProblem | None:
    if len(data) <= limits.max_file_bytes:
        return None
    return FileProblem(
        f"Tệp quá lớn ({human_bytes(len(data), 'vi')}; tối đa {human_bytes(limits.max_file_bytes, 'vi')}).",
        f"File too large ({human_bytes(len(data), 'en')}; at most {human_bytes(limits.max_file_bytes, 'en')}).",
    )


# ---- xlsx ---------------------------------------------------------------------------


def _attrs(raw: bytes) -> dict[str, str]:
    """Attributes of one XML start tag; a prefixed name keeps its prefix (``r:id``)."""
    out = {}
    for key, dq, sq in _ATTR.findall(raw):
        value = dq if dq or not sq else sq
        out[key.decode("ascii", "replace")] = html.unescape(value.decode("utf-8", "replace"))
    return out


def _read_small(zf: zipfile.ZipFile, name: str) -> bytes | None:
    """A part read whole only when its declared size is small; None when absent or too big."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_INDEX_PART_BYTES:
        return None
    with zf.open(info) as f:
        return f.read(MAX_INDEX_PART_BYTES + 1)


def _read_prefix(zf: zipfile.ZipFile, info: zipfile.ZipInfo, n: int) -> bytes:
    """The first ``n`` bytes of a part, decompressing only as much as needed."""
    with zf.open(info) as f:
        head = f.read(n)
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 XML: make it searchable as bytes
        head = head[: len(head) // 2 * 2].decode("utf-16", "ignore").encode("utf-8")
    return head


def _relationships(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """rId → (type, target part name) for ``part``'s .rels file."""
    folder, base = posixpath.split(part)
    raw = _read_small(zf, posixpath.join(folder, "_rels", base + ".rels"))
    rels = {}
    for tag in _TAG_REL.findall(raw or b""):
        a = _attrs(tag)
        target = a.get("Target", "")
        if a.get("TargetMode") == "External" or not target:
            continue
        name = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        rels[a.get("Id", "")] = (a.get("Type", ""), name)
    return rels


def _workbook_part(zf: zipfile.ZipFile) -> str:
    for rel_type, name in _relationships(zf, "").values():
        if rel_type.endswith("/officeDocument"):
            return name
    return "xl/workbook.xml"


def _sheets(zf: zipfile.ZipFile, workbook: bytes, workbook_part: str) -> list[tuple[str, str | None, str]]:
    """(sheet name, worksheet part or None, relationship type) in workbook order."""
    rels = _relationships(zf, workbook_part)
    out = []
    for tag in _TAG_SHEET.findall(workbook):
        a = _attrs(tag)
        rid = next((v for k, v in a.items() if k == "id" or k.endswith(":id")), "")
        rel_type, part = rels.get(rid, ("", None))
        out.append((a.get("name", "?"), part, rel_type))
    return out


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters.upper():
        n = n * 26 + ord(ch) - ord("A") + 1
    return n


def _dimension(head: bytes) -> tuple[str, int, int] | None:
    """(ref, last row, last column) of a worksheet's declared <dimension>, if it has one."""
    m = _DIMENSION.search(head)
    if not m:
        return None
    ref = m.group(1).decode("ascii", "replace")
    cells = _CELL.findall(ref)
    if not cells:
        return None
    return ref, max(int(r) for _, r in cells), max(_column_number(c) for c, _ in cells)


def _part_label(name: str, sheet: str | None) -> str:
    return name if sheet is None else f"{name}, sheet “{sheet}”"


def inspect_xlsx(data: bytes, limits: Limits = LIMITS) -> list[FileProblem]:
    """Problems that make an .xlsx unsafe to open, found from its zip directory and part prefixes.

    Never raises on bad bytes and never uses openpyxl: it reads the zip central
    directory, the small workbook/relationship parts and at most
    ``SHEET_PREFIX_BYTES`` of each worksheet, so its memory does not depend on
    what the file declares.  An empty list means the importer may open it.
    """
    big = _too_large(data, limits)
    if big:
        return [big]
    # ZipFile() builds a ZipInfo for every central-directory entry before we can count them;
    # counting the entry signatures first keeps a file of 300,000 empty entries cheap to refuse.
    if data.count(b"PK\x01\x02") > limits.max_parts:
        return [
            FileProblem(
                f"Tệp Excel có quá nhiều phần bên trong (tối đa {_n(limits.max_parts, 'vi')}); tệp có thể bị làm giả.",
                f"The Excel file has too many internal parts (at most {_n(limits.max_parts, 'en')}); it may be forged.",
            )
        ]
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except Exception:  # noqa: BLE001 - any failure to parse untrusted bytes means "cannot open"
        return [FileProblem(_BROKEN_VI, _BROKEN_EN)]
    with zf:
        try:
            return _inspect_zip(zf, limits)
        except Exception:  # noqa: BLE001 - bad CRC, bad deflate data, encrypted part...
            return [FileProblem(_BROKEN_VI, _BROKEN_EN)]


def _inspect_zip(zf: zipfile.ZipFile, limits: Limits) -> list[FileProblem]:
    infos = zf.infolist()
    if len(infos) > limits.max_parts:
        return [
            FileProblem(
                f"Tệp Excel có quá nhiều phần bên trong (tối đa {_n(limits.max_parts, 'vi')}).",
                f"The Excel file has too many internal parts (at most {_n(limits.max_parts, 'en')}).",
            )
        ]
    problems: list[FileProblem] = []

    names = {i.filename: i for i in infos}
    workbook_part = _workbook_part(zf)
    if workbook_part not in names:
        return [
            FileProblem(
                "Tệp không phải sổ tính Excel (.xlsx): thiếu phần mô tả các sheet.",
                "The file is not an Excel workbook (.xlsx): the part listing its sheets is missing.",
            )
        ]
    workbook = _read_small(zf, workbook_part)
    if workbook is None:
        problems.append(
            FileProblem(
                f"Phần mô tả sheet của tệp Excel lớn bất thường (tối đa {human_bytes(MAX_INDEX_PART_BYTES, 'vi')}).",
                f"The Excel file's sheet list is abnormally large (at most {human_bytes(MAX_INDEX_PART_BYTES, 'en')}).",
            )
        )
        workbook = b""
    sheets = _sheets(zf, workbook, workbook_part)
    sheet_of = {part: name for name, part, _ in sheets if part}

    # Declared sizes: every part, the ratio of big parts, the total, and shared strings.
    part_problems: list[FileProblem] = []
    total = 0
    for info in infos:
        total += info.file_size
        sheet = sheet_of.get(info.filename)
        label = _part_label(info.filename, sheet)
        if info.file_size > limits.max_part_bytes:
            part_problems.append(
                FileProblem(
                    f"Một phần của tệp Excel ({label}) giải nén ra {human_bytes(info.file_size, 'vi')}, "
                    f"vượt giới hạn {human_bytes(limits.max_part_bytes, 'vi')}.",
                    f"A part of the Excel file ({label}) expands to {human_bytes(info.file_size, 'en')}, "
                    f"over the limit of {human_bytes(limits.max_part_bytes, 'en')}.",
                    sheet,
                )
            )
        if info.file_size > RATIO_MIN_BYTES:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_compression_ratio:
                part_problems.append(
                    FileProblem(
                        f"Một phần của tệp Excel ({label}) nén với tỷ lệ {_n(round(ratio), 'vi')}:1, bất thường "
                        f"(tối đa {_n(limits.max_compression_ratio, 'vi')}:1); tệp có thể bị làm giả.",
                        f"A part of the Excel file ({label}) is compressed {_n(round(ratio), 'en')}:1, "
                        f"which is abnormal (at most {_n(limits.max_compression_ratio, 'en')}:1); it may be forged.",
                        sheet,
                    )
                )
        if posixpath.basename(info.filename).lower() == "sharedstrings.xml" and (
            info.file_size > limits.max_shared_strings_bytes
        ):
            part_problems.append(
                FileProblem(
                    f"Phần chữ dùng chung của tệp Excel ({info.filename}) giải nén ra "
                    f"{human_bytes(info.file_size, 'vi')}, vượt giới hạn "
                    f"{human_bytes(limits.max_shared_strings_bytes, 'vi')}.",
                    f"The Excel file's shared text ({info.filename}) expands to {human_bytes(info.file_size, 'en')}, "
                    f"over the limit of {human_bytes(limits.max_shared_strings_bytes, 'en')}.",
                )
            )
    problems += part_problems[:MAX_LISTED]
    if len(part_problems) > MAX_LISTED:
        more = len(part_problems) - MAX_LISTED
        problems.append(
            FileProblem(
                f"… và {_n(more, 'vi')} vấn đề tương tự khác về kích thước các phần của tệp.",
                f"… and {_n(more, 'en')} more problems of the same kind with the sizes of the file's parts.",
            )
        )
    if total > limits.max_total_uncompressed:
        problems.append(
            FileProblem(
                f"Tệp Excel giải nén ra tổng cộng {human_bytes(total, 'vi')}, "
                f"vượt giới hạn {human_bytes(limits.max_total_uncompressed, 'vi')}.",
                f"The Excel file expands to {human_bytes(total, 'en')} in total, "
                f"over the limit of {human_bytes(limits.max_total_uncompressed, 'en')}.",
            )
        )

    if len(sheets) > limits.max_sheets:
        problems.append(
            FileProblem(
                f"Tệp Excel có {_n(len(sheets), 'vi')} sheet (tối đa {_n(limits.max_sheets, 'vi')}).",
                f"The Excel file has {_n(len(sheets), 'en')} sheets (at most {_n(limits.max_sheets, 'en')}).",
            )
        )

    # Declared worksheet ranges.  When the workbook's relationships cannot be read, fall back to
    # the parts' usual place so a forged index cannot hide a worksheet from the check.
    worksheets = [(name, part) for name, part, kind in sheets if part and kind.endswith("/worksheet")]
    if not worksheets:
        worksheets = [
            (None, i.filename) for i in infos if re.fullmatch(r"xl/worksheets/[^/]+\.xml", i.filename, re.IGNORECASE)
        ]
    for name, part in worksheets[: limits.max_sheets]:
        info = names.get(part)
        if info is None:
            continue
        dim = _dimension(_read_prefix(zf, info, SHEET_PREFIX_BYTES))
        if dim is None:
            continue
        ref, rows, cols = dim
        if rows <= limits.max_rows + HEADER_ALLOWANCE and cols <= limits.max_columns:
            continue
        label = name if name is not None else part
        problems.append(
            FileProblem(
                f"Sheet “{label}” khai báo vùng dữ liệu {ref} ({_n(rows, 'vi')} dòng × {_n(cols, 'vi')} cột); "
                f"tối đa {_n(limits.max_rows, 'vi')} dòng và {_n(limits.max_columns, 'vi')} cột. {_FIX_RANGE_VI}",
                f"Sheet “{label}” declares the range {ref} ({_n(rows, 'en')} rows × {_n(cols, 'en')} columns); "
                f"at most {_n(limits.max_rows, 'en')} rows and {_n(limits.max_columns, 'en')} columns. {_FIX_RANGE_EN}",
                label,
            )
        )
    return problems


# ---- csv ----------------------------------------------------------------------------


def _records_over(data: bytes, limit: int) -> bool:
    """Whether the CSV holds more than ``limit`` records, reading one record at a time.

    Only called when the cheap line count is over the limit, because a quoted
    cell may span lines: this stops as soon as the limit is passed, so memory
    stays at one record.  A file the csv module cannot parse counts as over.
    """
    text = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", errors="replace", newline="")
    count = 0
    try:
        for record in csv.reader(text):
            if any(record) and not record[0].startswith("#"):  # the importer skips "#" rows too
                count += 1
                if count > limit:
                    return True
    except csv.Error:
        return True
    return False


def _longest_line(data: bytes) -> tuple[int, bytes]:
    """(length in bytes, the line) of the longest line, without splitting the file into a list."""
    longest, start, at = 0, 0, 0
    size = len(data)
    while start <= size:
        end = data.find(b"\n", start)
        if end < 0:
            end = size
        if end - start > longest:
            longest, at = end - start, start
        start = end + 1
    return longest, data[at : at + longest]


def _header_fields(data: bytes) -> int:
    """Columns in the first line that is not a ``#`` comment, split the way the importer will."""
    head = data[:65536].decode("utf-8-sig", "ignore")
    try:
        delimiter = csv.Sniffer().sniff(head[:4096], delimiters=",;\t").delimiter
    except csv.Error:
        delimiter = ","
    for line in head.splitlines():
        if line.strip() and not line.startswith("#"):
            try:
                return max((len(r) for r in csv.reader([line], delimiter=delimiter)), default=0)
            except csv.Error:
                return 0
    return 0


def inspect_csv(data: bytes, limits: Limits = LIMITS) -> list[FileProblem]:
    """Problems that make a CSV too big to read into memory, found by counting bytes.

    Lines are counted with ``bytes.count`` (no decoding, no list of rows); the
    exact record count is only taken, one record at a time, when that cheap
    count is over the limit, so a legitimate file with multi-line cells is not
    refused.  An empty list means the importer may read it.
    """
    big = _too_large(data, limits)
    if big:
        return [big]
    problems: list[FileProblem] = []
    lines = max(data.count(b"\n"), data.count(b"\r"))
    if data and not data.endswith((b"\n", b"\r")):
        lines += 1
    row_limit = limits.max_rows + HEADER_ALLOWANCE
    if lines > row_limit and _records_over(data, row_limit):
        problems.append(
            FileProblem(
                f"Tệp CSV có khoảng {_n(lines, 'vi')} dòng (tối đa {_n(limits.max_rows, 'vi')} dòng dữ liệu). "
                "Hãy chia thành nhiều tệp.",
                f"The CSV file has about {_n(lines, 'en')} lines (at most {_n(limits.max_rows, 'en')} data rows). "
                "Split it into several files.",
            )
        )
    line_limit = limits.max_columns * limits.max_cell_chars
    length, line = _longest_line(data)
    if length > line_limit and len(line.decode("utf-8", "replace")) > line_limit:
        problems.append(
            FileProblem(
                f"Tệp CSV có một dòng dài {human_bytes(length, 'vi')} (tối đa {_n(line_limit, 'vi')} ký tự một dòng).",
                f"The CSV file has a line of {human_bytes(length, 'en')} "
                f"(at most {_n(line_limit, 'en')} characters per line).",
            )
        )
    columns = _header_fields(data)
    if columns > limits.max_columns:
        problems.append(
            FileProblem(
                f"Tệp CSV có {_n(columns, 'vi')} cột (tối đa {_n(limits.max_columns, 'vi')}).",
                f"The CSV file has {_n(columns, 'en')} columns (at most {_n(limits.max_columns, 'en')}).",
            )
        )
    return problems
