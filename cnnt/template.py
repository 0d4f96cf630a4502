"""The data officer's Excel template, generated from the schema.

Each sheet holds one kind of record with a Vietnamese header row and an English
one below it; data start on row 3.  Drop-down lists (levels, product groups,
legal forms, localities, yes/no) come from a hidden list sheet.  The sheet
specs here are the single place that maps a workbook to the contract's tables,
so the template, the importer and the schema cannot drift apart.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from cnnt import schema
from cnnt.i18n import t

HEADER_ROWS = 2  # Vietnamese, then English
FIRST_DATA_ROW = HEADER_ROWS + 1
MAX_ROWS = 5000


@dataclass(frozen=True)
class Field:
    name: str  # column of the contract table (or a helper such as c1 or locality)
    vi: str
    en: str
    kind: str  # text | int | number | date | bool | choice
    required: bool = False
    choices: str | None = None  # name of a drop-down list
    blank: object = None  # what a blank cell means (None: unknown; "Bộ sản phẩm" blank: not a set)


@dataclass(frozen=True)
class Sheet:
    table: str
    vi: str
    en: str
    fields: tuple[Field, ...]

    @property
    def names(self) -> set[str]:
        return {self.vi, self.en, self.table}


F = Field
SHEETS: tuple[Sheet, ...] = (
    Sheet(
        "rounds",
        "Kỳ bình chọn",
        "Rounds",
        (
            F("round_id", "Mã kỳ", "Round id", "text", True),
            F(
                "owner_code",
                "Đơn vị chủ trì (trống: Đắk Lắk)",
                "Programme owner (blank: Đắk Lắk)",
                "choice",
                False,
                "owners",
            ),
            F("level", "Cấp", "Level", "choice", True, "levels"),
            F("year", "Năm", "Year", "int", True),
            F("region", "Khu vực", "Region", "text"),
            F("regulation_code", "Quy định áp dụng", "Regulation", "choice", True, "regulations"),
            F("pass_threshold", "Điểm đạt tối thiểu", "Pass threshold", "number", True),
            F("decision_no", "Số quyết định", "Decision no.", "text"),
            F("decision_date", "Ngày quyết định (dd/mm/yyyy)", "Decision date (dd/mm/yyyy)", "date"),
        ),
    ),
    Sheet(
        "establishments",
        "Cơ sở",
        "Establishments",
        (
            F("establishment_id", "Mã cơ sở (mã số thuế nếu có)", "Establishment id (tax code if any)", "text", True),
            F("tax_code", "Mã số thuế", "Tax code", "text"),
            F("name", "Tên cơ sở", "Name", "text", True),
            F("legal_form", "Loại hình", "Legal form", "choice", True, "legal_forms"),
            F("locality", "Địa bàn (xã, huyện)", "Locality (commune, district)", "text", True),
            F("address", "Địa chỉ", "Address", "text"),
            F("year_founded", "Năm thành lập", "Year founded", "int"),
        ),
    ),
    Sheet(
        "products",
        "Sản phẩm",
        "Products",
        (
            F("product_id", "Mã sản phẩm", "Product id", "text", True),
            F("establishment_id", "Mã cơ sở", "Establishment id", "text", True),
            F("name", "Tên sản phẩm", "Product name", "text", True),
            F("group_code", "Nhóm sản phẩm", "Product group", "choice", True, "groups"),
            F("is_set", "Bộ sản phẩm (Có/Không)", "Product set (Yes/No)", "bool", blank=False),
        ),
    ),
    Sheet(
        "entries",
        "Kết quả bình chọn",
        "Results",
        (
            F("entry_id", "Mã bài dự thi (để trống: tự sinh)", "Entry id (blank: generated)", "text"),
            F("round_id", "Mã kỳ", "Round id", "text", True),
            F("product_id", "Mã sản phẩm", "Product id", "text", True),
            F("C1", "Điểm tiêu chí 1 (tối đa 40)", "Criteria 1 points (max 40)", "number"),
            F("C2", "Điểm tiêu chí 2 (tối đa 40)", "Criteria 2 points (max 40)", "number"),
            F("C3", "Điểm tiêu chí 3 (tối đa 10)", "Criteria 3 points (max 10)", "number"),
            F("C4", "Điểm tiêu chí 4 (tối đa 10)", "Criteria 4 points (max 10)", "number"),
            F("total_score", "Tổng điểm (để trống: tự cộng)", "Total (blank: summed)", "number"),
            F("certified", "Được công nhận (Có/Không)", "Certified (Yes/No)", "bool", True, "yes_no"),
            F("certificate_no", "Số giấy chứng nhận", "Certificate no.", "text"),
            F("certificate_date", "Ngày cấp (dd/mm/yyyy)", "Issued (dd/mm/yyyy)", "date"),
            F("qualified_by_entry_id", "Bài dự thi cấp dưới", "Qualifying entry below", "text"),
        ),
    ),
    Sheet(
        "financials",
        "Tài chính",
        "Financials",
        (
            F("establishment_id", "Mã cơ sở", "Establishment id", "text", True),
            F("year", "Năm", "Year", "int", True),
            F("revenue_vnd", "Doanh thu (đồng)", "Revenue (VND)", "number"),
            F("employees", "Số lao động", "Employees", "int"),
            F("avg_monthly_income_vnd", "Thu nhập bình quân/tháng (đồng)", "Average monthly income (VND)", "number"),
            F("source", "Nguồn", "Source", "choice", True, "financial_sources"),
        ),
    ),
    Sheet(
        "support",
        "Khuyến công",
        "Support",
        (
            F("grant_id", "Mã hỗ trợ", "Grant id", "text", True),
            F("establishment_id", "Mã cơ sở", "Establishment id", "text", True),
            F("year", "Năm", "Year", "int", True),
            F("programme", "Chương trình", "Programme", "choice", True, "programmes"),
            F("activity", "Nội dung", "Activity", "choice", True, "activities"),
            F("amount_vnd", "Số tiền (đồng)", "Amount (VND)", "number", True),
        ),
    ),
    Sheet(
        "published_figures",
        "Số liệu công bố",
        "Published figures",
        (
            F("figure_id", "Mã", "Id", "text", True),
            F(
                "owner_code",
                "Đơn vị chủ trì (trống: Đắk Lắk)",
                "Programme owner (blank: Đắk Lắk)",
                "choice",
                False,
                "owners",
            ),
            F("level", "Cấp", "Level", "choice", True, "levels"),
            F("year_from", "Từ năm", "From year", "int", True),
            F("year_to", "Đến năm", "To year", "int", True),
            F("period_vi", "Giai đoạn (như nguồn ghi)", "Period as stated", "text", True),
            F("metric", "Chỉ tiêu", "Metric", "choice", True, "metrics"),
            F("counting", "Cách đếm", "Counting", "choice", True, "counting"),
            F("value", "Giá trị", "Value", "int", True),
            F("source_title", "Nguồn", "Source", "text", True),
            F("source_url", "Địa chỉ nguồn", "Source URL", "text"),
            F("source_date", "Ngày công bố", "Published", "text"),
            F("note", "Ghi chú", "Note", "text"),
        ),
    ),
    Sheet(
        "plan_targets",
        "Chỉ tiêu kế hoạch",
        "Plan targets",
        (
            F("plan_period", "Giai đoạn kế hoạch (ví dụ 2021–2025)", "Plan period (e.g. 2021–2025)", "text", True),
            F("year_from", "Từ năm", "From year", "int", True),
            F("year_to", "Đến năm", "To year", "int", True),
            F("owner_code", "Đơn vị chủ trì", "Programme owner", "choice", True, "owners"),
            F("metric", "Chỉ tiêu", "Target", "choice", True, "target_metrics"),
            F("target", "Mức chỉ tiêu (tiền: đồng)", "Target value (money: VND)", "number", True),
            F("source", "Văn bản giao chỉ tiêu", "Plan or decision", "text"),
        ),
    ),
    Sheet(
        "peer_figures",
        "Số liệu tỉnh khác",
        "Other provinces",
        (
            F("figure_id", "Mã", "Id", "text", True),
            F("province", "Tỉnh", "Province", "text", True),
            F("level", "Cấp", "Level", "choice", True, "levels"),
            F("year_from", "Từ năm", "From year", "int", True),
            F("year_to", "Đến năm", "To year", "int", True),
            F("period_vi", "Giai đoạn (như nguồn ghi)", "Period as stated", "text", True),
            F("metric", "Chỉ tiêu", "Metric", "choice", True, "metrics"),
            F("counting", "Cách đếm", "Counting", "choice", True, "counting"),
            F("value", "Giá trị", "Value", "int", True),
            F("source_title", "Nguồn", "Source", "text", True),
            F("source_url", "Địa chỉ nguồn", "Source URL", "text"),
            F("source_date", "Ngày công bố", "Published", "text"),
            F("note", "Ghi chú", "Note", "text"),
        ),
    ),
)
SHEETS_BY_TABLE = {s.table: s for s in SHEETS}
CRITERIA_FIELDS = ("C1", "C2", "C3", "C4")

for _sheet in SHEETS:  # the specs must only name contract columns (or the helpers handled by the importer)
    _cols = set(schema.table(_sheet.table).column_names) | set(CRITERIA_FIELDS) | {"locality"}
    assert {f.name for f in _sheet.fields} <= _cols, _sheet.table


def choice_lists(lang: str = "vi", localities: list[str] | None = None) -> dict[str, list[tuple[str, str]]]:
    """Each drop-down list as (label shown, code stored)."""
    groups = [
        ("G1", "Thủ công mỹ nghệ"),
        ("G2", "Chế biến nông, lâm, thủy sản và thực phẩm"),
        ("G3", "Thiết bị, máy móc, dụng cụ và phụ tùng cơ khí"),
        ("G4", "Sản phẩm khác"),
    ]
    return {
        "levels": [(t(f"level.{v}", lang), v) for v in schema.LEVELS],
        "owners": [(t(f"owner.{v}", lang), v) for v in schema.OWNERS],
        "legal_forms": [(t(f"legal.{v}", lang), v) for v in schema.LEGAL_FORMS],
        "groups": [(f"{code} – {name}", code) for code, name in groups],
        "regulations": [("TT26/2014", "TT26/2014"), ("TT38/2025", "TT38/2025")],
        "programmes": [(t(f"programme.{v}", lang), v) for v in schema.SUPPORT_PROGRAMMES],
        "activities": [(t(f"activity.{v}", lang), v) for v in schema.SUPPORT_ACTIVITIES],
        "financial_sources": [(t(f"fin_source.{v}", lang), v) for v in schema.FINANCIAL_SOURCES],
        "metrics": [(t(f"metric.{v}", lang), v) for v in schema.METRICS],
        "counting": [(t(f"counting.{v}", lang), v) for v in schema.COUNTING_RULES],
        "target_metrics": [
            (t(f"target.metric.{v}", lang), v) for v in schema.table("plan_targets").column("metric").allowed
        ],
        "yes_no": [("Có", "true"), ("Không", "false")],
        "localities": [(n, n) for n in (localities or [])],
    }


INSTRUCTIONS_VI = [
    "HƯỚNG DẪN NHẬP DỮ LIỆU BÌNH CHỌN SẢN PHẨM CNNT TIÊU BIỂU",
    "1. Mỗi sheet là một loại thông tin; dòng 1 là tiêu đề tiếng Việt, dòng 2 tiếng Anh; nhập từ dòng 3.",
    "2. Chỉ cần điền các sheet có thay đổi; dòng có mã đã có sẽ cập nhật, mã mới sẽ được thêm.",
    "3. Ngày ghi dd/mm/yyyy (ví dụ 15/10/2025); số có thể ghi 1.234.567 hoặc 1.234.567,5.",
    "4. Địa bàn ghi tên xã và huyện, ví dụ “Xã Ea Tân, Huyện Krông Năng” (có hoặc không dấu, tên cũ hoặc mới đều được).",
    "5. Điểm theo từng nhóm tiêu chí; để trống tổng điểm thì hệ thống tự cộng. “Đạt điểm” do hệ thống tính; "
    "“Được công nhận” là quyết định của hội đồng.",
    "6. Sau khi tải lên, hệ thống liệt kê mọi lỗi (sheet, dòng, cột); sửa xong tải lại; xem trước thay đổi rồi mới công bố.",
]
INSTRUCTIONS_EN = [
    "HOW TO FILL IN THE CNNT RESULTS TEMPLATE",
    "1. One sheet per kind of record; row 1 has Vietnamese headers, row 2 English; data start on row 3.",
    "2. Fill only the sheets that change; a row with a known id updates it, a new id adds a row.",
    "3. Dates as dd/mm/yyyy; numbers as 1.234.567 or 1.234.567,5.",
    "4. Locality: commune and district, e.g. “Xã Ea Tân, Huyện Krông Năng” (with or without diacritics, old or new names).",
    "5. Points per criteria group; leave the total blank to have it summed. Eligibility is computed; "
    "“Certified” is the council's decision.",
    "6. After upload every problem is listed (sheet, row, column); fix, upload again, preview, then publish.",
]


def build_template(localities: list[str] | None = None, examples: dict[str, list[list]] | None = None) -> bytes:
    """The template workbook as bytes (instructions, one sheet per table, hidden lists)."""
    wb = Workbook()
    guide = wb.active
    guide.title = "Hướng dẫn"
    for i, (vi, en) in enumerate(zip(INSTRUCTIONS_VI, INSTRUCTIONS_EN, strict=True), start=1):
        guide.cell(row=i, column=1, value=vi).font = Font(bold=i == 1)
        guide.cell(row=i + len(INSTRUCTIONS_VI) + 1, column=1, value=en).font = Font(bold=i == 1)
    guide.column_dimensions["A"].width = 130

    lists = wb.create_sheet("Danh mục")
    ranges: dict[str, str] = {}
    for col, (name, items) in enumerate(choice_lists("vi", localities).items(), start=1):
        letter = lists.cell(row=1, column=col).column_letter
        lists.cell(row=1, column=col, value=name)
        for r, (label, _code) in enumerate(items, start=2):
            lists.cell(row=r, column=col, value=label)
        ranges[name] = f"'Danh mục'!${letter}$2:${letter}${max(2, len(items) + 1)}"
    lists.sheet_state = "hidden"

    head_fill = PatternFill("solid", fgColor="DCE9F2")
    for sheet in SHEETS:
        ws = wb.create_sheet(sheet.vi)
        for c, field in enumerate(sheet.fields, start=1):
            vi = ws.cell(row=1, column=c, value=field.vi + (" *" if field.required else ""))
            en = ws.cell(row=2, column=c, value=field.en)
            vi.font, vi.fill = Font(bold=True), head_fill
            en.font, en.fill = Font(italic=True, color="555555"), head_fill
            vi.alignment = en.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[vi.column_letter].width = max(14, min(40, len(field.vi) + 4))
            list_name = field.choices or ("localities" if field.name == "locality" and localities else None)
            if list_name and ranges.get(list_name):
                dv = DataValidation(
                    type="list",
                    formula1=ranges[list_name],
                    allow_blank=not field.required,
                    showErrorMessage=list_name != "localities",
                )
                dv.add(f"{vi.column_letter}{FIRST_DATA_ROW}:{vi.column_letter}{MAX_ROWS}")
                ws.add_data_validation(dv)
        ws.freeze_panes = ws.cell(row=FIRST_DATA_ROW, column=1)
        for r, row in enumerate((examples or {}).get(sheet.table, []), start=FIRST_DATA_ROW):
            for c, value in enumerate(row, start=1):
                ws.cell(row=r, column=c, value=value)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def template_columns() -> pd.DataFrame:
    """Every sheet column with its contract column, for the docs and tests."""
    return pd.DataFrame(
        [
            {
                "sheet": s.vi,
                "table": s.table,
                "column": f.name,
                "vi": f.vi,
                "en": f.en,
                "kind": f.kind,
                "required": f.required,
            }
            for s in SHEETS
            for f in s.fields
        ]
    )
