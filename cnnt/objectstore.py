"""Snapshots in S3-compatible object storage: the step past one machine.

A data root may be ``s3://bucket/prefix`` (``CNNT_DATA_DIR``).  The bucket holds the
same layout as a local root (``CURRENT``, ``published/<id>``, ``hidden/<id>``,
``history.jsonl``, ``snapshots/<id>/{manifest.json, <table>.parquet, facts/…}``), so
that several app replicas behind a load balancer (sticky sessions: a Streamlit session
lives in one process) read the same snapshots.

* **Publishing** writes a snapshot locally as always (validated, facts computed), then
  :meth:`S3Root.push_snapshot` uploads its files with the manifest *last* (a snapshot
  without its manifest is incomplete and never listed), and :meth:`S3Root.set_current`
  replaces the one-object pointer ``CURRENT``: an object PUT is atomic (a reader sees
  the old or the new id, never half of one), and with ``if_match`` it is a
  compare-and-swap on the pointer's ETag, so two officers publishing at once cannot
  silently undo each other (:class:`PointerMoved`).
* **Reading**, by default (``CNNT_S3_READ=mirror``), each replica keeps a local,
  read-only mirror of the bucket's metadata and of the snapshots it opens
  (:meth:`S3Root.sync`): snapshots never change, so a file is fetched once, checked
  against the manifest's sha256, and DuckDB reads the local copy inside its usual
  sandbox (only that mirror's ``snapshots`` folder).  The pointer is re-read at most
  every ``CNNT_S3_POLL_S`` seconds, so a publish reaches every replica within that time.
* With ``CNNT_S3_READ=httpfs`` DuckDB reads the parquet straight from the bucket
  through its httpfs extension, with ``allowed_directories`` set to
  ``s3://bucket/prefix/snapshots/`` only, external access otherwise off and the
  configuration locked (:func:`cnnt.db.Database`); the extension must be installed on
  the machine beforehand (it is never downloaded at run time).

Credentials and endpoint come from the usual AWS variables (``AWS_ACCESS_KEY_ID``,
``AWS_SECRET_ACCESS_KEY``, ``AWS_REGION``) and ``CNNT_S3_ENDPOINT`` (or
``AWS_ENDPOINT_URL``) for a non-AWS server.  ``boto3`` is needed only for such a root.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SCHEME = "s3://"
MIRROR_DIR = Path(os.environ.get("CNNT_S3_MIRROR") or Path(tempfile.gettempdir()) / "cnnt-s3-mirror")


class PointerMoved(Exception):
    """The pointer changed between reading it and replacing it (another publish won)."""


def is_s3(root: str | os.PathLike | None) -> bool:
    return str(root or "").startswith(SCHEME)


@dataclass(frozen=True)
class Location:
    bucket: str
    prefix: str  # no leading or trailing slash; may be empty

    @classmethod
    def parse(cls, url: str) -> Location:
        if not is_s3(url):
            raise ValueError(f"not an s3:// root: {url}")
        rest = url[len(SCHEME) :].strip("/")
        bucket, _, prefix = rest.partition("/")
        if not bucket or ".." in prefix.split("/"):
            raise ValueError(f"bad s3 root: {url}")
        return cls(bucket, prefix.strip("/"))

    def key(self, *parts: str) -> str:
        return "/".join(p for p in (self.prefix, *parts) if p)

    @property
    def url(self) -> str:
        return f"{SCHEME}{self.bucket}/{self.prefix}".rstrip("/")


def _client():
    import boto3  # only for an s3:// data root

    endpoint = os.environ.get("CNNT_S3_ENDPOINT") or os.environ.get("AWS_ENDPOINT_URL") or None
    return boto3.client("s3", endpoint_url=endpoint, region_name=os.environ.get("AWS_REGION") or "us-east-1")


class S3Root:
    """One ``s3://bucket/prefix`` data root and its local mirror."""

    def __init__(self, url: str, mirror: Path | None = None, client=None):
        self.location = Location.parse(url)
        self.client = client or _client()
        base = Path(mirror) if mirror else MIRROR_DIR
        self.mirror = (base / self.location.bucket / (self.location.prefix or "_")).resolve()
        self._lock = threading.Lock()
        self._synced_at = 0.0

    # ---- objects -------------------------------------------------------------
    def _get(self, *parts: str) -> tuple[bytes, str] | None:
        try:
            obj = self.client.get_object(Bucket=self.location.bucket, Key=self.location.key(*parts))
        except self.client.exceptions.NoSuchKey:
            return None
        return obj["Body"].read(), obj.get("ETag", "")

    def _put(self, data: bytes, *parts: str, **extra) -> str:
        out = self.client.put_object(Bucket=self.location.bucket, Key=self.location.key(*parts), Body=data, **extra)
        return out.get("ETag", "")

    def _list(self, *parts: str, delimiter: str = "") -> list[str]:
        prefix = self.location.key(*parts) + "/"
        names, token = [], None
        while True:
            kwargs = {"Bucket": self.location.bucket, "Prefix": prefix}
            if delimiter:
                kwargs["Delimiter"] = delimiter
            if token:
                kwargs["ContinuationToken"] = token
            page = self.client.list_objects_v2(**kwargs)
            if delimiter:
                names += [p["Prefix"][len(prefix) :].rstrip("/") for p in page.get("CommonPrefixes", [])]
            names += [o["Key"][len(prefix) :] for o in page.get("Contents", [])]
            if not page.get("IsTruncated"):
                return names
            token = page.get("NextContinuationToken")

    # ---- the pointer -----------------------------------------------------------
    def current(self) -> tuple[str | None, str]:
        """The current snapshot id and the pointer's ETag ("" when there is none)."""
        got = self._get("CURRENT")
        if got is None:
            return None, ""
        return got[0].decode("utf-8").strip() or None, got[1]

    def set_current(
        self, snapshot_id: str, *, by: str = "", action: str = "publish", if_match: str | None = None
    ) -> None:
        """Replace the pointer in one PUT; with ``if_match`` only if it is still that version."""
        if self._get("snapshots", snapshot_id, "manifest.json") is None:
            raise ValueError(f"snapshot {snapshot_id} is not complete in {self.location.url}")
        previous, etag = self.current()
        if if_match is not None and etag != if_match:
            raise PointerMoved(f"the pointer moved from {if_match} to {etag}")
        self._put(b"", "published", snapshot_id)
        extra = {"IfMatch": if_match} if if_match else {}
        try:
            self._put((snapshot_id + "\n").encode("utf-8"), "CURRENT", **extra)
        except self.client.exceptions.ClientError as exc:  # 412: someone else replaced it first
            if exc.response.get("Error", {}).get("Code") in ("PreconditionFailed", "412"):
                raise PointerMoved(str(exc)) from exc
            raise
        self._append_history(
            {
                "at": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
                "action": action,
                "snapshot_id": snapshot_id,
                "previous_id": previous,
                "by": by,
            }
        )

    def _append_history(self, event: dict) -> None:
        """One object per event (objects cannot be appended to): ``history/<time>-<id>.json``."""
        name = f"{time.strftime('%Y%m%dT%H%M%S', time.gmtime())}-{event['snapshot_id']}-{os.urandom(3).hex()}.json"
        self._put(json.dumps(event, ensure_ascii=False).encode("utf-8"), "history", name)

    # ---- snapshots ---------------------------------------------------------------
    def snapshot_ids(self) -> list[str]:
        """Snapshots with a manifest (complete), newest first."""
        ids = self._list("snapshots", delimiter="/")
        return sorted((i for i in ids if self._get("snapshots", i, "manifest.json") is not None), reverse=True)

    def push_snapshot(self, folder: Path) -> str:
        """Upload a snapshot folder written locally by :class:`cnnt.store.Store`; the
        manifest goes last, so the snapshot is listed only once every file is there."""
        folder = Path(folder)
        snapshot_id = folder.name
        files = sorted(p for p in folder.rglob("*") if p.is_file() and p.name != "manifest.json")
        for path in files:
            self._put(path.read_bytes(), "snapshots", snapshot_id, path.relative_to(folder).as_posix())
        self._put((folder / "manifest.json").read_bytes(), "snapshots", snapshot_id, "manifest.json")
        return snapshot_id

    # ---- the local mirror ----------------------------------------------------------
    def sync(self, *, max_age_s: float | None = None, snapshots: list[str] | None = None) -> Path:
        """Bring the mirror up to date (pointer, markers, manifests, and the files of the
        current snapshot or of ``snapshots``); returns the mirror's root, a local data root."""
        max_age_s = float(os.environ.get("CNNT_S3_POLL_S", "10")) if max_age_s is None else max_age_s
        with self._lock:
            if snapshots is None and time.time() - self._synced_at < max_age_s:
                return self.mirror
            root = self.mirror
            (root / "snapshots").mkdir(parents=True, exist_ok=True)
            current, _ = self.current()
            for marker in ("published", "hidden"):
                (root / marker).mkdir(exist_ok=True)
                names = set(self._list(marker))
                for name in names:
                    (root / marker / name).touch()
                for stale in {p.name for p in (root / marker).iterdir()} - names:
                    (root / marker / stale).unlink()
            wanted = set(snapshots or []) | ({current} if current else set())
            for snapshot_id in self.snapshot_ids():
                local = root / "snapshots" / snapshot_id
                manifest = local / "manifest.json"
                if not manifest.is_file():
                    got = self._get("snapshots", snapshot_id, "manifest.json")
                    if got is None:
                        continue
                    if snapshot_id in wanted:
                        self._fetch_files(snapshot_id, json.loads(got[0]), local)
                    local.mkdir(parents=True, exist_ok=True)
                    _write_atomically(manifest, got[0])
                elif snapshot_id in wanted:
                    self._fetch_files(snapshot_id, json.loads(manifest.read_text("utf-8")), local)
            if current:
                _write_atomically(root / "CURRENT", (current + "\n").encode("utf-8"))
            self._synced_at = time.time()
            return root

    def _fetch_files(self, snapshot_id: str, manifest: dict, local: Path) -> None:
        """Download the files a manifest lists that the mirror lacks, checking each sha256."""
        entries = list((manifest.get("tables") or {}).values())
        entries += list(((manifest.get("facts") or {}).get("tables") or {}).values())
        for meta in entries:
            rel = str(meta.get("file", ""))
            if not rel or rel.startswith("/") or ".." in rel.split("/"):
                raise ValueError(f"bad file name in manifest: {rel!r}")
            path = local / rel
            if path.is_file() and path.stat().st_size == meta.get("bytes"):
                continue
            got = self._get("snapshots", snapshot_id, rel)
            if got is None:
                raise FileNotFoundError(f"{self.location.url}/snapshots/{snapshot_id}/{rel}")
            if hashlib.sha256(got[0]).hexdigest() != meta.get("sha256"):
                raise ValueError(f"{rel}: content differs from the manifest's sha256")
            path.parent.mkdir(parents=True, exist_ok=True)
            _write_atomically(path, got[0])


def _write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


_ROOTS: dict[str, S3Root] = {}


def s3_root(url: str) -> S3Root:
    """The process's :class:`S3Root` for a URL (one mirror per bucket and prefix)."""
    if url not in _ROOTS:
        _ROOTS[url] = S3Root(url)
    return _ROOTS[url]


def local_root(root: str | os.PathLike) -> Path:
    """The local data root to use for ``root``: itself, or an s3 root's synced mirror."""
    if is_s3(root):
        return s3_root(str(root)).sync()
    return Path(root).resolve()


def publish(url: str, tables, *, label: str, by: str = "", is_sample: bool = False, **kwargs) -> str:
    """Validate and write a snapshot (facts included) in the mirror, upload it, then move the
    bucket's pointer with a compare-and-swap on its ETag.  Returns the snapshot id."""
    from cnnt.store import Store

    root = s3_root(url)
    _, etag = root.current()
    mirror = root.sync(max_age_s=0)
    info = Store(mirror).publish(
        tables, label=label, is_sample=is_sample, published_by=by, make_current=False, **kwargs
    )
    root.push_snapshot(info.path)
    root.set_current(info.id, by=by, if_match=etag or None)
    root.sync(max_age_s=0)
    return info.id


def httpfs_paths(url: str) -> tuple[str, str]:
    """For ``CNNT_S3_READ=httpfs``: the sandbox prefix DuckDB may read and the snapshots URL."""
    loc = Location.parse(url)
    base = f"{SCHEME}{loc.bucket}/{loc.key('snapshots')}/"
    return base, base
