"""Shared fixtures: a tiny snapshot built from committed CSV once per session,
the committed sample snapshot, and clean Streamlit caches for every test."""

from __future__ import annotations

import datetime as dt
import logging
import os
import tempfile
from pathlib import Path

import pandas as pd
import pytest
import streamlit as st

from cnnt import schema
from cnnt.csvio import read_folder
from cnnt.db import Database
from cnnt.starter import REFERENCE_TABLES
from cnnt.store import Store

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE_CSV = PROJECT / "tests" / "fixtures" / "tiny"
MERGED_CSV = PROJECT / "tests" / "fixtures" / "merged"
SAMPLE_ROOT = PROJECT / "data" / "sample"
FIXTURE_CREATED = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)

# Roles (cnnt.access): the page tests run as a Department intranet that opens every page but
# the confidential figures to its staff without sign-in (CNNT_OPEN_ROLE=data_officer); changing
# data still needs a signed-in account.  tests/test_access.py and tests/test_roles_browser.py
# set the roles themselves.  No developer's own accounts file or settings leak in.
os.environ["CNNT_OPEN_ROLE"] = "data_officer"
os.environ["CNNT_ACCOUNTS_FILE"] = os.path.join(tempfile.gettempdir(), f"cnnt-tests-{os.getpid()}-no-accounts.toml")
for _setting in ("CNNT_SHOW_CONFIDENTIAL", "CNNT_TWO_PERSON_RULE"):
    os.environ.pop(_setting, None)

for _name in list(logging.root.manager.loggerDict):
    if _name.startswith("streamlit"):
        logging.getLogger(_name).setLevel(logging.ERROR)


@pytest.fixture(scope="session")
def fixture_tables():
    return read_folder(FIXTURE_CSV)


def merged_tables_from(tiny: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tiny fixture plus old Phú Yên's round and a round of the merged province."""
    extra = read_folder(MERGED_CSV)
    return {
        name: pd.concat([frame, extra[name]], ignore_index=True) if name in extra else frame.copy()
        for name, frame in tiny.items()
    }


@pytest.fixture(scope="session")
def merged_tables(fixture_tables):
    return merged_tables_from(fixture_tables)


@pytest.fixture(scope="session")
def merged_root(tmp_path_factory, merged_tables) -> Path:
    root = tmp_path_factory.mktemp("merged-data")
    Store(root).publish(merged_tables, label="merged", created_at=FIXTURE_CREATED, published_by="tests")
    return root


@pytest.fixture(scope="session")
def merged_id(merged_root) -> str:
    return Store(merged_root).current_id()


@pytest.fixture(scope="session")
def merged_db(merged_root) -> Database:
    return Database(merged_root)


def blank_optional(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Every optional (nullable) field blank, as officers' lists often are (the reference
    tables the software builds itself keep theirs)."""
    out = {}
    for name, frame in tables.items():
        frame = frame.copy()
        for col in schema.table(name).columns:
            if col.nullable and name not in REFERENCE_TABLES:
                frame[col.name] = None
        out[name] = frame
    return out


def one_round(tables: dict[str, pd.DataFrame], round_id: str = "P2017") -> dict[str, pd.DataFrame]:
    """Only one round and its entries (a store after the first load)."""
    out = {k: v.copy() for k, v in tables.items()}
    out["rounds"] = out["rounds"][out["rounds"]["round_id"] == round_id]
    out["entries"] = out["entries"][out["entries"]["round_id"] == round_id]
    out["entry_scores"] = out["entry_scores"][out["entry_scores"]["entry_id"].isin(out["entries"]["entry_id"])]
    out["published_figures"] = out["published_figures"].iloc[0:0]
    return out


def _publish_root(tmp_path_factory, name: str, tables) -> Path:
    root = tmp_path_factory.mktemp(name)
    Store(root).publish(tables, label=name, created_at=FIXTURE_CREATED, published_by="tests")
    return root


@pytest.fixture(scope="session")
def blank_root(tmp_path_factory, merged_tables) -> Path:
    return _publish_root(tmp_path_factory, "blank", blank_optional(merged_tables))


@pytest.fixture(scope="session")
def one_round_root(tmp_path_factory, fixture_tables) -> Path:
    return _publish_root(tmp_path_factory, "one-round", one_round(fixture_tables))


@pytest.fixture(scope="session")
def init_root(tmp_path_factory) -> Path:
    from cnnt.starter import init_store

    root = tmp_path_factory.mktemp("init")
    init_store(Store(root), by="tests")
    return root


@pytest.fixture(scope="session")
def fixture_root(tmp_path_factory, fixture_tables) -> Path:
    root = tmp_path_factory.mktemp("fixture-data")
    Store(root).publish(fixture_tables, label="fixture", created_at=FIXTURE_CREATED, published_by="tests")
    return root


@pytest.fixture(scope="session")
def fixture_id(fixture_root) -> str:
    return Store(fixture_root).current_id()


@pytest.fixture(scope="session")
def fixture_db(fixture_root) -> Database:
    return Database(fixture_root)


@pytest.fixture(scope="session")
def sample_id() -> str:
    return Store(SAMPLE_ROOT).current_id()


@pytest.fixture(scope="session")
def sample_db() -> Database:
    return Database(SAMPLE_ROOT)


@pytest.fixture(autouse=True)
def _clear_streamlit_caches():
    from cnnt.cache import clear_all  # the size-bounded result caches (cnnt.cache)

    st.cache_data.clear()
    clear_all()
    yield
    st.cache_data.clear()
    clear_all()


def shown_tables(at) -> list[pd.DataFrame]:
    """Every table on an AppTest page, in page order, as the reader sees its cells:
    scrolling grids (st.dataframe) and plain tables (st.table: short tables, see
    cnnt.ui.static_table) alike, the plain ones' Markdown escapes taken off again."""
    import re

    def text(value):
        return re.sub(r"\\(.)", r"\1", str(value)).replace("\u2060", "") if isinstance(value, str) else value

    out = []
    for node in at.main:
        if node.type == "dataframe":
            out.append(node.value)
        elif node.type == "table":
            frame = node.value.map(text)
            frame.columns = [text(c) for c in frame.columns]
            out.append(frame)
    return out


def open_page(monkeypatch, root: Path, page: str, **query: str):
    """dashboard.py under AppTest on the data ``root``, with ``query`` in the URL, switched
    to ``page`` ("pages/revenue.py") and run; the page must not raise."""
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CNNT_DATA_DIR", str(root))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception, at.exception
    return at


def record_panels(monkeypatch) -> dict:
    """Every cnnt.ui.panel call of the page runs that follow: its key → (the table it
    was given, its keyword arguments), so a test can read what the downloads hold."""
    from cnnt import ui

    panels: dict = {}
    real_panel = ui.panel

    def recording(ctx, key, title, table, **kwargs):
        panels[key] = (table, kwargs)
        return real_panel(ctx, key, title, table, **kwargs)

    monkeypatch.setattr(ui, "panel", recording)
    return panels
