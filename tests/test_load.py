"""Issue 11: 20 sessions at once on the real server (localhost only), each opening three
pages of the sample, with no exception or error box, every page within a time bound,
and the server's memory within a stated bound.

Bounds (on a 2-core machine shared with other work): the server's peak resident memory
stays under LOAD_MEMORY_MB, every page answers within PAGE_SECONDS, the whole run within
TOTAL_SECONDS.  Measured: about 0.2 GB before and 0.42 GB after 20 × 3 pages, about 25 s.
The sessions speak Streamlit's own websocket protocol (tests/loadclient.py), so the
measure is the server's, not twenty browsers'."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import PROJECT, SAMPLE_ROOT
from tests.loadclient import run_many

SESSIONS = 20
PAGES = ["", "tham-gia", "sau-cong-nhan"]
LOAD_MEMORY_MB = 1024
PAGE_SECONDS = 90
TOTAL_SECONDS = 240


def _status_kb(pid: int, field: str) -> int:
    with open(f"/proc/{pid}/status") as f:
        return next(int(line.split()[1]) for line in f if line.startswith(field + ":"))


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {
        **os.environ,
        "CNNT_DATA_DIR": str(SAMPLE_ROOT),
        "CNNT_OPEN_ROLE": "public",
        "CNNT_ACCOUNTS_FILE": str(tmp_path_factory.mktemp("none") / "accounts.toml"),
    }
    proc = subprocess.Popen(
        # No file watcher: a production server's code does not change under it (and a watcher
        # reloading modules while twenty sessions import them is a race of its own).
        [sys.executable, "-m", "cnnt.serve", "--server.port", str(port), "--server.fileWatcherType", "none"],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start")
    try:
        yield url, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_the_server_listens_on_localhost_only(server):
    url, pid = server
    assert url.startswith("http://127.0.0.1:")
    port = int(url.rsplit(":", 1)[1])
    listening = subprocess.run(["ss", "-Hltnp", f"sport = :{port}"], capture_output=True, text=True).stdout
    if not listening:
        pytest.skip("ss is not available")
    assert "127.0.0.1:" in listening and "0.0.0.0:" not in listening.split()[3], listening


def test_twenty_sessions_at_once_no_error_and_memory_within_bound(server):
    url, pid = server
    asyncio.run(run_many(url, 1, [""]))  # warm: the first run builds the views
    before = _status_kb(pid, "VmRSS")
    started = time.monotonic()
    results = asyncio.run(asyncio.wait_for(run_many(url, SESSIONS, PAGES, timeout=PAGE_SECONDS), timeout=TOTAL_SECONDS))
    took = time.monotonic() - started
    peak_mb = _status_kb(pid, "VmHWM") / 1024
    assert len(results) == SESSIONS and all(r.pages == len(PAGES) for r in results)
    assert not [e for r in results for e in r.exceptions], [e for r in results for e in r.exceptions][:3]
    assert not [e for r in results for e in r.errors], [e for r in results for e in r.errors][:3]
    for r in results:  # every session saw the pages it asked for
        assert any("Tham gia bình chọn" in t for t in r.texts) and any("Doanh thu" in t for t in r.texts)
    slowest = max(s for r in results for s in r.seconds)
    print(
        f"{SESSIONS} sessions × {len(PAGES)} pages in {took:.1f} s (slowest page {slowest:.1f} s); "
        f"server RSS {before / 1024:.0f} MB before, peak {peak_mb:.0f} MB"
    )
    assert slowest < PAGE_SECONDS and took < TOTAL_SECONDS
    assert peak_mb < LOAD_MEMORY_MB, f"server peak RSS {peak_mb:.0f} MB"
