"""Issue 6: template, officer-typed input, row-level problems, staging, publish, rollback."""

import io
import shutil
import subprocess
import sys
import unicodedata

import openpyxl
import pandas as pd
import pytest

from cnnt import importer, schema, template
from cnnt.store import Store
from tests.conftest import PROJECT
from tests.import_examples import GOOD, good_workbook, workbook


@pytest.fixture
def store(tmp_path, fixture_root):
    shutil.copytree(fixture_root, tmp_path / "data")
    return Store(tmp_path / "data")


def snapshot_state(store):
    """Everything a reader depends on: the pointer and every published byte."""
    files = {
        p.relative_to(store.root): p.read_bytes()
        for p in store.snapshots_dir.rglob("*")
        if p.is_file() and not p.relative_to(store.snapshots_dir).parts[0].endswith("-import")
    }
    return store.current_id(), files


def test_template_is_generated_from_the_schema():
    wb = openpyxl.load_workbook(io.BytesIO(template.build_template(["Huyện Lắk"])))
    assert wb.sheetnames[0] == "Hướng dẫn" and wb["Danh mục"].sheet_state == "hidden"
    for sheet in template.SHEETS:
        ws = wb[sheet.vi]
        assert [c.value.rstrip(" *") for c in ws[1]] == [f.vi for f in sheet.fields]
        assert [c.value for c in ws[2]] == [f.en for f in sheet.fields]
        required = {
            c for c in schema.table(sheet.table).column_names if not schema.table(sheet.table).column(c).nullable
        }
        computed = {"eligible", "unit_id", "entry_id"}  # filled in by the importer
        assert required - computed <= {f.name for f in sheet.fields}, sheet.table
    assert wb["Kết quả bình chọn"].data_validations.dataValidation, "drop-down lists are attached"
    assert wb["Cơ sở"].data_validations.dataValidation


def test_good_workbook_is_staged_not_published(store):
    before = store.current_id()
    result = importer.run_import(store, [("ket-qua.xlsx", good_workbook())], by="Cán bộ A")
    assert result.problems == []
    assert result.rows_read == {"rounds": 1, "establishments": 1, "products": 1, "entries": 2, "financials": 2}
    assert store.current_id() == before and result.staged.staged
    assert result.staged.manifest["published_by"] == "Cán bộ A"
    assert result.staged.manifest["sources"][0]["name"] == "ket-qua.xlsx"
    assert len(result.staged.manifest["sources"][0]["sha256"]) == 64
    entries = result.tables["entries"].set_index("entry_id")
    assert entries.loc["P2021-001", ["total_score", "eligible", "certified"]].tolist() == [76.5, True, True]
    assert entries.loc["P2021-002", ["total_score", "eligible"]].tolist() == [55.0, False]
    est = result.tables["establishments"].set_index("establishment_id").loc["E7"]
    assert est["unit_id"] == "L24401" and est["year_founded"] == 2018  # "xa ea lai, huyen m'drak"
    fin = result.tables["financials"].set_index(["establishment_id", "year"])
    assert (
        fin.loc[("E7", 2020), "revenue_vnd"] == 1_200_000_000
        and fin.loc[("E7", 2020), "avg_monthly_income_vnd"] == 4_500_000
    )
    diff = importer.diff_tables({n: store.read_table(before, n) for n in schema.TABLE_NAMES}, result.tables)
    assert diff.set_index("table").loc["entries", ["added", "changed", "removed"]].tolist() == [2, 0, 0]
    assert result.changes.equals(diff) and result.base_id == before


def test_the_same_workbook_again_changes_nothing_and_a_correction_changes_only_its_entry(store):
    """Rows without an entry id are the round's entries for those products: loading the
    file again keeps their ids (no 8 removed / 8 added), a corrected score is one change."""
    first = importer.run_import(store, [("ket-qua.xlsx", good_workbook())], by="A")
    store.publish_staged(first.staged.id, by="A")
    ids = sorted(first.tables["entries"].query("round_id == 'P2021'")["entry_id"])
    again = importer.run_import(store, [("ket-qua.xlsx", good_workbook())], by="A")
    assert not again.errors
    assert sorted(again.tables["entries"].query("round_id == 'P2021'")["entry_id"]) == ids
    assert int(again.changes[["added", "changed", "removed"]].to_numpy().sum()) == 0
    assert again.changed_rows.empty and again.changed_rows.attrs["omitted"] == 0
    corrected = {**GOOD, "entries": [GOOD["entries"][0], [None, "P2021", "SP5", 25, 21, 5, 5, None, "Không"]]}
    fixed = importer.run_import(store, [("ket-qua-sua.xlsx", workbook(**corrected))], by="A")
    by_table = fixed.changes.set_index("table")[["added", "changed", "removed"]]
    assert by_table.loc["entries"].tolist() == [0, 1, 0] and by_table.loc["entry_scores"].tolist() == [0, 1, 0]
    assert sorted(fixed.tables["entries"].query("round_id == 'P2021'")["entry_id"]) == ids
    # which cells: the total and the criterion point, with the product's name
    detail = fixed.changed_rows
    product = fixed.tables["products"].set_index("product_id").loc["SP5", "name"]
    assert detail[["table", "change", "column", "before", "after"]].values.tolist() == [
        ["entries", "changed", "total_score", "55", "56"],
        ["entry_scores", "changed", "points", "20", "21"],
    ]
    assert detail["key"].tolist() == [f"{ids[1]} · {product}", f"{ids[1]} | C2 · {product}"]
    from cnnt.import_report import changes_table

    shown = changes_table(detail, "vi")
    assert shown.iloc[0].tolist()[2:] == ["Sửa ô", "Tổng điểm (để trống: tự cộng)", "55", "56"]
    assert shown.iloc[1].tolist()[2:] == ["Sửa ô", "Điểm tiêu chí", "20", "21"]
    assert changes_table(detail, "en").iloc[0].tolist()[2] == "Cell changed"


def test_publish_then_rollback_changes_only_the_pointer(store, fixture_db):
    first = store.current_id()
    result = importer.run_import(store, [("ket-qua.xlsx", good_workbook())], by="A")
    store.set_current(result.staged.id, by="A", action="publish")
    assert store.current_id() == result.staged.id and result.staged.id in store.published_ids()
    store.set_current(first, by="B", action="rollback")
    assert store.current_id() == first
    log = store.history()
    assert [e["action"] for e in log][-2:] == ["publish", "rollback"] and log[-1]["by"] == "B"
    assert store.open(result.staged.id).ok  # nothing deleted


def test_officer_formats_nfd_spaces_english_headers_and_csv(store):
    nfd = unicodedata.normalize("NFD", "  Hộ kinh doanh Mây Tre   ")
    wb = workbook(establishments=[["E8", None, nfd, "household business", "  Lak ", None, "2.010"]])
    r = importer.run_import(store, [("co-so.xlsx", wb)])
    assert r.errors == []
    est = r.tables["establishments"].set_index("establishment_id").loc["E8"]
    assert est["name"] == "Hộ kinh doanh Mây Tre" and unicodedata.is_normalized("NFC", est["name"])
    assert est["legal_form"] == "ho_kinh_doanh" and est["unit_id"] == "L656" and est["year_founded"] == 2010
    csv = (
        "Round id,Product id,Criteria 1 points (max 40),Criteria 2 points (max 40),Criteria 3 points (max 10),"
        "Criteria 4 points (max 10),Certified (Yes/No),Certificate no.,Issued (dd/mm/yyyy)\n"
        'P2019,SP6,"31,5",30,8,8,Có,P2019/CN-09,30/08/2019\n'
    ).encode("utf-8-sig")
    r = importer.run_import(store, [("Kết quả bình chọn.csv", csv)])
    assert r.errors == [], r.problems_frame().to_string()
    new = r.tables["entries"].set_index("entry_id").loc["P2019-04"]
    assert new["total_score"] == 77.5 and str(new["certificate_date"]) == "2019-08-30"


def test_every_problem_has_file_sheet_row_column_in_both_languages(store):
    bad = workbook(
        rounds=[["P2023", None, "Cấp tỉnh", "hai nghìn", None, "TT26/2014", 70, None, None]],
        establishments=[["E9", None, "Cơ sở X", "HKD?", "Buon Ma Thout", None, None]],
        entries=[[None, "P2019", "SP5", 45, 20, 5, 5, None, "Có", None, "31/02/2021", None]],
    )
    r = importer.run_import(store, [("sai.xlsx", bad)])
    where = {(p.sheet, p.row, p.column) for p in r.errors}
    assert ("Kỳ bình chọn", 3, "Năm") in where
    assert ("Cơ sở", 3, "Loại hình") in where
    assert ("Cơ sở", 3, "Địa bàn (xã, huyện)") in where
    assert ("Kết quả bình chọn", 3, "Điểm tiêu chí 1 (tối đa 40)") in where  # 45 > 40
    assert ("Kết quả bình chọn", 3, "Ngày cấp (dd/mm/yyyy)") in where
    no_such_day = next(p for p in r.errors if p.column == "Ngày cấp (dd/mm/yyyy)")  # 31/02: the format is right
    assert "Ngày không tồn tại" in no_such_day.message_vi and "No such date" in no_such_day.message_en
    assert next(p for p in r.errors if p.column == "Năm").message_en == "Cannot read: expected a whole number."
    locality = next(p for p in r.errors if p.column == "Địa bàn (xã, huyện)")
    assert "Thành phố Buôn Ma Thuột" in locality.message_vi and "Suggestions" in locality.message_en
    assert all(p.file == "sai.xlsx" and p.message_vi and p.message_en for p in r.errors)
    assert r.staged is None
    sheet = openpyxl.load_workbook(
        io.BytesIO(__import__("cnnt.export", fromlist=["x"]).xlsx_bytes(r.problems_frame(), [("a", "b")]))
    )
    assert sheet.active.max_row == len(r.problems) + 1  # downloadable as a sheet


def test_warnings_for_unusual_score_and_tenfold_revenue(store):
    wb = workbook(
        entries=[[None, "P2019", "SP6", 10, 10, 2, 2, None, "Không", None, None, None]],
        financials=[["E1", 2019, "90.000.000.000", 25, "6.300.000", "survey"]],  # 2018 was 6,4 billion
    )
    r = importer.run_import(store, [("canh-bao.xlsx", wb)])
    assert r.errors == [] and r.staged is not None
    messages = " ".join(p.message_en for p in r.warnings)
    assert "Unusually low total" in messages and "tenfold" in messages
    low = next(p for p in r.warnings if "Unusually low" in p.message_en)
    # the total was left blank (summed from the criteria): the criteria are named, not the blank cell
    assert (
        low.column == "Điểm tiêu chí 1 (tối đa 40)" and low.value == "24.0" and "sum of the criteria" in low.message_en
    )
    typed = importer.run_import(
        store, [("tong.xlsx", workbook(entries=[[None, "P2019", "SP6", None, None, None, None, 30, "Không"]]))]
    )
    low = next(p for p in typed.warnings if "Unusually low" in p.message_en)
    assert low.column.startswith("Tổng điểm") and "sum of the criteria" not in low.message_en


def test_cli_import_publishes_only_when_clean(store, tmp_path):
    good = tmp_path / "ket-qua.xlsx"
    good.write_bytes(good_workbook())
    bad = tmp_path / "sai.xlsx"
    bad.write_bytes(b"PK\x03\x04 broken")

    def run(*a):
        return subprocess.run(
            [sys.executable, "-m", "cnnt", "--data", str(store.root), "import", *a],  # noqa: E731
            cwd=PROJECT,
            capture_output=True,
            text=True,
        )

    before = store.current_id()
    failed = run(str(bad), "--publish", "--by", "A")
    assert failed.returncode == 1 and "Không mở được tệp Excel" in failed.stdout and store.current_id() == before
    ok = run(str(good), "--publish", "--by", "A")
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert store.current_id() != before and "published:" in ok.stdout


def test_unchanged_current_after_any_failed_import(store):
    before = snapshot_state(store)
    for name, data in [
        ("x.xlsx", b""),
        ("x.pdf", b"%PDF"),
        ("x.csv", "a;b\n".encode("utf-16")),
        ("x.xlsx", workbook(entries=[[None, "P2017", "SP1", "=1+1", 0, 0, 0, None, "Có", None, None, None]])),
    ]:
        r = importer.run_import(store, [(name, data)])
        assert r.errors and r.staged is None
    assert snapshot_state(store) == before


def test_the_problem_list_puts_errors_first_in_file_order_with_blank_rows_for_whole_files(store):
    from cnnt.import_report import problems_table

    low = workbook(entries=[[None, "P2019", "SP5", 10, 10, 5, 5, None, "Không", None, None, None]])  # warning: 30 < 40
    bad = workbook(
        entries=[
            [None, "P2019", "SP5", 45, 20, 5, 5, None, "Có", None, None, None],
            [None, "P2019", "SP6", 20, 20, 5, 5, None, "Có", None, "31/02/2021", None],
        ]
    )
    r = importer.run_import(store, [("b.xlsx", low), ("a.xlsx", bad), ("c.xlsx", b"not a workbook")])
    shown = problems_table(r, "vi")
    kinds = shown["Mức"].tolist()
    assert kinds == sorted(kinds, key=lambda k: k != "Lỗi") and "Cảnh báo" in kinds  # errors, then warnings
    errors = shown[shown["Mức"] == "Lỗi"]
    assert errors["Tệp"].tolist() == sorted(errors["Tệp"].tolist())
    whole_file = errors[errors["Tệp"] == "c.xlsx"]
    assert whole_file["Dòng"].tolist() == [""]  # not "None", not "<NA>"
    rows_a = [int(x) for x in errors.loc[errors["Tệp"] == "a.xlsx", "Dòng"]]
    assert rows_a == sorted(rows_a) and len(rows_a) >= 2
    download = problems_table(r, "en", numeric_rows=True)
    assert str(download["Row"].dtype) == "Int64" and download["Row"].isna().sum() == 1
    assert list(download.columns[:4]) == ["Severity", "File", "Sheet", "Row"]


def test_problem_values_read_as_numbers_are_written_the_readers_way():
    from cnnt.import_report import shown_value

    assert [shown_value(v, "vi") for v in ("-3.0", "105.0", "85.5", "39.0")] == ["−3", "105", "85,5", "39"]
    assert [shown_value(v, "en") for v in ("85.5", "-3.0")] == ["85.5", "−3"]
    assert shown_value("-3", "vi") == "−3"  # typed as a whole number: the minus sign, not the grid's "'-3"
    # text, codes and a thousand written the Vietnamese way stay as typed
    for typed in ("6001234567", "1.234", "TP BMT", "P2023-001", "", None):
        assert shown_value(typed, "vi") == typed


def test_a_file_without_criteria_points_says_the_published_points_go(store):
    """Totals only (as press lists give them) over entries loaded with criteria points:
    the points are removed with the new totals, and a warning says so before publishing."""
    first = importer.run_import(store, [("ket-qua.xlsx", good_workbook())], by="A")
    store.publish_staged(first.staged.id, by="A")
    totals_only = {
        **GOOD,
        "entries": [
            [None, "P2021", "SP8", None, None, None, None, 76.5, "Có", "P2021/CN-01", "05/11/2021", None],
            [None, "P2021", "SP5", 25, 20, 5, 5, None, "Không", None, None, None],  # still with its points
        ],
    }
    r = importer.run_import(store, [("tong-diem.xlsx", workbook(**totals_only))], by="A")
    warned = [p for p in r.warnings if p.rule == "criteria_dropped"]
    assert len(warned) == 1 and warned[0].file == "tong-diem.xlsx"
    assert "1 bài dự thi" in warned[0].message_vi and "4 điểm tiêu chí" in warned[0].message_vi
    kept = r.tables["entry_scores"]
    assert "P2021-001" not in set(kept["entry_id"]) and len(kept[kept["entry_id"] == "P2021-002"]) == 4
    again = importer.run_import(store, [("ket-qua.xlsx", good_workbook())], by="A")  # points given again: no warning
    assert not [p for p in again.warnings if p.rule == "criteria_dropped"]


def test_the_change_detail_is_bounded_and_writes_blanks_booleans_and_negatives_for_the_reader():
    from cnnt.import_report import changes_table
    from cnnt.starter import empty_tables

    before = empty_tables()
    counts, detail = importer.compare_tables(before, before, limit=5)
    assert counts.empty and detail.empty and detail.attrs["omitted"] == 0
    detail = pd.DataFrame(
        {
            "table": ["entries", "entries", "entries"],
            "key": ["P2021-001 · Cà phê", "P2021-001 · Cà phê", "P2021-002"],
            "change": ["changed", "changed", "removed"],
            "column": ["eligible", "total_score", ""],
            "before": ["False", "-3", ""],
            "after": ["True", "", ""],
        }
    )
    shown = changes_table(detail, "vi")
    assert shown.iloc[0, 4:].tolist() == ["Không", "Có"]
    assert shown.iloc[1, 4:].tolist() == ["−3", ""]  # no "'-3" in the grid, a blank stays blank
    assert shown.iloc[2, 2:4].tolist() == ["Xóa dòng", ""]


def test_the_change_detail_stops_at_its_limit_and_counts_the_rest(store):
    first = importer.run_import(store, [("ket-qua.xlsx", good_workbook())], by="A")
    before = {n: store.read_table(first.base_id, n) for n in schema.TABLE_NAMES}
    counts, detail = importer.compare_tables(before, first.tables, limit=3)
    everything = importer.compare_tables(before, first.tables, limit=10_000)[1]
    assert len(detail) == 3 and detail.attrs["omitted"] == len(everything) - 3 > 0
    assert counts.equals(importer.diff_tables(before, first.tables)) and counts.equals(first.changes)
    assert everything.head(3).equals(detail)


def test_drop_downs_offer_labels_not_codes_and_both_are_read(store):
    from cnnt.template import choice_lists

    assert ("Báo cáo thuế", "tax_report") in choice_lists("vi")["financial_sources"]
    assert ("Cộng dồn các kỳ", "summed_over_rounds") in choice_lists("vi")["counting"]
    rows = [["E7", 2020, "1.000.000", 6, None, "Báo cáo thuế"], ["E7", 2021, "1.000.000", 6, None, "survey"]]
    r = importer.run_import(store, [("tc.xlsx", workbook(establishments=GOOD["establishments"], financials=rows))])
    assert not r.errors, r.problems_frame().to_string()
    sources = r.tables["financials"].set_index(["establishment_id", "year"])["source"]
    assert sources[("E7", 2020)] == "tax_report" and sources[("E7", 2021)] == "survey"


def test_two_workbooks_holding_the_same_round_are_key_errors_not_a_crash(store):
    """Each file defines round P2021 (a copy of the round sheet in two files): the round's
    threshold is read once, and the second definition is a duplicate key at its cell."""
    r = importer.run_import(store, [("a.xlsx", good_workbook()), ("b.xlsx", workbook(rounds=GOOD["rounds"]))])
    assert r.staged is None and not any("unexpectedly" in p.message_en for p in r.problems)
    assert ("b.xlsx", "Kỳ bình chọn", 3) in {
        (p.file, p.sheet, p.row) for p in r.errors if "Duplicate key" in p.message_en
    }


@pytest.mark.parametrize("typed, is_set", [(None, False), ("", False), ("Không", False), ("Có", True)])
def test_a_blank_product_set_cell_means_not_a_set(store, typed, is_set):
    """The header "Bộ sản phẩm (Có/Không)" has no star: a blank cell is "Không", not an error."""
    products = [GOOD["products"][0][:4] + [typed]]
    result = importer.run_import(store, [("kq.xlsx", workbook(**{**GOOD, "products": products}))], by="tests")
    assert not result.errors, [(p.column, p.message_en) for p in result.errors]
    assert result.tables["products"].set_index("product_id").loc["SP8", "is_set"] == is_set


def test_a_negative_criteria_score_is_its_own_error_not_also_a_low_total_warning(store):
    """−3 + 30 + 6 + 6 = 39 would be "unusually low", but the sum holds a value that is
    already an error at its own cell: the officer gets that error, not a warning about 39."""
    entries = [[None, "P2021", "SP8", -3, 30, 6, 6, None, "Không", None, None, None]]
    result = importer.run_import(store, [("kq.xlsx", workbook(**{**GOOD, "entries": entries}))], by="tests")
    assert any(p.value in ("-3", "-3.0") or "[0;" in p.message_vi for p in result.errors), [
        (p.column, p.value, p.message_en) for p in result.problems
    ]
    assert not any("thấp bất thường" in p.message_vi for p in result.warnings)
    low = [[None, "P2021", "SP8", 3, 30, 3, 3, None, "Không", None, None, None]]  # 39, every cell in range
    result = importer.run_import(store, [("kq.xlsx", workbook(**{**GOOD, "entries": low}))], by="tests")
    assert not result.errors and any("thấp bất thường" in p.message_vi for p in result.warnings)
