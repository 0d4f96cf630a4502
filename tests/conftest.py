"""Shared fixtures: a tiny snapshot built from committed CSV once per session,
the committed sample snapshot, and clean Streamlit caches for every test."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

import pytest
import streamlit as st

from cnnt.csvio import read_folder
from cnnt.db import Database
from cnnt.store import Store

PROJECT = Path(__file__).resolve().parent.parent
FIXTURE_CSV = PROJECT / "tests" / "fixtures" / "tiny"
SAMPLE_ROOT = PROJECT / "data"
FIXTURE_CREATED = dt.datetime(2020, 1, 1, tzinfo=dt.UTC)

for _name in list(logging.root.manager.loggerDict):
    if _name.startswith("streamlit"):
        logging.getLogger(_name).setLevel(logging.ERROR)


@pytest.fixture(scope="session")
def fixture_tables():
    return read_folder(FIXTURE_CSV)


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
    st.cache_data.clear()
    yield
    st.cache_data.clear()
