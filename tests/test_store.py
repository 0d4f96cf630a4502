import json
import os
import subprocess
import sys
import textwrap

import pytest

from cnnt import schema
from cnnt import store as store_mod
from cnnt.store import PublishRefused, SampleRootRefused, StaleStage, Store
from tests.conftest import FIXTURE_CREATED, PROJECT


@pytest.fixture
def root(tmp_path, fixture_tables):
    s = Store(tmp_path)
    first = s.publish(fixture_tables, label="first", created_at=FIXTURE_CREATED)
    return tmp_path, first.id


def test_publish_writes_manifest_and_points_current(root, fixture_tables):
    path, first = root
    s = Store(path)
    assert s.current_id() == first
    m = json.loads((path / "snapshots" / first / "manifest.json").read_text("utf-8"))
    assert m["schema_version"] == schema.SCHEMA_VERSION and m["is_sample"] is False
    assert m["tables"]["entries"]["rows"] == len(fixture_tables["entries"])
    assert len(m["tables"]["entries"]["sha256"]) == 64
    assert m["validation"]["errors"] == 0


def test_snapshots_are_listed_newest_first_and_rollback_moves_only_the_pointer(root, fixture_tables):
    path, first = root
    s = Store(path)
    second = s.publish(fixture_tables, label="second").id
    assert [x.id for x in s.list()] == [second, first]
    before = {p: p.stat().st_mtime_ns for p in (path / "snapshots").rglob("*") if p.is_file()}
    s.set_current(first)
    assert s.current_id() == first
    after = {p: p.stat().st_mtime_ns for p in (path / "snapshots").rglob("*") if p.is_file()}
    assert before == after  # nothing inside a snapshot changed


def test_invalid_tables_are_refused_and_nothing_is_written(root, fixture_tables):
    path, first = root
    bad = {k: v.copy() for k, v in fixture_tables.items()}
    bad["support"].loc[0, "amount_vnd"] = -1.0
    with pytest.raises(PublishRefused) as exc:
        Store(path).publish(bad, label="bad")
    assert any(p.rule == "range" for p in exc.value.problems)
    assert [x.id for x in Store(path).list()] == [first]


def test_exception_while_writing_leaves_current_unchanged(root, fixture_tables, monkeypatch):
    path, first = root
    calls = {"n": 0}
    real = store_mod._write_parquet

    def failing(table, p, *args):
        calls["n"] += 1
        if calls["n"] == 5:
            raise OSError("disk full")
        real(table, p, *args)

    monkeypatch.setattr(store_mod, "_write_parquet", failing)
    with pytest.raises(OSError):
        Store(path).publish(fixture_tables, label="broken")
    s = Store(path)
    assert s.current_id() == first
    assert [x.id for x in s.list()] == [first]
    assert not list((path / "snapshots").glob(".tmp-*"))
    assert s.resolve().snapshot.id == first and s.resolve().problem is None


def test_killed_publish_leaves_current_unchanged_and_readable(root):
    path, first = root
    script = textwrap.dedent(
        f"""
        import os
        from cnnt import store
        from cnnt.csvio import read_folder
        real = store._write_parquet
        n = {{"n": 0}}
        def dying(table, p, *args):
            n["n"] += 1
            if n["n"] == 4:
                os._exit(9)  # killed midway, no cleanup
            real(table, p, *args)
        store._write_parquet = dying
        store.Store({str(path)!r}).publish(read_folder({str(PROJECT / "tests/fixtures/tiny")!r}), label="killed")
        """
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=PROJECT, capture_output=True)
    assert proc.returncode == 9
    s = Store(path)
    assert list((path / "snapshots").glob(".tmp-*")), "the half-written folder is left behind"
    assert s.current_id() == first
    assert [x.id for x in s.list()] == [first]  # the leftover is not a snapshot
    assert s.resolve().snapshot.ok
    assert s.read_table(first, "entries").shape[0] == 9


def test_corrupt_or_half_written_snapshots_are_detected_and_skipped(root, fixture_tables):
    path, first = root
    s = Store(path)
    second = s.publish(fixture_tables, label="second").id
    victim = path / "snapshots" / second / "entries.parquet"
    victim.write_bytes(victim.read_bytes()[:100])
    r = s.resolve()
    assert r.problem == "broken" and r.requested == second
    assert r.snapshot.id == first
    (path / "snapshots" / first / "manifest.json").write_text("{ not json", "utf-8")
    assert s.resolve().problem == "none_valid" and s.resolve().snapshot is None


def test_pointer_to_a_missing_snapshot_falls_back_to_newest_valid(root):
    path, first = root
    (path / "CURRENT").write_text("20990101-000000-ghost\n", "utf-8")
    r = Store(path).resolve()
    assert r.problem == "missing" and r.snapshot.id == first


def test_empty_data_folder_has_no_snapshot(tmp_path):
    r = Store(tmp_path).resolve()
    assert r.snapshot is None and r.problem == "empty"


def _stage(store: Store, tables, base_id):
    return store.publish(tables, label="import", make_current=False, extra={"staged": True, "base_id": base_id})


def test_a_staged_snapshot_is_never_offered_as_current(root, fixture_tables):
    path, first = root
    s = Store(path)
    staged = _stage(s, fixture_tables, first)
    assert staged.staged and not staged.published
    assert [x.id for x in s.published_snapshots()] == [first]
    (path / "CURRENT").unlink()  # a lost pointer falls back to the newest *published* snapshot
    assert s.resolve().snapshot.id == first
    (path / "CURRENT").write_text(staged.id + "\n", "utf-8")  # a pointer at a staged one is not followed
    r = s.resolve()
    assert r.snapshot.id == first and r.problem == "staged"


def test_publishing_a_stage_checked_against_an_older_snapshot_is_refused(root, fixture_tables):
    path, first = root
    s = Store(path)
    stale = _stage(s, fixture_tables, first)
    fresh = _stage(s, fixture_tables, first)
    s.publish_staged(fresh.id, by="officer A")
    assert s.current_id() == fresh.id and s.open(fresh.id).published
    with pytest.raises(StaleStage) as refused:
        s.publish_staged(stale.id, by="officer B")
    assert refused.value.current_id == fresh.id and refused.value.base_id == first
    assert s.current_id() == fresh.id


def test_published_state_is_kept_by_the_store_not_only_the_log(root, fixture_tables):
    path, first = root
    s = Store(path)
    (path / "history.jsonl").unlink()
    assert s.open(first).published and s.published_ids() == {first}


def test_the_sample_root_refuses_real_data_and_a_real_root_the_sample(tmp_path, fixture_tables):
    sample = Store(tmp_path / "sample")
    sample.publish(fixture_tables, label="sample", is_sample=True)
    assert sample.is_sample_root
    with pytest.raises(SampleRootRefused):
        sample.publish(fixture_tables, label="real")
    real = Store(tmp_path / "real")
    real.publish(fixture_tables, label="real")
    with pytest.raises(SampleRootRefused):
        real.publish(fixture_tables, label="sample", is_sample=True)


def test_init_makes_an_empty_store_with_reference_tables_only(tmp_path):
    from cnnt.starter import REFERENCE_TABLES, init_store

    s = Store(tmp_path)
    made = init_store(s, by="tester")
    info = s.resolve().snapshot
    assert info.id == made and info.published and not info.is_sample
    for name in schema.TABLE_NAMES:
        rows = info.manifest["tables"][name]["rows"]
        assert (rows > 0) == (name in REFERENCE_TABLES), name
    assert init_store(s, by="tester") is None  # a second init changes nothing


def test_set_current_refuses_a_broken_snapshot(root):
    path, first = root
    with pytest.raises(ValueError):
        Store(path).set_current("20990101-000000-ghost")
    assert Store(path).current_id() == first
    assert not [p for p in os.listdir(path) if p.endswith(".tmp")]


def test_leftovers_of_a_killed_publish_are_cleaned_by_the_next_one(root, fixture_tables):
    path, _ = root
    stale = path / "snapshots" / ".tmp-20200101-000000-x-dead"
    stale.mkdir()
    old = 1_000_000_000
    os.utime(stale, (old, old))
    fresh = path / "snapshots" / ".tmp-20200101-000000-y-busy"
    fresh.mkdir()  # another publish may be writing it right now: left alone
    Store(path).publish(fixture_tables, label="next")
    assert not stale.exists() and fresh.exists()


def test_a_file_changed_after_verification_is_caught(root):
    path, first = root
    s = Store(path)
    assert s.open(first).ok  # verified and remembered
    victim = path / "snapshots" / first / "rounds.parquet"
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0xFF  # same size, different bytes
    victim.write_bytes(bytes(data))
    assert s.open(first).problem == "corrupt_table:rounds"


def test_a_large_table_is_written_in_key_order_with_the_same_rows(tmp_path, fixture_tables):
    """Tables above the store's size (financials at ×1000) stay parquet views when a
    snapshot is opened, so they are written in key order: a lookup of one establishment
    reads one row group.  Same rows, same answers."""
    import pandas as pd
    import pyarrow.parquet as pq

    from cnnt.db import Database

    n = len(fixture_tables["financials"])
    shuffled = {k: v.copy() for k, v in fixture_tables.items()}
    shuffled["financials"] = shuffled["financials"].sample(frac=1, random_state=3).reset_index(drop=True)
    plain = Store(tmp_path / "plain").publish(shuffled, label="plain", created_at=FIXTURE_CREATED)
    keyed = Store(tmp_path / "keyed", large_table_rows=n - 1).publish(
        shuffled, label="keyed", created_at=FIXTURE_CREATED
    )

    key = list(schema.table("financials").primary_key)
    stored = pq.read_table(keyed.path / "financials.parquet").to_pandas()
    assert list(stored[key].itertuples(index=False)) == sorted(stored[key].itertuples(index=False))
    as_given = pq.read_table(plain.path / "financials.parquet").to_pandas()
    assert list(as_given["establishment_id"]) == list(shuffled["financials"]["establishment_id"])
    pd.testing.assert_frame_equal(
        stored.sort_values(key).reset_index(drop=True), as_given.sort_values(key).reset_index(drop=True)
    )

    est = shuffled["financials"]["establishment_id"].iloc[0]
    answers = [
        Database(root).query(snap.id, "establishment_financials", {"establishment_id": est})
        for root, snap in ((tmp_path / "plain", plain), (tmp_path / "keyed", keyed))
    ]
    assert len(answers[0]) > 0
    pd.testing.assert_frame_equal(answers[0], answers[1])
