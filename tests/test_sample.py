"""The embedded sample: deterministic, labelled, and faithful to the published figures."""

import pandas as pd
import pytest

from cnnt import schema
from cnnt.importer import _keyed_rows
from cnnt.sample import build_sample
from cnnt.store import Store
from cnnt.validate import validate_tables
from tests.conftest import SAMPLE_ROOT


@pytest.fixture(scope="module")
def sample_tables():
    return build_sample()


def test_generator_is_deterministic(sample_tables):
    again = build_sample()
    for name in schema.TABLE_NAMES:
        pd.testing.assert_frame_equal(sample_tables[name], again[name], obj=name)


def test_generated_sample_is_valid(sample_tables):
    problems = validate_tables(sample_tables)
    # No error; the only warnings are the re-certifications the sample shows on purpose
    # (products certified again while their certificate still ran).
    assert {p.rule for p in problems} <= {"recertified_while_valid"}
    assert all(p.severity == "warning" for p in problems) and problems


def test_committed_snapshot_is_the_generator_output(sample_tables, sample_id):
    store = Store(SAMPLE_ROOT)
    snap = store.open(sample_id)
    assert snap.ok and snap.is_sample, "the embedded snapshot must be marked as sample data"
    for name in schema.TABLE_NAMES:
        committed = store.read_table(sample_id, name)
        fresh = sample_tables[name]
        assert len(committed) == len(fresh), name
        assert list(committed.columns) == schema.table(name).column_names, name
        # Cell by cell, as typed values (2012 is 2012, a blank is a blank).
        assert _keyed_rows(name, committed) == _keyed_rows(name, fresh), (
            f"{name}: run python -m cnnt sample --regenerate"
        )


def test_the_sample_mirrors_the_real_province(sample_db, sample_id):
    """Both programme owners, old Phú Yên's districts and communes, lists without scores,
    establishments known only by their district, and the merged province's rounds."""
    rounds = sample_db.run_sql(sample_id, "select owner_code, level, count(*) as n from rounds group by all")
    owners = set(rounds["owner_code"])
    assert owners == {"daklak_old", "phuyen_old", "daklak"}
    facts = sample_db.run_sql(
        sample_id,
        "select count(*) filter (where not score_recorded) as unscored, "
        "count(distinct legacy_district_id) filter (where legacy_province_code = '54') as py_districts "
        "from entry_facts",
    ).iloc[0]
    assert facts["unscored"] > 0 and facts["py_districts"] >= 5
    places = sample_db.run_sql(sample_id, "select count(*) as n from establishment_places where not commune_known")
    assert places["n"].iloc[0] > 0


def test_every_published_figure_is_reproduced_by_the_apps_own_query(sample_db, sample_id):
    f = sample_db.query(sample_id, "published_figure_check", {"scope": None})
    assert len(f) == 18
    mismatched = f.loc[~f["matches"], ["figure_id", "published_value", "computed_value"]]
    assert mismatched.empty, mismatched.to_string()


def test_localities_that_never_or_rarely_take_part(sample_db, sample_id):
    sql = """
        select legacy_district_id, min(year) as first_year, count(distinct round_id) as rounds
        from entry_facts where level = 'provincial' group by 1
    """
    f = sample_db.run_sql(sample_id, sql).set_index("legacy_district_id")
    assert "L647" not in f.index and "L652" not in f.index  # Buôn Đôn, M'Đrắk: never
    assert f.loc["L646", "first_year"] == 2023  # Ea Súp started late
    assert f.loc["L643", "rounds"] == 5  # Buôn Ma Thuột: every round


def test_sample_scale_is_plausible(sample_tables):
    est = sample_tables["establishments"]
    assert 300 <= len(est) <= 600
    assert set(est["legal_form"]) == set(schema.LEGAL_FORMS)
    groups = sample_tables["products"]["group_code"].value_counts(normalize=True)
    assert groups["G2"] > 0.5  # processed food dominates
    fin = sample_tables["financials"]
    assert fin["revenue_vnd"].isna().any() and (fin["revenue_vnd"].dropna() > 0).all()  # missing stays missing
    support = sample_tables["support"]
    assert support.loc[support.year == 2018, "amount_vnd"].sum() == pytest.approx(1.2e9)
    assert (support.year == 2020).sum() == 16
    recent = support[support.year.between(2021, 2025)]
    assert len(recent) == 142 and recent["amount_vnd"].sum() > 48e9


def test_committed_sample_carries_its_facts_for_the_current_view_sql(sample_id):
    """The sample is built like any snapshot: its facts are computed when it is published,
    so a first visit only loads them. After changing queries/views/, run
    ``python -m cnnt sample --regenerate`` (the tables stay the same; the facts follow)."""
    from cnnt.db import fact_names, facts_version

    store = Store(SAMPLE_ROOT)
    facts = store.facts(store.open(sample_id), facts_version())
    assert facts is not None, "stale or missing sample facts: run python -m cnnt sample --regenerate"
    assert set(facts) == set(fact_names())
