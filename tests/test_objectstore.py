"""An s3:// data root against a local S3-compatible server (moto's, installed from PyPI):
publish uploads a snapshot with its facts and moves the pointer in one PUT guarded by its
ETag; a replica's mirror reads it and DuckDB queries it inside its usual sandbox."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from cnnt import db, objectstore
from cnnt.store import Store
from tests.conftest import FIXTURE_CREATED

pytest.importorskip("moto")
boto3 = pytest.importorskip("boto3")


@pytest.fixture(scope="module")
def s3_endpoint():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-p", str(port), "-H", "127.0.0.1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/", timeout=1)
            break
        except OSError as exc:
            if getattr(exc, "code", None):
                break
            time.sleep(0.2)
    saved = {k: os.environ.get(k) for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "CNNT_S3_ENDPOINT")}
    os.environ.update({"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "CNNT_S3_ENDPOINT": url})
    try:
        yield url
    finally:
        proc.terminate()
        proc.wait(10)
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _root(url: str, mirror) -> objectstore.S3Root:
    root = objectstore.S3Root(url, mirror=mirror)
    objectstore._ROOTS[url] = root
    return root


def test_publish_to_a_bucket_and_read_it_from_a_replica(s3_endpoint, tmp_path, fixture_tables):
    client = objectstore._client()
    client.create_bucket(Bucket="cnnt")
    url = "s3://cnnt/province/daklak"
    writer = _root(url, tmp_path / "writer")
    sid = objectstore.publish(url, fixture_tables, label="fixture", by="officer", created_at=FIXTURE_CREATED)
    assert writer.current()[0] == sid
    keys = {o["Key"] for o in client.list_objects_v2(Bucket="cnnt")["Contents"]}
    assert f"province/daklak/snapshots/{sid}/manifest.json" in keys
    assert f"province/daklak/snapshots/{sid}/facts/entry_facts.parquet" in keys
    assert f"province/daklak/published/{sid}" in keys and "province/daklak/CURRENT" in keys

    replica = objectstore.S3Root(url, mirror=tmp_path / "replica")  # another machine: its own mirror
    local = replica.sync(max_age_s=0)
    assert Store(local).current_id() == sid and Store(local).resolve().snapshot.ok
    database = db.Database(local)
    frame = database.query(sid, "round_summary", db_params())
    assert len(frame) and database.opened[sid] == "facts"


def test_the_pointer_moves_only_from_the_version_it_was_read_at(s3_endpoint, tmp_path, fixture_tables):
    client = objectstore._client()
    client.create_bucket(Bucket="race")
    url = "s3://race/p"
    root = _root(url, tmp_path / "m")
    first = objectstore.publish(url, fixture_tables, label="one", by="a", created_at=FIXTURE_CREATED)
    _, etag = root.current()
    second = objectstore.publish(url, fixture_tables, label="two", by="b")
    assert root.current()[0] == second != first
    with pytest.raises(objectstore.PointerMoved):
        root.set_current(first, by="a", if_match=etag)  # read before "two" was published
    assert root.current()[0] == second
    root.set_current(first, by="a", action="rollback", if_match=root.current()[1])
    assert root.current()[0] == first


def test_s3_roots_are_parsed_strictly():
    loc = objectstore.Location.parse("s3://bucket/a/b/")
    assert (loc.bucket, loc.prefix, loc.key("CURRENT")) == ("bucket", "a/b", "a/b/CURRENT")
    for bad in ("s3://", "s3://bucket/../x", "/local/path"):
        with pytest.raises(ValueError):
            objectstore.Location.parse(bad)
    assert objectstore.httpfs_paths("s3://b/p")[0] == "s3://b/p/snapshots/"


def db_params() -> dict:
    return {"year_from": 2012, "year_to": 2025, "levels": None, "groups": None, "districts": None, "scope": None}
