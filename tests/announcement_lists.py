"""Announcement lists as the provincial press publishes them, built as workbooks for the
tests: merged title rows, a "Kèm theo Quyết định" line, STT, a row of column
numbers, section rows, a vertically merged establishment cell, totals and a
signature block, localities written the way lists write them."""

from __future__ import annotations

import io

from openpyxl import Workbook


def _book(sheet_title: str, title_rows: list[str], header: list[str], rows: list[list], tail: list[list]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = sheet_title
    width = len(header)
    r = 1
    for text in title_rows:
        ws.cell(row=r, column=1, value=text)
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        r += 1
    r += 1  # a blank line before the table
    for c, h in enumerate(header, start=1):
        ws.cell(row=r, column=c, value=h)
    r += 1
    for c in range(1, width + 1):
        ws.cell(row=r, column=c, value=f"({c})")
    r += 1
    merged_from = None
    for row in rows:
        if row == ["MERGE_ABOVE"]:
            merged_from = r - 1
            continue
        for c, v in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=v)
        if merged_from is not None:
            for col in (3, 4):  # establishment name and address merged down
                ws.merge_cells(start_row=merged_from, start_column=col, end_row=r, end_column=col)
            merged_from = None
        r += 1
    for row in tail:
        for c, v in enumerate(row, start=1):
            ws.cell(row=r, column=c, value=v)
        r += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


PY_HEADER = ["STT", "Tên sản phẩm", "Tên cơ sở", "Địa chỉ", "Nhóm sản phẩm", "Ghi chú"]
PY_ROWS = [
    ["I. NHÓM CHẾ BIẾN NÔNG, LÂM, THỦY SẢN VÀ THỰC PHẨM"],
    [1, "Nước mắm cá cơm truyền thống", "Cơ sở chế biến nước mắm Tư Thành", "P.9, TP Tuy Hòa", None, None],
    ["MERGE_ABOVE"],  # the establishment's cells span its two products
    [2, "Cá ngừ đại dương một nắng", None, None, None, None],
    [3, "Nem chua Hòa Đa", "Hộ KD Lê Thị Hoa", "Xã An Mỹ, huyện Tuy An", None, None],
    [4, "Trà sen Đồng Xuân", "HTX Nông nghiệp Xuân Sơn", "Huyện Đồng Xuân", None, "Chỉ ghi huyện"],
    ["II. NHÓM THỦ CÔNG MỸ NGHỆ"],
    [5, "Chiếu cói Phú Hòa", "Tổ hợp tác dệt chiếu Phú Hòa", "huyện Phú Hòa, tỉnh Phú Yên", None, None],
]
PY_TAIL = [
    [None, "Tổng cộng: 5 sản phẩm"],
    [],
    [None, None, None, None, "KT. CHỦ TỊCH"],
    [None, None, None, None, "PHÓ CHỦ TỊCH"],
]
PY_TITLE = [
    "UBND TỈNH PHÚ YÊN",
    "DANH SÁCH SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU CẤP TỈNH NĂM 2023",
    "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 06/10/2023 của UBND tỉnh Phú Yên)",
]


def phu_yen_provincial_2023(drop: int | None = None) -> bytes:
    """Old Phú Yên's provincial round of 2023: a list of certified products, no scores."""
    rows = [r for r in PY_ROWS if not (drop is not None and r and r[0] == drop)]
    return _book("Danh sach", PY_TITLE, PY_HEADER, rows, PY_TAIL)


DL_HEADER = ["TT", "Tên sản phẩm/bộ sản phẩm", "Chủ thể", "Địa chỉ", "Nhóm", "Điểm", "Kết quả", "Ghi chú"]
DL_ROWS = [
    [
        1,
        "Cà phê rang xay Ban Mê",
        "Công ty TNHH Cà phê Ban Mê Xanh",
        "TP BMT",
        "Chế biến nông lâm thủy sản",
        86,
        "Đạt",
        None,
    ],
    [
        2,
        "Mật ong hoa cà phê",
        "HTX Nông nghiệp Ea Tân",
        "xã Ea Tân, huyện Krông Năng",
        "CB nông lâm thủy sản",
        "70",
        "Đạt",
        None,
    ],
    [
        3,
        "Thổ cẩm dệt tay",
        "Hộ kinh doanh H'Hen Niê",
        "Buôn Ko Sier, xã Hòa Thắng, Buôn Ma Thuột",
        "TCMN",
        "65,5",
        "Không đạt",
        None,
    ],
    [
        4,
        "Máy sấy nông sản",
        "DNTN Cơ khí Hòa Bình",
        "Huyện Krông Pắc",
        "Cơ khí",
        "74",
        "Không đạt",
        "Đủ điểm, hội đồng không chọn",
    ],
]
DL_TITLE = [
    "UBND TỈNH ĐẮK LẮK",
    "KẾT QUẢ BÌNH CHỌN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU CẤP TỈNH NĂM 2023",
]


def dak_lak_provincial_2023(extra_rows: list[list] | None = None) -> bytes:
    """Old Đắk Lắk's provincial round of 2023, with scores and the council's results."""
    return _book("KQ 2023", DL_TITLE, DL_HEADER, DL_ROWS + (extra_rows or []), [[None, "Tổng số: 4 sản phẩm"]])


NATIONAL_HEADER = ["STT", "Sản phẩm", "Cơ sở", "Địa chỉ", "Kết quả"]
NATIONAL_ROWS = [
    [1, "Cà phê rang xay Ban Mê", "Công ty TNHH Cà phê Ban Mê Xanh", "TP. Buôn Ma Thuột", "Đạt"],
    [2, "Nước mắm cá cơm truyền thống", "Cơ sở chế biến nước mắm Tư Thành", "Phường 9, thành phố Tuy Hòa", "Không đạt"],
]


def national_2025() -> bytes:
    """The merged province's products in the national round of 2025 (title says nothing of the province)."""
    return _book(
        "Sheet1",
        ["DANH SÁCH SẢN PHẨM THAM GIA BÌNH CHỌN CẤP QUỐC GIA NĂM 2025"],
        NATIONAL_HEADER,
        NATIONAL_ROWS,
        [],
    )
