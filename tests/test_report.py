"""Issue 12: the meeting pack.  The report is built once per data set (fixture and
sample) in both formats and read back: python-docx for the Word file, pdftotext and
pdffonts for the PDF, pdftoppm pages as images for a Chromium-free check that every
page has content.  Targets against actual and peers have exact answers."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess

import docx
import pytest
from PIL import Image

from cnnt import importer, plan, schema
from cnnt.report import Figure, Heading, Options, build_report, write_report
from cnnt.report_pdf import missing_glyphs
from cnnt.store import Store
from cnnt.template import build_template
from tests.conftest import SAMPLE_ROOT

AS_OF = dt.date(2026, 11, 28)
NOW = dt.datetime(2026, 11, 28, 9, 30)
POPPLER = all(shutil.which(x) for x in ("pdftotext", "pdftoppm", "pdffonts"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdftoppm) not installed")


def _build(root, options):
    report = build_report(root, options, now=NOW)
    return report, write_report(report, "docx"), write_report(report, "pdf")


@pytest.fixture(scope="module")
def built(fixture_root, tmp_path_factory):
    """The fixture's report (2017–2019, one district filtered out of nothing) and the
    sample's (2021–2025, merged province), each in both formats, with their PDF text."""
    out = {}
    folder = tmp_path_factory.mktemp("reports")
    for name, root, options in (
        ("fixture", fixture_root, Options(2017, 2019, None, "vi", as_of=AS_OF)),
        ("sample", SAMPLE_ROOT, Options(2021, 2025, None, "vi", as_of=AS_OF)),
    ):
        report, word, pdf = _build(root, options)
        path = folder / f"{name}.pdf"
        path.write_bytes(pdf)
        out[name] = {"report": report, "docx": word, "pdf": pdf, "pdf_path": path}
    return out


def _docx_text(data: bytes) -> tuple[docx.Document, str]:
    d = docx.Document(io.BytesIO(data))
    parts = [p.text for p in d.paragraphs]
    for table in d.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return d, "\n".join(parts)


def _pdftotext(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def _headline_rows(report):
    """Each level's label and its headline figures, in the order of Table 1."""
    labels = {"provincial": "Cấp tỉnh", "regional": "Cấp khu vực", "national": "Cấp quốc gia"}
    return [
        (labels[level], [v["rounds_held"], v["establishments"], v["products"], v["certified"]])
        for level, v in report.headline_values.items()
    ]


def _expected_headlines(db, snapshot_id, year_from, year_to):
    """The headline figures straight from the app's own query (not from the report)."""
    frame = db.query(
        snapshot_id,
        "headline_by_level",
        {"year_from": year_from, "year_to": year_to, "levels": None, "groups": None, "districts": None, "scope": None},
    )
    return {
        r["level"]: [str(int(r[k])) for k in ("rounds_held", "establishments", "products", "certified")]
        for r in frame.to_dict("records")
    }


@pytest.mark.parametrize("name", ["fixture", "sample"])
def test_headlines_are_the_apps_own_figures(built, name, fixture_db, fixture_id, sample_db, sample_id):
    db, sid = (fixture_db, fixture_id) if name == "fixture" else (sample_db, sample_id)
    report = built[name]["report"]
    o = report.options
    expected = _expected_headlines(db, sid, o.year_from, o.year_to)
    assert {k: list(v.values()) for k, v in report.headline_values.items()} == expected
    assert report.snapshot_id == sid


@pytest.mark.parametrize("name", ["fixture", "sample"])
def test_word_file_holds_every_headline_the_filters_and_the_snapshot(built, name):
    report = built[name]["report"]
    d, text = _docx_text(built[name]["docx"])
    for label, values in _headline_rows(report):
        assert any(
            re.search(rf"^{label} \| " + r" \| ".join(map(re.escape, values)) + r" \| ", line)
            for line in text.splitlines()
        ), (
            label,
            values,
        )
    assert report.snapshot_id in text
    o = report.options
    assert f"Năm tổ chức: {o.year_from}–{o.year_to}" in text  # the filters, on the first page
    assert "Phạm vi: Toàn tỉnh (sau sáp nhập)" in text and "Nhóm sản phẩm: Tất cả" in text
    assert "Bản dữ liệu | " + report.snapshot_id in text  # and in the appendix
    # every chart drawn is in the file
    drawn = sum(1 for b in report.blocks if isinstance(b, Figure) and b.png)
    assert len(d.inline_shapes) == drawn


def test_word_file_follows_the_administrative_format(built):
    d, text = _docx_text(built["sample"]["docx"])
    s = d.sections[0]
    assert round(s.page_width.mm) == 210 and round(s.page_height.mm) == 297
    assert [round(x.mm) for x in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)] == [20, 20, 30, 15]
    assert d.styles["Normal"].font.name == "Times New Roman" and d.styles["Normal"].font.size.pt == 14
    assert s.different_first_page_header_footer, "no page number on the first page"
    assert "PAGE" in s.header._element.xml  # page numbers in the top margin from page 2
    head = d.tables[0].rows[0].cells
    assert head[0].text.split("\n")[:2] == ["UBND TỈNH ĐẮK LẮK", "SỞ CÔNG THƯƠNG"]
    assert head[1].text.split("\n")[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert re.search(r"Số:\s+/BC-SCT", head[0].text), "number left for the clerk"
    assert re.search(r"Đắk Lắk, ngày\s+tháng\s+năm \d{4}", head[1].text), "place and date"
    assert "BÁO CÁO" in text and "Nơi nhận:" in text and "GIÁM ĐỐC" in text
    assert "Lưu ý: báo cáo này được lập từ dữ liệu mẫu" in text  # the sample says so
    fonts = {r.font.name for p in d.paragraphs for r in p.runs if r.font.name}
    assert fonts == {"Times New Roman"}


def test_content_comes_in_the_order_such_reports_use(built):
    report = built["sample"]["report"]
    text = report.text()
    headings = "\n".join(b.text for b in report.blocks if isinstance(b, Heading))
    order = [
        "I. KẾT QUẢ BÌNH CHỌN",
        "Đối chiếu với số liệu đã công bố",
        "Diễn biến qua các kỳ",
        "Kết quả tham gia cấp khu vực và cấp quốc gia",
        "Tỷ lệ được công nhận",
        "Địa bàn chưa tham gia",
        "Giấy chứng nhận còn hiệu lực",
        "Doanh thu sau khi được công nhận",
        "Hỗ trợ khuyến công",
        "Thực hiện chỉ tiêu kế hoạch",
        "So sánh với các tỉnh khác",
        "Tồn tại, hạn chế",
        "PHỤ LỤC",
    ]
    positions = [headings.index(x) for x in order]
    assert positions == sorted(positions)
    assert not re.search(r"\{[a-z_]+\}", text), "every placeholder is filled"
    assert "×" in text, "revenue totals are suppressed as on screen"


@needs_poppler
@pytest.mark.parametrize("name", ["fixture", "sample"])
def test_pdf_text_holds_every_headline_the_filters_and_the_snapshot(built, name):
    report = built[name]["report"]
    text = _pdftotext(built[name]["pdf_path"])
    for label, values in _headline_rows(report):
        assert re.search(rf"^\s*{label}\s+" + r"\s+".join(map(re.escape, values)) + r"\s", text, re.M), (label, values)
    flat = re.sub(r"\s+", " ", text)
    assert report.snapshot_id in flat
    o = report.options
    assert f"Năm tổ chức: {o.year_from}–{o.year_to}" in flat and "Phạm vi: Toàn tỉnh (sau sáp nhập)" in flat
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text


@needs_poppler
def test_pdf_embeds_its_fonts_and_draws_every_vietnamese_letter(built):
    report = built["sample"]["report"]
    assert missing_glyphs(report.text()) == set()
    fonts = subprocess.run(
        ["pdffonts", str(built["sample"]["pdf_path"])], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    assert fonts, "the PDF names its fonts"
    for line in fonts:
        name, emb = line.split()[0], line.split()[-5]
        assert emb == "yes", f"{name} is not embedded"


@needs_poppler
@pytest.mark.parametrize("name", ["fixture", "sample"])
def test_every_pdf_page_has_content(built, name, tmp_path):
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(built[name]["pdf_path"]), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) >= 3
    for page in pages:
        grey = Image.open(page).convert("L")
        body = grey.crop((0, grey.height // 12, grey.width, grey.height))  # below the page number
        dark = sum(1 for v in body.getdata() if v < 200)
        assert dark / (body.width * body.height) > 0.002, f"{page.name} is (nearly) blank"


def test_english_report_and_command_line(fixture_root, tmp_path):
    from cnnt.__main__ import main

    out = tmp_path / "report.docx"
    assert (
        main(
            [
                "--data",
                str(fixture_root),
                "report",
                "--from",
                "2017",
                "--to",
                "2019",
                "--lang",
                "en",
                "--format",
                "docx",
                "--out",
                str(out),
                "--no-charts",
                "--groups",
                "G2",
            ]
        )
        == 0
    )
    _d, text = _docx_text(out.read_bytes())
    assert "SOCIALIST REPUBLIC OF VIET NAM" in text and "Independence - Freedom - Happiness" in text
    assert "Product groups: Chế biến" in text or "Product groups: Processed" in text  # the filter is stated


def test_targets_against_actual_on_the_fixture(fixture_db, fixture_id):
    frame = fixture_db.query(fixture_id, "target_progress", {"year_from": 2012, "year_to": 2025, "scope": None})
    by_metric = {(r["plan_period"], r["metric"]): r for r in frame.to_dict("records")}
    p = by_metric[("2016–2020", "products_certified")]
    assert (p["actual"], p["status"], p["data_through"]) == (4, "below", 2019)  # P2017 2 + P2019 2
    assert by_metric[("2016–2020", "localities_with_entry")]["actual"] == 2  # Buôn Ma Thuột, Lắk
    assert by_metric[("2016–2020", "establishments_supported")]["status"] == "met"  # E1, E5, E6 of 2
    assert by_metric[("2016–2020", "support_budget_vnd")]["actual"] == 280_000_000
    later = by_metric[("2021–2025", "products_certified")]
    assert later["status"] == "no_data" and later["actual"] != later["actual"]  # NaN: no data, not zero
    shown = plan.target_table(frame, "vi")
    assert "Chưa có số liệu" in set(shown["Đánh giá"])


def test_peers_only_beside_the_same_level_period_and_rule(fixture_db, fixture_id):
    frame = fixture_db.query(fixture_id, "peer_comparison", {"year_from": 2012, "year_to": 2025, "scope": None})
    by_id = frame.set_index("figure_id")
    assert by_id.loc["X1", "our_value"] == 4 and by_id.loc["X1", "our_round_ids"] == "P2017, P2019"
    assert by_id.loc["X2", "our_value"] == 1  # national 2019, per round: one entry
    assert by_id.loc["Y1", "our_rounds"] == 0  # no round of ours in 2013: nothing set beside it
    shown = plan.peer_table(frame, "vi", "Đắk Lắk")
    assert shown.loc[shown["Tỉnh"] == "Tỉnh thử Y", "Đắk Lắk"].item() == "Không có kỳ"
    narrow = fixture_db.query(fixture_id, "peer_comparison", {"year_from": 2018, "year_to": 2019, "scope": None})
    assert list(narrow["figure_id"]) == ["X2"]  # a figure reaching outside the chosen years is left out


def test_officers_load_targets_and_peers_through_the_template(fixture_root, tmp_path):
    shutil.copytree(fixture_root, tmp_path / "data")
    store = Store(tmp_path / "data")
    workbook = build_template(
        examples={
            "plan_targets": [
                ["2021–2025", 2021, 2025, "Đắk Lắk cũ", "Sản phẩm được công nhận cấp tỉnh", "40", "KH 12/KH-UBND"]
            ],
            "peer_figures": [
                [
                    "GL1",
                    "Gia Lai",
                    "Cấp tỉnh",
                    2021,
                    2021,
                    "năm 2021",
                    "Sản phẩm được công nhận",
                    "per_round",
                    12,
                    "Báo X",
                ]
            ],
        }
    )
    result = importer.run_import(store, [("chi-tieu.xlsx", workbook)], by="Cán bộ A")
    assert not result.errors, result.problems_frame().to_string()
    targets = result.tables["plan_targets"]
    row = targets[targets["plan_period"] == "2021–2025"].iloc[-1]
    assert (row["owner_code"], row["metric"], row["target"]) == ("daklak_old", "products_certified", 40.0)
    peers = result.tables["peer_figures"].set_index("figure_id")
    assert peers.loc["GL1", ["level", "metric", "counting", "value"]].tolist() == [
        "provincial",
        "products_certified",
        "per_round",
        12,
    ]
    assert set(schema.table("plan_targets").column("metric").allowed) == {
        "products_certified",
        "localities_with_entry",
        "establishments_supported",
        "support_budget_vnd",
    }


def test_the_overview_download_builds_the_same_report(fixture_root, fixture_id):
    import json

    from cnnt.report_ui import _report_bytes

    options = {
        "year_from": 2017,
        "year_to": 2019,
        "scope": None,
        "lang": "vi",
        "levels": None,
        "groups": None,
        "districts": None,
        "as_of": AS_OF.isoformat(),
        "charts": False,
    }
    data = _report_bytes(str(fixture_root), fixture_id, json.dumps(options), "docx", "public")
    _d, text = _docx_text(data)
    assert fixture_id in text and "BÁO CÁO" in text


@pytest.mark.parametrize(
    "y0, y1, against",
    [(2012, 2024, None), (2013, 2019, "2012"), (2016, 2019, "2012–2015"), (2018, 2019, "2016–2017")],
)
def test_the_period_compared_with_never_starts_before_the_programme(fixture_root, y0, y1, against):
    """A report from 2012 has nothing before it (not "1999–2011: no round"); a later one
    is compared with the years before it back to 2012 at most."""
    report = build_report(fixture_root, Options(y0, y1, None, "vi", as_of=AS_OF), now=NOW)
    _, text = _docx_text(write_report(report, "docx"))
    before = re.findall(r"\b(?:19\d\d|200\d|201[01])\s*–\s*\d{4}", text)
    assert not before, before  # no period that starts before the programme
    if against is None:
        assert "(so với" not in text and "Bảng 1. Kết quả theo cấp, giai đoạn 2012–2024\n" in text
    else:
        assert f"(so với {against})" in text, text[:3000]  # a one-year period is said as its year


def test_a_report_without_the_revenue_chart_says_why_instead_of_describing_it(fixture_root):
    """2012–2013 holds no event: no chart, so no "the chart shows …" either."""
    report = build_report(fixture_root, Options(2012, 2013, None, "vi", as_of=AS_OF), now=NOW)
    _, text = _docx_text(write_report(report, "docx"))
    assert "Chưa đủ cơ sở có số liệu" in text
    assert "Biểu đồ cho thấy" not in text
    report = build_report(SAMPLE_ROOT, Options(2017, 2025, None, "vi", as_of=AS_OF), now=NOW)
    _, text = _docx_text(write_report(report, "docx"))
    assert "Biểu đồ cho thấy" in text and "Chưa đủ cơ sở có số liệu từ năm" not in text


def test_the_gap_table_lists_only_localities_that_fall_short(fixture_root):
    report = build_report(fixture_root, Options(2012, 2019, None, "vi", as_of=AS_OF), now=NOW)
    _, text = _docx_text(write_report(report, "docx"))
    rows = [line for line in text.splitlines() if line.count(" | ") == 7 and line.split(" | ")[0].isdigit()]
    gaps = [float(r.split(" | ")[5].replace(".", "").replace(",", ".")) for r in rows]
    assert all(g > 0 for g in gaps), rows
    assert f"{len(rows)} địa bàn có khoảng thiếu hụt lớn nhất" in text or "không địa bàn nào thấp hơn" in text


@pytest.mark.parametrize(
    "y0, y1, noted", [(2012, 2024, False), (2024, 2026, True), (2025, 2025, True), (2026, 2027, False)]
)
def test_the_change_of_rules_is_noted_only_for_a_period_that_reaches_it(fixture_root, y0, y1, noted):
    from cnnt.overview import regulation_note

    assert (regulation_note(y0, y1, "vi") is not None) is noted
    report = build_report(fixture_root, Options(y0, y1, None, "vi", as_of=AS_OF), now=NOW)
    _, text = _docx_text(write_report(report, "docx"))
    assert ("Thông tư 38/2025/TT-BCT từ 1/7/2025" in text) is noted


def test_more_certified_than_reached_the_threshold_is_explained_round_by_round():
    """A certified product with no score (announcement lists publish none) makes a round
    certify more than reached the threshold: Table 2 says so, naming those rounds only."""
    import pandas as pd

    from cnnt.overview import unscored_certified_note

    rounds = pd.DataFrame({"round_id": ["R2019", "R2021", "R2023"], "eligible": [4, 6, 0], "certified": [5, 6, 0]})
    assert unscored_certified_note(rounds, "vi").startswith("R2019: số được công nhận lớn hơn số đạt ngưỡng")
    assert "R2021" not in unscored_certified_note(rounds, "en")  # equal: nothing to explain
    assert unscored_certified_note(rounds.iloc[1:], "vi") is None
    assert unscored_certified_note(rounds.iloc[0:0], "vi") is None
    two = rounds.assign(certified=[5, 7, 1])
    assert unscored_certified_note(two, "en").startswith("R2019, R2021, R2023: more products certified")


def test_table_two_explains_certified_products_without_a_score(blank_root, fixture_root):
    """Every score blank (announcement lists): each round with certified products says why
    they outnumber those that reached the threshold; the scored fixture has no such note."""
    blank = build_report(blank_root, Options(2012, 2026, None, "vi", as_of=AS_OF), now=NOW)
    _, text = _docx_text(write_report(blank, "docx"))
    assert re.search(r"P2017[^:]*: số được công nhận lớn hơn số đạt ngưỡng", text)
    scored = build_report(fixture_root, Options(2012, 2026, None, "vi", as_of=AS_OF), now=NOW)
    _, text = _docx_text(write_report(scored, "docx"))
    assert "số được công nhận lớn hơn số đạt ngưỡng" not in text
