"""Immutable, dated parquet snapshots and the pointer to the current one.

Layout under the data root::

    data/
      CURRENT                      # one line: the id of the current snapshot
      snapshots/<id>/manifest.json
      snapshots/<id>/<table>.parquet

Publishing writes into a hidden temporary folder, validates, flushes every file
to disk, renames the folder into place and only then replaces ``CURRENT``
atomically (write temporary, fsync, ``os.replace``).  A publish that fails or is
killed at any point leaves the current snapshot as it was.  Snapshots are never
edited; rollback just points ``CURRENT`` at an older one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from cnnt import schema
from cnnt.validate import Problem, errors, problems_frame, validate_tables

POINTER = "CURRENT"
HISTORY = "history.jsonl"
SNAPSHOTS = "snapshots"
MANIFEST = "manifest.json"
PUBLISHED = "published"  # one empty marker file per snapshot that has been made current
HIDDEN = "hidden"  # one marker file per withdrawn snapshot: kept on disk, offered by no picker
SAMPLE_MARK = "SAMPLE"  # present in the sample's own data root, which real data never enter
FACTS = "facts"  # snapshots/<id>/facts/<view>.parquet: derived views computed at publish (cnnt.db)
FACT_FILE = re.compile(r"^facts/[a-z_][a-z0-9_]*\.parquet$")
LAST_PUBLISH: dict[str, float] = {}  # seconds spent by the last publish in this process, per step
_VERIFIED: set[tuple] = set()  # snapshots whose files were hashed, keyed by path and file stats
ID_PATTERN = re.compile(r"^[0-9]{8}-[0-9]{6}-[a-z0-9-]{1,40}$")


class StaleStage(Exception):
    """A staged snapshot was checked against a snapshot that is no longer current."""

    def __init__(self, snapshot_id: str, base_id: str | None, current_id: str | None):
        super().__init__(f"{snapshot_id} was checked against {base_id}, but {current_id} is current now")
        self.snapshot_id, self.base_id, self.current_id = snapshot_id, base_id, current_id


class SampleRootRefused(Exception):
    """Real data may not be written into the sample's data root, nor the sample into a real one."""


class SamePerson(Exception):
    """The two-person rule: whoever staged a snapshot may not publish it too."""

    def __init__(self, snapshot_id: str, by: str):
        super().__init__(f"{snapshot_id} was staged by {by}; another officer must publish it")
        self.snapshot_id, self.by = snapshot_id, by


class PublishRefused(Exception):
    """The tables have errors; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(errors(problems))} errors")
        self.problems = problems


@dataclass
class SnapshotInfo:
    id: str
    path: Path
    manifest: dict = field(default_factory=dict)
    problem: str | None = None  # None: complete and intact
    published: bool = False  # has been made current at some time (the store's own marker)
    hidden: bool = False  # withdrawn: kept on disk and in the log, offered by no picker

    @property
    def ok(self) -> bool:
        return self.problem is None

    @property
    def is_sample(self) -> bool:
        return bool(self.manifest.get("is_sample"))

    @property
    def staged(self) -> bool:
        """Written by an import for preview and not published (yet)."""
        return bool(self.manifest.get("staged")) and not self.published

    @property
    def base_id(self) -> str | None:
        """The snapshot an import was checked against (None: an empty store)."""
        return self.manifest.get("base_id")

    @property
    def created_at(self) -> str:
        return str(self.manifest.get("created_at", ""))


@dataclass
class Resolution:
    """Which snapshot to show, and why, when it is not the one asked for."""

    snapshot: SnapshotInfo | None
    requested: str | None
    problem: str | None = None  # no_pointer | missing | broken | none_valid


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_bytes_durably(path: Path, data: bytes) -> None:
    with open(path, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())


def to_arrow(name: str, df: pd.DataFrame) -> pa.Table:
    """A table in its contract's exact column order and types."""
    t = schema.table(name)
    frame = df[t.column_names].copy()
    for col in t.columns:
        if col.dtype == "date":
            frame[col.name] = pd.to_datetime(frame[col.name]).dt.date.astype(object)
            frame.loc[frame[col.name].isna(), col.name] = None
    return pa.Table.from_pandas(frame, schema=t.arrow_schema, preserve_index=False)


def _source_digest(source: Path | tuple[str, bytes]) -> dict:
    """Name, sha256 and size of a source file (a path, or a name with its bytes)."""
    if isinstance(source, tuple):
        name, data = source
        return {"name": Path(name).name, "sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    path = Path(source)
    return {"name": path.name, "sha256": sha256_file(path), "bytes": path.stat().st_size}


# A table larger than this is not loaded into memory when a snapshot is opened: DuckDB
# reads it through a parquet view (cnnt.db).  It is written in key order in small row
# groups, so that a page looking up one establishment (its yearly figures) reads one row
# group instead of the whole file (min/max per row group skip the rest).
LARGE_TABLE_ROWS = 1_000_000
LARGE_TABLE_ROW_GROUP = 122_880


def _write_parquet(table: pa.Table, path: Path, key: Sequence[str] = (), large: int = LARGE_TABLE_ROWS) -> None:
    if key and table.num_rows > large:
        table = table.sort_by([(c, "ascending") for c in key])
        pq.write_table(table, path, compression="zstd", row_group_size=LARGE_TABLE_ROW_GROUP)
    else:
        pq.write_table(table, path, compression="zstd")
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def _compute_facts(folder: Path) -> dict | None:
    """The facts of a snapshot being written (``cnnt.db.materialise_facts``); None if they
    cannot be computed, in which case the snapshot is published without them and its
    facts are computed when it is opened (where the same problem shows as a query error)."""
    import logging

    from cnnt.db import materialise_facts  # db imports this module: import here

    try:
        return materialise_facts(folder)
    except Exception:  # noqa: BLE001 - never block a valid publish on a derived table
        logging.getLogger("cnnt").exception("facts could not be computed for %s", folder.name)
        shutil.rmtree(folder / FACTS, ignore_errors=True)
        return None


class Store:
    """The snapshots under one data root."""

    def __init__(self, root: Path | str, *, large_table_rows: int = LARGE_TABLE_ROWS):
        self.root = Path(root).resolve()
        self.snapshots_dir = self.root / SNAPSHOTS
        self.large_table_rows = large_table_rows  # tables above it are written in key order

    # ---- reading ----------------------------------------------------------
    def current_id(self) -> str | None:
        try:
            text = (self.root / POINTER).read_text("utf-8").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        return text or None

    @property
    def is_sample_root(self) -> bool:
        """The sample's own data root: real data never go in here."""
        return (self.root / SAMPLE_MARK).is_file()

    def is_published(self, snapshot_id: str) -> bool:
        return bool(ID_PATTERN.match(snapshot_id)) and (self.root / PUBLISHED / snapshot_id).is_file()

    def _mark_published(self, snapshot_id: str) -> None:
        folder = self.root / PUBLISHED
        folder.mkdir(parents=True, exist_ok=True)
        marker = folder / snapshot_id
        if not marker.exists():
            _write_bytes_durably(marker, b"")
            _fsync_dir(folder)

    def open(self, snapshot_id: str) -> SnapshotInfo:
        """A snapshot by id, checked: manifest readable, every file present and intact."""
        path = self.snapshots_dir / snapshot_id
        info = SnapshotInfo(snapshot_id, path)
        if not ID_PATTERN.match(snapshot_id) or not path.is_dir():
            info.problem = "missing"
            return info
        info.published = self.is_published(snapshot_id)
        info.hidden = self.is_hidden(snapshot_id)
        try:
            info.manifest = json.loads((path / MANIFEST).read_text("utf-8"))
        except FileNotFoundError:
            info.problem = "no_manifest"
            return info
        except (ValueError, UnicodeDecodeError):
            info.problem = "bad_manifest"
            return info
        if info.manifest.get("schema_version") != schema.SCHEMA_VERSION:
            info.problem = "schema_version"
            return info
        files = info.manifest.get("tables", {})
        signature = []
        for name in schema.TABLE_NAMES:
            meta = files.get(name)
            f = path / f"{name}.parquet"
            if not meta or not f.is_file():
                info.problem = f"missing_table:{name}"
                return info
            stat = f.stat()
            if stat.st_size != meta.get("bytes"):
                info.problem = f"corrupt_table:{name}"
                return info
            signature.append((name, stat.st_size, stat.st_mtime_ns, meta.get("sha256")))
        key = (str(path), tuple(signature))
        if key in _VERIFIED:  # hashed before and no file changed since: skip re-hashing on every page load
            return info
        for name, *_rest, digest in signature:
            if sha256_file(path / f"{name}.parquet") != digest:
                info.problem = f"corrupt_table:{name}"
                return info
        _VERIFIED.add(key)
        return info

    def facts(self, info: SnapshotInfo, version: str) -> dict[str, Path] | None:
        """The snapshot's pre-computed facts (view name → parquet file), or None when it
        has none, they were computed from other view SQL (``version``), or a file is
        missing or damaged: the caller then computes them from the tables."""
        section = info.manifest.get("facts") or {}
        if not info.ok or section.get("version") != version:
            return None
        out: dict[str, Path] = {}
        signature = []
        for name, meta in sorted((section.get("tables") or {}).items()):
            rel = str(meta.get("file", ""))
            path = info.path / rel
            if not FACT_FILE.match(rel) or not path.is_file() or path.stat().st_size != meta.get("bytes"):
                return None
            stat = path.stat()
            signature.append((rel, stat.st_size, stat.st_mtime_ns, meta.get("sha256")))
            out[name] = path
        key = (str(info.path), "facts", tuple(signature))
        if key not in _VERIFIED:
            for rel, _size, _mtime, digest in signature:
                if sha256_file(info.path / rel) != digest:
                    return None
            _VERIFIED.add(key)
        return out

    def list(self) -> list[SnapshotInfo]:
        """Every snapshot folder, newest first, with its state."""
        if not self.snapshots_dir.is_dir():
            return []
        ids = sorted(
            (p.name for p in self.snapshots_dir.iterdir() if p.is_dir() and not p.name.startswith(".")), reverse=True
        )
        return [self.open(i) for i in ids]

    def resolve(self, requested: str | None = None) -> Resolution:
        """The snapshot to show: the one asked for, else the current one, else the newest
        published one.  A staged snapshot is never a candidate: it becomes visible only
        when an officer publishes it."""
        wanted = requested or self.current_id()
        if wanted:
            info = self.open(wanted)
            if info.ok and info.published and not info.hidden:
                return Resolution(info, wanted)
            problem = "missing" if info.problem == "missing" or info.hidden else ("staged" if info.ok else "broken")
        else:
            problem = "no_pointer"
        fallback = next((s for s in self.list() if s.ok and s.published and not s.hidden), None)
        if fallback is not None:
            return Resolution(fallback, wanted, problem)
        # Only staged snapshots (a first file checked, not yet published) is an empty store, not a broken one.
        nothing_wrong = all(s.ok and not s.published for s in self.list())
        return Resolution(None, wanted, "empty" if nothing_wrong else "none_valid")

    def published_snapshots(self) -> list[SnapshotInfo]:
        """Intact snapshots that have been published and not withdrawn, newest first (what a reader may pick)."""
        return [s for s in self.list() if s.ok and s.published and not s.hidden]

    def read_table(self, snapshot_id: str, name: str) -> pd.DataFrame:
        """One table of a snapshot as pandas (for previews and tests; the app queries through cnnt.db)."""
        schema.table(name)
        return pq.read_table(self.snapshots_dir / snapshot_id / f"{name}.parquet").to_pandas()

    # ---- writing ----------------------------------------------------------
    def _new_id(self, created_at: dt.datetime, label: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", label.lower()).strip("-")[:40] or "snapshot"
        base = f"{created_at.astimezone(dt.UTC):%Y%m%d-%H%M%S}-{slug}"
        candidate, n = base, 1
        while (self.snapshots_dir / candidate).exists():
            n += 1
            candidate = f"{base}-{n}"
        return candidate

    def publish(
        self,
        tables: Mapping[str, pd.DataFrame],
        *,
        label: str,
        is_sample: bool = False,
        sources: Sequence[Path | tuple[str, bytes]] = (),
        published_by: str = "",
        created_at: dt.datetime | None = None,
        make_current: bool = True,
        extra: Mapping | None = None,
    ) -> SnapshotInfo:
        """Validate and write a new snapshot; refuse (writing nothing) if it has errors.

        The sample and real data never share a root: the sample's root refuses real
        snapshots and a real root refuses the sample.
        """
        real_here = any(not s.is_sample for s in self.list() if s.ok)
        if (not is_sample and self.is_sample_root) or (is_sample and real_here):
            raise SampleRootRefused(
                "Thư mục dữ liệu mẫu không nhận dữ liệu thật (và ngược lại). / "
                "The sample's data folder does not take real data (nor a real one the sample)."
            )
        started = time.perf_counter()
        problems = validate_tables(tables)
        if errors(problems):
            raise PublishRefused(problems)
        validated = time.perf_counter()
        created_at = created_at or dt.datetime.now(dt.UTC)
        self.snapshots_dir.mkdir(parents=True, exist_ok=True)
        self.clean_temporary()
        snapshot_id = self._new_id(created_at, label)
        tmp = self.snapshots_dir / f".tmp-{snapshot_id}-{uuid.uuid4().hex[:8]}"
        tmp.mkdir()
        try:
            files = {}
            for name in schema.TABLE_NAMES:
                arrow = to_arrow(name, tables[name])
                path = tmp / f"{name}.parquet"
                _write_parquet(arrow, path, schema.table(name).primary_key, self.large_table_rows)
                files[name] = {
                    "file": path.name,
                    "rows": arrow.num_rows,
                    "bytes": path.stat().st_size,
                    "sha256": sha256_file(path),
                }
            written = time.perf_counter()
            facts = _compute_facts(tmp)
            computed = time.perf_counter()
            manifest = {
                "id": snapshot_id,
                "label": label,
                "created_at": created_at.isoformat(),
                "schema_version": schema.SCHEMA_VERSION,
                "is_sample": is_sample,
                "published_by": published_by,
                "sources": [_source_digest(src) for src in sources],
                "tables": files,
                "validation": {
                    "errors": 0,
                    "warnings": len(problems),
                    "problems": problems_frame(problems).head(500).to_dict("records"),
                },
                **(dict(extra) if extra else {}),
                **({"facts": facts} if facts else {}),
            }
            _write_bytes_durably(tmp / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8"))
            _fsync_dir(tmp)
            final = self.snapshots_dir / snapshot_id
            os.rename(tmp, final)
            _fsync_dir(self.snapshots_dir)
            # Just hashed while writing: opening it need not hash every file again.
            signature = []
            for name in schema.TABLE_NAMES:
                stat = (final / f"{name}.parquet").stat()
                signature.append((name, stat.st_size, stat.st_mtime_ns, files[name]["sha256"]))
            _VERIFIED.add((str(final), tuple(signature)))
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        if is_sample:
            _write_bytes_durably(self.root / SAMPLE_MARK, b"sample data root: real data never go here\n")
        if make_current:
            self.set_current(snapshot_id, by=published_by, action="publish")
        LAST_PUBLISH.clear()
        LAST_PUBLISH.update(
            {
                "validate_s": validated - started,
                "write_s": written - validated,
                "facts_s": computed - written,
                "total_s": time.perf_counter() - started,
            }
        )
        return self.open(snapshot_id)

    def set_current(self, snapshot_id: str, *, by: str = "", action: str = "publish") -> None:
        """Point CURRENT at a complete snapshot, atomically, and log who did it.

        Used to publish a staged snapshot and to roll back to an older one;
        nothing inside any snapshot changes.
        """
        info = self.open(snapshot_id)
        if not info.ok:
            raise ValueError(f"snapshot {snapshot_id} is not usable: {info.problem}")
        if info.hidden:
            raise ValueError(f"snapshot {snapshot_id} is withdrawn: restore it first")
        previous = self.current_id()
        self._mark_published(snapshot_id)
        tmp = self.root / f".{POINTER}.{uuid.uuid4().hex[:8]}.tmp"
        _write_bytes_durably(tmp, (snapshot_id + "\n").encode("utf-8"))
        os.replace(tmp, self.root / POINTER)
        _fsync_dir(self.root)
        self._log(
            {
                "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "action": action,
                "snapshot_id": snapshot_id,
                "previous_id": previous,
                "by": by,
            }
        )

    def _log(self, event: dict) -> None:
        """Append one line to the publishing history (append-only, flushed)."""
        with open(self.root / HISTORY, "a", encoding="utf-8") as f:
            f.write(json.dumps(event, ensure_ascii=False) + "\n")
            f.flush()
            os.fsync(f.fileno())

    def history(self) -> list[dict]:
        """Every pointer change, oldest first (a broken line is skipped, not fatal)."""
        try:
            lines = (self.root / HISTORY).read_text("utf-8").splitlines()
        except FileNotFoundError:
            return []
        out = []
        for line in lines:
            try:
                out.append(json.loads(line))
            except ValueError:
                continue
        return out

    def publish_staged(self, snapshot_id: str, *, by: str, two_person: bool = False) -> None:
        """Make a staged import current, unless the snapshot it was checked against is
        no longer current (another publish or a rollback came in between): publishing it
        then would silently undo that change, so it is refused (:class:`StaleStage`).

        With ``two_person`` the officer who staged it (the manifest's ``staged_by``, or
        ``published_by``, which an import sets to whoever ran it) may not publish it
        (:class:`SamePerson`)."""
        info = self.open(snapshot_id)
        if not info.ok:
            raise ValueError(f"snapshot {snapshot_id} is not usable: {info.problem}")
        stager = str(info.manifest.get("staged_by") or info.manifest.get("published_by") or "")
        if two_person and (not by or not stager or stager == by):
            raise SamePerson(snapshot_id, stager)
        current = self.current_id()
        if info.base_id != current:
            raise StaleStage(snapshot_id, info.base_id, current)
        self.set_current(snapshot_id, by=by, action="publish")

    def published_ids(self) -> set[str]:
        """Snapshots that have been made current at some time (the store's markers)."""
        folder = self.root / PUBLISHED
        if not folder.is_dir():
            return set()
        return {p.name for p in folder.iterdir() if ID_PATTERN.match(p.name)}

    # ---- withdrawing whole snapshots and removing old stages ----------------------------
    def is_hidden(self, snapshot_id: str) -> bool:
        return bool(ID_PATTERN.match(snapshot_id)) and (self.root / HIDDEN / snapshot_id).is_file()

    def hide(self, snapshot_id: str, *, by: str, reason: str = "") -> None:
        """Withdraw a snapshot: no picker offers it any more, nothing is deleted, the log says
        who did it and why.  The current snapshot cannot be withdrawn (roll back first)."""
        if not by:
            raise ValueError("who withdraws the snapshot is not known")
        info = self.open(snapshot_id)
        if info.problem == "missing":
            raise ValueError(f"no snapshot {snapshot_id}")
        if snapshot_id == self.current_id():
            raise ValueError(f"{snapshot_id} is the current snapshot: make another one current first")
        if info.hidden:
            return
        folder = self.root / HIDDEN
        folder.mkdir(parents=True, exist_ok=True)
        _write_bytes_durably(folder / snapshot_id, (json.dumps({"by": by, "reason": reason}) + "\n").encode("utf-8"))
        _fsync_dir(folder)
        self._log(self._event("hide", snapshot_id, by, reason=reason))

    def unhide(self, snapshot_id: str, *, by: str, reason: str = "") -> None:
        """Offer a withdrawn snapshot again (logged)."""
        if not by:
            raise ValueError("who restores the snapshot is not known")
        if not self.is_hidden(snapshot_id):
            return
        (self.root / HIDDEN / snapshot_id).unlink()
        _fsync_dir(self.root / HIDDEN)
        self._log(self._event("unhide", snapshot_id, by, reason=reason))

    def _event(self, action: str, snapshot_id: str, by: str, **more) -> dict:
        return {
            "at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "action": action,
            "snapshot_id": snapshot_id,
            "previous_id": self.current_id(),
            "by": by,
            **{k: v for k, v in more.items() if v},
        }

    def prune_staged(
        self,
        max_age: dt.timedelta = dt.timedelta(days=14),
        max_count: int = 10,
        min_age: dt.timedelta = dt.timedelta(hours=1),
        *,
        now: dt.datetime | None = None,
    ) -> list[str]:
        """Remove staged snapshots that were never published: those older than
        ``max_age``, and beyond the newest ``max_count``; a stage younger than
        ``min_age`` is kept whatever the count (an officer may be previewing it).
        Published, current and withdrawn snapshots are never touched.  Each removal
        is logged; returns the ids removed."""
        now = now or dt.datetime.now(dt.UTC)
        current = self.current_id()
        published = self.published_ids()
        staged = []
        for s in self.list():
            if not s.manifest.get("staged") or s.id in published or s.id == current or s.hidden:
                continue
            try:
                created = dt.datetime.fromisoformat(s.created_at)
            except ValueError:
                created = dt.datetime.fromtimestamp(s.path.stat().st_mtime, dt.UTC)
            if created.tzinfo is None:
                created = created.replace(tzinfo=dt.UTC)
            staged.append((created, s))
        staged.sort(key=lambda x: x[0], reverse=True)
        removed = []
        for rank, (created, s) in enumerate(staged):
            age = now - created
            if age < min_age or (age <= max_age and rank < max_count):
                continue
            shutil.rmtree(s.path, ignore_errors=True)
            removed.append(s.id)
            self._log(self._event("remove_staged", s.id, "cnnt (retention)"))
        return removed

    def clean_temporary(self, older_than: dt.timedelta = dt.timedelta(hours=1)) -> int:
        """Remove leftovers of publishes that were killed midway."""
        if not self.snapshots_dir.is_dir():
            return 0
        limit = dt.datetime.now().timestamp() - older_than.total_seconds()
        n = 0
        for p in self.snapshots_dir.glob(".tmp-*"):
            if p.stat().st_mtime < limit:
                shutil.rmtree(p, ignore_errors=True)
                n += 1
        return n
