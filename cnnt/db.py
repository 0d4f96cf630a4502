"""The only door to DuckDB.

One in-memory DuckDB connection per process (held by ``st.cache_resource``),
locked down so that it can read only the snapshots folder and cannot change its
own configuration; each call takes its own cursor because a connection is not
thread-safe and Streamlit runs a thread per session.  Every snapshot gets a
schema of views over its parquet files (and the derived views in
``queries/views/``).  Questions are ``queries/<name>.sql`` files with named
parameters, bound, never formatted in; only a single SELECT may run.
Results are cached by data root, snapshot id, query name and parameters.
"""

from __future__ import annotations

import json
import os
import re
import threading
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from cnnt import access, schema
from cnnt.store import SnapshotInfo, Store

PROJECT_ROOT = Path(__file__).resolve().parent.parent
QUERIES_DIR = PROJECT_ROOT / "queries"
VIEWS_DIR = QUERIES_DIR / "views"
CHECKS_DIR = QUERIES_DIR / "checks"
NAME_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


class QueryError(Exception):
    """A query could not run: unknown name, missing parameter, or not a plain SELECT."""


SAMPLE_ROOT = PROJECT_ROOT / "data" / "sample"  # the embedded sample's own data root
PROVINCE_ROOT = PROJECT_ROOT / "data" / "province"  # real data, when no other folder is configured


def default_data_root() -> Path:
    """The data folder: ``$CNNT_DATA_DIR``, else ``data/province`` beside the code.

    The sample lives in its own root (``data/sample``, what ``scripts/start.sh``
    opens); real data never go there.
    """
    return Path(os.environ.get("CNNT_DATA_DIR") or PROVINCE_ROOT).resolve()


def query_names() -> list[str]:
    """Every question the app can ask (one file each in ``queries/``)."""
    return sorted(p.stem for p in QUERIES_DIR.glob("*.sql"))


def check_names() -> list[str]:
    """Data checks: queries in ``queries/checks/`` that must return zero rows."""
    return sorted(p.stem for p in CHECKS_DIR.glob("*.sql"))


def load_sql(name: str, folder: Path = QUERIES_DIR) -> str:
    if not NAME_PATTERN.match(name):
        raise QueryError(f"bad query name: {name!r}")
    path = folder / f"{name}.sql"
    if not path.is_file():
        raise QueryError(f"no such query: {name}")
    return path.read_text("utf-8")


def _sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class Database:
    """A locked-down, read-only, in-memory DuckDB over the snapshots of one data root."""

    def __init__(self, data_root: Path | str):
        self.store = Store(data_root)
        self.store.snapshots_dir.mkdir(parents=True, exist_ok=True)
        self._con = duckdb.connect(":memory:")
        allowed = str(self.store.snapshots_dir) + os.sep
        self._con.execute(f"set allowed_directories = [{_sql_string(allowed)}]")
        self._con.execute("set enable_external_access = false")
        self._con.execute("set autoinstall_known_extensions = false")
        self._con.execute("set autoload_known_extensions = false")
        self._con.execute("set lock_configuration = true")
        self._schemas: dict[str, str] = {}
        self._lock = threading.Lock()

    def _schema_for(self, snap: SnapshotInfo) -> str:
        with self._lock:
            if snap.id in self._schemas:
                return self._schemas[snap.id]
            name = "s_" + re.sub(r"[^a-z0-9]", "_", snap.id)
            cur = self._con.cursor()
            try:
                cur.execute(f'create schema if not exists "{name}"')
                cur.execute(f'use "{name}"')
                for table in schema.TABLE_NAMES:
                    path = snap.path / f"{table}.parquet"
                    cur.execute(
                        f'create or replace view "{table}" as select * from read_parquet({_sql_string(str(path))})'
                    )
                for view in sorted(VIEWS_DIR.glob("*.sql")):
                    for stmt in cur.extract_statements(view.read_text("utf-8")):
                        if stmt.type != duckdb.StatementType.CREATE:
                            raise QueryError(f"{view.name}: only CREATE VIEW is allowed")
                        cur.execute(stmt.query)
            finally:
                cur.close()
            self._schemas[snap.id] = name
            return name

    def snapshot(self, snapshot_id: str) -> SnapshotInfo:
        snap = self.store.open(snapshot_id)
        if not snap.ok:
            raise QueryError(f"snapshot {snapshot_id} is not usable: {snap.problem}")
        return snap

    def query(
        self, snapshot_id: str, name: str, params: dict[str, Any] | None = None, *, role: str | None = None
    ) -> pd.DataFrame:
        """Run ``queries/<name>.sql`` on a snapshot with bound named parameters.

        ``role`` is the asking session's role: a query whose header declares an
        access right (``-- Access: confidential``, see :mod:`cnnt.access`) is
        refused for a role without it.  ``None`` is a caller without a session
        (the command line, tests), which reads the store with the server's own
        file rights anyway; the dashboard always passes the session's role.
        """
        sql = load_sql(name)
        if role is not None:
            check_access(name, sql, role)
        return self.run_sql(snapshot_id, sql, params, label=name)

    def check(self, snapshot_id: str, name: str) -> pd.DataFrame:
        """Run a data check; any row it returns is a problem."""
        return self.run_sql(snapshot_id, load_sql(name, CHECKS_DIR), label=f"checks/{name}")

    def run_sql(
        self, snapshot_id: str, sql: str, params: dict[str, Any] | None = None, *, label: str = "sql"
    ) -> pd.DataFrame:
        params = dict(params or {})
        schema_name = self._schema_for(self.snapshot(snapshot_id))
        cur = self._con.cursor()
        try:
            statements = cur.extract_statements(sql)
            if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
                raise QueryError(f"{label}: exactly one SELECT statement is allowed")
            wanted = set(statements[0].named_parameters)
            missing = wanted - params.keys()
            if missing:
                raise QueryError(f"{label}: missing parameters {sorted(missing)}")
            bound = {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items() if k in wanted}
            cur.execute(f'use "{schema_name}"')
            return cur.execute(sql, bound).df() if bound else cur.execute(sql).df()
        finally:
            cur.close()


def check_access(name: str, sql: str, role: str) -> None:
    """Refuse (:class:`access.AccessRefused`) a query whose declared right the role lacks."""
    try:
        right = access.query_right(sql)
    except ValueError as exc:
        raise QueryError(f"{name}: {exc}") from exc
    if not access.allows(role, right):
        raise access.AccessRefused(role, right, f"query {name}")


def parameters_of(name: str) -> set[str]:
    """The named parameters a query expects."""
    con = duckdb.connect(":memory:")
    try:
        return set(con.extract_statements(load_sql(name))[0].named_parameters)
    finally:
        con.close()


@st.cache_resource(max_entries=4, show_spinner=False)
def database(data_root: str) -> Database:
    """The process-wide database for a data root."""
    return Database(data_root)


@st.cache_data(max_entries=512, show_spinner=False)
def _cached_query(data_root: str, snapshot_id: str, name: str, params_json: str) -> pd.DataFrame:
    return database(data_root).query(snapshot_id, name, json.loads(params_json))


def run(
    name: str, snapshot_id: str, data_root: Path | str | None = None, *, role: str | None = None, **params: Any
) -> pd.DataFrame:
    """Run a named query on a snapshot; cached by root, snapshot, name and parameters.

    Access is checked before the cache, for ``role`` (default: this session's
    role, see :func:`cnnt.access.current_role`): a query declaring a right the
    role lacks raises :class:`cnnt.access.AccessRefused`.
    """
    check_access(name, load_sql(name), access.valid_role(role) if role is not None else access.current_role())
    root = str(Path(data_root).resolve() if data_root else default_data_root())
    key = json.dumps(
        {k: list(v) if isinstance(v, (tuple, list, set)) else v for k, v in sorted(params.items())},
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return _cached_query(root, snapshot_id, name, key).copy()
