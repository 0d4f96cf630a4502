"""Issue 11: a whole snapshot can be withdrawn: hidden from every picker, kept on disk,
logged with who and why; on the Data page, from the command line, and restored again."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from cnnt import importer
from cnnt.store import Store
from tests.conftest import PROJECT
from tests.import_examples import good_workbook


@pytest.fixture
def two(tmp_path, fixture_root):
    """A store with two published snapshots: the fixture (older) and an import (current)."""
    root = tmp_path / "data"
    shutil.copytree(fixture_root, root)
    store = Store(root)
    old = store.current_id()
    r = importer.run_import(store, [("k.xlsx", good_workbook())], by="a")
    store.publish_staged(r.staged.id, by="a")
    return store, old, r.staged.id


def test_a_withdrawn_snapshot_leaves_every_picker_and_stays_on_disk(two):
    store, old, new = two
    with pytest.raises(ValueError):
        store.hide(new, by="b", reason="current")  # the current one: roll back first
    store.hide(old, by="b", reason="số liệu sai")
    assert old not in [s.id for s in store.published_snapshots()]
    assert (store.snapshots_dir / old / "manifest.json").is_file()
    assert store.resolve(old).snapshot.id == new and store.resolve(old).problem == "missing"
    with pytest.raises(ValueError):
        store.set_current(old, by="b", action="rollback")
    event = store.history()[-1]
    assert (event["action"], event["snapshot_id"], event["by"], event["reason"]) == ("hide", old, "b", "số liệu sai")
    store.unhide(old, by="c")
    assert old in [s.id for s in store.published_snapshots()]
    assert store.history()[-1]["action"] == "unhide"
    with pytest.raises(ValueError):
        store.hide(old, by="", reason="x")  # nobody: refused


def test_withdraw_from_the_command_line(two):
    store, old, _ = two

    def cli(*args):
        return subprocess.run(
            [sys.executable, "-m", "cnnt", "--data", str(store.root), *args],
            cwd=PROJECT,
            capture_output=True,
            text=True,
        )

    done = cli("hide", old, "--reason", "nhầm")
    assert done.returncode == 0 and "withdrawn" in done.stdout, done.stderr
    assert store.is_hidden(old) and store.history()[-1]["by"]
    listed = cli("list").stdout
    assert old in listed  # the full list still names it (kept on disk)
    refused = cli("hide", store.current_id(), "--reason", "x")
    assert refused.returncode == 1 and "Traceback" not in refused.stderr


def test_withdraw_on_the_data_page_as_a_signed_in_officer(monkeypatch, two, tmp_path):
    from streamlit.testing.v1 import AppTest

    from cnnt import accounts

    store, old, _ = two
    path = tmp_path / "acc.toml"
    accounts.add("dulieu", "data_officer", "mat-khau-thu-nghiem", path=path)
    monkeypatch.setenv("CNNT_DATA_DIR", str(store.root))
    monkeypatch.setenv("CNNT_ACCOUNTS_FILE", str(path))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    at.session_state["_cnnt_signed_in"] = {"name": "dulieu", "at": __import__("time").time()}
    at.run()
    at.switch_page("pages/data.py").run()
    assert at.selectbox(key="hide_pick").value == old
    at.text_input(key="hide_reason").input("số liệu sai").run()
    at.button(key="hide_button").click().run()
    assert not at.exception
    assert store.is_hidden(old) and store.history()[-1]["by"] == "dulieu"
    at.switch_page("pages/participation.py").run()
    assert not any(old in o for o in at.selectbox(key="snap").options) and len(at.selectbox(key="snap").options) == 1


def test_without_an_account_the_page_changes_nothing(monkeypatch, two):
    from streamlit.testing.v1 import AppTest

    store, old, _ = two
    monkeypatch.setenv("CNNT_DATA_DIR", str(store.root))  # the tests' open role: data_officer, not signed in
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/data.py").run()
    assert any("chưa có tài khoản nào" in w.value for w in at.warning)  # none configured: how to get one
    at.text_input(key="hide_reason").input("x").run()
    assert at.button(key="hide_button").disabled and at.button(key="hist_rollback").disabled


def test_history_lists_checks_only_when_asked(monkeypatch, two):
    """Every check writes a staged snapshot; the history shows the published ones and
    counts the checks behind a switch, so that plain checks do not crowd the list."""
    from streamlit.testing.v1 import AppTest

    store, old, new = two
    check = importer.run_import(store, [("k2.xlsx", good_workbook())], by="a").staged.id  # staged, not published
    monkeypatch.setenv("CNNT_DATA_DIR", str(store.root))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    at.run()
    at.switch_page("pages/data.py").run()

    def listed() -> list[str]:
        grid = next(d.value for d in at.dataframe if "Tạo lúc" in d.value.columns)  # the snapshots' list
        return grid["Mã"].tolist()

    assert set(listed()) == {old, new}
    switch = at.toggle(key="hist_show_checks")
    assert "1 lần kiểm tra" in switch.label
    switch.set_value(True).run()
    assert set(listed()) == {old, new, check}
