"""The server's start: where it listens, and the snapshot it opens before the first visit."""

import logging
from pathlib import Path

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


def test_the_base_hint_knows_every_page_address_of_the_app():
    """The hint acts only on the app's page addresses: the ones the menu gives its pages
    (dashboard.py, the sign-in page), every page but the overview at the root."""
    from cnnt import access, auth
    from tests.conftest import PROJECT

    assert set(serve.PAGE_PATHS) == set(access.ADDRESSES.values())
    assert auth.SIGN_IN_PATH in serve.PAGE_PATHS
    pages = {p.stem for p in (PROJECT / "pages").glob("*.py")}
    assert pages - set(access.ADDRESSES) == {"overview"}  # a new page needs its address
    assert "url_path=" not in (PROJECT / "dashboard.py").read_text(encoding="utf-8")  # no second list


def test_the_base_hint_goes_first_in_the_head_and_is_not_forced_on_a_page_without_one():
    page = (
        '<html><head><meta charset="UTF-8" /><script type="module" src="./static/js/index.js"></script></head></html>'
    )
    hinted = serve.with_base_hint(page, ("ty-le-dat",))
    assert hinted.index("BACKEND_BASE_URL") < hinted.index('src="./static/js/index.js"')
    assert hinted.startswith("<html><head><script>")
    assert '["ty-le-dat"]' in hinted
    assert hinted.replace(serve.base_hint_script(("ty-le-dat",)), "") == page  # nothing else changed
    assert serve.with_base_hint("<html><body></body></html>") is None


def test_the_hinted_static_folder_links_everything_else_to_streamlits_own(tmp_path):
    from streamlit import file_util

    source = Path(file_util.get_static_dir())
    made = serve.hinted_static_dir(source, tmp_path / "static")
    assert made == tmp_path / "static"
    assert "BACKEND_BASE_URL" in (made / "index.html").read_text(encoding="utf-8")
    assert "BACKEND_BASE_URL" not in (source / "index.html").read_text(encoding="utf-8")  # Streamlit's untouched
    others = sorted(p.name for p in source.iterdir() if p.name != "index.html")
    assert others and sorted(p.name for p in made.iterdir() if p.name != "index.html") == others
    for name in others:
        assert (made / name).is_symlink() and (made / name).resolve() == (source / name).resolve()
    bundle = next((source / "static" / "js").glob("index.*.js"))
    assert (made / "static" / "js" / bundle.name).read_bytes() == bundle.read_bytes()  # reachable through the link

    bare = tmp_path / "headless"
    bare.mkdir()
    (bare / "index.html").write_text("<html><body></body></html>", encoding="utf-8")
    assert serve.hinted_static_dir(bare, tmp_path / "other") is None
    assert not (tmp_path / "other").exists()  # nothing made for a page that cannot take it
