"""Addresses and localities as announcement lists write them → administrative units."""

from __future__ import annotations

import time

import pytest

from cnnt.places import AddressMatch, LocalityIndex
from cnnt.reference import build_admin_units


@pytest.fixture(scope="module")
def units():
    return build_admin_units()


@pytest.fixture(scope="module")
def index(units) -> LocalityIndex:
    return LocalityIndex(units)


def label(index: LocalityIndex, m: AddressMatch) -> str | None:
    return index.labels[m.unit_id] if m.unit_id else None


@pytest.mark.parametrize(
    "text",
    ["TP BMT", "TP. BMT", "Tp Buôn Ma Thuột", "tp.bmt", "Thành phố Buôn Ma Thuột", "Buôn Ma Thuột", "TP Ban Mê Thuột"],
)
def test_buon_ma_thuot_city_as_written(index, text):
    m = index.match_address(text)
    assert label(index, m) == "Thành phố Buôn Ma Thuột"
    assert m.district_only and m.outside is None and m.suggestions == []


@pytest.mark.parametrize(
    "text, district",
    [
        ("Huyện Lắk", "Huyện Lắk"),
        ("Krông Năng", "Huyện Krông Năng"),
        ("krong nang", "Huyện Krông Năng"),
        ("Thị xã Sông Cầu", "Thị xã Sông Cầu"),
        ("TX Buôn Hồ", "Thị xã Buôn Hồ"),
        ("TX. Đông Hòa", "Thị xã Đông Hòa"),
        ("H. Krông Pắc", "Huyện Krông Pắc"),
        ("Krông Pắk", "Huyện Krông Pắc"),
        ("Cư Mgar", "Huyện Cư M'gar"),
        ("Huyện Krông Ana", "Huyện Krông A Na"),
        ("huyện Krông Năng, tỉnh Đắk Lắk", "Huyện Krông Năng"),
        ("Sông Hinh, Phú Yên", "Huyện Sông Hinh"),
        ("Thôn 3, Krông Năng", "Huyện Krông Năng"),
    ],
)
def test_a_district_alone_is_district_only(index, text, district):
    m = index.match_address(text)
    assert label(index, m) == district
    assert m.district_only is True
    assert index.units.loc[m.unit_id, "level"] == "district"


@pytest.mark.parametrize(
    "text",
    [
        "P.9, TP Tuy Hòa",
        "Phường 9, thành phố Tuy Hòa",
        "P9 - TP. Tuy Hòa",
        "Phuong 9 Tuy Hoa",
        "Khu phố 2, P.9, TP Tuy Hòa",
    ],
)
def test_numbered_ward_of_tuy_hoa(index, text):
    m = index.match_address(text)
    assert label(index, m) == "Phường 9, Thành phố Tuy Hòa"
    assert m.district_only is False


@pytest.mark.parametrize(
    "text, commune",
    [
        ("Thôn 3, xã Ea Tân, huyện Krông Năng, tỉnh Đắk Lắk", "Xã Ea Tân, Huyện Krông Năng"),
        ("Số 12 Lê Duẩn, phường Tân Lập, TP Buôn Ma Thuột", "Phường Tân Lập, Thành phố Buôn Ma Thuột"),
        ("Buôn Ko Sier, xã Hòa Thắng, Buôn Ma Thuột", "Xã Hòa Thắng, Thành phố Buôn Ma Thuột"),
        ("Tổ dân phố 5, P. Tân Lập, TP. BMT, Đăk Lăk", "Phường Tân Lập, Thành phố Buôn Ma Thuột"),
        ("Khối 5, TT Ea Drăng, Ea H'leo", "Thị trấn Ea Drăng, Huyện Ea H'leo"),
        ("Đội 5, X. Ea Kly, H. Krông Pắc, Dak Lak", "Xã Ea Kly, Huyện Krông Pắc"),
        ("Ea Tân, Krông Năng", "Xã Ea Tân, Huyện Krông Năng"),
        ("Ea Tân - Krông Năng", "Xã Ea Tân, Huyện Krông Năng"),
        ("Thôn 3 xã Ea Tân huyện Krông Năng tỉnh Đắk Lắk", "Xã Ea Tân, Huyện Krông Năng"),
        ("xã Xuân Phương TX Sông Cầu", "Xã Xuân Phương, Thị xã Sông Cầu"),
        ("Thôn Phú Lương, xã Hòa Thắng, huyện Phú Hòa, tỉnh Phú Yên", "Xã Hòa Thắng, Huyện Phú Hòa"),
        ("Ea Kar, Ea Kar", "Thị trấn Ea Kar, Huyện Ea Kar"),
    ],
)
def test_full_addresses_resolve_the_commune_within_its_district(index, text, commune):
    m = index.match_address(text)
    assert label(index, m) == commune
    assert m.district_only is False and m.outside is None


def test_an_unknown_street_name_left_of_the_district_keeps_the_district(index):
    m = index.match_address("Lê Duẩn, TP BMT")
    assert label(index, m) == "Thành phố Buôn Ma Thuột" and m.district_only


@pytest.mark.parametrize(
    "text, name",
    [
        ("Phường Buôn Ma Thuột", "Phường Buôn Ma Thuột"),
        ("Xã Ea Kar", "Xã Ea Kar"),
        ("Phường Tân Lập", "Phường Tân Lập"),
        ("Thôn 2, xã Liên Sơn Lắk, tỉnh Đắk Lắk", "Xã Liên Sơn Lắk"),
        ("Phường Phú Yên", "Phường Phú Yên"),
    ],
)
def test_new_communes_resolve_to_current_units(index, units, text, name):
    m = index.match_address(text)
    assert label(index, m) == name
    assert index.units.loc[m.unit_id, "era"] == "current"


def test_a_typed_commune_is_not_the_district_of_the_same_name(index):
    assert index.units.loc[index.match_address("Xã Krông Năng").unit_id, "level"] == "commune"
    assert index.units.loc[index.match_address("Krông Năng").unit_id, "level"] == "district"


@pytest.mark.parametrize(
    "text, province",
    [
        ("tỉnh Gia Lai", "Gia Lai"),
        ("Khánh Hòa", "Khánh Hòa"),
        ("TP Hồ Chí Minh", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("Bình Định", "Bình Định"),
        ("Thôn 2, xã Ea Tân, huyện Chư Sê, tỉnh Gia Lai", "Gia Lai"),
        ("Xã Ia Blang, huyện Chư Sê", "Gia Lai"),
        ("Nha Trang", "Khánh Hòa"),
        ("Pleiku", "Gia Lai"),
        ("Quận 1", "Hồ Chí Minh"),
        ("Thành phố Đà Lạt", "Lâm Đồng"),
        ("Đắk Nông", "Đắk Nông"),
    ],
)
def test_other_provinces_are_outside_without_suggestions(index, text, province):
    m = index.match_address(text)
    assert m == AddressMatch(None, outside=province)


def test_unknown_commune_gets_suggestions_from_its_district(index):
    m = index.match_address("xã Ea Tn, huyện Krông Năng")
    assert m.unit_id is None and m.outside is None and not m.ambiguous
    assert m.suggestions[0] == "Xã Ea Tân, Huyện Krông Năng"
    assert all(s.endswith("Huyện Krông Năng") for s in m.suggestions)


def test_unknown_district_gets_suggestions_from_our_province(index):
    m = index.match_address("Huyện Krông Nưng")
    assert m.unit_id is None and m.outside is None
    assert "Huyện Krông Năng" in m.suggestions


@pytest.mark.parametrize("text", ["Buon Ma Thout", "Buon Ma Thout, Đắk Lắk"])
def test_a_misspelt_unit_that_starts_like_a_hamlet_gets_suggestions(index, text):
    m = index.match_address(text)
    assert m.unit_id is None and m.outside is None
    assert m.suggestions[0] == "Thành phố Buôn Ma Thuột"


def test_a_commune_name_in_two_districts_is_ambiguous(index):
    m = index.match_address("Xã Hòa Thắng")
    assert m.unit_id is None and m.ambiguous
    assert sorted(m.suggestions) == ["Xã Hòa Thắng, Huyện Phú Hòa", "Xã Hòa Thắng, Thành phố Buôn Ma Thuột"]


@pytest.mark.parametrize("text", ["", "   ", "Thôn 3", "Việt Nam", "tỉnh Đắk Lắk"])
def test_nothing_to_resolve(index, text):
    assert index.match_address(text) == AddressMatch(None)


def test_results_are_copies(index):
    first = index.match_address("Xã Hòa Thắng")
    first.suggestions.clear()
    assert len(index.match_address("Xã Hòa Thắng").suggestions) == 2


def test_match_for_the_template_is_unchanged(index):
    assert index.match("TP. Buôn Ma Thuột").unit_id == index.match_address("TP BMT").unit_id
    assert label(index, index.match("Xã Ea Tân, Huyện Krông Năng")) == "Xã Ea Tân, Huyện Krông Năng"
    assert index.match("Phường Buôn Ma Thuột").unit_id == index.match_address("Phường Buôn Ma Thuột").unit_id
    unknown = index.match("Buôn Ma Thuộc")
    assert unknown.unit_id is None and "Thành phố Buôn Ma Thuột" in unknown.suggestions


def test_fast_after_warm_up(units):
    fresh = LocalityIndex(units)  # no cached results: every text below is resolved once
    fresh.match_address("Krông Năng")
    texts = [
        "Thôn 3, xã Ea Tân, huyện Krông Năng, tỉnh Đắk Lắk",
        "Số 12 Lê Duẩn, phường Tân Lập, TP Buôn Ma Thuột",
        "P.9, TP Tuy Hòa",
        "Xã Hòa Thắng",
        "tỉnh Gia Lai",
        "Xã Ia Blang, huyện Chư Sê",
        "xã Ea Tn, huyện Krông Năng",
        "Huyện Krông Nưng",
        "Thôn 3 xã Ea Tân huyện Krông Năng",
        "Phường Buôn Ma Thuột",
    ] * 3
    start = time.perf_counter()
    for i, text in enumerate(texts):
        fresh.match_address(f"{text}{' ' * i}")  # distinct texts, same meaning: no cache hits
    assert (time.perf_counter() - start) / len(texts) < 0.005
