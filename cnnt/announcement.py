"""Read announcement lists of certified products as the provincial press publishes them.

Officers do not retype these lists into our template: they load the sheet the
Department published ("DANH SÁCH SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU CẤP
TỈNH NĂM 2023", a "Kèm theo Quyết định số …" line, a header somewhere in the
first rows, group section rows, vertically merged establishment cells, a totals
row and a signature block).  This module finds the header, names the columns,
keeps the data rows with their Excel row numbers and says why every other row
was skipped, so that the importer can report problems at the row the officer
sees.  It is pure Python over cell values (as openpyxl gives them with
``values_only=True``): no Streamlit, no database, no parsing of numbers or
dates, which the importer does with its own rules.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

# Field name -> header variants.  Matched after folding case, diacritics, punctuation and
# whitespace, so "Tên sản phẩm/bộ sản phẩm", "TÊN SẢN PHẨM (BỘ SẢN PHẨM)" and
# "Ten san pham\nbo san pham" are one variant.
FIELDS: dict[str, tuple[str, ...]] = {
    "stt": ("STT", "TT", "Số TT", "Số thứ tự", "No.", "No"),
    "product_name": (
        "Tên sản phẩm",
        "Sản phẩm",
        "Tên sản phẩm/bộ sản phẩm",
        "Tên SP",
        "Product",
        "Product name",
    ),
    "establishment_name": (
        "Tên cơ sở",
        "Cơ sở",
        "Chủ thể",
        "Đơn vị",
        "Tên chủ thể",
        "Cơ sở sản xuất",
        "Tên doanh nghiệp/cơ sở",
        "Đơn vị sản xuất",
        "Tên cơ sở sản xuất",
        "Establishment",
        "Establishment name",
    ),
    "address": ("Địa chỉ", "Địa chỉ cơ sở", "Address"),
    "commune": ("Xã", "Xã/phường", "Xã, phường, thị trấn", "Commune"),
    "district": ("Huyện", "Huyện/thị xã/thành phố", "Địa bàn", "Huyện, thị xã, thành phố", "District"),
    "group": ("Nhóm", "Nhóm sản phẩm", "Nhóm ngành", "Product group", "Group"),
    "legal_form": ("Loại hình", "Loại hình cơ sở", "Legal form"),
    "tax_code": ("Mã số thuế", "MST", "Tax code"),
    "score": (
        "Điểm",
        "Tổng điểm",
        "Điểm bình chọn",
        "Điểm đánh giá",
        "Điểm trung bình",
        "Điểm TB",
        "Score",
        "Total score",
    ),
    "result": ("Kết quả", "Xếp loại", "Công nhận", "Đạt/Không đạt", "Result"),
    "certificate_no": ("Số giấy chứng nhận", "Số GCN", "Certificate no"),
    "certificate_date": ("Ngày cấp", "Certificate date"),
    "note": ("Ghi chú", "Note", "Notes"),
}
# Fields a merged (vertically spanning) establishment cell covers; carried down to the rows below it.
CARRIED = ("establishment_name", "address", "commune", "district", "legal_form", "tax_code")
HEADER_SEARCH_ROWS = 30


def _norm(text: object) -> str:
    """Fold for comparison: lower case, no diacritics (đ → d), punctuation → space, spaces collapsed."""
    text = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _clean(value: object) -> object:
    """NFC, whitespace collapsed and stripped; blank → None; numbers and dates untouched."""
    if value is None:
        return None
    if isinstance(value, str):
        text = " ".join(unicodedata.normalize("NFC", value).split())
        return text or None
    return value


_VARIANTS: dict[str, str] = {_norm(v): f for f, variants in FIELDS.items() for v in variants}
_PREFIXES = sorted((v for v in _VARIANTS if " " in v), key=len, reverse=True)
# Headers that start like a field but are something else ("Đơn vị tính" is the unit of measure).
_NOT_FIELDS = ("don vi tinh", "dvt")


def _field_of(text: object) -> tuple[str, int] | None:
    """The field a header cell names, with a quality (0 exact … 2 prefix), or None."""
    if not isinstance(text, str) or not text.strip():
        return None
    full = _norm(text)
    if any(full == n or full.startswith(n + " ") for n in _NOT_FIELDS):
        return None
    bare = _norm(re.sub(r"\([^)]*\)", " ", text))
    for quality, candidate in enumerate((full, bare)):
        if candidate in _VARIANTS:
            return _VARIANTS[candidate], quality
    for candidate in (full, bare):
        if len(candidate.split()) > 8:
            continue  # a title line ("Kết quả bình chọn sản phẩm … năm 2021"), not a header
        for prefix in _PREFIXES:
            if candidate.startswith(prefix + " "):
                return _VARIANTS[prefix], 2
    return None


@dataclass
class ListRow:
    row: int  # the Excel row number the officer sees (1-based)
    values: dict[str, object]  # field name -> cell value (None when blank), for the fields the sheet has
    section_group: str | None  # text of the last section row above it, or None


@dataclass
class ListSheet:
    file: str
    sheet: str
    header_row: int  # 1-based; the upper row when the header spans two rows
    title: str  # all text above the header, to infer level, year and province
    columns: dict[str, str]  # field name -> header text as written
    rows: list[ListRow] = field(default_factory=list)
    # (row, reason): "total", "section", "blank", "repeat_header" (also the column-number row
    # under a header) or "note" (notes and the signature block after the data).
    skipped: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Header:
    index: int  # 0-based index of the upper header row
    depth: int  # 1 or 2 rows
    columns: dict[str, int]  # field -> column index
    texts: dict[str, str]  # field -> header text as written

    @property
    def ok(self) -> bool:
        c = self.columns
        return "product_name" in c and any(f in c for f in ("establishment_name", "stt", "score"))


def _cell(row: list, col: int) -> object:
    return row[col] if col < len(row) else None


def _nonempty(row: list) -> list[tuple[int, object]]:
    return [(i, v) for i, v in enumerate(row) if _clean(v) is not None]


def _assign(found: dict[int, tuple[str, int, str]]) -> tuple[dict[str, int], dict[str, str]]:
    """One column per field: the best-quality header, then the leftmost."""
    best: dict[str, tuple[int, int, str]] = {}
    for col in sorted(found):
        name, quality, text = found[col]
        if name not in best or quality < best[name][1]:
            best[name] = (col, quality, text)
    return {f: b[0] for f, b in best.items()}, {f: b[2] for f, b in best.items()}


def _single_header(rows: list[list], i: int) -> _Header:
    found = {}
    for col, value in enumerate(rows[i]):
        hit = _field_of(value)
        if hit:
            found[col] = (hit[0], hit[1], _clean(value))
    columns, texts = _assign(found)
    return _Header(i, 1, columns, texts)


def _strip_group_word(text: str) -> str:
    # "Thông tin sản phẩm" over "Tên" | "Nhóm" → "Tên sản phẩm", "Nhóm sản phẩm".
    return re.sub(r"^(thong tin( ve)?|thong tin chung)\s+", "", _norm(text))


def _double_header(rows: list[list], i: int) -> _Header | None:
    """A group header row (merged across its sub-columns) above a row of sub-headers."""
    if i + 1 >= len(rows):
        return None
    top, sub = rows[i], rows[i + 1]
    subs = _nonempty(sub)
    if len(_nonempty(top)) < 2 or len(subs) < 2 or any(not isinstance(v, str) or _is_column_number(v) for _, v in subs):
        return None
    width = max(len(top), len(sub))
    found: dict[int, tuple[str, int, str]] = {}
    matched_subs = 0
    group = None  # the merged group header spanning to the right
    for col in range(width):
        t, s = _clean(_cell(top, col)), _clean(_cell(sub, col))
        if isinstance(t, str):
            group = t
        elif t is not None:
            group = None
        if s is None:
            hit = _field_of(t) if isinstance(t, str) else None
            if hit:
                found[col] = (hit[0], hit[1], t)
            continue
        g = t if isinstance(t, str) else group
        tries = [s]
        if g:
            gw = _strip_group_word(g)
            tries += [f"{s} {gw}", f"{gw} {s}"]
        for attempt in tries:
            hit = _field_of(attempt)
            if hit:
                found[col] = (hit[0], hit[1], f"{g} / {s}" if g and attempt != s else s)
                matched_subs += 1
                break
    if matched_subs * 2 < len(subs):
        return None  # the row below is data, not sub-headers
    columns, texts = _assign(found)
    return _Header(i, 2, columns, texts)


def _find_header(rows: list[list]) -> _Header | None:
    for i in range(min(HEADER_SEARCH_ROWS, len(rows))):
        single = _single_header(rows, i)
        if not single.columns:
            continue
        double = _double_header(rows, i)
        if double and double.ok and len(double.columns) > len(single.columns):
            return double
        if single.ok:
            return single
        if double and double.ok:
            return double
    return None


_COLUMN_NUMBER = re.compile(r"^\(?\s*(\d{1,2}|[A-Za-z])\s*\)?$")


def _is_column_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return float(value).is_integer() and 0 <= value < 100
    return isinstance(value, str) and bool(_COLUMN_NUMBER.match(value.strip()))


def _column_number_value(value: object) -> int:
    if isinstance(value, int | float):
        return int(value)
    token = value.strip(" ()")
    return int(token) if token.isdigit() else ord(token.upper()) - ord("A") + 1


def _is_column_number_row(cells: list[tuple[int, object]]) -> bool:
    """ "(1) (2) (3)" or "1 2 3 4" or "A B C" under the header: consecutive, three or more."""
    if len(cells) < 3 or not all(_is_column_number(v) for _, v in cells):
        return False
    numbers = [_column_number_value(v) for _, v in cells]
    return all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    return isinstance(value, str) and bool(re.fullmatch(r"\d+[.)]?", value.strip()))


_TOTAL = re.compile(
    r"^(tong cong|tong so|tong|cong)(\s*$|\s+\d|\s+co\s+\d|\s+(so\s+)?(san pham|sp|co so)\b|\s+so\s+\d)"
)
_COUNT_ONLY = re.compile(r"^\d+\s+(san pham|sp|co so|bo san pham)\b")
_NOTE = re.compile(
    r"^(ghi chu|luu y|chu thich|nguoi lap|nguoi ky|nguoi duyet|kt|tm|q|giam doc|pho giam doc|chu tich"
    r"|pho chu tich|truong phong|pho truong phong|noi nhan|xac nhan|thu truong|ky ten|da ky|nguon|ke toan"
    r"|lanh dao)\b"
    r"|\bngay \d{1,2} thang \d{1,2} nam \d{4}\b"
)
_ROMAN = re.compile(r"^(i{1,3}|iv|v|vi{0,3}|ix|x)$", re.I)
_SECTION = re.compile(
    r"^((i{1,3}|iv|v|vi{1,3}|ix|x|[a-h]|\d{1,2})\s*[.):/-]\s*\S"
    r"|(nhom|nganh|linh vuc|huyen|thi xa|thanh pho|tp|khu vuc|dia ban|san pham cap|cap tinh|cap khu vuc"
    r"|cap quoc gia)\b)",
    re.I,
)


def _letters_upper(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 4 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _is_index(value: object) -> bool:
    """A section's number written in its own cell: "I", "II", "A", "B"."""
    return isinstance(value, str) and bool(
        _ROMAN.match(value.strip(" .")) or re.fullmatch(r"[A-Ha-h]\.?", value.strip())
    )


def _section_text(cells: list[tuple[int, object]]) -> str:
    texts = [str(_clean(v)) for _, v in cells]
    if len(texts) == 2 and _is_index(cells[0][1]) and not texts[0].endswith("."):
        return f"{texts[0]}. {texts[1]}"
    return " ".join(texts)


def read_list(file: str, sheet: str, rows: list[list]) -> ListSheet | None:
    """The header, data rows and skipped rows of one announcement-list sheet, or None.

    None means no row in the first 30 names a product column together with an
    establishment, STT or score column; the caller then reports "no
    recognisable columns" rather than guessing.
    """
    rows = [list(r) if r is not None else [] for r in rows]
    header = _find_header(rows)
    if header is None:
        return None
    title = " ".join(
        str(_clean(v)) for r in rows[: header.index] for v in r if isinstance(_clean(v), str | int | float)
    )
    title = " ".join(unicodedata.normalize("NFC", title).split())
    out = ListSheet(file, sheet, header.index + 1, title, dict(header.texts))
    header_norms = {_norm(v) for r in rows[header.index : header.index + header.depth] for v in r if isinstance(v, str)}
    header_norms.discard("")
    cols = header.columns
    first = header.index + header.depth
    last = max((i for i in range(first, len(rows)) if _nonempty(rows[i])), default=first - 1)

    # First pass: a kind per row.
    kinds: list[tuple[int, str, object]] = []  # (row index, kind, payload)
    note_mode = False
    after_header = True  # directly under the header (or a repeated header)
    for i in range(first, last + 1):
        row = rows[i]
        cells = _nonempty(row)
        stt = _clean(_cell(row, cols["stt"])) if "stt" in cols else None
        product = _clean(_cell(row, cols["product_name"]))
        has_stt = _is_number(stt)
        if not cells or (len(cells) == 1 and has_stt and cells[0][0] == cols.get("stt")):
            kinds.append((i, "blank", None))  # blank, or a pre-numbered row never filled in
            continue
        texts = [_norm(v) for _, v in cells if isinstance(v, str)]
        if len(cells) >= 2 and sum(t in header_norms for t in texts) >= max(2, 0.6 * len(cells)):
            kinds.append((i, "repeat_header", None))
            after_header = True
            continue
        if after_header and _is_column_number_row(cells):
            kinds.append((i, "repeat_header", None))
            after_header = False
            continue
        after_header = False
        if not has_stt and (
            any(_TOTAL.match(t) or _COUNT_ONLY.match(t) for t in texts[:2]) or (not texts and not product)
        ):
            kinds.append((i, "total", None))
            continue
        strong_data = has_stt and product is not None
        few = len(cells) <= 2 or (not has_stt and product is None)
        if not strong_data and few and any(_NOTE.search(t) for t in texts):
            note_mode = True
        if note_mode and not strong_data:
            kinds.append((i, "note", None))
            continue
        note_mode = False
        if len(cells) <= 2 and not has_stt and texts:
            in_product = any(c == cols["product_name"] for c, _ in cells)
            text = _section_text(cells)
            if (
                not in_product
                or (len(cells) == 2 and _is_index(cells[0][1]))
                or (len(cells) == 1 and (_SECTION.match(_norm(text)) or _letters_upper(text)))
            ):
                kinds.append((i, "section", text))
                continue
        kinds.append((i, "data", None))

    # Section-like rows with no data after them are the trailing notes and signature block.
    seen_data = False
    for n in range(len(kinds) - 1, -1, -1):
        i, kind, payload = kinds[n]
        if kind == "data":
            seen_data = True
        elif kind == "section" and not seen_data:
            kinds[n] = (i, "note", None)

    # Second pass: values, section groups, merged establishment cells.
    section: str | None = None
    previous: dict[str, object] | None = None  # values of the data row directly above
    for i, kind, payload in kinds:
        if kind != "data":
            if kind == "section":
                section = str(payload)
            out.skipped.append((i + 1, kind))
            previous = None
            continue
        values = {f: _clean(_cell(rows[i], c)) for f, c in cols.items()}
        if previous is not None and values.get("product_name") is not None and values.get("establishment_name") is None:
            for f in CARRIED:
                if f in values and values[f] is None:
                    values[f] = previous.get(f)
        out.rows.append(ListRow(i + 1, values, section))
        previous = values
    return out


# --- Round, legal form and group as lists write them ----------------------------------------------

_LEVELS = (
    ("provincial", r"\bcap tinh\b"),
    ("regional", r"\bcap khu vuc\b"),
    ("national", r"\bcap quoc gia\b|\bcap toan quoc\b"),
)
_DATE_YEAR = re.compile(
    r"\bngay\s+\d{1,2}\s+thang\s+\d{1,2}\s+nam\s+(\d{4})\b|\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*(\d{4})\b"
)


def _fold_keep(text: str) -> str:
    """Lower case without diacritics, punctuation kept (dates and document numbers need it)."""
    text = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text).replace("đ", "d").replace("Đ", "D"))
    return " ".join("".join(ch for ch in text if not unicodedata.combining(ch)).lower().split())


def infer_round(title: str) -> dict:
    """Level, year and programme owner named in a list's title, only those found.

    The year after "năm" wins over other years, but not the year of a date
    ("ngày 15 tháng 12 năm 2023" is when the decision was signed, which may be
    after the round's year) nor one inside a document number ("45/2012/NĐ-CP");
    those count only when nothing else gives a year.  When several levels are
    named ("… cấp tỉnh năm 2023 đề nghị bình chọn cấp khu vực") the first is
    the list's own.  The owner needs the year, because Đắk Lắk before and after
    the 1/7/2025 merger are different programme owners; a title naming both
    provinces names no single owner.
    """
    plain = _norm(title or "")
    out: dict = {}
    found = [(m.start(), level) for level, pattern in _LEVELS if (m := re.search(pattern, plain))]
    if found:
        out["level"] = min(found)[1]

    raw = _fold_keep(title or "")
    in_date = {m.start(1) if m.group(1) else m.start(2) for m in _DATE_YEAR.finditer(raw)}
    after_nam, standalone, dated = [], [], []
    for m in re.finditer(r"(?<!\d)(\d{4})(?!\d)", raw):
        year = int(m.group(1))
        if not 2000 <= year <= 2035:
            continue
        before, after = raw[: m.start()], raw[m.end() :]
        if m.start() in in_date:
            dated.append(year)
        elif re.search(r"/\s*$", before) or re.match(r"\s*/", after):
            continue  # a document number: 45/2012/NĐ-CP
        elif re.search(r"\bnam\s*:?\s*$", before):
            after_nam.append(year)
        else:
            standalone.append(year)
    years = after_nam or standalone or dated
    if years:
        out["year"] = years[0]

    phu_yen = bool(re.search(r"\bphu yen\b", plain))
    dak_lak = bool(re.search(r"\b(dak|dac) ?(lak|lac)\b", plain))
    if phu_yen and not dak_lak:
        out["owner"] = "phuyen_old"
    elif dak_lak and not phu_yen and "year" in out:
        out["owner"] = "daklak_old" if out["year"] < 2025 else "daklak"
    return out


_LEGAL_FORMS = (
    ("hop_tac_xa", r"\b(lien hiep htx|lien hiep hop tac xa|htx|hop tac xa|cooperative)\b"),
    ("to_hop_tac", r"\b(to hop tac|tht|cooperative group)\b"),
    (
        "doanh_nghiep",
        r"\b(cong ty|cty|ctcp|tnhh|dntn|doanh nghiep|company|enterprise|co ltd|ltd|jsc|corporation|corp)\b",
    ),
    ("ho_kinh_doanh", r"\b(ho kinh doanh|ho kd|hkd|ho gia dinh|ho san xuat|ho ca the|co so|cs|household)\b"),
)
_LEGAL_CODES = {code for code, _ in _LEGAL_FORMS}


def _legal_form_in(text: str) -> str | None:
    plain = _norm(text)
    if plain.replace(" ", "_") in _LEGAL_CODES:
        return plain.replace(" ", "_")
    hits = [(m.start(), code) for code, pattern in _LEGAL_FORMS if (m := re.search(pattern, plain))]
    # A legal entity named anywhere beats "cơ sở", which also names a workshop of a company
    # ("Cơ sở 2 - Công ty TNHH …"); among entities the one named first is the establishment.
    strong = [h for h in hits if h[1] != "ho_kinh_doanh"]
    return min(strong or hits)[1] if hits else None


def parse_legal_form(text: str | None, establishment_name: str | None) -> tuple[str | None, bool]:
    """(legal form code, guessed) from a legal-form cell or the establishment's name.

    The cell wins over the name.  A name that says nothing (a person's name,
    as household businesses are listed) gives household business, flagged as
    a guess so the importer can say so; with neither a cell nor a name there is
    nothing to guess from.
    """
    for source in (text, establishment_name):
        if isinstance(source, str) and source.strip():
            code = _legal_form_in(source)
            if code:
                return code, False
    if isinstance(establishment_name, str) and establishment_name.strip():
        return "ho_kinh_doanh", True
    return None, False


# Abbreviations and usual short names, keyed by a phrase of the group's official name, so that
# they follow the group whatever code the reference table gives it.
_GROUP_SYNONYMS = {
    "thu cong my nghe": ("tcmn", "thu cong my nghe", "thu cong", "my nghe"),
    "che bien": (
        "che bien",
        "cb",
        "nong lam thuy san",
        "nong san",
        "thuy san",
        "thuc pham",
        "cbnlts",
        "nlts",
        "cb nlts",
    ),
    "co khi": ("co khi", "may moc", "thiet bi", "dung cu", "phu tung", "tb may moc", "tbmm"),
    "san pham khac": ("san pham khac", "khac", "spk"),
}
_GENERIC = {"san pham", "nhom", "va", "cac", "loai", "bo"}
_ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _group_keywords(name: str) -> set[str]:
    """Two-syllable words of a group's official name (Vietnamese compounds) and its usual short forms."""
    words = set()
    for phrase in re.split(r",|\s+và\s+|\s+va\s+", unicodedata.normalize("NFC", name)):
        tokens = _norm(phrase).split()
        words |= {f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)} - _GENERIC
    plain = _norm(name)
    for key, synonyms in _GROUP_SYNONYMS.items():
        if key in plain:
            words |= set(synonyms)
    return words


def parse_group(text: str | None, groups: list[tuple[str, str]]) -> str | None:
    """The product-group code a cell or section row names, or None.

    Group words win over numbers: in "I. NHÓM SẢN PHẨM THỦ CÔNG MỸ NGHỆ" the
    "I." numbers the section, and the section order need not follow the
    official group order.  A number (arabic or roman I–IV) is read as the group
    number only when it is all the text says ("2", "Nhóm II", "II. Nhóm sản
    phẩm").
    """
    if text is None:
        return None
    plain = _norm(str(text))
    if not plain:
        return None
    codes = {_norm(code): code for code, _ in groups}
    bare = re.sub(r"^(nhom( san pham)?|group)\s+", "", plain)
    if plain in codes or bare in codes:
        return codes.get(plain) or codes[bare]

    padded = f" {plain} "
    scores: dict[str, int] = {}
    for code, name in groups:
        score = sum(len(k.split()) for k in _group_keywords(name) if f" {k} " in padded)
        if score:
            scores[code] = score
    if scores:
        top = max(scores.values())
        best = [c for c, s in scores.items() if s == top]
        return best[0] if len(best) == 1 else None

    m = re.fullmatch(
        r"(?:nhom(?: san pham)?\s+|group\s+)?(\d{1,2}|i{1,3}|iv)(?:\s+(?:nhom(?: san pham)?|san pham))?", plain
    )
    if not m:
        m = re.search(r"\bnhom\s+(\d{1,2}|i{1,3}|iv)\b", plain)
    if not m:
        return None
    token = m.group(1)
    number = int(token) if token.isdigit() else _ROMAN_VALUES[token]
    for code, _ in groups:
        digits = re.sub(r"\D", "", code)
        if digits and int(digits) == number:
            return code
    return groups[number - 1][0] if 1 <= number <= len(groups) else None
