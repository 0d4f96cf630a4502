"""Pages in headless Chromium (Debian's chromium through Playwright), next to a bare page.

For each page: one visit to warm the server (queries cached, as for any visitor
after the first), then ``repeat`` visits timed from navigation until every chart is
mounted and Streamlit has finished running.  The charts the app drew (how many, and
the traces and points of each) are read from the browser and the bare page
(:mod:`benchmarks.bare_page`) draws the same from memory, timed the same way in the
same run: the ratio app ÷ bare is what the app adds on top of drawing its charts.

The bare page is also timed with the app's chrome (``&chrome=1``: the navigation and a
sidebar of the app's widget kinds, no text around the charts): app ÷ (bare + chrome) is
what the app's panels and queries add to a page that has its navigation and filters.

Then the time from a sidebar filter change (one product group picked) to a settled
page (Streamlit idle and the page unchanged for 1.5 s; the time is that of the last
change), next to the same change on the bare page (one sidebar multiselect, the same
charts redrawn with other numbers; with and without the chrome), and the server's
resident memory over page views in several sessions, each with its own period,
language and filters, so that the caches fill.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from cnnt.access import ADDRESSES

PROJECT = Path(__file__).resolve().parent.parent
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or "/usr/bin/chromium"
# The reading pages at their addresses (cnnt.access; the overview is the root).
PAGES = {"overview": "", **{p: a for p, a in ADDRESSES.items() if p not in ("data", "sign_in")}}
FILTER_PAGES = ("overview", "participation", "pass_rates", "revenue")

CHART_SPEC_JS = """() => Array.from(document.querySelectorAll('.js-plotly-plot')).map(el =>
  (el._fullData || el.data || []).map(tr => {
    const size = {i1: 1, u1: 1, i2: 2, u2: 2, i4: 4, u4: 4, f4: 4, f8: 8};
    const len = v => !v ? 0 : (v.bdata ? atob(v.bdata).length / (size[v.dtype] || 8) : (v.length || 0));
    const n = tr._length || Math.max(len(tr.x), len(tr.y), len(tr.q1), 1);
    return {type: tr.type || 'scatter', n: Number.isFinite(n) ? n : 1};
  }))"""
# A page is settled when its title and the expected charts are there and nothing in the
# document has changed for a while; its time is that of the last change, measured from the
# start of the navigation (performance.now() in the new document).
OBSERVE_JS = """() => {
  window.__last = performance.now();
  if (!document.documentElement) return;  // not parsed yet: SETTLED_JS installs the observer
  if (!window.__observer) {
    window.__observer = new MutationObserver(() => { window.__last = performance.now(); });
    window.__observer.observe(document.documentElement,
      {subtree: true, childList: true, attributes: true, characterData: true});
  }
}"""
SETTLED_JS = """([expected, quiet]) => {
  if (!window.__observer) {  // the navigation replaced the document after OBSERVE_JS ran: watch this one
    window.__last = performance.now();
    if (!document.documentElement) return false;
    window.__observer = new MutationObserver(() => { window.__last = performance.now(); });
    window.__observer.observe(document.documentElement,
      {subtree: true, childList: true, attributes: true, characterData: true});
    return false;
  }
  const plots = document.querySelectorAll('.js-plotly-plot .main-svg').length;
  return document.querySelector('h1') && plots >= expected && performance.now() - window.__last > quiet;
}"""
QUIET_JS = """(quiet) => window.__last > window.__t0 && performance.now() - window.__last > quiet"""
QUIET_MS = 600
BARE_FILTER = "Bộ lọc"  # the bare page's sidebar multiselect (benchmarks/bare_page.py)


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start(cmd: list[str], env: dict, port: int) -> subprocess.Popen:
    proc = subprocess.Popen(cmd, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2).read() == b"ok":
                return proc
        except OSError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError(f"server did not start: {cmd}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


# No request may leave the machine: the browser itself resolves every other host to
# nothing.  (Playwright's request routing would do the same from Python, but routing
# turns the browser's HTTP cache off and sends every request through a Python round
# trip: each visit would download Streamlit's scripts again, which no visitor does and
# which costs a page with more widget kinds more than the bare page.)
OFFLINE_ARG = "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost"


def _context(browser):
    return browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")


def _visit(page, url: str, expected: int, quiet: int = QUIET_MS, timeout_ms: int = 900_000) -> float:
    """Seconds from the start of navigation to the last change of the settled page."""
    page.goto(url, wait_until="commit")
    page.evaluate(OBSERVE_JS)
    page.wait_for_function(SETTLED_JS, arg=[expected, quiet], timeout=timeout_ms, polling=50)
    return page.evaluate("() => window.__last") / 1000


def _first_visit(page, url: str) -> tuple[float, list]:
    """Visit and wait until nothing changed for 4 s (no expected chart count yet); the charts drawn."""
    took = _visit(page, url, 0, quiet=4000)
    return took, page.evaluate(CHART_SPEC_JS)


def _filter_change(page, url: str, label: str, option: str) -> float:
    """ms from picking ``option`` in the sidebar multiselect ``label`` to the last change of the page."""
    _first_visit(page, url)
    box = page.locator('[data-testid="stSidebar"] [data-testid="stMultiSelect"]').filter(has_text=label).first
    choice = page.get_by_role("option", name=option, exact=True).first
    for attempt in range(4):  # the keyboard opens the list (a click may land on the label); once in a
        box.get_by_role("combobox").first.focus()  # while the list does not open: try again
        page.keyboard.press("ArrowDown")
        try:
            choice.wait_for(timeout=15_000)
            break
        except Exception:  # noqa: BLE001 - playwright's timeout; the last attempt raises it
            if attempt == 3:
                raise
            page.keyboard.press("Escape")
    page.evaluate("() => { window.__t0 = performance.now(); window.__last = window.__t0; }")
    choice.click()
    page.wait_for_function(QUIET_JS, arg=1500, timeout=900_000, polling=50)
    return page.evaluate("() => window.__last - window.__t0")


def run(root: Path, *, repeat: int = 3, views: int = 200, sessions: int = 10, only: list[str] | None = None) -> dict:
    import signal

    from playwright.sync_api import sync_playwright

    from cnnt.i18n import t as label
    from cnnt.store import Store

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers below when killed (timeout)
    env = {**os.environ, "CNNT_DATA_DIR": str(Path(root).resolve()), "CNNT_OPEN_ROLE": "leadership"}
    app_port, bare_port = _free_port(), _free_port()
    app = _start(
        [sys.executable, "-m", "cnnt.serve", "--server.port", str(app_port), "--server.fileWatcherType", "none"],
        env,
        app_port,
    )
    bare = _start(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            str(PROJECT / "benchmarks" / "bare_page.py"),
            "--server.port",
            str(bare_port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--server.fileWatcherType",
            "none",
            "--browser.gatherUsageStats",
            "false",
        ],
        env,
        bare_port,
    )
    out: dict = {"pages": {}, "filter_change_ms": {}, "memory": {}}
    snap = Store(root).resolve().snapshot
    groups = __import__("pandas").read_parquet(snap.path / "product_groups.parquet")
    g2 = groups.sort_values("sort_order").iloc[min(1, len(groups) - 1)]
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=CHROMIUM,
                args=[
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    OFFLINE_ARG,
                ],
            )
            ctx = _context(browser)
            page = ctx.new_page()
            for name, path in PAGES.items():
                if only and name not in only:
                    continue
                url = f"http://127.0.0.1:{app_port}/{path}"
                first_s, spec = _first_visit(page, url)
                _say(f"{name}: first visit {first_s:.1f} s, {len(spec)} charts")
                expected = len(spec)
                app_times = [_visit(page, url, expected) for _ in range(repeat)]
                encoded = base64.urlsafe_b64encode(json.dumps(spec).encode()).decode()
                bare_url = f"http://127.0.0.1:{bare_port}/?spec={encoded}"
                _first_visit(page, bare_url)
                bare_times = [_visit(page, bare_url, expected) for _ in range(repeat)]
                _first_visit(page, bare_url + "&chrome=1")
                chrome_times = [_visit(page, bare_url + "&chrome=1", expected) for _ in range(repeat)]
                app_s, bare_s = statistics.median(app_times), statistics.median(bare_times)
                chrome_s = statistics.median(chrome_times)
                _say(f"{name}: app {app_times}, bare {bare_times}, bare + chrome {chrome_times}")
                out["pages"][name] = {
                    "first_s": first_s,
                    "charts": expected,
                    "points": [sum(tr["n"] for tr in chart) for chart in spec],
                    "spec": spec,
                    "app_s": app_s,
                    "bare_s": bare_s,
                    "ratio": app_s / bare_s if bare_s else None,
                    "bare_chrome_s": chrome_s,
                    "ratio_chrome": app_s / chrome_s if chrome_s else None,
                }
            out["bare_filter_change_ms"] = {}
            out["bare_chrome_filter_change_ms"] = {}
            for name in [n for n in FILTER_PAGES if not only or n in only]:
                url = f"http://127.0.0.1:{app_port}/{PAGES[name]}"
                out["filter_change_ms"][name] = _filter_change(page, url, label("sidebar.groups", "vi"), g2["name_vi"])
                spec = out["pages"].get(name, {}).get("spec", [])
                bare_url = (
                    f"http://127.0.0.1:{bare_port}/?spec={base64.urlsafe_b64encode(json.dumps(spec).encode()).decode()}"
                )
                out["bare_filter_change_ms"][name] = statistics.median(
                    _filter_change(page, bare_url + "&filter=1", BARE_FILTER, "B") for _ in range(3)
                )
                out["bare_chrome_filter_change_ms"][name] = statistics.median(
                    _filter_change(page, bare_url + "&chrome=1", BARE_FILTER, "B") for _ in range(3)
                )
                _say(
                    f"{name}: filter change {out['filter_change_ms'][name]:.0f} ms, bare "
                    f"{out['bare_filter_change_ms'][name]:.0f} ms, bare + chrome {out['bare_chrome_filter_change_ms'][name]:.0f} ms"
                )
            ctx.close()
            # memory: page views in sessions, each session its own period, language and filters
            samples = []
            names = list(PAGES)
            per_session = max(1, views // sessions)
            for s in range(sessions):
                ctx = _context(browser)
                page = ctx.new_page()
                lang = "en" if s % 2 else "vi"
                params = f"lang={lang}&years={2012 + s % 5}-{2021 + s % 5}" + (
                    f"&groups={g2['group_code']}" if s % 3 == 0 else ""
                )
                for v in range(per_session):
                    name = names[v % len(names)]
                    url = f"http://127.0.0.1:{app_port}/{PAGES[name]}?{params}"
                    _visit(page, url, 0, quiet=300)
                    samples.append(rss_mb(app.pid))
                _say(f"session {s + 1}: {samples[-1]:.0f} MB")
                ctx.close()
            browser.close()
        warm = samples[min(len(samples) - 1, max(0, views // 10 - 1))]
        out["memory"] = {
            "views": len(samples),
            "sessions": sessions,
            "after_first_view_mb": samples[0],
            "after_warm_up_mb": warm,
            "end_mb": samples[-1],
            "max_mb": max(samples),
            "growth_after_warm_up": (samples[-1] - warm) / warm,
            "max_over_warm_up": (max(samples[views // 10 :]) - warm) / warm,
            "samples_mb": [round(x, 1) for x in samples],
        }
    finally:
        _stop(app)
        _stop(bare)
    return out


def _num(value: float | None, spec: str, unit: str = "") -> str:
    return "–" if value is None else f"{value:{spec}}{unit}"


def print_results(scale: int, result: dict) -> None:
    print(f"\n### Pages at ×{scale} in headless Chromium (s; median of repeated warm visits)\n")
    print(
        "| page | charts | points per chart | app | bare page, same charts | app ÷ bare "
        "| bare + chrome | app ÷ (bare + chrome) | first visit |"
    )
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for name, r in result["pages"].items():
        pts = ", ".join(str(p) for p in r["points"]) or "–"
        chrome = r.get("bare_chrome_s")
        print(
            f"| {name} | {r['charts']} | {pts} | {r['app_s']:.2f} | {r['bare_s']:.2f} | {r['ratio']:.2f}× "
            f"| {_num(chrome, '.2f')} | {_num(r.get('ratio_chrome'), '.2f', '×')} | {r['first_s']:.1f} |"
        )
    changes = result["filter_change_ms"]
    print("\n| filter change → settled page (ms) | " + " | ".join(changes) + " |")
    print("|---|" + "---:|" * len(changes))
    print("| app: one product group picked | " + " | ".join(f"{v:.0f}" for v in changes.values()) + " |")
    for key, what in (
        ("bare_filter_change_ms", "bare page, same charts, one option picked"),
        ("bare_chrome_filter_change_ms", "bare + chrome, one option picked"),
    ):
        if result.get(key):
            print(f"| {what} | " + " | ".join(_num(result[key].get(n), ".0f") for n in changes) + " |")
    m = result["memory"]
    print(
        f"\nServer memory over {m['views']} page views in {m['sessions']} sessions: "
        f"{m['after_first_view_mb']:.0f} MB after the first view, {m['after_warm_up_mb']:.0f} MB after warm-up, "
        f"{m['end_mb']:.0f} MB at the end (max {m['max_mb']:.0f} MB; "
        f"{100 * m['growth_after_warm_up']:+.1f}% end vs warm-up, max {100 * m['max_over_warm_up']:+.1f}%)."
    )
