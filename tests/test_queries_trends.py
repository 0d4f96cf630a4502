"""Exact answers on the fixture for the leadership-trend measures (issue 3)."""

import math

import pandas as pd
import pytest

from tests.test_queries import _params


def q(db, sid, name, **over):
    return db.query(sid, name, _params(name, **over))


def test_participation_by_group(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "participation_by_group")
    got = {(r.round_id, r.group_code): (r.products, r.certified) for r in f.itertuples()}
    assert got == {
        ("P2017", "G1"): (1, 0),
        ("P2017", "G2"): (3, 2),
        ("R2018", "G2"): (1, 1),
        ("P2019", "G1"): (2, 1),
        ("P2019", "G2"): (1, 1),
        ("N2019", "G2"): (1, 0),
    }


def test_participation_by_legal_form(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "participation_by_legal_form", levels=["provincial"])
    got = {(r.round_id, r.legal_form): (r.establishments, r.products) for r in f.itertuples()}
    assert got[("P2017", "doanh_nghiep")] == (1, 2)
    assert got[("P2019", "to_hop_tac")] == (1, 1)
    assert sum(v[0] for v in got.values()) == 6  # P1-style count: establishments summed over rounds


def test_first_time_returning_and_reentering_after_failing(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "new_vs_returning").set_index("round_id")
    cols = [
        "establishments_new",
        "establishments_returning",
        "products_new",
        "products_returning",
        "products_reentering_after_failing",
    ]
    assert f.loc["P2017", cols].tolist() == [3, 0, 4, 0, 0]
    assert f.loc["P2019", cols].tolist() == [1, 2, 1, 2, 2]  # SP2 failed, SP4 eligible but not certified
    # History outside the chosen period still decides who is new.
    later = q(fixture_db, fixture_id, "new_vs_returning", year_from=2019).set_index("round_id")
    assert later.loc["P2019", "establishments_returning"] == 2


def test_participation_by_locality(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "participation_by_locality").set_index("unit_id")
    assert f.loc[
        "L643", ["establishments_known", "products", "certified", "establishments", "rounds_with_entry"]
    ].tolist() == [2, 6, 4, 2, 4]
    assert f.loc["L652", ["establishments_known", "products"]].tolist() == [2, 0]  # M'Đrắk: known, never entered


def test_entry_list_drill_down(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "entry_list", round_ids=["P2019"], certified_only=True)
    assert f["entry_id"].tolist() == ["P2019-01", "P2019-02"]
    assert f["establishment_name"].tolist() == ["Công ty TNHH Cà Phê Thử Nghiệm", "Hộ kinh doanh Thổ Cẩm Thử"]
    forms = q(fixture_db, fixture_id, "entry_list", legal_forms=["to_hop_tac"])
    assert forms["product_name"].tolist() == ["Giỏ mây tre Thử"]
    every = q(fixture_db, fixture_id, "entry_list")
    assert every["year"].tolist() == sorted(every["year"], reverse=True) and every["year"].nunique() > 1  # newest first
    first = q(fixture_db, fixture_id, "entry_list", limit=1)  # the limit keeps the newest, not the oldest
    assert first["entry_id"].tolist() == every["entry_id"].head(1).tolist() and first["total"].iloc[0] == len(every)


def _wilson(k, n, z=1.96):
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def test_pass_rate_with_wilson_interval_and_small_n_flag(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "pass_rate_by_dimension", dimension="level", min_n=5).set_index("category")
    prov = f.loc["provincial"]
    assert (prov["entries"], prov["certified"]) == (7, 4)
    assert prov["pass_rate"] == pytest.approx(4 / 7)
    lo, hi = _wilson(4, 7)
    assert (prov["ci_low"], prov["ci_high"]) == (pytest.approx(lo), pytest.approx(hi))
    assert not prov["small_n"] and f.loc["national", "small_n"]
    nat = f.loc["national"]
    assert (
        nat["pass_rate"] == 0
        and nat["ci_low"] == pytest.approx(0, abs=1e-12)
        and nat["ci_high"] == pytest.approx(_wilson(0, 1)[1])
    )


@pytest.mark.parametrize(
    "dimension, expected",
    [
        ("group", {("provincial", "G1"): (3, 1), ("provincial", "G2"): (4, 3)}),
        ("legal_form", {("provincial", "doanh_nghiep"): (3, 2), ("provincial", "hop_tac_xa"): (1, 1)}),
        ("locality", {("provincial", "L643"): (4, 3), ("provincial", "L656"): (3, 1)}),
        ("round", {("provincial", "P2017"): (4, 2), ("provincial", "P2019"): (3, 2)}),
    ],
)
def test_pass_rate_dimensions(fixture_db, fixture_id, dimension, expected):
    f = q(fixture_db, fixture_id, "pass_rate_by_dimension", dimension=dimension, levels=["provincial"])
    got = {(r.level, r.category): (r.entries, r.certified) for r in f.itertuples()}
    for k, v in expected.items():
        assert got[k] == v


def test_criteria_by_outcome(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "criteria_by_outcome").set_index(["criteria_code", "outcome"])
    assert f.loc[("C1", "certified"), "avg_points"] == pytest.approx(33.0)
    assert f.loc[("C1", "not_certified"), "avg_points"] == pytest.approx(28.25)
    assert f.loc[("C1", "certified"), "avg_share"] == pytest.approx(33.0 / 40)
    assert f.loc[("C3", "certified"), "entries"] == 5


def test_progression_follows_qualification_links(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "progression").set_index("round_id")
    stages = [
        "provincial_entered",
        "provincial_certified",
        "regional_entered",
        "regional_certified",
        "national_entered",
        "national_certified",
    ]
    assert f.loc["P2017", stages].tolist() == [4, 2, 1, 1, 1, 0]
    # No regional round in 2020 nor national in 2021: the 2019 cycle is unfinished, not zero.
    assert f.loc["P2019", stages[:2]].tolist() == [3, 2]
    assert f.loc["P2019", stages[2:]].isna().all() and not f.loc["P2019", "regional_held"]
    assert pd.isna(f.loc["P2019", "to_regional_rate"])
    assert f.loc["P2017", "to_regional_rate"] == pytest.approx(0.5)
    assert f.loc["P2017", "national_pass_rate"] == 0
    cut = q(fixture_db, fixture_id, "progression", year_to=2018).set_index("round_id")  # N2019 outside the period
    assert cut.loc["P2017", "regional_held"] and not cut.loc["P2017", "national_held"]
    assert pd.isna(cut.loc["P2017", "national_entered"])


@pytest.mark.parametrize("typed", ["mật ong", "mat ong", "MAT ONG", "Mật Ong", "mật ong"])
def test_lookup_ignores_diacritics_and_case(fixture_db, fixture_id, typed):
    f = q(fixture_db, fixture_id, "lookup_search", q=typed)
    assert f["establishment_id"].tolist() == ["E2"] and f["product_id"].tolist() == ["SP3"]


def test_lookup_matches_d_with_stroke_and_needs_two_letters(fixture_db, fixture_id):
    assert set(q(fixture_db, fixture_id, "lookup_search", q="dak lak")["establishment_id"]) == set()
    assert q(fixture_db, fixture_id, "lookup_search", q="m")["establishment_id"].tolist() == []
    found = q(fixture_db, fixture_id, "lookup_search", q="tho cam")
    assert found["product_id"].tolist() == ["SP4"] and found["entries"].tolist() == [2]


def test_establishment_entries_certificates_and_validity(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "establishment_entries", establishment_id="E1")
    assert f["entry_id"].tolist() == ["P2017-01", "P2017-02", "R2018-01", "P2019-01", "N2019-01"]
    r = f.set_index("entry_id")
    assert r.loc["P2017-01", ["c1", "c2", "c3", "c4", "total_score"]].tolist() == [35, 33, 8, 8, 84]
    assert str(r.loc["R2018-01", "valid_until"])[:10] == "2022-12-31"
    assert r.loc["P2017-01", "valid_until"] is None or str(r.loc["P2017-01", "valid_until"]) in ("NaT", "None")


def test_establishment_profile_before_and_after_reform(fixture_db, fixture_id):
    p = q(fixture_db, fixture_id, "establishment_profile", establishment_id="E3").iloc[0]
    assert p["legacy_district_name"] == "Huyện Lắk" and p["current_unit_name"] == "Xã Liên Sơn Lắk"
    s = q(fixture_db, fixture_id, "establishment_support", establishment_id="E1")
    assert s["amount_vnd"].tolist() == [200_000_000]
