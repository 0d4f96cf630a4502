import unicodedata

import pytest

from cnnt.reference import build_admin_units, build_crosswalk


@pytest.fixture(scope="module")
def units():
    return build_admin_units()


def test_legacy_districts_of_dak_lak_and_phu_yen(units):
    d = units[(units.era == "legacy") & (units.level == "district")]
    dak_lak = set(d[d.province_code == "66"]["short_name"])
    assert len(dak_lak) == 15
    assert {"Buôn Ma Thuột", "Buôn Hồ", "Ea Súp", "Lắk", "Krông Năng", "M'Đrắk"} <= dak_lak
    assert (d.province_code == "54").sum() == 9


def test_new_province_has_102_communes_and_wards(units):
    c = units[(units.era == "current") & (units.level == "commune")]
    assert len(c) == 102
    assert set(c["unit_type"]) == {"xa", "phuong"}
    assert c["valid_from"].astype(str).unique().tolist() == ["2025-07-01"]


def test_every_legacy_commune_maps_to_a_new_one(units):
    cw = build_crosswalk()
    legacy = set(units[(units.era == "legacy") & (units.level == "commune")]["unit_id"])
    assert set(cw["legacy_unit_id"]) == legacy
    assert set(cw["current_unit_id"]) <= set(units["unit_id"])
    assert cw.groupby("legacy_unit_id")["is_main"].sum().eq(1).all()


def test_names_are_nfc_and_centroids_in_the_region(units):
    assert all(unicodedata.normalize("NFC", n) == n for n in units["name"])
    assert units["lat"].between(11.5, 14.0).all() and units["lon"].between(107.0, 109.6).all()
