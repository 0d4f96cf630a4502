"""Housekeeping of the data folder, run once per server process at start and by
the command line (``python -m cnnt clean``).

- Leftovers of publishes that were killed midway (``snapshots/.tmp-*``) are removed.
- Staged snapshots that were never published are kept for
  ``CNNT_STAGED_KEEP_DAYS`` days (default 14) and at most
  ``CNNT_STAGED_KEEP_COUNT`` of them (default 10, the newest), then removed;
  a stage younger than an hour is always kept (an officer may be previewing it).
  Published, current and withdrawn snapshots are never removed.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from dataclasses import dataclass

import streamlit as st

from cnnt.store import Store

log = logging.getLogger("cnnt")


@dataclass(frozen=True)
class Retention:
    max_age: dt.timedelta
    max_count: int


def _int_env(name: str, default: int, lo: int) -> int:
    try:
        return max(lo, int(os.environ.get(name, "") or default))
    except ValueError:
        return default


def retention() -> Retention:
    return Retention(
        max_age=dt.timedelta(days=_int_env("CNNT_STAGED_KEEP_DAYS", 14, 0)),
        max_count=_int_env("CNNT_STAGED_KEEP_COUNT", 10, 0),
    )


def housekeeping(store: Store, temporary_older_than: dt.timedelta = dt.timedelta(minutes=15)) -> dict:
    """Remove killed publishes' leftovers and expired stages; returns what was removed."""
    if not store.snapshots_dir.is_dir():
        return {"temporary": 0, "staged": []}
    policy = retention()
    temporary = store.clean_temporary(older_than=temporary_older_than)
    staged = store.prune_staged(policy.max_age, policy.max_count)
    if temporary or staged:
        log.info("housekeeping in %s: %d temporary folders, staged %s removed", store.root, temporary, staged)
    return {"temporary": temporary, "staged": staged}


@st.cache_resource(show_spinner=False, max_entries=8)
def at_start(root: str) -> bool:
    """Housekeeping once per server process and data root (held by ``st.cache_resource``)."""
    try:
        housekeeping(Store(root))
    except OSError:
        log.exception("housekeeping failed in %s", root)
    return True
