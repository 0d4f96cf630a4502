"""The only door to DuckDB.

One in-memory DuckDB connection per process (held by ``st.cache_resource``),
locked down so that it can read only the snapshots folder and cannot change its
own configuration, with a memory limit and a thread count; each call takes its
own cursor because a connection is not thread-safe and Streamlit runs a thread
per session.

Every snapshot gets a schema: its small tables loaded into memory, its large ones
as views over the parquet files, and its *facts*: the derived views of
``queries/views/`` (entry facts, places, events, panels, search keys…).  Facts are
computed once, when the snapshot is published (:func:`materialise_facts`, from the
same view SQL, stored beside the tables as ``facts/<view>.parquet`` and listed in
the manifest), and loaded into DuckDB tables when the snapshot is opened; a
snapshot without them (older, or written before a view changed) gets them computed
at open.  The view SQL stays the one definition either way.

Questions are ``queries/<name>.sql`` files with named parameters, bound, never
formatted in; only a single SELECT may run.  Results are cached by data root,
snapshot id, query name and parameters in a cache bounded by size
(:mod:`cnnt.cache`).
"""

from __future__ import annotations

import json
import os
import re
import threading
import time
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from cnnt import access, schema
from cnnt.cache import RESULTS
from cnnt.store import FACTS, LARGE_TABLE_ROWS, SnapshotInfo, Store, sha256_file

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
    opens); real data never go there.  An ``s3://bucket/prefix`` root is read through
    its local mirror, synced at most every ``CNNT_S3_POLL_S`` seconds
    (:mod:`cnnt.objectstore`).
    """
    configured = os.environ.get("CNNT_DATA_DIR") or str(PROVINCE_ROOT)
    if configured.startswith("s3://"):
        from cnnt import objectstore

        return objectstore.local_root(configured)
    return Path(configured).resolve()


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


# ---- facts: the derived views, computed once per snapshot -----------------------
VIEW_NAME = re.compile(r"^\s*create\s+(?:or\s+replace\s+)?view\s+([a-z_][a-z0-9_]*)\b", re.IGNORECASE | re.MULTILINE)
# A raw table up to this size is loaded into memory; larger ones (financials) stay parquet
# views, written in key order by the store for that reason.
IN_MEMORY_MAX_ROWS = LARGE_TABLE_ROWS
MAX_OPEN_SNAPSHOTS = 3  # schemas kept loaded; the least recently used one beyond is dropped
# A snapshot's files are checked (manifest read, every table's size) when a question asks
# for it, at most this often: the check costs about 0.5 ms, a page asks 7-10 questions.
SNAPSHOT_RECHECK_S = 2.0


def duckdb_settings() -> dict[str, str]:
    """Memory limit and threads for every connection (``CNNT_DUCKDB_MEMORY``, ``CNNT_DUCKDB_THREADS``)."""
    threads = os.environ.get("CNNT_DUCKDB_THREADS") or str(max(1, min(4, os.cpu_count() or 1)))
    return {"memory_limit": os.environ.get("CNNT_DUCKDB_MEMORY") or "1536MB", "threads": threads}


def _httpfs_setup(con) -> None:
    """Load httpfs (installed beforehand: never downloaded here) and an S3 secret from the
    environment's credential chain, before the configuration is locked."""
    con.execute("load httpfs")
    endpoint = os.environ.get("CNNT_S3_ENDPOINT") or os.environ.get("AWS_ENDPOINT_URL") or ""
    options = ["type s3", "provider credential_chain"]
    if endpoint:
        host = endpoint.split("://", 1)[-1].rstrip("/")
        ssl = str(endpoint.startswith("https")).lower()
        options += [f"endpoint {_sql_string(host)}", "url_style 'path'", f"use_ssl {ssl}"]
    con.execute(f"create secret cnnt_s3 ({', '.join(options)})")


def _locked_connection(allowed: list[str], prepare=None) -> duckdb.DuckDBPyConnection:
    """A fresh in-memory connection that may touch only ``allowed`` folders (or an s3://
    prefix) and cannot loosen that."""
    con = duckdb.connect(":memory:")
    settings = duckdb_settings()
    con.execute(f"set memory_limit = {_sql_string(settings['memory_limit'])}")
    con.execute(f"set threads = {int(settings['threads'])}")
    con.execute("set parquet_metadata_cache = true")
    if prepare is not None:
        prepare(con)
    con.execute("set allowed_directories = [" + ", ".join(_sql_string(a) for a in allowed) + "]")
    con.execute("set enable_external_access = false")
    con.execute("set autoinstall_known_extensions = false")
    con.execute("set autoload_known_extensions = false")
    con.execute("set lock_configuration = true")
    return con


def view_statements() -> list[tuple[str | None, str]]:
    """Every statement of ``queries/views/*.sql`` in order: (view name, sql) for a view
    (a fact), (None, sql) for a macro."""
    con = duckdb.connect(":memory:")
    try:
        out: list[tuple[str | None, str]] = []
        for view in sorted(VIEWS_DIR.glob("*.sql")):
            for stmt in con.extract_statements(view.read_text("utf-8")):
                if stmt.type != duckdb.StatementType.CREATE:
                    raise QueryError(f"{view.name}: only CREATE VIEW and CREATE MACRO are allowed")
                match = VIEW_NAME.search(stmt.query)
                out.append((match.group(1).lower() if match else None, stmt.query))
        return out
    finally:
        con.close()


def fact_names() -> list[str]:
    """The facts a snapshot carries: one per derived view, in dependency order."""
    return [name for name, _ in view_statements() if name]


def facts_version() -> str:
    """A fingerprint of the view SQL: facts computed from other SQL are not used."""
    import hashlib

    h = hashlib.sha256()
    for view in sorted(VIEWS_DIR.glob("*.sql")):
        h.update(view.name.encode() + b"\0" + view.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def _bind_tables(
    cur, folder: Path | str, rows: dict[str, int] | None = None, in_memory_max: int = IN_MEMORY_MAX_ROWS
) -> None:
    """The snapshot's tables in the current schema: small ones loaded, large ones as parquet views.
    ``folder`` is a local folder or, for ``CNNT_S3_READ=httpfs``, an ``s3://…/<id>/`` prefix."""
    for table in schema.TABLE_NAMES:
        where = f"{folder}{table}.parquet" if isinstance(folder, str) else str(folder / f"{table}.parquet")
        path = _sql_string(where)
        n = (rows or {}).get(table)
        if n is not None and n <= in_memory_max:
            # in key order: DuckDB's min/max per row group then skips most of a table when a
            # page looks up one establishment, product or entry
            key = ", ".join(f'"{c}"' for c in schema.table(table).primary_key)
            order = f" order by {key}" if key else ""
            cur.execute(f'create or replace table "{table}" as select * from read_parquet({path}){order}')
        else:
            cur.execute(f'create or replace view "{table}" as select * from read_parquet({path})')


def _materialise(cur, name: str) -> None:
    """Turn the view ``name`` into a table of the same name (later views read the table)."""
    cur.execute(f'create or replace table "__{name}" as select * from "{name}"')
    cur.execute(f'drop view "{name}"')
    cur.execute(f'alter table "__{name}" rename to "{name}"')


def _compute_facts(cur) -> None:
    """Run the view files in the current schema, materialising each view as it comes."""
    for name, sql in view_statements():
        cur.execute(sql)
        if name:
            _materialise(cur, name)


def materialise_facts(folder: Path | str) -> dict:
    """Compute every fact of the snapshot in ``folder`` (its parquet tables, written but
    not yet published) and write ``facts/<name>.parquet``; returns the manifest's
    ``facts`` section.  DuckDB may read and write only inside ``folder``."""
    folder = Path(folder).resolve()
    out_dir = folder / FACTS
    out_dir.mkdir(exist_ok=True)
    con = _locked_connection([str(folder) + os.sep])
    try:
        cur = con.cursor()
        _bind_tables(cur, folder)  # all as views: each is read once or twice here
        files = {}
        for name, sql in view_statements():
            cur.execute(sql)
            if not name:
                continue
            _materialise(cur, name)
            path = out_dir / f"{name}.parquet"
            cur.execute(f'copy "{name}" to {_sql_string(str(path))} (format parquet, compression zstd)')
            rows = cur.execute(f'select count(*) from "{name}"').fetchone()[0]
            with open(path, "rb+") as f:
                os.fsync(f.fileno())
            files[name] = {
                "file": f"{FACTS}/{name}.parquet",
                "rows": int(rows),
                "bytes": path.stat().st_size,
                "sha256": sha256_file(path),
            }
        return {"version": facts_version(), "tables": files}
    finally:
        con.close()


class Database:
    """A locked-down, read-only, in-memory DuckDB over the snapshots of one data root."""

    def __init__(self, data_root: Path | str, remote: str | None = None):
        self.store = Store(data_root)
        self.store.snapshots_dir.mkdir(parents=True, exist_ok=True)
        # remote: an s3:// root read through DuckDB's httpfs (CNNT_S3_READ=httpfs); the
        # sandbox then allows that bucket's snapshots prefix only, and the local mirror
        # (data_root) holds just the pointer, markers and manifests.
        self.remote = None
        if remote:
            from cnnt.objectstore import httpfs_paths

            allowed, self.remote = httpfs_paths(remote)
            self._con = _locked_connection([allowed], prepare=_httpfs_setup)
        else:
            self._con = _locked_connection([str(self.store.snapshots_dir) + os.sep])
        self._schemas: dict[str, str] = {}  # snapshot id -> schema, least recently used first
        self._busy: dict[str, int] = {}  # schema -> queries running on it (never dropped while > 0)
        self._lock = threading.Lock()
        self.opened: dict[str, str] = {}  # snapshot id -> 'facts' (loaded) | 'computed' (no usable facts)
        self._checked: dict[str, tuple[float, SnapshotInfo]] = {}  # snapshot id -> (when, its usable info)
        # One cursor per thread, kept: a DuckDB cursor is not thread-safe, and a new one
        # per question costs about 0.6 ms (its own client context, catalog lookups).
        self._local = threading.local()

    def _schema_for(self, snap: SnapshotInfo) -> str:
        with self._lock:
            if snap.id in self._schemas:
                name = self._schemas.pop(snap.id)
                self._schemas[snap.id] = name  # most recently used
                self._busy[name] = self._busy.get(name, 0) + 1
                return name
            name = "s_" + re.sub(r"[^a-z0-9]", "_", snap.id)
            cur = self._con.cursor()
            try:
                cur.execute(f'drop schema if exists "{name}" cascade')
                cur.execute(f'create schema "{name}"')
                cur.execute(f'use "{name}"')
                rows = {t: int(m.get("rows", 0)) for t, m in snap.manifest.get("tables", {}).items()}
                base = f"{self.remote}{snap.id}/" if self.remote else snap.path
                _bind_tables(cur, base, rows)
                facts = self._facts(snap)
                if facts is None or not set(fact_names()) <= set(facts):
                    _compute_facts(cur)
                    self.opened[snap.id] = "computed"
                else:
                    for fact, sql in view_statements():
                        if fact:
                            path = _sql_string(str(facts[fact]))
                            cur.execute(f'create table "{fact}" as select * from read_parquet({path})')
                        else:
                            cur.execute(sql)
                    self.opened[snap.id] = "facts"
            except BaseException:
                cur.execute(f'drop schema if exists "{name}" cascade')
                raise
            finally:
                cur.close()
            self._schemas[snap.id] = name
            self._busy[name] = self._busy.get(name, 0) + 1
            self._evict()
            return name

    def _facts(self, snap: SnapshotInfo) -> dict[str, Path | str] | None:
        if not self.remote:
            return self.store.facts(snap, facts_version())
        section = snap.manifest.get("facts") or {}
        if section.get("version") != facts_version():
            return None  # the bucket's objects are checked by their sha256 when mirrored, not here
        return {name: f"{self.remote}{snap.id}/{meta['file']}" for name, meta in (section.get("tables") or {}).items()}

    def _evict(self) -> None:
        """Drop the least recently used schemas beyond MAX_OPEN_SNAPSHOTS that no query is using."""
        for snap_id in list(self._schemas)[: max(0, len(self._schemas) - MAX_OPEN_SNAPSHOTS)]:
            name = self._schemas[snap_id]
            if self._busy.get(name, 0) == 0:
                del self._schemas[snap_id]
                self._busy.pop(name, None)
                self.opened.pop(snap_id, None)
                cur = self._con.cursor()
                try:
                    cur.execute(f'drop schema if exists "{name}" cascade')
                finally:
                    cur.close()

    def _release(self, name: str) -> None:
        with self._lock:
            self._busy[name] = max(0, self._busy.get(name, 1) - 1)
            self._evict()

    def snapshot(self, snapshot_id: str) -> SnapshotInfo:
        """The snapshot, checked (:meth:`Store.open`) at most every SNAPSHOT_RECHECK_S seconds."""
        now = time.monotonic()
        known = self._checked.get(snapshot_id)
        if known is not None and now - known[0] < SNAPSHOT_RECHECK_S:
            return known[1]
        snap = self.store.open(snapshot_id)
        if not snap.ok:
            self._checked.pop(snapshot_id, None)
            raise QueryError(f"snapshot {snapshot_id} is not usable: {snap.problem}")
        if len(self._checked) >= 64:
            self._checked.clear()
        self._checked[snapshot_id] = (now, snap)
        return snap

    def _cursor(self, schema_name: str) -> duckdb.DuckDBPyConnection:
        """This thread's cursor, using ``schema_name``."""
        local = self._local
        cur = getattr(local, "cursor", None)
        if cur is None:
            cur = local.cursor = self._con.cursor()
            local.schema = None
        if local.schema != schema_name:
            cur.execute(f'use "{schema_name}"')
            local.schema = schema_name
        return cur

    def _forget_cursor(self) -> None:
        """Close this thread's cursor after a failure: the next question starts afresh."""
        cur = getattr(self._local, "cursor", None)
        self._local.cursor = self._local.schema = None
        if cur is not None:
            try:
                cur.close()
            except duckdb.Error:
                pass

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
        try:
            cur = self._cursor(schema_name)
            statement, wanted = _parsed(cur, sql, label)
            missing = wanted - params.keys()
            if missing:
                raise QueryError(f"{label}: missing parameters {sorted(missing)}")
            bound = {k: (list(v) if isinstance(v, tuple) else v) for k, v in params.items() if k in wanted}
            try:
                return cur.execute(statement, bound).df() if bound else cur.execute(statement).df()
            except BaseException:
                self._forget_cursor()
                raise
        finally:
            self._release(schema_name)


# Parsed statements by SQL text: parsing a long question costs up to 3 ms, on every
# call otherwise.  DuckDB copies a parsed statement to run it, so one parse serves every
# cursor; the guard (one SELECT) is checked at parse time.  Bounded: the query files
# and checks, plus whatever SQL tests run.
_PARSED: dict[str, tuple[duckdb.Statement, frozenset[str]]] = {}
_PARSED_MAX = 512


def _parsed(cur, sql: str, label: str) -> tuple[duckdb.Statement, frozenset[str]]:
    known = _PARSED.get(sql)
    if known is None:
        statements = cur.extract_statements(sql)
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            raise QueryError(f"{label}: exactly one SELECT statement is allowed")
        known = (statements[0], frozenset(statements[0].named_parameters))
        if len(_PARSED) >= _PARSED_MAX:
            _PARSED.clear()
        _PARSED[sql] = known
    return known


def check_access(name: str, sql: str, role: str) -> None:
    """Refuse (:class:`access.AccessRefused`) a query whose declared right the role lacks."""
    try:
        right = access.query_right(sql)
    except ValueError as exc:
        raise QueryError(f"{name}: {exc}") from exc
    if not access.allows(role, right):
        raise access.AccessRefused(role, right, f"query {name}")


_RIGHTS: dict[str, tuple[int, str]] = {}  # query name -> (file mtime, right it declares)


def _right_of(name: str) -> str:
    """The right a query declares, read again only when its file changes (checked on every call)."""
    path = QUERIES_DIR / f"{name}.sql"
    if not NAME_PATTERN.match(name) or not path.is_file():
        raise QueryError(f"no such query: {name}")
    mtime = path.stat().st_mtime_ns
    known = _RIGHTS.get(name)
    if known is None or known[0] != mtime:
        try:
            known = (mtime, access.query_right(path.read_text("utf-8")))
        except ValueError as exc:
            raise QueryError(f"{name}: {exc}") from exc
        _RIGHTS[name] = known
    return known[1]


def parameters_of(name: str) -> set[str]:
    """The named parameters a query expects."""
    con = duckdb.connect(":memory:")
    try:
        return set(con.extract_statements(load_sql(name))[0].named_parameters)
    finally:
        con.close()


@st.cache_resource(max_entries=4, show_spinner=False)
def database(data_root: str) -> Database:
    """The process-wide database for a data root (for an s3:// root with
    ``CNNT_S3_READ=httpfs``, DuckDB reads the bucket itself)."""
    configured = os.environ.get("CNNT_DATA_DIR") or ""
    if configured.startswith("s3://") and os.environ.get("CNNT_S3_READ") == "httpfs":
        return Database(data_root, remote=configured)
    return Database(data_root)


def _cached_query(data_root: str, snapshot_id: str, name: str, params_json: str) -> pd.DataFrame:
    """A query's result from the size-bounded cache (:data:`cnnt.cache.RESULTS`), run on a miss."""
    return RESULTS.get_or_compute(
        ("query", data_root, snapshot_id, name, params_json),
        lambda: database(data_root).query(snapshot_id, name, json.loads(params_json)),
    )


def run(
    name: str, snapshot_id: str, data_root: Path | str | None = None, *, role: str | None = None, **params: Any
) -> pd.DataFrame:
    """Run a named query on a snapshot; cached by root, snapshot, name and parameters.

    Access is checked before the cache, for ``role`` (default: this session's
    role, see :func:`cnnt.access.current_role`): a query declaring a right the
    role lacks raises :class:`cnnt.access.AccessRefused`.
    """
    role = access.valid_role(role) if role is not None else access.current_role()
    right = _right_of(name)
    if not access.allows(role, right):
        raise access.AccessRefused(role, right, f"query {name}")
    root = str(Path(data_root).resolve() if data_root else default_data_root())
    key = json.dumps(
        {k: list(v) if isinstance(v, (tuple, list, set)) else v for k, v in sorted(params.items())},
        ensure_ascii=False,
        sort_keys=True,
        default=str,
    )
    return _cached_query(root, snapshot_id, name, key).copy()


def facts_from_tables(folder: Path | str) -> dict[str, pd.DataFrame]:
    """Every fact of the snapshot in ``folder`` computed afresh from its tables by the
    view SQL as plain views (nothing materialised): what the stored facts must equal."""
    folder = Path(folder).resolve()
    con = _locked_connection([str(folder) + os.sep])
    try:
        cur = con.cursor()
        _bind_tables(cur, folder)
        for _name, sql in view_statements():
            cur.execute(sql)
        return {name: cur.execute(f'select * from "{name}"').df() for name in fact_names()}
    finally:
        con.close()


def stored_facts(folder: Path | str) -> dict[str, pd.DataFrame]:
    """The facts stored with the snapshot in ``folder`` (``facts/<name>.parquet``), as DuckDB reads them."""
    folder = Path(folder).resolve()
    con = _locked_connection([str(folder) + os.sep])
    try:
        out = {}
        for name in fact_names():
            path = folder / FACTS / f"{name}.parquet"
            out[name] = con.execute(f"select * from read_parquet({_sql_string(str(path))})").df()
        return out
    finally:
        con.close()
