"""Downloads never run what someone typed, and read back to exactly the table.

Officers' text ends up in every download; a name such as ``=HYPERLINK(...)``
must arrive as text in Excel and in CSV (OWASP: leading apostrophe), while
numbers and blanks must arrive untouched so the file is still usable.
"""

from __future__ import annotations

import io
import math

import numpy as np
import openpyxl
import pandas as pd
import pytest

from cnnt import export

NAMES = ['=HYPERLINK("http://x")', "+84 912", "-1+2", "@SUM(A1)", "\tx", "\rx", "Hợp tác xã Đắk Lắk", None, "", "#N/A"]
SAFE = ["'" + n if n and n[0] in "=+-@\t\r" else n for n in NAMES]
META = [("Bản dữ liệu", "20251231-000000-sample"), ("Địa bàn", 'Huyện "Cư M\'gar", Xã Ea Tul'), ("Năm", "2012–2021")]


@pytest.fixture
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Tên": NAMES,
            "Số": [-5, 0, 3, 1, 2, 4, 5, 6, 7, 8],
            "Điểm": [-5.5, 0.0, np.nan, None, 1.25, 2.0, 3.0, 4.0, 5.0, 6.0],
            "Ghi chú": ["a, b", 'nói "có"', "SP #1", "x;y", "dòng 1\ndòng 2", None, np.nan, "", "-", "ok"],
        }
    )


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), comment="#", keep_default_na=False, na_values=[""])


def test_neutralise_changes_only_text_that_would_run():
    assert [export.neutralise(v) for v in ("=1", "+1", "-1", "@a", "\t1", "\r1")] == [
        "'=1",
        "'+1",
        "'-1",
        "'@a",
        "'\t1",
        "'\r1",
    ]
    assert [export.neutralise(v) for v in ("Cà phê", "", "1-2", "a=b")] == ["Cà phê", "", "1-2", "a=b"]
    assert export.neutralise(-5) == -5 and export.neutralise(-1.5) == -1.5 and export.neutralise(None) is None


def test_csv_neutralises_formulas_and_reads_back_exactly(frame):
    data = export.csv_bytes(frame, META)
    assert data.startswith(b"\xef\xbb\xbf")
    back = read_csv(data)
    assert list(back.columns) == ["Tên", "Số", "Điểm", "Ghi chú"]
    names = back["Tên"].tolist()
    expected_names = [None if n in (None, "") else n for n in SAFE]  # a blank stays blank, without apostrophe
    assert [None if isinstance(v, float) and math.isnan(v) else v for v in names] == expected_names
    assert back["Số"].tolist() == [-5, 0, 3, 1, 2, 4, 5, 6, 7, 8] and back["Số"].dtype.kind == "i"
    assert back["Điểm"].dtype.kind == "f"
    pd.testing.assert_series_equal(back["Điểm"], frame["Điểm"].astype(float), check_names=False)
    notes = [None if isinstance(v, float) and math.isnan(v) else v for v in back["Ghi chú"]]
    assert notes == ["a, b", 'nói "có"', "SP #1", "x;y", "dòng 1\ndòng 2", None, None, None, "'-", "ok"]


def test_csv_text_never_starts_a_cell_with_a_formula_character(frame):
    text = export.csv_bytes(frame, META).decode("utf-8-sig")
    for line in text.split("\n"):
        for separator in (",", ";", "\t"):
            for cell in line.split(separator)[1:]:
                assert cell.lstrip(' "')[:1] not in ("=", "+", "@"), (separator, line)
    assert ',-5,-5.5,"a, b"\n' in text  # a negative number is still written as a number


def test_csv_meta_lines_are_comments_even_with_commas_and_quotes(frame):
    text = export.csv_bytes(frame, META).decode("utf-8-sig")
    lines = text.split("\n")
    assert lines[0] == "# Bản dữ liệu: 20251231-000000-sample"
    assert lines[1] == '# Địa bàn: Huyện "Cư M\'gar", Xã Ea Tul'
    assert lines[2] == "# Năm: 2012–2021"
    assert lines[3] == "Tên,Số,Điểm,Ghi chú"


def test_csv_meta_values_cannot_break_the_line_or_run_in_a_cell():
    frame = pd.DataFrame({"a": [1]})
    data = export.csv_bytes(frame, [("Lọc", "x\ny,=cmd|' /C calc'!A0; @SUM(1)")])
    lines = data.decode("utf-8-sig").split("\n")
    assert lines[0] == "# Lọc: x y,'=cmd|' /C calc'!A0; '@SUM(1)"
    assert lines[1] == "a"
    pd.testing.assert_frame_equal(read_csv(data), frame)


def test_csv_reads_back_equal_for_plain_tables_too():
    frame = pd.DataFrame({"Mã": ["E1", "E2"], "n": [1, -2], "x": [0.5, -0.25]})
    pd.testing.assert_frame_equal(read_csv(export.csv_bytes(frame, META)), frame, check_dtype=False)
    one_column = pd.DataFrame({"Tên": ["a", None, "b"]})
    back = read_csv(export.csv_bytes(one_column, []))
    assert back["Tên"].isna().tolist() == [False, True, False]  # the blank row is kept


def test_csv_neutralises_a_header_too():
    data = export.csv_bytes(pd.DataFrame({"=Xã": [1], "Huyện": [2]}), [])
    assert list(read_csv(data).columns) == ["'=Xã", "Huyện"]


def test_xlsx_keeps_text_as_text_numbers_as_numbers_and_blanks_empty(frame):
    data = export.xlsx_bytes(frame, META, "Dữ liệu", "Thông tin")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb["Dữ liệu"]
    assert [c.value for c in ws[1]] == ["Tên", "Số", "Điểm", "Ghi chú"]
    # A carriage return may come back as a line feed (XML normalises it unless escaped): still text, neutralised
    for r, expected in enumerate(SAFE, start=2):
        cell = ws.cell(r, 1)
        if expected in (None, ""):
            assert cell.value is None, r
        else:
            same = cell.value in (expected, expected.replace("\r", "\n"))
            assert same and cell.data_type == "s", (r, cell.value, cell.data_type)
    assert ws.cell(11, 1).value == "#N/A" and ws.cell(11, 1).data_type == "s"  # text, not an error cell
    numbers = [ws.cell(r, 2) for r in range(2, 12)]
    assert [c.value for c in numbers] == [-5, 0, 3, 1, 2, 4, 5, 6, 7, 8]
    assert all(c.data_type == "n" for c in numbers)
    scores = [ws.cell(r, 3) for r in range(2, 12)]
    assert [c.value for c in scores] == [-5.5, 0, None, None, 1.25, 2, 3, 4, 5, 6]
    assert all(c.data_type == "n" for c in scores)
    assert not any(c.data_type == "f" for row in ws.iter_rows() for c in row)
    assert ws.cell(6, 4).value == "dòng 1\ndòng 2"
    about = wb["Thông tin"]
    assert [about.cell(3, 1).value, about.cell(3, 2).value] == ["Địa bàn", 'Huyện "Cư M\'gar", Xã Ea Tul']


def test_xlsx_raw_xml_holds_no_formula(frame):
    import zipfile

    with zipfile.ZipFile(io.BytesIO(export.xlsx_bytes(frame, META))) as zf:
        sheets = [n for n in zf.namelist() if n.startswith("xl/worksheets/")]
        assert sheets and not any(b"<f>" in zf.read(n) or b"<f " in zf.read(n) for n in sheets)


def test_xlsx_survives_control_characters_pasted_from_word():
    frame = pd.DataFrame({"Tên": ["Hộ kinh doanh\x0bCà phê"], "n": [1]})
    ws = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(frame, []))).active
    assert ws["A2"].value == "Hộ kinh doanh Cà phê"


def test_other_column_types_are_written_as_before():
    frame = pd.DataFrame(
        {
            "tz": pd.to_datetime(["2021-01-02 03:04"]).tz_localize("Asia/Ho_Chi_Minh"),
            "b": [True],
            "cat": pd.Categorical(["=G2"]),
            "i": pd.array([None], dtype="Int64"),
        }
    )
    text = export.csv_bytes(frame, []).decode("utf-8-sig")
    assert text == "tz,b,cat,i\n2021-01-02 03:04:00+07:00,True,'=G2,\n"  # the CSV keeps the offset
    ws = openpyxl.load_workbook(io.BytesIO(export.xlsx_bytes(frame, []))).active
    assert [c.value for c in ws[2]] == [pd.Timestamp("2021-01-02 03:04").to_pydatetime(), True, "'=G2", None]


def test_csv_writes_whole_amounts_without_a_decimal_point():
    """A sum of đồng comes back from DuckDB as a double; the download says 491000000, not 491000000.0."""
    frame = pd.DataFrame(
        {
            "support_vnd": [491_000_000.0, None, 0.0],  # whole, with a blank
            "rate": [0.5, 1.0, None],  # not whole: written as before
            "nan_only": [float("nan")] * 3,
            "huge": [1e300, 2.0, 3.0],  # beyond exact whole numbers: written as before
        }
    )
    text = export.csv_bytes(frame, []).decode("utf-8-sig")
    assert text.splitlines() == [
        "support_vnd,rate,nan_only,huge",
        "491000000,0.5,,1e+300",
        ",1.0,,2.0",
        "0,,,3.0",
    ]
    assert frame["support_vnd"].dtype == "float64"  # the caller's frame is untouched
    pd.testing.assert_frame_equal(read_csv(export.csv_bytes(frame, [])), frame, check_dtype=False)
