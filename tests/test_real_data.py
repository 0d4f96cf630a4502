"""Real data, end to end, from an empty store: announcement lists of old Phú Yên, old
Đắk Lắk and the merged province, loaded, previewed, published, replaced and
withdrawn, with exact answers in each scope."""

from __future__ import annotations

import pytest

from cnnt import importer
from cnnt.db import Database
from cnnt.importer import RoundSpec
from cnnt.starter import init_store
from cnnt.store import StaleStage, Store
from tests.announcement_lists import (
    DL_HEADER,
    DL_ROWS,
    DL_TITLE,
    dak_lak_provincial_2023,
    national_2025,
    phu_yen_provincial_2023,
)
from tests.announcement_lists import _book as announcement_book
from tests.conftest import shown_tables

EVERY = {"year_from": 2000, "year_to": 2035, "levels": None, "groups": None, "districts": None}


def _load(store: Store, name: str, data: bytes, spec: RoundSpec | None = None, **kw) -> importer.ImportResult:
    result = importer.run_import(store, [(name, data)], by="Cán bộ A", round_spec=spec, **kw)
    assert not result.errors, [(p.row, p.column, p.message_en) for p in result.errors]
    store.publish_staged(result.staged.id, by="Cán bộ A")
    return result


@pytest.fixture(scope="module")
def province(tmp_path_factory):
    """An empty store, then a provincial round of each former province and a national round."""
    store = Store(tmp_path_factory.mktemp("province"))
    init_store(store, by="tests")
    loads = {
        "py": _load(store, "phu-yen-2023.xlsx", phu_yen_provincial_2023()),
        "dl": _load(store, "dak-lak-2023.xlsx", dak_lak_provincial_2023()),
        "nat": _load(store, "quoc-gia-2025.xlsx", national_2025(), RoundSpec(owner="daklak")),
    }
    return store, loads


def _headline(db: Database, snap: str, scope: str | None) -> dict:
    frame = db.query(snap, "headline_by_level", {**EVERY, "scope": scope})
    return {r["level"]: r for r in frame.to_dict("records")}


def test_each_list_becomes_a_round_of_its_own_owner(province):
    store, loads = province
    rounds = store.read_table(store.current_id(), "rounds").set_index("round_id")
    assert rounds.loc["PY-P2023", ["owner_code", "level", "year"]].tolist() == ["phuyen_old", "provincial", 2023]
    assert rounds.loc["P2023", ["owner_code", "level", "year"]].tolist() == ["daklak_old", "provincial", 2023]
    assert rounds.loc["N2025", ["owner_code", "level", "year"]].tolist() == ["daklak", "national", 2025]
    assert loads["py"].unscored == 5 and loads["dl"].unscored == 0
    assert loads["py"].rows_read == {"announcement": 5}  # title, section, totals and signature rows skipped


def test_headlines_in_each_scope_never_mix_the_former_provinces(province):
    store, _ = province
    db, snap = Database(store.root), store.current_id()
    merged = _headline(db, snap, None)["provincial"]
    assert (merged["rounds_held"], merged["products"], merged["certified"]) == (2, 9, 7)
    assert merged["establishments"] == 8
    assert merged["latest_year"] == 2023 and merged["previous_year"] is None  # no earlier round to compare
    dl = _headline(db, snap, "daklak_old")["provincial"]
    assert (dl["rounds_held"], dl["products"], dl["certified"]) == (1, 4, 2)
    py = _headline(db, snap, "phuyen_old")["provincial"]
    assert (py["rounds_held"], py["products"], py["certified"]) == (1, 5, 5)
    national_py = _headline(db, snap, "phuyen_old")["national"]  # the merged round, Phú Yên's entrant only
    assert (national_py["products"], national_py["certified"]) == (1, 0)


def test_merged_establishment_cell_and_district_only_localities(province):
    store, loads = province
    snap = store.current_id()
    est = store.read_table(snap, "establishments").set_index("name")
    products = store.read_table(snap, "products")
    tu_thanh = est.loc["Cơ sở chế biến nước mắm Tư Thành"]
    assert tu_thanh["unit_id"] == "L22024"  # "P.9, TP Tuy Hòa": Phường 9 of Tuy Hòa
    assert (products["establishment_id"] == tu_thanh["establishment_id"]).sum() == 2
    assert est.loc["HTX Nông nghiệp Xuân Sơn", "unit_id"] == "L558"  # district only
    assert est.loc["Hộ kinh doanh H'Hen Niê", "unit_id"] == "L24166"  # thôn/buôn ignored, commune found
    assert est.loc["DNTN Cơ khí Hòa Bình", "legal_form"] == "doanh_nghiep"
    warned = [p for p in loads["py"].warnings if "district" in p.message_en]
    assert {(p.sheet, p.row) for p in warned} == {("Danh sach", 11), ("Danh sach", 13)}


def test_localities_hold_both_former_provinces_and_no_establishment_vanishes(province):
    store, _ = province
    db, snap = Database(store.root), store.current_id()
    params = {"year_from": 2012, "year_to": 2025, "groups": None, "scope": None}
    legacy = db.query(snap, "locality_engagement", {**params, "view": "legacy"})
    assert set(legacy["territory"]) == {"66", "54"} and len(legacy) == 24  # 15 + 9 old districts
    current = db.query(snap, "locality_engagement", {**params, "view": "current"})
    unknown = current[current["commune_unknown"]]
    assert set(unknown["unit_id"]) == {"L558", "L563", "L643", "L654"}  # district known, commune unknown
    assert current["participants"].sum() == legacy["participants"].sum() == 8
    py_only = db.query(snap, "locality_engagement", {**params, "view": "legacy", "scope": "phuyen_old"})
    assert len(py_only) == 9 and py_only["participants"].sum() == 4


def test_reconciliation_is_per_owner(province, tmp_path):
    store, _ = province
    db, snap = Database(store.root), store.current_id()
    figures = db.query(snap, "published_figure_check", {"scope": None})
    assert figures.empty  # a real store starts with no published figures


def test_the_same_file_again_changes_nothing(province):
    store, _ = province
    result = importer.run_import(store, [("phu-yen-2023.xlsx", phu_yen_provincial_2023())], by="Cán bộ A")
    assert not result.errors and result.changes.empty


def test_a_corrected_file_replaces_its_round(tmp_path):
    store = Store(tmp_path)
    init_store(store, by="tests")
    _load(store, "phu-yen-2023.xlsx", phu_yen_provincial_2023())
    before = store.current_id()
    result = importer.run_import(store, [("phu-yen-2023-sua.xlsx", phu_yen_provincial_2023(drop=3))], by="B")
    changes = result.changes.set_index("table")
    assert changes.loc["entries", "removed"] == 1 and changes.loc["entries", "added"] == 0
    assert store.current_id() == before  # staged only
    store.publish_staged(result.staged.id, by="B")
    entries = store.read_table(store.current_id(), "entries")
    assert len(entries) == 4 and "PY-P2023-003" not in set(entries["entry_id"])
    assert len(store.read_table(before, "entries")) == 5  # the older snapshot is untouched
    added_only = importer.run_import(store, [("phu-yen-2023.xlsx", phu_yen_provincial_2023())], by="B")
    assert added_only.changes.set_index("table").loc["entries", "added"] == 1


def test_add_only_keeps_rows_the_file_does_not_hold(tmp_path):
    store = Store(tmp_path)
    init_store(store, by="tests")
    _load(store, "phu-yen-2023.xlsx", phu_yen_provincial_2023())
    result = importer.run_import(store, [("x.xlsx", phu_yen_provincial_2023(drop=3))], by="B", replace=False)
    assert result.changes.empty


def test_withdraw_a_row_without_a_file(tmp_path):
    store = Store(tmp_path)
    init_store(store, by="tests")
    _load(store, "phu-yen-2023.xlsx", phu_yen_provincial_2023())
    result = importer.withdraw(store, "entries", ["PY-P2023-002"], by="B", reason="công bố nhầm")
    assert not result.errors
    assert result.changes.set_index("table").loc["entries", "removed"] == 1
    store.publish_staged(result.staged.id, by="B")
    assert "PY-P2023-002" not in set(store.read_table(store.current_id(), "entries")["entry_id"])
    missing = importer.withdraw(store, "entries", ["KHONG-CO"], by="B")
    assert missing.staged is None and "No row has this key" in missing.errors[0].message_en


def test_a_stage_checked_against_an_older_snapshot_is_not_published(tmp_path):
    store = Store(tmp_path)
    init_store(store, by="tests")
    first = importer.run_import(store, [("py.xlsx", phu_yen_provincial_2023())], by="A")
    second = importer.run_import(store, [("dl.xlsx", dak_lak_provincial_2023())], by="B")
    store.publish_staged(second.staged.id, by="B")
    with pytest.raises(StaleStage):
        store.publish_staged(first.staged.id, by="A")
    again = importer.run_import(store, [("py.xlsx", phu_yen_provincial_2023())], by="A")
    store.publish_staged(again.staged.id, by="A")  # re-checked against the current one: fine
    owners = set(store.read_table(store.current_id(), "rounds")["owner_code"])
    assert owners == {"daklak_old", "phuyen_old"}


def test_bad_rows_are_named_and_nothing_published_changes(tmp_path):
    store = Store(tmp_path)
    init_store(store, by="tests")
    before = store.current_id()
    bad = dak_lak_provincial_2023(
        [
            [
                5,
                "Hạt điều rang muối",
                "Cơ sở Điều Vàng",
                "xã Đức Liễu, huyện Bù Đăng, tỉnh Bình Phước",
                "CB",
                80,
                "Đạt",
            ],
            [6, "Tiêu đen", "Cơ sở Tiêu Xanh", "xã Ea Tân, huyện Krông Năng", "CB", "tám mươi", "Đạt"],
            [7, "Rượu cần", "Cơ sở Rượu Buôn", "xã Ea Tân, huyện Krông Năng", "CB", 120, "Đạt"],
        ]
    )
    result = importer.run_import(store, [("kq-sai.xlsx", bad)], by="A")
    assert result.staged is None and store.current_id() == before
    by_row = {p.row: p for p in result.errors}
    outside = by_row[10]
    assert (outside.file, outside.sheet, outside.column) == ("kq-sai.xlsx", "KQ 2023", "Địa chỉ")
    assert "Bình Phước" in outside.message_vi and "another province" in outside.message_en
    assert by_row[11].column == "Điểm" and "85,5" in by_row[11].message_vi
    assert by_row[12].column == "Điểm" and by_row[12].value == "120.0"


def test_a_row_refused_for_its_address_also_names_its_other_bad_cells_in_the_same_pass(tmp_path):
    """An address that cannot be placed used to hide the row's score and result: the officer
    fixed the address, loaded again, and only then learnt of the rest."""
    store = Store(tmp_path)
    init_store(store, by="tests")
    bad = dak_lak_provincial_2023(
        [
            [5, "Hạt điều rang", "Cơ sở Điều Vàng", "xã Đức Liễu, huyện Bù Đăng, tỉnh Bình Phước", "CB", 120, "??"],
            [6, "Tiêu đen", "Cơ sở Tiêu Xanh", "xã Đức Liễu, huyện Bù Đăng, tỉnh Bình Phước", "CB", "tám", "Đạt"],
            [7, "Rượu cần", "Cơ sở Rượu Buôn", "xã Đức Liễu, huyện Bù Đăng, tỉnh Bình Phước", "CB", 100, "Đạt"],
        ]
    )
    result = importer.run_import(store, [("kq-sai.xlsx", bad)], by="A")
    found = sorted((p.row, p.column) for p in result.errors)
    assert found == [
        (10, "Kết quả"),
        (10, "Điểm"),
        (10, "Địa chỉ"),
        (11, "Điểm"),
        (11, "Địa chỉ"),
        (12, "Địa chỉ"),  # 100 is in range: only the address
    ]
    over = next(p for p in result.errors if (p.row, p.column) == (10, "Điểm"))
    assert "[0; 100]" in over.message_vi and "out of range" in over.message_en
    assert "85,5" in next(p for p in result.errors if (p.row, p.column) == (11, "Điểm")).message_vi


def test_a_new_establishment_without_a_locality_also_names_its_unreadable_result(tmp_path):
    store = Store(tmp_path)
    init_store(store, by="tests")
    bad = dak_lak_provincial_2023([[5, "Hạt điều rang", "Cơ sở Điều Mới", None, "CB", 80, "??"]])
    result = importer.run_import(store, [("kq-sai.xlsx", bad)], by="A")
    assert sorted((p.row, p.column) for p in result.errors) == [(10, "Kết quả"), (10, "Địa chỉ")]


def test_a_negative_score_is_an_error_at_its_cell_not_only_a_low_score_warning(tmp_path):
    """-3 is both unusually low (a warning on the cell) and out of range (an error on the
    same cell): the error must not be dropped as a repeat of the warning, else the check
    passes and staging refuses with "failed unexpectedly", naming no cell."""
    store = Store(tmp_path)
    init_store(store, by="tests")
    before = store.current_id()
    bad = dak_lak_provincial_2023(
        [[5, "Tiêu đen", "Cơ sở Tiêu Xanh", "xã Ea Tân, huyện Krông Năng", "CB", -3, "Không đạt"]]
    )
    result = importer.run_import(store, [("kq-am.xlsx", bad)], by="A")
    assert result.staged is None and store.current_id() == before
    assert [(p.row, p.column, p.rule) for p in result.errors] == [(10, "Điểm", "range")]
    assert "[0; 100]" in result.errors[0].message_vi and "out of range" in result.errors[0].message_en
    assert any(p.row == 10 and p.column == "Điểm" and "40" in p.message_vi for p in result.warnings)
    assert not any("unexpectedly" in p.message_en for p in result.problems)
    # a low score in range stays a warning and the list loads
    low = dak_lak_provincial_2023(
        [[5, "Tiêu đen", "Cơ sở Tiêu Xanh", "xã Ea Tân, huyện Krông Năng", "CB", 0, "Không đạt"]]
    )
    ok = importer.run_import(store, [("kq-thap.xlsx", low)], by="A")
    assert not ok.errors and ok.staged is not None
    assert any(p.row == 10 and p.column == "Điểm" for p in ok.warnings)


def test_should_the_check_miss_an_error_staging_names_it_instead_of_failing(tmp_path, monkeypatch):
    """The last line: if the importer's own pass missed an error, the store's refusal is
    reported at the officer's cell, not as "failed unexpectedly"."""
    store = Store(tmp_path)
    init_store(store, by="tests")
    before = store.current_id()
    monkeypatch.setattr(importer, "validate_tables", lambda tables: [])  # the store still validates
    bad = dak_lak_provincial_2023(
        [[5, "Tiêu đen", "Cơ sở Tiêu Xanh", "xã Ea Tân, huyện Krông Năng", "CB", -3, "Không đạt"]]
    )
    result = importer.run_import(store, [("kq-am.xlsx", bad)], by="A")
    assert result.staged is None and store.current_id() == before
    assert [(p.file, p.row, p.column) for p in result.errors] == [("kq-am.xlsx", 10, "Điểm")]


@pytest.mark.parametrize(
    ("typed", "vi"),
    [("31/02/2023", "Ngày không tồn tại"), ("29/02/2023", "Ngày không tồn tại"), ("hôm qua", "cần dd/mm/yyyy")],
)
def test_a_certificate_date_that_does_not_exist_is_told_apart_from_one_that_cannot_be_read(tmp_path, typed, vi):
    store = Store(tmp_path)
    init_store(store, by="tests")
    header = [*DL_HEADER[:7], "Ngày cấp"]
    rows = [[*row[:7], "15/11/2023"] for row in DL_ROWS]
    rows[1][7] = typed
    result = importer.run_import(store, [("kq.xlsx", announcement_book("KQ", DL_TITLE, header, rows, []))], by="A")
    assert [(p.row, p.column) for p in result.errors] == [(7, "Ngày cấp")]  # two title rows, a blank, header, (1)…(8)
    assert vi in result.errors[0].message_vi


def test_the_same_list_chosen_twice_is_one_error_naming_both_files(tmp_path):
    store = Store(tmp_path)
    init_store(store, by="tests")
    data = dak_lak_provincial_2023()
    result = importer.run_import(store, [("DS 2023.xlsx", data), ("DS 2023 (1).xlsx", data)], by="A")
    assert result.staged is None
    assert [(p.file, p.row) for p in result.errors] == [("DS 2023 (1).xlsx", None)]  # not a key error per row
    assert "DS 2023.xlsx" in result.errors[0].message_vi and "identical" in result.errors[0].message_en
    assert result.rows_read == {"announcement": 4}  # read once


def test_a_list_that_drops_a_product_a_later_round_builds_on_names_that_row(tmp_path):
    """A regional entry is qualified by the provincial entry of its product: a new provincial
    list without that product would leave it pointing at nothing.  The error names the
    published row and what it points at, not "row 101 of entries"."""
    store = Store(tmp_path)
    init_store(store, by="tests")
    _load(store, "dl-2023.xlsx", dak_lak_provincial_2023())
    regional = announcement_book(
        "KV",
        ["KẾT QUẢ BÌNH CHỌN SẢN PHẨM CÔNG NGHIỆP NÔNG THÔN TIÊU BIỂU CẤP KHU VỰC NĂM 2024"],
        ["STT", "Sản phẩm", "Cơ sở", "Địa chỉ", "Kết quả"],
        [[1, "Cà phê rang xay Ban Mê", "Công ty TNHH Cà phê Ban Mê Xanh", "TP BMT", "Đạt"]],
        [],
    )
    _load(store, "kv-2024.xlsx", regional, RoundSpec(owner="daklak_old"))
    entries = store.read_table(store.current_id(), "entries").set_index("entry_id")
    qualified_by = entries.loc["R2024-001", "qualified_by_entry_id"]
    assert entries.loc[qualified_by, "round_id"] == "P2023"
    before = store.current_id()
    shorter = announcement_book("KQ 2023", DL_TITLE, DL_HEADER, DL_ROWS[1:], [])  # without the coffee
    result = importer.run_import(store, [("dl-2023-moi.xlsx", shorter)], by="A")
    assert result.staged is None and store.current_id() == before
    dangling = [p for p in result.errors if p.rule == "foreign_key"]
    assert len(dangling) == 1 and dangling[0].value == qualified_by
    assert "“R2024-001”" in dangling[0].message_vi and f"trỏ tới “{qualified_by}”" in dangling[0].message_vi
    assert "withdraw “R2024-001” first" in dangling[0].message_en


def test_the_sample_folder_checks_a_file_but_never_stages_it(tmp_path, fixture_tables):
    sample = Store(tmp_path / "sample")
    sample.publish(fixture_tables, label="sample", is_sample=True)
    before = sorted(p.name for p in (tmp_path / "sample" / "snapshots").iterdir())
    bad = dak_lak_provincial_2023([[5, "Tiêu đen", "Cơ sở Tiêu Xanh", "xã Ea Tân, huyện Krông Năng", "CB", 120, "Đạt"]])
    result = importer.run_import(sample, [("kq.xlsx", bad)], by="A")
    assert result.staged is None and sorted(p.name for p in (tmp_path / "sample" / "snapshots").iterdir()) == before
    assert result.problems[0].rule == "sample_root" and result.problems[0].severity == "warning"
    assert "checked" in result.problems[0].message_en
    assert any(p.file == "kq.xlsx" and p.row == 10 for p in result.errors)  # the file's own problems are shown


def test_a_list_whose_round_cannot_be_told_asks_for_it(tmp_path):
    store = Store(tmp_path)
    init_store(store, by="tests")
    result = importer.run_import(store, [("qg.xlsx", national_2025())], by="A")
    assert result.staged is None
    assert "programme owner" in result.errors[0].message_en and "Round of the list" in result.errors[0].message_en


def test_a_file_with_nothing_recognisable_names_what_is_expected(tmp_path):
    import io

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(["Họ tên", "Ngày sinh"])
    wb.active.append(["Nguyễn Văn A", "01/01/1990"])
    out = io.BytesIO()
    wb.save(out)
    store = Store(tmp_path)
    init_store(store, by="tests")
    result = importer.run_import(store, [("la.xlsx", out.getvalue())], by="A")
    message = result.errors[0]
    assert (
        message.file == "la.xlsx" and "Tên sản phẩm" in message.message_vi and "Kết quả bình chọn" in message.message_vi
    )


def test_the_sample_root_takes_no_real_data():
    from tests.conftest import SAMPLE_ROOT

    before = sorted(p.name for p in (SAMPLE_ROOT / "snapshots").iterdir())
    result = importer.run_import(Store(SAMPLE_ROOT), [("py.xlsx", phu_yen_provincial_2023())], by="A")
    assert result.staged is None and "sample" in result.problems[0].message_en
    assert sorted(p.name for p in (SAMPLE_ROOT / "snapshots").iterdir()) == before  # checked, nothing written


def test_first_import_into_an_empty_folder_needs_no_init(tmp_path):
    store = Store(tmp_path)
    result = importer.run_import(store, [("py.xlsx", phu_yen_provincial_2023())], by="A")
    assert result.base_id is None and not result.errors
    store.publish_staged(result.staged.id, by="A")
    assert store.resolve().snapshot.id == result.staged.id


@pytest.mark.parametrize("scope", ["merged", "daklak_old", "phuyen_old"])
def test_every_page_on_the_loaded_province(monkeypatch, province, scope):
    """Every page on data loaded from officers' lists (no scores, districts without
    communes, no financials), in each scope, in both languages: no exception."""
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT

    store, _ = province
    monkeypatch.setenv("CNNT_DATA_DIR", str(store.root))
    for lang in ("vi", "en"):
        at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
        at.query_params["scope"] = scope
        at.query_params["lang"] = lang
        at.run()
        for page in sorted(p.relative_to(PROJECT).as_posix() for p in PROJECT.glob("pages/*.py")):
            at.switch_page(page)
            at.run()
            assert not at.exception, (page, at.exception)
            assert not at.error, (page, [e.value for e in at.error])


def test_lookup_opens_a_loaded_record(monkeypatch, province):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT

    store, _ = province
    monkeypatch.setenv("CNNT_DATA_DIR", str(store.root))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/lookup.py")
    at.run()
    at.text_input(key="lookup_q").input("nuoc mam").run()
    assert not at.exception
    shown = " ".join(str(d.to_string()) for d in shown_tables(at))
    assert "PY-P2023" in shown


def test_communes_view_names_district_only_rows(monkeypatch, province):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT

    store, _ = province
    monkeypatch.setenv("CNNT_DATA_DIR", str(store.root))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    at.query_params["view"] = "current"
    at.run()
    at.switch_page("pages/localities.py")
    at.run()
    assert not at.exception
    table = shown_tables(at)[0]
    names = " | ".join(table.iloc[:, 1].astype(str))
    assert "Huyện Đồng Xuân — chưa rõ xã" in names
