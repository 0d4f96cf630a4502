"""The server's start: where it listens, and the snapshot it opens before the first visit."""

import logging

from cnnt import db, serve


def test_warm_up_opens_the_current_snapshot_in_the_database_the_pages_use(monkeypatch, fixture_root, fixture_id):
    monkeypatch.setenv("CNNT_DATA_DIR", str(fixture_root))
    db.database.clear()
    try:
        assert serve.warm_up() == fixture_id
        database = db.database(str(db.default_data_root()))  # the key ui.query uses
        assert fixture_id in database._schemas  # loaded: the first page finds it open
        assert database.opened[fixture_id] in ("facts", "computed")
    finally:
        db.database.clear()


def test_warm_up_without_data_or_when_opening_fails_leaves_it_to_the_first_visit(
    monkeypatch, tmp_path, fixture_root, caplog
):
    monkeypatch.setenv("CNNT_DATA_DIR", str(tmp_path / "empty"))
    assert serve.warm_up() is None  # an empty store: nothing to open, nothing said

    def broken(_root):
        raise OSError("disk gone")

    monkeypatch.setenv("CNNT_DATA_DIR", str(fixture_root))
    monkeypatch.setattr(db, "database", broken)
    with caplog.at_level(logging.WARNING, logger="cnnt"):
        assert serve.warm_up() is None
    assert "warm-up" in caplog.text


def test_the_server_listens_on_localhost_unless_told(monkeypatch):
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    monkeypatch.delenv("CNNT_ADDRESS", raising=False)
    assert serve.listen_args([]) == ["--server.address", "127.0.0.1"]
    assert serve.listen_args(["--server.address", "0.0.0.0"]) == []
    monkeypatch.setenv("CNNT_ADDRESS", "10.0.0.5")
    assert serve.listen_args([]) == ["--server.address", "10.0.0.5"]
