"""Result caches bounded by size, not only by count.

``st.cache_data`` bounds a cache by its number of entries only, so one query
returning a large frame could hold hundreds of megabytes.  A :class:`BoundedCache`
keeps at most ``max_bytes`` in total (least recently used entries go first),
never keeps an entry larger than ``max_entry_bytes`` (it is computed and returned,
not kept), and at most ``max_entries`` entries.  It is shared by every session of
the process and safe to use from Streamlit's session threads.

Sizes come from :func:`size_of`: pandas frames count their deep memory use.
"""

from __future__ import annotations

import os
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
import pandas as pd

MB = 1 << 20


def _env_mb(name: str, default: int) -> int:
    try:
        return max(1, int(os.environ.get(name, default))) * MB
    except ValueError:
        return default * MB


def size_of(value: Any) -> int:
    """Bytes a cached value holds (deep for frames, series and arrays; a floor for anything else)."""
    if isinstance(value, pd.DataFrame):
        return int(value.memory_usage(index=True, deep=True).sum())
    if isinstance(value, pd.Series):
        return int(value.memory_usage(index=True, deep=True))
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, (tuple, list)):
        return sys.getsizeof(value) + sum(size_of(v) for v in value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(size_of(v) for v in value.values())
    return sys.getsizeof(value)


class BoundedCache:
    """A least-recently-used cache with a byte budget (see the module doc)."""

    def __init__(self, name: str, max_bytes: int, max_entry_bytes: int, max_entries: int = 4096):
        self.name = name
        self.max_bytes = max_bytes
        self.max_entry_bytes = min(max_entry_bytes, max_bytes)
        self.max_entries = max_entries
        self._items: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = self.misses = self.too_big = 0
        _ALL.append(self)

    def get(self, key: Hashable, default: Any = None) -> Any:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                self.misses += 1
                return default
            self._items.move_to_end(key)
            self.hits += 1
            return item[0]

    def put(self, key: Hashable, value: Any, size: int | None = None) -> None:
        size = size_of(value) if size is None else size
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if size > self.max_entry_bytes:
                self.too_big += 1
                return
            self._items[key] = (value, size)
            self._bytes += size
            while self._items and (self._bytes > self.max_bytes or len(self._items) > self.max_entries):
                _, (_, dropped) = self._items.popitem(last=False)
                self._bytes -= dropped

    def get_or_compute(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        """The cached value, or ``compute()`` (kept if it fits).  Two sessions asking for
        the same missing key at once may both compute it; the result is the same."""
        missing = object()
        value = self.get(key, missing)
        if value is missing:
            value = compute()
            self.put(key, value)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
            self._bytes = 0

    @property
    def bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._items)

    def stats(self) -> dict:
        return {
            "name": self.name,
            "entries": len(self._items),
            "bytes": self._bytes,
            "max_bytes": self.max_bytes,
            "hits": self.hits,
            "misses": self.misses,
            "too_big": self.too_big,
        }


_ALL: list[BoundedCache] = []

# Query results (cnnt.db.run) and statistics computed from them (cnnt.stats): both
# bounded by total size and per entry.  CNNT_CACHE_MB / CNNT_CACHE_ENTRY_MB change them.
RESULTS = BoundedCache("results", _env_mb("CNNT_CACHE_MB", 256), _env_mb("CNNT_CACHE_ENTRY_MB", 16))
STATISTICS = BoundedCache("statistics", _env_mb("CNNT_STATS_CACHE_MB", 32), _env_mb("CNNT_CACHE_ENTRY_MB", 16), 512)


def clear_all() -> None:
    """Empty every bounded cache of the process (tests; a data root that changed under us)."""
    for cache in _ALL:
        cache.clear()


def all_stats() -> list[dict]:
    return [c.stats() for c in _ALL]
