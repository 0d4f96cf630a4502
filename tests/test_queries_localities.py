"""Exact answers on the fixture for locality engagement (issue 4), in both views,
including a commune split across the reform of 1 July 2025."""

import pandas as pd
import pytest

from tests.test_queries import _params


def q(db, sid, name, **over):
    return db.query(sid, name, _params(name, **over))


def test_legacy_view_measures_classes_and_gap_ranking(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "locality_engagement", view="legacy").set_index("unit_id")
    assert list(f.index) == ["L652", "L643", "L656"]  # ranked by gap
    # Buôn Ma Thuột: the registry (locality_base) knows 4 establishments; 2 are on our list.
    assert f.loc["L643", ["known", "participants", "entries", "certified", "first_year", "last_year"]].tolist() == [
        4,
        2,
        4,
        3,
        2017,
        2019,
    ]
    assert f.loc["L656", ["known", "participants", "entries", "certified"]].tolist() == [2, 2, 3, 1]
    assert f.loc["L643", "participation_per_100"] == pytest.approx(50.0)
    assert f.loc["L656", "pass_rate"] == pytest.approx(1 / 3)
    assert f.loc["L652", "province_rate"] == pytest.approx(4 / 8)
    assert f.loc["L652", "expected"] == pytest.approx(1.0) and f.loc["L652", "gap"] == pytest.approx(1.0)
    assert f.loc["L643", "gap"] == pytest.approx(0.0) and f.loc["L656", "gap"] == pytest.approx(-1.0)
    assert f["engagement_class"].to_dict() == {"L652": "never", "L643": "ok", "L656": "ok"}
    assert f.loc["L643", "rounds_since_last"] == 0


def test_lapsed_needs_no_entry_in_the_last_two_rounds(fixture_db, fixture_id, fixture_tables):
    # Up to 2019 only L656 entered 2019 too: nobody lapsed with two rounds (2017, 2019).
    f = q(fixture_db, fixture_id, "locality_engagement", view="legacy", year_to=2019).set_index("unit_id")
    assert "lapsed" not in set(f["engagement_class"])
    g1 = q(fixture_db, fixture_id, "locality_engagement", view="legacy", groups=["G1"]).set_index("unit_id")
    assert g1.loc["L643", "engagement_class"] == "never" and g1.loc["L656", "entries"] == 3


def test_current_view_maps_history_through_the_crosswalk(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "locality_engagement", view="current").set_index("unit_id")
    assert set(f.index) == {"N24118", "N24400", "N24610"}
    # N24610 took in Lắk's Liên Sơn and the main part of M'Đrắk's Ea Lai (split in 2025).
    assert f.loc["N24610", ["known", "participants", "entries", "certified"]].tolist() == [3, 2, 3, 1]
    assert f.loc["N24118", ["known", "participants", "entries"]].tolist() == [2, 2, 4]
    assert f.loc["N24400", "engagement_class"] == "never" and f.loc["N24400", "known"] == 1


def test_reform_rows_for_a_commune_drawing_on_two_old_districts(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "locality_reform", view="current", unit_id="N24610")
    assert sorted(f["legacy_district"]) == ["Huyện Lắk", "Huyện M'Đrắk"]
    assert set(f["legacy_districts_in_unit"]) == {2}
    legacy = q(fixture_db, fixture_id, "locality_reform", view="legacy", unit_id="L652")
    split = legacy[legacy["legacy_commune"] == "Xã Ea Lai"].set_index("current_unit")["is_main"].to_dict()
    assert split == {"Xã Liên Sơn Lắk": True, "Xã M'Đrắk": False}


def test_locality_rounds_next_to_the_province(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "locality_rounds", view="legacy", unit_id="L656").set_index("round_id")
    assert f.loc["P2017", ["entries", "certified", "province_entries", "province_certified"]].tolist() == [1, 0, 4, 2]
    assert f.loc["P2019", ["entries", "certified", "participants", "province_participants"]].tolist() == [2, 1, 2, 3]


def test_locality_establishments(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "locality_establishments", view="current", unit_id="N24610", limit=None)
    assert sorted(set(f["establishment_id"])) == ["E3", "E4", "E6"]
    e6 = f[f["establishment_id"] == "E6"].iloc[0]
    assert (e6["entries"], e6["support_vnd"]) == (0, 30_000_000)
    assert set(f["total"]) == {len(f)}
    # the screen's first rows: the head of the same order, and the count of them all
    first = q(fixture_db, fixture_id, "locality_establishments", view="current", unit_id="N24610", limit=2)

    def plain(frame):  # an all-blank text column comes as None or as a missing string: the same
        return frame.astype(object).where(frame.notna(), None).reset_index(drop=True)

    pd.testing.assert_frame_equal(plain(first), plain(f.head(2)))
    exact = q(fixture_db, fixture_id, "locality_establishments", view="current", unit_id="N24610", limit=len(f))
    pd.testing.assert_frame_equal(plain(exact), plain(f))
    assert q(fixture_db, fixture_id, "locality_establishments", view="current", unit_id="nowhere", limit=5).empty


def test_prospects_are_never_entered_establishments_ranked_by_promise(fixture_db, fixture_id):
    f = q(fixture_db, fixture_id, "prospects", view="legacy", unit_ids=["L652"], limit=None)
    assert f["establishment_id"].tolist() == ["E6", "E5"]
    assert f["promise"].tolist() == [3, 2]
    assert f["support_vnd"].tolist() == [30_000_000, 50_000_000]
    assert f["prospects"].tolist() == [2, 2] and f["prospects_supported"].tolist() == [2, 2]
    everyone = q(fixture_db, fixture_id, "prospects", view="legacy", limit=None)
    assert set(everyone["establishment_id"]) == {"E5", "E6"}  # E1–E4 have entered


def test_prospects_limit_keeps_the_most_promising_and_counts_them_all(fixture_db, fixture_id):
    top = q(fixture_db, fixture_id, "prospects", view="legacy", unit_ids=["L652"], limit=1)
    assert top["establishment_id"].tolist() == ["E6"]
    assert top[["prospects", "prospects_supported"]].values.tolist() == [[2, 2]]
    current = q(fixture_db, fixture_id, "prospects", view="current", unit_ids=["N24610"], limit=None)
    assert current[["establishment_id", "unit_id"]].values.tolist() == [["E6", "N24610"]]
    assert q(fixture_db, fixture_id, "prospects", view="legacy", unit_ids=["L652"], groups=["G9"]).empty


@pytest.fixture(scope="module")
def revenue_db(tmp_path_factory, fixture_tables):
    """The fixture with revenue figures for the two prospects (E5, E6): E6's latest
    year has no figure, E5 has one year only."""
    import pandas as pd

    from cnnt.db import Database
    from cnnt.store import Store
    from tests.conftest import FIXTURE_CREATED

    tables = {name: frame.copy() for name, frame in fixture_tables.items()}
    extra = pd.DataFrame(
        {
            "establishment_id": ["E6", "E6", "E6", "E5"],
            "year": [2016, 2017, 2018, 2018],
            "revenue_vnd": [3e9, 25e9, None, 0.4e9],
            "source": "survey",
        }
    )
    tables["financials"] = pd.concat([tables["financials"], extra], ignore_index=True)
    root = tmp_path_factory.mktemp("revenue-data")
    store = Store(root)
    store.publish(tables, label="revenue", created_at=FIXTURE_CREATED, published_by="tests")
    return Database(root), store.current_id()


def test_revenue_bands_use_the_latest_year_with_a_figure(revenue_db):
    db, sid = revenue_db
    f = q(db, sid, "prospect_revenue_bands", view="legacy", unit_ids=["L652"], limit=None).set_index("establishment_id")
    assert f.loc["E6", ["revenue_year", "revenue_band"]].tolist() == [2017, ">=20"]  # 2018 is missing, not zero
    assert f.loc["E5", ["revenue_year", "revenue_band"]].tolist() == [2018, "<1"]
    # the bands of the prospects the same question lists: the most promising one only
    top = q(db, sid, "prospect_revenue_bands", view="legacy", unit_ids=["L652"], limit=1)
    assert top["establishment_id"].tolist() == ["E6"]
    # an establishment that entered a round is no prospect: E1's figures stay out
    assert "E1" not in set(
        q(db, sid, "prospect_revenue_bands", view="legacy", unit_ids=None, limit=None)["establishment_id"]
    )
