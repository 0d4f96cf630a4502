"""Announcement lists as the provincial press publishes them: header, rows, skipped rows, round."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from cnnt.announcement import ListRow, infer_round, parse_group, parse_legal_form, read_list

GROUPS = [
    ("G1", "Thủ công mỹ nghệ"),
    ("G2", "Chế biến nông, lâm, thủy sản và thực phẩm"),
    ("G3", "Thiết bị, máy móc, dụng cụ và phụ tùng cơ khí"),
    ("G4", "Sản phẩm khác"),
]
_ = None


def phu_yen_2023() -> list[list]:
    """A list as old Phú Yên published it: merged title, decision line, sections, signature."""
    return [
        ["UBND TỈNH PHÚ YÊN", _, _, _, _, _, _],  # 1 (merged A1:G1)
        ["DANH SÁCH SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU CẤP TỈNH NĂM 2023", _, _, _, _, _, _],  # 2
        ["(Kèm theo Quyết định số 1234/QĐ-UBND ngày 15 tháng 12 năm 2023 của UBND tỉnh Phú Yên)", _, _, _, _, _, _],
        [_, _, _, _, _, _, _],  # 4
        ["STT", "Tên sản phẩm", "Tên cơ sở", "Địa chỉ", "Nhóm\nsản phẩm", "Tổng\nđiểm", "Ghi chú"],  # 5
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)"],  # 6
        ["I. NHÓM THỦ CÔNG MỸ NGHỆ", _, _, _, _, _, _],  # 7
        [1, "Nón lá  Phú Yên", "Cơ sở Nón lá Mỹ Thạnh", "xã Hòa Đồng, huyện Tây Hòa", "TCMN", 78.5, _],  # 8
        [2, "Chiếu cói", "HTX Chiếu cói Đông Hòa", "TX Đông Hòa", "TCMN", 72, "  "],  # 9
        ["Nhóm 2: Chế biến nông, lâm, thủy sản", _, _, _, _, _, _],  # 10
        [3, "Nước mắm Gành Đỏ", "Công ty TNHH Nước mắm Gành Đỏ", "P. Xuân Đài, TX Sông Cầu", "CB", 85, "Hạng A"],
        [4, "Mắm ruốc", _, _, "CB", 80, _],  # 12: establishment merged from row 11
        [5, "Tổng hợp gia vị mắm", "Nguyễn Văn An", "Tuy An", _, 71, _],  # 13: a product, not a total
        ["Tổng cộng: 5 sản phẩm", _, _, _, _, _, _],  # 14
        [_, _, _, _, _, _, _],  # 15
        [_, "Người lập biểu", _, _, "KT. GIÁM ĐỐC", _, _],  # 16
        [_, _, _, _, "PHÓ GIÁM ĐỐC", _, _],  # 17
        [_, "Trần Thị Bích", _, _, "Lê Văn Cường", _, _],  # 18
        [_, _, _, _, _, _, _],  # 19: trailing blank, as openpyxl's max_row gives it
    ]


@pytest.fixture
def sheet():
    s = read_list("PY_2023.xlsx", "DS", phu_yen_2023())
    assert s is not None
    return s


def test_header_title_and_columns(sheet):
    assert (sheet.file, sheet.sheet, sheet.header_row) == ("PY_2023.xlsx", "DS", 5)
    assert sheet.title == (
        "UBND TỈNH PHÚ YÊN DANH SÁCH SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU CẤP TỈNH NĂM 2023 "
        "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 15 tháng 12 năm 2023 của UBND tỉnh Phú Yên)"
    )
    assert sheet.columns == {
        "stt": "STT",
        "product_name": "Tên sản phẩm",
        "establishment_name": "Tên cơ sở",
        "address": "Địa chỉ",
        "group": "Nhóm sản phẩm",
        "score": "Tổng điểm",
        "note": "Ghi chú",
    }


def test_data_rows_keep_their_excel_row_numbers_and_sections(sheet):
    assert [r.row for r in sheet.rows] == [8, 9, 11, 12, 13]
    assert [r.section_group for r in sheet.rows] == [
        "I. NHÓM THỦ CÔNG MỸ NGHỆ",
        "I. NHÓM THỦ CÔNG MỸ NGHỆ",
        "Nhóm 2: Chế biến nông, lâm, thủy sản",
        "Nhóm 2: Chế biến nông, lâm, thủy sản",
        "Nhóm 2: Chế biến nông, lâm, thủy sản",
    ]
    assert sheet.rows[0] == ListRow(
        8,
        {
            "stt": 1,
            "product_name": "Nón lá Phú Yên",
            "establishment_name": "Cơ sở Nón lá Mỹ Thạnh",
            "address": "xã Hòa Đồng, huyện Tây Hòa",
            "group": "TCMN",
            "score": 78.5,
            "note": None,
        },
        "I. NHÓM THỦ CÔNG MỸ NGHỆ",
    )
    assert sheet.rows[1].values["note"] is None  # a cell of spaces is blank


def test_skipped_rows_say_why(sheet):
    assert sheet.skipped == [
        (6, "repeat_header"),  # the column-number row
        (7, "section"),
        (10, "section"),
        (14, "total"),
        (15, "blank"),
        (16, "note"),
        (17, "note"),
        (18, "note"),
    ]


def test_vertically_merged_establishment_is_carried_down_but_not_score_or_product(sheet):
    row12 = next(r for r in sheet.rows if r.row == 12)
    assert row12.values["establishment_name"] == "Công ty TNHH Nước mắm Gành Đỏ"
    assert row12.values["address"] == "P. Xuân Đài, TX Sông Cầu"
    assert (row12.values["product_name"], row12.values["score"], row12.values["note"]) == ("Mắm ruốc", 80, None)


def test_a_product_named_tong_hop_is_data_not_a_total(sheet):
    row13 = next(r for r in sheet.rows if r.row == 13)
    assert row13.values["product_name"] == "Tổng hợp gia vị mắm"
    assert row13.values["group"] is None


def test_round_inferred_from_the_title(sheet):
    assert infer_round(sheet.title) == {"level": "provincial", "year": 2023, "owner": "phuyen_old"}


def test_no_carry_down_across_a_section_row():
    rows = [
        ["STT", "Tên sản phẩm", "Cơ sở", "Điểm"],
        [1, "Cà phê bột", "Công ty A", 80],
        ["II. NHÓM SẢN PHẨM KHÁC", _, _, _],
        [2, "Hương trầm", _, 75],
    ]
    s = read_list("f", "s", rows)
    assert s.rows[1].values == {"stt": 2, "product_name": "Hương trầm", "establishment_name": None, "score": 75}
    assert s.rows[1].section_group == "II. NHÓM SẢN PHẨM KHÁC"


def test_two_row_header_under_merged_group_headers_and_repeated_page_header():
    top = ["TT", "Sản phẩm", _, "Cơ sở sản xuất", _, _, "Điểm bình chọn", "Kết quả"]
    sub = [_, "Tên", "Nhóm", "Tên", "Địa chỉ", "Huyện", _, _]
    rows = [
        ["SỞ CÔNG THƯƠNG TỈNH ĐẮK LẮK"],
        ["KẾT QUẢ BÌNH CHỌN SẢN PHẨM CNNT TIÊU BIỂU CẤP TỈNH NĂM 2021"],
        top,
        sub,
        [1, "Cà phê bột", "Nhóm 2", "Công ty TNHH Cà phê X", "Số 12 Lê Duẩn, phường Tân Lập", "TP BMT", 88, "Đạt"],
        [2, "Ca cao", 2, "HTX Ea Kly", "Thôn 3", "Krông Pắc", 66, "Không đạt"],
        list(top),  # printed over two pages: the header again
        list(sub),
        [1, 2, 3, 4, 5, 6, 7, 8],
        [3, "Mật ong", 2, "Hộ KD Y Bih", _, "Lắk", 75, "Đạt"],
    ]
    s = read_list("f", "s", rows)
    assert s.header_row == 3
    assert s.title == "SỞ CÔNG THƯƠNG TỈNH ĐẮK LẮK KẾT QUẢ BÌNH CHỌN SẢN PHẨM CNNT TIÊU BIỂU CẤP TỈNH NĂM 2021"
    assert s.columns == {
        "stt": "TT",
        "product_name": "Sản phẩm / Tên",
        "group": "Nhóm",
        "establishment_name": "Cơ sở sản xuất / Tên",
        "address": "Địa chỉ",
        "district": "Huyện",
        "score": "Điểm bình chọn",
        "result": "Kết quả",
    }
    assert [r.row for r in s.rows] == [5, 6, 10]
    assert s.rows[2].values["establishment_name"] == "Hộ KD Y Bih" and s.rows[2].values["address"] is None
    assert s.skipped == [(7, "repeat_header"), (8, "repeat_header"), (9, "repeat_header")]
    assert infer_round(s.title) == {"level": "provincial", "year": 2021, "owner": "daklak_old"}


def test_header_in_english():
    rows = [
        ["List of typical rural industrial products, 2019"],
        ["No.", "Product name", "Establishment", "Address", "District", "Product group", "Score", "Result"],
        [1, "Roasted coffee", "ABC Co., Ltd", "Ea Tan", "Krong Nang", "G2", 80, "Certified"],
    ]
    s = read_list("f", "s", rows)
    assert s.header_row == 2
    assert list(s.columns) == [
        "stt",
        "product_name",
        "establishment_name",
        "address",
        "district",
        "group",
        "score",
        "result",
    ]
    assert s.rows[0].values["establishment_name"] == "ABC Co., Ltd"
    assert infer_round(s.title) == {"year": 2019}


@pytest.mark.parametrize(
    "header, field",
    [
        ("Tên sản phẩm/bộ sản phẩm", "product_name"),
        ("TÊN SẢN PHẨM\n(BỘ SẢN PHẨM)", "product_name"),
        ("Tên SP", "product_name"),
        ("Tên doanh nghiệp/cơ sở", "establishment_name"),
        ("Chủ thể", "establishment_name"),
        ("Đơn vị sản xuất", "establishment_name"),
        ("Địa chỉ cơ sở", "address"),
        ("Xã, phường, thị trấn", "commune"),
        ("Huyện, thị xã, thành phố", "district"),
        ("Địa bàn", "district"),
        ("Nhóm ngành", "group"),
        ("Loại hình cơ sở", "legal_form"),
        ("MST", "tax_code"),
        ("Mã số thuế", "tax_code"),
        ("ĐIỂM ĐÁNH GIÁ", "score"),
        ("Tổng điểm (thang 100)", "score"),
        ("Xếp loại", "result"),
        ("Đạt/Không đạt", "result"),
        ("Số GCN", "certificate_no"),
        ("Số giấy chứng nhận", "certificate_no"),
        ("Ngày cấp", "certificate_date"),
        ("Ghi chú", "note"),
    ],
)
def test_header_variants(header, field):
    if field == "product_name":
        s = read_list("f", "s", [["Số TT", "Cơ sở", header], [1, "HTX A", "x"]])
    else:
        s = read_list("f", "s", [["Số TT", "Sản phẩm", header], [1, "Mật ong", "x"]])
    assert s.columns["stt"] == "Số TT"
    assert field in s.columns and s.columns[field] == " ".join(header.split())
    assert s.rows[0].values[field] == "x"


def test_unit_of_measure_is_not_the_establishment():
    s = read_list("f", "s", [["STT", "Tên sản phẩm", "Đơn vị tính", "Điểm"], [1, "Mật ong", "lít", 80]])
    assert "establishment_name" not in s.columns and s.columns["score"] == "Điểm"


@pytest.mark.parametrize(
    "rows",
    [
        [["DANH SÁCH CƠ SỞ"], ["Họ và tên", "Tuổi", "Địa chỉ"], ["Nguyễn Văn A", 40, "x"]],
        [["Tên sản phẩm", "Địa chỉ"], ["Mật ong", "x"]],  # a product column alone is not enough
        [],
        [[None, None], [None]],
    ],
)
def test_no_recognisable_header(rows):
    assert read_list("f", "s", rows) is None


def test_header_is_only_looked_for_in_the_first_30_rows():
    rows = [[f"dòng {i}"] for i in range(30)] + [["STT", "Tên sản phẩm"], [1, "Mật ong"]]
    assert read_list("f", "s", rows) is None
    assert read_list("f", "s", rows[1:]).header_row == 30


@pytest.mark.parametrize(
    "total",
    [
        ["Tổng cộng", _, _, _],
        ["Cộng", _, _, _],
        ["TỔNG", _, _, 17],
        ["Tổng số: 17 sản phẩm", _, _, _],
        [_, "17 sản phẩm", _, _],
        [_, _, _, 17],
        ["", "Cộng: 3", _, _],
    ],
)
def test_totals_rows(total):
    rows = [["STT", "Tên sản phẩm", "Cơ sở", "Điểm"], [1, "Mật ong", "HTX A", 80], total, [2, "Cà phê", "HTX B", 75]]
    s = read_list("f", "s", rows)
    assert s.skipped == [(3, "total")]
    assert [r.row for r in s.rows] == [2, 4]


@pytest.mark.parametrize(
    "section, expected",
    [
        (["I. NHÓM THỦ CÔNG MỸ NGHỆ", _, _, _], "I. NHÓM THỦ CÔNG MỸ NGHỆ"),
        (["Nhóm 2: Chế biến nông, lâm, thủy sản", _, _, _], "Nhóm 2: Chế biến nông, lâm, thủy sản"),
        (["A. SẢN PHẨM CẤP TỈNH", _, _, _], "A. SẢN PHẨM CẤP TỈNH"),
        (["II", "NHÓM CHẾ BIẾN NÔNG, LÂM, THỦY SẢN", _, _], "II. NHÓM CHẾ BIẾN NÔNG, LÂM, THỦY SẢN"),
        ([_, "SẢN PHẨM KHÁC", _, _], "SẢN PHẨM KHÁC"),
        ([_, "Huyện Krông Năng", _, _], "Huyện Krông Năng"),
    ],
)
def test_section_rows(section, expected):
    rows = [["STT", "Tên sản phẩm", "Cơ sở", "Điểm"], section, [1, "Mật ong", "HTX A", 80]]
    s = read_list("f", "s", rows)
    assert s.skipped == [(2, "section")]
    assert s.rows[0].section_group == expected


def test_product_only_rows_are_data_not_sections():
    rows = [
        ["STT", "Tên sản phẩm", "Cơ sở", "Điểm"],
        [1, "Mật ong", "HTX A", 80],
        [_, "Sáp ong", _, _],
        [2, "Cà phê", "HTX B", 75],
    ]
    s = read_list("f", "s", rows)
    assert [r.row for r in s.rows] == [2, 3, 4] and s.skipped == []
    assert s.rows[1].values["establishment_name"] == "HTX A"  # merged establishment cell


def test_notes_and_signature_block_after_the_data():
    rows = [
        ["STT", "Tên sản phẩm", "Cơ sở", "Điểm"],
        [1, "Mật ong", "HTX A", 80],
        ["Ghi chú: sản phẩm đạt từ 70 điểm trở lên được công nhận.", _, _, _],
        [_, _, "Tuy Hòa, ngày 15 tháng 12 năm 2023", _],
        [_, _, "TM. ỦY BAN NHÂN DÂN", _],
        [_, _, "Nguyễn Văn Bình", _],
    ]
    s = read_list("f", "s", rows)
    assert s.skipped == [(3, "note"), (4, "note"), (5, "note"), (6, "note")]
    assert len(s.rows) == 1


def test_text_is_nfc_and_numbers_and_dates_stay_as_they_came():
    nfd = unicodedata.normalize("NFD", "Cà phê Buôn Ma Thuột")
    day = dt.datetime(2023, 12, 15)
    rows = [["STT", "Tên sản phẩm", "Điểm", "Ngày cấp", "MST"], ["1", f"  {nfd}\n ", "85,5", day, 6001234567]]
    s = read_list("f", "s", rows)
    assert s.rows[0].values == {
        "stt": "1",
        "product_name": "Cà phê Buôn Ma Thuột",
        "score": "85,5",
        "certificate_date": day,
        "tax_code": 6001234567,
    }
    assert unicodedata.is_normalized("NFC", s.rows[0].values["product_name"])


def test_blank_and_pre_numbered_rows_are_blank():
    rows = [["STT", "Tên sản phẩm", "Cơ sở"], [1, "Mật ong", "HTX A"], [_, "", "  "], [2, _, _], [3, "Cà phê", "HTX B"]]
    s = read_list("f", "s", rows)
    assert s.skipped == [(3, "blank"), (4, "blank")]
    assert [r.row for r in s.rows] == [2, 5]


@pytest.mark.parametrize(
    "title, expected",
    [
        (
            "UBND TỈNH PHÚ YÊN DANH SÁCH SẢN PHẨM CNNT TIÊU BIỂU CẤP TỈNH NĂM 2023",
            {"level": "provincial", "year": 2023, "owner": "phuyen_old"},
        ),
        (
            "DANH SÁCH SẢN PHẨM CNNT TIÊU BIỂU CẤP KHU VỰC MIỀN TRUNG – TÂY NGUYÊN NĂM 2022 CỦA TỈNH ĐẮK LẮK",
            {"level": "regional", "year": 2022, "owner": "daklak_old"},
        ),
        (
            "Sản phẩm đạt giải cap quoc gia nam 2025, tinh Dak Lak",
            {"level": "national", "year": 2025, "owner": "daklak"},
        ),
        (
            "Sở Công Thương Đăk Lăk: sản phẩm cấp tỉnh 2019",
            {"level": "provincial", "year": 2019, "owner": "daklak_old"},
        ),
        # the decision's date (Jan 2024) is not the round's year
        (
            "(Kèm theo Quyết định số 12/QĐ-UBND ngày 20/01/2024) DANH SÁCH SẢN PHẨM CẤP TỈNH NĂM 2023 TỈNH PHÚ YÊN",
            {"level": "provincial", "year": 2023, "owner": "phuyen_old"},
        ),
        (
            "Danh sách (Kèm theo Quyết định ngày 15 tháng 12 năm 2023) bình chọn cấp tỉnh 2021",
            {"level": "provincial", "year": 2021},
        ),
        ("Kèm theo Quyết định ngày 15 tháng 12 năm 2023", {"year": 2023}),
        ("Theo Nghị định 45/2012/NĐ-CP, cấp tỉnh", {"level": "provincial"}),
        ("Sản phẩm của Đắk Lắk và Phú Yên năm 2025 cấp tỉnh", {"level": "provincial", "year": 2025}),
        ("Danh sách sản phẩm tỉnh Đắk Lắk", {}),
        ("", {}),
        ("Sản phẩm cấp tỉnh năm 2023 đề nghị bình chọn cấp khu vực năm 2024", {"level": "provincial", "year": 2023}),
        ("Năm 1999", {}),
    ],
)
def test_infer_round(title, expected):
    assert infer_round(title) == expected


@pytest.mark.parametrize(
    "legal_form, name, expected",
    [
        (None, "HTX Nông nghiệp Ea Kly", ("hop_tac_xa", False)),
        (None, "Hợp tác xã dệt thổ cẩm Buôn Đôn", ("hop_tac_xa", False)),
        (None, "HTX NN dịch vụ Tân Lập", ("hop_tac_xa", False)),
        (None, "Liên hiệp HTX Đắk Lắk", ("hop_tac_xa", False)),
        (None, "Công ty TNHH MTV Cà phê Ông Bảy", ("doanh_nghiep", False)),
        (None, "Cty CP Thực phẩm Phú Yên", ("doanh_nghiep", False)),
        (None, "CTCP Mía đường 333", ("doanh_nghiep", False)),
        (None, "DNTN Minh Phát", ("doanh_nghiep", False)),
        (None, "Doanh nghiệp tư nhân Hoàng Gia", ("doanh_nghiep", False)),
        (None, "Cơ sở 2 - Công ty TNHH ABC", ("doanh_nghiep", False)),
        (None, "Tổ hợp tác mây tre đan Ea Tân", ("to_hop_tac", False)),
        (None, "THT dệt thổ cẩm", ("to_hop_tac", False)),
        (None, "Hộ KD Y Bih", ("ho_kinh_doanh", False)),
        (None, "Hộ kinh doanh Trần Văn Tư", ("ho_kinh_doanh", False)),
        (None, "HKD Nguyễn Thị Hoa", ("ho_kinh_doanh", False)),
        (None, "Cơ sở sản xuất hương trầm Thuận Phát", ("ho_kinh_doanh", False)),
        (None, "CS Mây tre đan Hòa Đồng", ("ho_kinh_doanh", False)),
        (None, "Hộ gia đình ông Y Nguê", ("ho_kinh_doanh", False)),
        ("Hộ kinh doanh", "Công ty X", ("ho_kinh_doanh", False)),  # the cell wins over the name
        ("Doanh nghiệp", "Nguyễn Văn A", ("doanh_nghiep", False)),
        ("HTX", None, ("hop_tac_xa", False)),
        ("Khác", "Cty TNHH Y", ("doanh_nghiep", False)),  # an unreadable cell falls back to the name
        (None, "Nguyễn Văn A", ("ho_kinh_doanh", True)),
        ("", "Y Nuê Niê", ("ho_kinh_doanh", True)),
        (None, None, (None, False)),
    ],
)
def test_parse_legal_form(legal_form, name, expected):
    assert parse_legal_form(legal_form, name) == expected


@pytest.mark.parametrize(
    "text, code",
    [
        ("G2", "G2"),
        ("g3", "G3"),
        ("2", "G2"),
        (2, "G2"),
        ("Nhóm 2", "G2"),
        ("Nhóm II", "G2"),
        ("IV", "G4"),
        ("III. Nhóm sản phẩm", "G3"),
        ("Chế biến nông, lâm, thủy sản và thực phẩm", "G2"),
        ("Chế biến nông lâm thủy sản", "G2"),
        ("CB nông lâm thủy sản", "G2"),
        ("Thủ công mỹ nghệ", "G1"),
        ("TCMN", "G1"),
        ("Cơ khí", "G3"),
        ("máy móc", "G3"),
        ("Thiết bị, máy móc, dụng cụ và phụ tùng cơ khí", "G3"),
        ("Sản phẩm khác", "G4"),
        ("Khác", "G4"),
        ("I. NHÓM SẢN PHẨM THỦ CÔNG MỸ NGHỆ", "G1"),  # "I." numbers the section; the words name the group
        ("III. NHÓM CHẾ BIẾN NÔNG, LÂM, THỦY SẢN VÀ THỰC PHẨM", "G2"),
        ("II. Sản phẩm khác", "G4"),
        ("Nhóm 2: Chế biến nông, lâm, thủy sản", "G2"),
        ("Sản phẩm thủ công mỹ nghệ khác", "G1"),
        ("A. SẢN PHẨM CẤP TỈNH", None),
        ("Nhóm 5", None),
        ("Cà phê", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_group(text, code):
    assert parse_group(text, GROUPS) == code


def test_parse_group_follows_the_codes_given():
    groups = [("HANDICRAFT", "Thủ công mỹ nghệ"), ("FOOD", "Chế biến nông, lâm, thủy sản và thực phẩm")]
    assert parse_group("TCMN", groups) == "HANDICRAFT"
    assert parse_group("Nhóm 2", groups) == "FOOD"
    assert parse_group("food", groups) == "FOOD"
