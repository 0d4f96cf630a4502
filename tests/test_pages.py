"""Every page runs under AppTest, in both languages, on the fixture and the sample."""

import json

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cnnt.store import Store
from tests.conftest import FIXTURE_CREATED, PROJECT, SAMPLE_ROOT, shown_tables

PAGES = sorted(p.relative_to(PROJECT).as_posix() for p in PROJECT.glob("pages/*.py"))
TIMEOUT = 60


def _app(monkeypatch, root, **query):
    monkeypatch.setenv("CNNT_DATA_DIR", str(root))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=TIMEOUT)
    for k, v in query.items():
        at.query_params[k] = v
    return at


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("data", ["fixture", "sample"])
def test_every_page_runs_without_exception(monkeypatch, fixture_root, page, lang, data):
    root = fixture_root if data == "fixture" else SAMPLE_ROOT
    at = _app(monkeypatch, root, lang=lang)
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    assert at.title, "every page has a title"
    assert not at.error


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("data", ["merged", "blank", "one_round"])
@pytest.mark.parametrize("scope", ["merged", "daklak_old", "phuyen_old"])
def test_every_page_in_every_scope_on_merged_blank_and_one_round_stores(monkeypatch, request, page, data, scope):
    """Both former provinces, every optional field blank, a store after its first load."""
    root = request.getfixturevalue(f"{data}_root")
    at = _app(monkeypatch, root, scope=scope, years="2012-2025")
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    assert at.title and not at.error


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("data", ["empty", "init"])
def test_every_page_on_an_empty_store_points_to_the_data_page(monkeypatch, tmp_path, init_root, page, data):
    root = tmp_path if data == "empty" else init_root
    at = _app(monkeypatch, root, lang="en")
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception and not at.error
    if page == "pages/data.py":
        assert at.title[0].value == "Data and reconciliation"
    else:
        assert "No data yet" in at.info[0].value


def test_overview_shows_published_figures_for_2012_2021(monkeypatch):
    at = _app(monkeypatch, SAMPLE_ROOT, years="2012-2021", scope="daklak_old")
    at.run()
    values = {(m.label, m.value) for m in at.metric}
    assert ("Lượt cơ sở tham gia", "42") in values
    assert ("Lượt sản phẩm tham gia", "61") in values
    assert ("Lượt sản phẩm được công nhận", "29") in values
    assert ("Lượt sản phẩm được công nhận", "7") in values and ("Lượt sản phẩm được công nhận", "5") in values
    captions = " ".join(c.value for c in at.caption)
    assert "P1" in captions and "P2" in captions and "P3" in captions
    assert any("Dữ liệu mẫu" in b.value for b in at.markdown), "sample badge"


def test_headline_delta_since_previous_round(monkeypatch):
    at = _app(monkeypatch, SAMPLE_ROOT, years="2012-2021", lang="en", scope="daklak_old")
    at.run()
    products = [m for m in at.metric if m.label == "Products entered (times)"][0]
    assert products.value == "61" and products.delta == "+12 in 2021 vs 2019"


def test_deep_link_sets_language_and_filters_and_survives_page_switch(monkeypatch, fixture_root):
    at = _app(monkeypatch, fixture_root, lang="en", loc=["L656"], levels=["provincial"])
    at.run()
    assert at.title[0].value.startswith("Overview")
    assert [m.value for m in at.metric][:4] == ["2", "3", "3", "1"]
    at.switch_page("pages/data.py")
    at.run()
    assert at.title[0].value == "Data and reconciliation"
    as_list = lambda v: v if isinstance(v, list) else [v]  # noqa: E731
    assert as_list(at.query_params["lang"]) == ["en"] and as_list(at.query_params["loc"]) == ["L656"]


def test_bad_values_in_the_url_are_ignored(monkeypatch, fixture_root):
    at = _app(monkeypatch, fixture_root, lang="xx", years="abc", loc=["nowhere"], snap="../../etc")
    at.run()
    assert not at.exception and at.title[0].value.startswith("Tổng quan")


def test_missing_current_snapshot_falls_back_with_a_message(monkeypatch, tmp_path, fixture_root):
    import shutil

    shutil.copytree(fixture_root, tmp_path / "d")
    (tmp_path / "d" / "CURRENT").write_text("20990101-000000-ghost", "utf-8")
    at = _app(monkeypatch, tmp_path / "d", lang="en")
    at.run()
    assert not at.exception
    assert "does not exist" in at.warning[0].value and "newest valid" in at.warning[0].value
    assert at.metric, "the overview still shows figures"


def test_no_valid_snapshot_says_so_without_traceback(monkeypatch, tmp_path):
    (tmp_path / "snapshots" / "20200101-000000-broken").mkdir(parents=True)
    at = _app(monkeypatch, tmp_path)
    at.run()
    assert not at.exception
    assert "Chưa có bản dữ liệu hợp lệ" in at.error[0].value


def test_lookup_shows_entries_certificates_and_reform_localities(monkeypatch, fixture_root):
    monkeypatch.setenv("CNNT_OPEN_ROLE", "leadership")
    at = _app(monkeypatch, fixture_root)
    at.run()
    at.switch_page("pages/lookup.py")
    at.run()
    at.text_input(key="lookup_q").input("ca phe thu").run()
    assert not at.exception
    assert at.selectbox(key="lookup_pick").value == "E1"
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Trước 1/7/2025"] == "Thành phố Buôn Ma Thuột"
    assert metrics["Từ 1/7/2025"] == "Phường Buôn Ma Thuột"
    shown = shown_tables(at)[1]
    assert "P2017/CN-01" in shown.to_string() and "31/12/2022" in shown.to_string()
    money = next(f for f in shown_tables(at) if "Nguồn" in f.columns)  # the yearly figures (confidential)
    assert set(money["Nguồn"]) == {"Dữ liệu mẫu"}  # their source in words, not "sample"


def test_pass_rates_switch_dimension(monkeypatch, fixture_root):
    at = _app(monkeypatch, fixture_root, lang="en")
    at.run()
    at.switch_page("pages/pass_rates.py")
    at.run()
    for dim in ["round", "level", "legal_form", "locality"]:
        at.button_group(key="rate_dimension").set_value(dim).run()
        assert not at.exception, dim
    assert any("Highest pass rate" in m.value for m in at.markdown)


def test_participation_drill_down_by_round(monkeypatch, fixture_root):
    at = _app(monkeypatch, fixture_root)
    at.run()
    at.switch_page("pages/participation.py")
    at.run()
    at.multiselect(key="part_drill_rounds").set_value(["P2019"]).run()
    at.toggle(key="part_certified_only").set_value(True).run()
    assert not at.exception
    table = shown_tables(at)[-1]
    assert len(table) == 2 and set(table.iloc[:, 0]) == {"P2019"}


def test_localities_both_views_and_prospect_list(monkeypatch, fixture_root):
    at = _app(monkeypatch, fixture_root)
    at.run()
    at.switch_page("pages/localities.py")
    at.run()
    assert not at.exception
    assert any("Huyện M'Đrắk đứng đầu, thiếu" in m.value for m in at.markdown)  # gap ranking title
    prospects = shown_tables(at)[-1]
    assert prospects.iloc[:, 1].tolist() == ["HTX Ca Cao Ea Lai Thử", "Công ty TNHH Máy Thử"]
    assert "Quy mô doanh thu (tỷ đồng)" not in prospects.columns  # confidential by default
    assert not [c for c in at.caption if c.value.startswith("Bản đồ và bảng dưới đây gồm")]  # districts: none
    at.button_group(key="view").set_value("current").run()
    assert not at.exception
    as_list = lambda v: v if isinstance(v, list) else [v]  # noqa: E731
    assert as_list(at.query_params["view"]) == ["current"]
    # no establishment of the fixture is known by its district alone: no count of such rows
    assert not [c for c in at.caption if c.value.startswith("Bản đồ và bảng dưới đây gồm")]


def test_the_communes_view_counts_the_rows_known_only_by_district(monkeypatch, merged_root):
    """The reform note says "102 communes"; a list with more rows says why, in numbers."""
    at = _app(monkeypatch, merged_root, view="current")
    at.run()
    at.switch_page("pages/localities.py")
    at.run()
    assert not at.exception
    rows = [c.value for c in at.caption if c.value.startswith("Bản đồ và bảng dưới đây gồm")]
    assert rows == [
        "Bản đồ và bảng dưới đây gồm 4 xã, phường và 1 dòng ghi “chưa rõ xã” (cơ sở chỉ biết huyện, thị xã hoặc "
        "thành phố cũ)."
    ]
    names = shown_tables(at)[0].iloc[:, 1].tolist()
    assert len(names) == 5 and sum(n.endswith("— chưa rõ xã") for n in names) == 1


def test_the_map_title_counts_localities_not_the_rows_known_only_by_district(monkeypatch, tmp_path, merged_tables):
    """A "commune unknown" row that never took part is not one more locality that never did."""
    tables = {k: v.copy() for k, v in merged_tables.items()}
    extra = pd.DataFrame(
        [{"establishment_id": "E9", "name": "Cơ sở Chỉ Biết Huyện", "legal_form": "ho_kinh_doanh", "unit_id": "L656"}]
    )
    tables["establishments"] = pd.concat([tables["establishments"], extra], ignore_index=True)
    Store(tmp_path).publish(tables, label="district only", created_at=FIXTURE_CREATED, published_by="tests")
    titles = {}
    for view in ("current", "legacy"):
        at = _app(monkeypatch, tmp_path, view=view)
        at.run()
        at.switch_page("pages/localities.py")
        at.run()
        assert not at.exception
        table = shown_tables(at)[0]
        titles[view] = [m.value.strip("*") for m in at.markdown if "chưa từng tham gia," in m.value]
        if view == "current":
            never = table[table.iloc[:, -1] == "Chưa từng tham gia"].iloc[:, 1].tolist()
            assert sorted(never) == ["Huyện Lắk — chưa rõ xã", "Xã M'Đrắk"]
    assert titles["current"] == [
        "1 địa bàn chưa từng tham gia, 0 địa bàn đã ngừng tham gia (chưa kể 1 dòng “chưa rõ xã”)"
    ]
    assert titles["legacy"] and "chưa kể" not in titles["legacy"][0]


def test_revenue_band_shows_only_when_allowed(monkeypatch, fixture_root):
    monkeypatch.setenv("CNNT_SHOW_CONFIDENTIAL", "1")
    at = _app(monkeypatch, fixture_root)
    at.run()
    at.switch_page("pages/localities.py")
    at.run()
    assert "Quy mô doanh thu (tỷ đồng)" in shown_tables(at)[-1].columns


def test_locality_profile_deep_link(monkeypatch, fixture_root):
    at = _app(monkeypatch, fixture_root, view="current", unit="N24610")
    at.run()
    at.switch_page("pages/locality_profile.py")
    at.run()
    assert not at.exception
    assert at.title[0].value == "Hồ sơ địa bàn: Xã Liên Sơn Lắk"
    assert any("được lập từ 2 xã cũ thuộc 2 huyện cũ" in m.value for m in at.markdown)


def test_page_choices_are_kept_in_the_url(monkeypatch, fixture_root):
    at = _app(monkeypatch, fixture_root, rate_dimension="legal_form")
    at.run()
    at.switch_page("pages/pass_rates.py")
    at.run()
    assert at.button_group(key="rate_dimension").value == "legal_form"
    at.button_group(key="rate_dimension").set_value("locality").run()
    as_list = lambda v: v if isinstance(v, list) else [v]  # noqa: E731
    assert as_list(at.query_params["rate_dimension"]) == ["locality"]


def test_a_long_list_opens_as_ten_rows_and_a_charts_table_as_the_grid(monkeypatch):
    """On the sample (257 entries): the drill-down list shows its first rows as a plain
    table with a switch to the grid of every row; a chart's own table, once asked for,
    is the grid straight away (no second switch)."""
    from cnnt.ui import LIST_PREVIEW_ROWS

    monkeypatch.setenv("CNNT_OPEN_ROLE", "data_officer")
    at = _app(monkeypatch, SAMPLE_ROOT)
    at.run()
    at.switch_page("pages/participation.py")
    at.run()
    assert not at.exception and len(at.dataframe) == 0
    drill = shown_tables(at)[-1]
    assert len(drill) == LIST_PREVIEW_ROWS
    switch = at.toggle(key="part_entries_df_all")
    assert switch.label == "Xem cả 257 dòng" and not switch.value
    switch.set_value(True).run()
    assert not at.exception and len(at.dataframe) == 1 and len(at.dataframe[0].value) == 257
    charted = [w.key for w in at.toggle if w.key.endswith("_toggle")]
    assert charted
    at.toggle(key=charted[0]).set_value(True).run()
    assert not at.exception and len(at.dataframe) == 2
    assert f"{charted[0].removesuffix('_toggle')}_df_all" not in [w.key for w in at.toggle]


def test_a_search_that_fills_the_list_says_there_may_be_more(monkeypatch):
    """The lookup lists its 200 best matches: a search reaching that many says there may
    be more, a narrower one gives its count."""
    at = _app(monkeypatch, SAMPLE_ROOT)
    at.run()
    at.switch_page("pages/lookup.py")
    at.run()
    counts = lambda: [c.value for c in at.caption if "kết quả" in c.value]  # noqa: E731
    at.text_input(key="lookup_q").input("ph").run()
    assert not at.exception
    assert counts() == [
        "Từ 200 kết quả trở lên; danh sách dừng ở 200 kết quả khớp nhất — hãy gõ cụ thể hơn để thu hẹp."
    ]
    assert at.toggle(key="lookup_hits_all").label == "Xem cả 200 dòng"
    at.text_input(key="lookup_q").input("mai").run()
    assert not at.exception
    (narrow,) = counts()
    assert narrow == "26 kết quả"  # under 200: the count itself


def test_a_group_without_entries_gets_a_sentence_not_bars_of_zeros(monkeypatch, fixture_root):
    """G4 has no product in the fixture: rounds were held, but nothing to draw for it."""
    from tests.conftest import open_page

    overview = open_page(monkeypatch, fixture_root, "pages/overview.py", groups="G4")
    assert not overview.get("plotly_chart")
    assert any("bộ lọc" in i.value for i in overview.info), [i.value for i in overview.info]
    part = open_page(monkeypatch, fixture_root, "pages/participation.py", groups="G4")
    charts = [json.loads(c.proto.spec) for c in part.get("plotly_chart")]
    for spec in charts:  # what is drawn has something in it
        values = [v for tr in spec["data"] for v in (tr.get("x") or []) if isinstance(v, (int, float))]
        assert not values or any(values), spec["layout"].get("title")
    assert sum("bộ lọc" in i.value for i in part.info) >= 1


@pytest.mark.parametrize("role, can_load", [("leadership", False), ("public", False), ("data_officer", True)])
def test_an_empty_store_tells_a_reader_who_loads_data_and_an_officer_where(monkeypatch, init_root, role, can_load):
    monkeypatch.setenv("CNNT_OPEN_ROLE", role)
    at = _app(monkeypatch, init_root)
    at.run()
    assert not at.exception
    said = at.info[0].value
    assert said.startswith("Chưa có dữ liệu")
    assert ("Cán bộ dữ liệu" in said) is not can_load
    assert bool(at.get("page_link")) is can_load
    # the open data-officer role without an account is told that loading needs one
    needs_account = any("Cần đăng nhập" in c.value for c in at.caption)
    assert needs_account is can_load


def test_the_overview_says_which_years_the_loaded_rounds_cover(monkeypatch, fixture_root):
    """The period starts with the programme (2012); the caption says where the data start,
    so that "2012–2025, 2 rounds" is not read as a history that was never loaded."""
    at = _app(monkeypatch, fixture_root)
    at.run()
    assert at.caption[0].value == "Giai đoạn 2012–2019 · các kỳ trong dữ liệu: từ 2017 đến 2019 (3 năm có kỳ)"
    at = _app(monkeypatch, fixture_root, years="2018-2018")
    at.run()
    assert at.caption[0].value == "Năm 2018 · các kỳ trong dữ liệu: chỉ năm 2018"


def test_scores_without_criteria_points_name_the_criteria_panel_and_say_why(monkeypatch, tmp_path, fixture_tables):
    """An announcement list gives totals, not points per criteria group: the panel's title
    is its subject, not "no data for the chosen filters", and the sentence gives the reason."""
    tables = {name: frame.copy() for name, frame in fixture_tables.items()}
    tables["entry_scores"] = tables["entry_scores"].iloc[0:0]
    Store(tmp_path).publish(tables, label="no-criteria", created_at=FIXTURE_CREATED, published_by="tests")
    from tests.conftest import open_page

    at = open_page(monkeypatch, tmp_path, "pages/pass_rates.py")
    said = [m.value for m in at.markdown]
    assert "**Điểm theo nhóm tiêu chí**" in said
    assert any("Chưa có điểm theo từng nhóm tiêu chí" in i.value for i in at.info)
    assert "**Không có dữ liệu cho bộ lọc đã chọn.**" not in said
