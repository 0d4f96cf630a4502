import io

import openpyxl
import pandas as pd

from cnnt import export, findings
from cnnt.overview import headlines, summary_text


def test_csv_has_bom_metadata_and_vietnamese_text():
    frame = pd.DataFrame({"Sản phẩm": ["Cà phê rang xay"], "Số": [3]})
    data = export.csv_bytes(frame, [("Bản dữ liệu", "20251231-000000-sample")])
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "# Bản dữ liệu: 20251231-000000-sample"
    assert text.splitlines()[1] == "Sản phẩm,Số" and "Cà phê rang xay,3" in text


def test_xlsx_opens_with_data_and_about_sheets_and_no_formulas():
    frame = pd.DataFrame({"Cơ sở": ["HTX Mật Ong", '=HYPERLINK("x")'], "n": [1, 2]})
    data = export.xlsx_bytes(frame, [("Bản dữ liệu", "abc"), ("Năm", "2012–2021")], "Dữ liệu", "Thông tin")
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Dữ liệu", "Thông tin"]
    ws = wb["Dữ liệu"]
    assert ws["A1"].value == "Cơ sở" and ws["A2"].value == "HTX Mật Ong"
    assert not str(ws["A3"].value).startswith("=")
    about = wb["Thông tin"]
    assert [about["A2"].value, about["B2"].value] == ["Bản dữ liệu", "abc"]


def test_summary_text_is_built_from_the_data(fixture_db, fixture_id):
    from tests.test_queries import _params

    head = fixture_db.query(fixture_id, "headline_by_level", _params("headline_by_level"))
    text = summary_text(headlines(head), 2012, 2025, "vi")
    assert text.startswith("Giai đoạn 2012–2025, tỉnh tổ chức 2 kỳ bình chọn cấp tỉnh với 6 lượt cơ sở/7 lượt sản phẩm")
    assert "4 sản phẩm được công nhận" in text and "57,1%" in text
    en = summary_text(headlines(head), 2012, 2025, "en")
    assert "held 2 provincial rounds" in en and "57.1%" in en


def test_titles_state_the_finding():
    groups = pd.DataFrame({"group_code": ["G1", "G2", "G2"], "products": [1, 3, 4]})
    assert findings.group_title(groups, {"G2": "Chế biến"}, "vi") == "Chế biến chiếm 88% số sản phẩm tham gia"
    rates = pd.DataFrame(
        {"level": ["provincial"] * 2, "category": ["G1", "G2"], "entries": [3, 40], "pass_rate": [1.0, 0.75]}
    )
    # a tiny group with 100% does not win the headline over a reliable one
    assert findings.pass_rate_title(rates, {}, "en", 10) == "Highest pass rate: G2 (75%, n = 40)"


def test_gap_title_names_the_top_locality_only_when_it_falls_short():
    ranked = pd.DataFrame({"name": ["Huyện Krông Năng", "Huyện Lắk"], "gap": [2.46, -1.0]})
    assert findings.gap_title(ranked, "vi") == (
        "Xếp hạng khoảng thiếu hụt: Huyện Krông Năng đứng đầu, thiếu 2,5 cơ sở so với mức chung của tỉnh"
    )
    assert "Huyện Krông Năng comes first, 2.5 establishments short" in findings.gap_title(ranked, "en")
    none = "Xếp hạng khoảng thiếu hụt: không địa bàn nào thấp hơn mức tham gia chung của tỉnh"
    # every gap zero (or rounding to zero), negative, or unknown (no round in the period): nobody is "first"
    for gaps in ([0.0, -1.0], [0.04, 0.0], [-0.5, -2.0], [None, None]):
        assert findings.gap_title(pd.DataFrame({"name": ["A", "B"], "gap": gaps}), "vi") == none, gaps
    assert findings.gap_title(pd.DataFrame({"name": ["A", "B"], "gap": [None, 0.05]}), "en").startswith(
        "Engagement gap ranking: B comes first"
    )
    assert findings.gap_title(pd.DataFrame({"name": [], "gap": []}), "vi") == none
