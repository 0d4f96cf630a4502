"""At least 200 generated malformed inputs: each ends in a clear message or a
successful (staged) import, never an exception, and never a change to what is
published."""

import datetime as dt
import io
import os
import shutil

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils.exceptions import IllegalCharacterError

from cnnt import importer
from cnnt.store import Store
from cnnt.template import SHEETS
from tests.import_examples import good_workbook

SETTINGS = settings(
    max_examples=int(os.environ.get("CNNT_FUZZ_EXAMPLES", "60")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
    database=None,
)
GOOD = good_workbook()
UNEXPECTED = "lỗi ngoài dự kiến"
SEEN = {"inputs": 0}


@pytest.fixture(scope="module")
def store(tmp_path_factory, fixture_root):
    root = tmp_path_factory.mktemp("robust") / "data"
    shutil.copytree(fixture_root, root)
    return Store(root)


def _published(store):
    folder = store.snapshots_dir / store.current_id()
    return store.current_id(), {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def _check(store, sources):
    SEEN["inputs"] += 1
    before = _published(store)
    result = importer.run_import(store, sources, by="hypothesis")
    assert isinstance(result, importer.ImportResult)
    assert not any(UNEXPECTED in p.message_vi for p in result.problems), result.problems_frame().to_string()
    assert result.errors or result.staged is not None or result.problems, "silence is not an answer"
    for p in result.errors:
        assert p.message_vi and p.message_en
    assert _published(store) == before
    return result


cells = st.one_of(
    st.none(),
    st.text(max_size=30),
    st.text(min_size=3000, max_size=3100, alphabet="ầêô"),  # huge cells
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(
        [
            "=SUM(A1:A3)",
            "=1/0",
            "31/02/2021",
            "2021-13-01",
            "1.234.567,5",
            "Có",
            "không",
            "NaN",
            "P2017",
            "SP1",
            "E1",
            "Cấp tỉnh",
            "G2",
            "ea lai",
            "\x00",
            "   ",
            "∞",
            "𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
        ]
    ),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
)


@SETTINGS
@given(data=st.binary(max_size=2000), suffix=st.sampled_from([".xlsx", ".csv", ".xls", ".txt"]))
def test_random_bytes(store, data, suffix):
    _check(store, [(f"rac{suffix}", data)])


@SETTINGS
@given(cut=st.integers(min_value=0, max_value=len(GOOD) - 1), flips=st.lists(st.integers(0, len(GOOD) - 1), max_size=8))
def test_truncated_or_corrupted_workbooks(store, cut, flips):
    data = bytearray(GOOD[: max(cut, 1)] if cut % 2 else GOOD)
    for i in flips:
        if i < len(data):
            data[i] ^= 0xFF
    _check(store, [("hong.xlsx", bytes(data))])


@SETTINGS
@given(
    sheet=st.sampled_from(SHEETS),
    rows=st.lists(st.lists(cells, min_size=0, max_size=14), min_size=0, max_size=5),
    drop_header=st.booleans(),
    duplicate=st.booleans(),
    rename=st.sampled_from([None, "Sheet1", "kết quả", "ENTRIES"]),
)
def test_workbooks_with_wrong_types_missing_headers_duplicates(store, sheet, rows, drop_header, duplicate, rename):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = rename or sheet.vi
    if not drop_header:
        ws.append([f.vi for f in sheet.fields])
        ws.append([f.en for f in sheet.fields])
    for row in rows + (rows[:1] if duplicate else []):
        try:
            ws.append([v for v in row])
        except (ValueError, TypeError, IllegalCharacterError):  # openpyxl refuses these; not our input
            continue
    out = io.BytesIO()
    try:
        wb.save(out)
    except (ValueError, TypeError):
        return
    _check(store, [("bang.xlsx", out.getvalue())])


@SETTINGS
@given(
    text=st.text(max_size=400),
    header=st.sampled_from(
        [
            "",
            "Round id,Product id,Certified (Yes/No)\n",
            "Mã kỳ;Mã sản phẩm;Được công nhận\n",
            "establishment_id,year,revenue_vnd,source\n",
        ]
    ),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1", "cp1258"]),
    name=st.sampled_from(["entries.csv", "Kết quả bình chọn.csv", "financials.csv", "khong-ro.csv"]),
)
def test_csv_with_odd_text_and_encodings(store, text, header, encoding, name):
    try:
        data = (header + text).encode(encoding)
    except UnicodeEncodeError:
        data = (header + text).encode("utf-8")
    _check(store, [(name, data)])


ANNOUNCEMENT_HEADERS = [
    ["STT", "Tên sản phẩm", "Tên cơ sở", "Địa chỉ", "Nhóm sản phẩm", "Điểm", "Kết quả", "Ghi chú"],
    ["TT", "Sản phẩm", "Chủ thể", "Huyện", "Nhóm"],
    ["STT", "Tên sản phẩm/bộ sản phẩm", "Đơn vị", "Xã/phường", "Huyện/thị xã/thành phố", "Điểm"],
]
title_rows = st.lists(
    st.sampled_from(
        [
            "UBND TỈNH PHÚ YÊN",
            "UBND TỈNH ĐẮK LẮK",
            "DANH SÁCH SẢN PHẨM CNNT TIÊU BIỂU CẤP TỈNH NĂM 2023",
            "KẾT QUẢ BÌNH CHỌN CẤP KHU VỰC NĂM 2024",
            "(Kèm theo Quyết định số 1234/QĐ-UBND ngày 06/10/2023)",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "",
        ]
    ),
    max_size=4,
)
localities = st.sampled_from(
    [
        "TP BMT",
        "P.9, TP Tuy Hòa",
        "Thôn 3, xã Ea Tân, huyện Krông Năng, tỉnh Đắk Lắk",
        "Huyện Lắk",
        "Krông Năng",
        "huyện Tuy Phước, tỉnh Bình Định",
        "Quận 1, TP Hồ Chí Minh",
        "xã Không Có, huyện Đâu Đó",
        "",
        None,
    ]
)
list_rows = st.lists(
    st.one_of(
        st.tuples(
            st.one_of(st.none(), st.integers(1, 40)),
            st.one_of(st.none(), st.sampled_from(["Cà phê rang xay", "Nước mắm", "Tổng hợp rau", ""])),
            st.one_of(st.none(), st.sampled_from(["HTX Ea Tân", "Cơ sở Tư Thành", "Công ty TNHH A", "DNTN B"])),
            localities,
            st.sampled_from(["Chế biến nông lâm thủy sản", "TCMN", "Nhóm 3", "khác", "???", None]),
            st.one_of(st.none(), st.sampled_from(["85", "70", "69,5", "tám mươi", "120", "-3"]), st.floats(0, 110)),
            st.sampled_from(["Đạt", "Không đạt", "x", "", None, "?"]),
        ).map(list),
        st.sampled_from(
            [
                [None, "Tổng cộng: 5 sản phẩm"],
                ["I. NHÓM THỦ CÔNG MỸ NGHỆ"],
                ["(1)", "(2)", "(3)", "(4)"],
                [None, None, None, None, "KT. GIÁM ĐỐC"],
                [],
            ]
        ),
    ),
    max_size=8,
)


@SETTINGS
@given(
    titles=title_rows,
    header=st.sampled_from(ANNOUNCEMENT_HEADERS),
    rows=list_rows,
    merge=st.booleans(),
    owner=st.sampled_from([None, "phuyen_old", "daklak_old", "daklak"]),
)
def test_announcement_lists_with_title_totals_merged_cells_and_odd_localities(
    store, titles, header, rows, merge, owner
):
    """Press-style lists: title rows, merged title cells, totals, section rows,
    district-only and out-of-province localities, blank optional cells."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    for text in titles:
        ws.append([text])
        if merge and text:
            ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=len(header))
    ws.append(header)
    for row in rows:
        ws.append(row[: len(header)] if len(row) > 1 else row)
    out = io.BytesIO()
    wb.save(out)
    SEEN["inputs"] += 1
    before = _published(store)
    result = importer.run_import(
        store, [("danh-sach.xlsx", out.getvalue())], by="hypothesis", round_spec=importer.RoundSpec(owner=owner)
    )
    assert not any(UNEXPECTED in p.message_vi for p in result.problems), result.problems_frame().to_string()
    assert result.errors or result.staged is not None or result.problems, "silence is not an answer"
    for p in result.errors:
        assert p.message_vi and p.message_en and p.file == "danh-sach.xlsx"
    assert _published(store) == before


def test_a_mix_of_good_and_bad_files_publishes_nothing_until_fixed(store):
    result = _check(store, [("ket-qua.xlsx", GOOD), ("rac.xlsx", b"not a workbook")])
    assert result.staged is None and any(p.file == "rac.xlsx" for p in result.errors)


def test_at_least_200_malformed_inputs_were_tried():
    assert SEEN["inputs"] >= 200, SEEN
