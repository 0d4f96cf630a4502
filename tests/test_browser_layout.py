"""Nothing cut or overlapping: every page, both languages, 1400 px and 1024 px wide.

The real dashboard on the sample data, in headless Chromium with every request
off this machine blocked.  For every Plotly chart on a page, the text Plotly drew
(tick labels, axis titles, legend entries, annotations, data labels) is read from
the rendered SVG with its real geometry (the text's box turned by its on-screen
transform, so rotated tick labels are compared as they are drawn): no two texts
may overlap (a pixel or two of slack), none may stick out of its chart, and a
data label may not be cut by its plot area.  A filled band draws no markers.

``CNNT_SCREENS=1`` also writes a screenshot of every page to ``docs/screens/``
(Vietnamese at 1400 px, English at 1024 px; reduced and palette-compressed).
"""

from __future__ import annotations

import io
import os

import pytest

from tests.conftest import PROJECT, SAMPLE_ROOT
from tests.test_browser import CHROMIUM, PAGES, _serve, _settle

pytestmark = pytest.mark.browser
WIDTHS = (1400, 1024)
SCREENS = PROJECT / "docs" / "screens"
SLACK = 1.5  # px: anti-aliasing and font hinting
SHOT_PAGES = {"vi": 1400, "en": 1024}  # which width each language's screenshots use

# Runs in the page: every chart's texts as on-screen quadrilaterals, and its problems of its own.
COLLECT = r"""
() => {
  const TEXT = '.xtick text, .ytick text, .x2tick text, .y2tick text, .g-xtitle text, .g-ytitle text, .bartext, '
    + '.g-y2title text, .legendtext, .annotation-text, .textpoint text, .cbtitle text, .cbaxis text';
  const out = [];
  document.querySelectorAll('.js-plotly-plot').forEach((plot, index) => {
    const frame = plot.getBoundingClientRect();
    if (frame.width < 2 || frame.height < 2) return;  // a chart in a hidden tab
    const chart = {index, frame: [frame.left, frame.top, frame.right, frame.bottom], texts: [], stray: 0};
    const areas = {};
    plot.querySelectorAll('.draglayer .nsewdrag').forEach(r => {
      const g = r.closest('g[class]');
      const b = r.getBoundingClientRect();
      if (g) areas[g.getAttribute('class').split(' ')[0]] = [b.left, b.top, b.right, b.bottom];
    });
    plot.querySelectorAll(TEXT).forEach(el => {
      const content = (el.textContent || '').trim();
      if (!content) return;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return;
      let box;
      try { box = el.getBBox(); } catch (e) { return; }
      if (box.width === 0 || box.height === 0) return;
      const m = el.getScreenCTM();
      const corners = [[box.x, box.y], [box.x + box.width, box.y], [box.x + box.width, box.y + box.height],
                       [box.x, box.y + box.height]].map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
      let area = null;
      if (el.closest('.textpoint') || el.classList.contains('bartext')) {
        const sub = el.closest('.subplot');
        const traceClip = el.closest('[clip-path]');
        if (sub && traceClip) area = areas[sub.getAttribute('class').split(' ')[1]] || null;
      }
      chart.texts.push({text: content.slice(0, 60), kind: el.getAttribute('class') || el.parentNode.getAttribute('class'),
                        corners, area});
    });
    plot.querySelectorAll('.scatterlayer .trace').forEach(trace => {
      const fill = trace.querySelector('.js-fill');
      if (fill && fill.getAttribute('d') && trace.querySelectorAll('.points path.point').length) chart.stray += 1;
    });
    out.push(chart);
  });
  return out;
}
"""


def _overlap(a: list, b: list) -> bool:
    """Two convex quadrilaterals overlap by more than SLACK (separating axis test)."""
    for poly in (a, b):
        for i in range(4):
            (x0, y0), (x1, y1) = poly[i], poly[(i + 1) % 4]
            nx, ny = y0 - y1, x1 - x0
            length = (nx * nx + ny * ny) ** 0.5 or 1.0
            nx, ny = nx / length, ny / length
            pa = [nx * x + ny * y for x, y in a]
            pb = [nx * x + ny * y for x, y in b]
            if min(pa) >= max(pb) - SLACK or min(pb) >= max(pa) - SLACK:
                return False
    return True


def _outside(corners: list, rect: list) -> bool:
    x0, y0, x1, y1 = rect
    return any(x < x0 - SLACK or x > x1 + SLACK or y < y0 - SLACK or y > y1 + SLACK for x, y in corners)


def problems(charts: list[dict]) -> list[str]:
    found = []
    for chart in charts:
        texts = chart["texts"]
        label = f"chart {chart['index']}"
        if chart["stray"]:
            found.append(f"{label}: {chart['stray']} filled band(s) draw markers")
        for i, a in enumerate(texts):
            if _outside(a["corners"], chart["frame"]):
                found.append(f"{label}: {a['kind']} {a['text']!r} is cut by the chart's edge")
            elif a["area"] and _outside(a["corners"], a["area"]):
                found.append(f"{label}: data label {a['text']!r} is cut by the plot area")
            for b in texts[i + 1 :]:
                if _overlap(a["corners"], b["corners"]):
                    found.append(f"{label}: {a['kind']} {a['text']!r} overlaps {b['kind']} {b['text']!r}")
    return found


@pytest.fixture(scope="module")
def server():
    yield from _serve(SAMPLE_ROOT)


@pytest.fixture(scope="module")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
            ],
        )
        yield b
        b.close()


def _context(browser, width: int, lang: str, blocked: list[str], scale: float = 1):
    ctx = browser.new_context(
        viewport={"width": width, "height": 900},
        device_scale_factor=scale,
        locale="vi-VN" if lang == "vi" else "en-GB",
    )

    def guard(route):
        url = route.request.url
        host = url.split("/")[2].split(":")[0] if "://" in url else ""
        if host in ("127.0.0.1", "localhost") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    ctx.route("**/*", guard)
    return ctx


CHART_PAGES = {"", "tham-gia", "ty-le-dat", "sau-cong-nhan", "dia-ban", "ho-so-dia-ban"}
STATE = """() => [
  document.querySelector('[data-testid="stStatusWidget"]') ? 1 : 0,
  document.querySelectorAll('[data-testid="stPlotlyChart"]').length,
  Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.querySelector('.main-svg')).length,
  document.querySelectorAll('.js-plotly-plot .main-svg text').length,
  (document.querySelector('[data-testid="stMain"]') || document.body).innerText.length,
].join(',')"""


def _charts_drawn(page, path: str) -> None:
    """Wait until Streamlit has finished the page and every chart has drawn and settled
    (nothing changes for 1.5 s): charts arrive one by one and re-lay themselves out."""
    if path in CHART_PAGES:
        page.locator(".js-plotly-plot .main-svg").first.wait_for(timeout=60_000)
    last, same = None, 0
    for _ in range(120):
        state = page.evaluate(STATE)
        same = same + 1 if state == last and state.startswith("0,") else 0
        if same >= 3:
            return
        last = state
        page.wait_for_timeout(500)
    raise AssertionError(f"/{path} did not settle: {last}")


def _save_screen(page, path: str, name: str) -> None:
    """The whole page (Streamlit scrolls inside its main area, so the window is made as
    tall as the page first), reduced to 128 colours: a few hundred kB a page."""
    from PIL import Image

    SCREENS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size
    height = page.evaluate("() => document.querySelector('[data-testid=\"stMain\"]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 9000)})
    _charts_drawn(page, path)
    raw = page.screenshot()
    page.set_viewport_size(size)
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    image = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT)
    image.save(SCREENS / f"{name}.png", optimize=True)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_chart_text_overlaps_or_is_cut(server, chromium, lang, width):
    blocked: list[str] = []
    screens = os.environ.get("CNNT_SCREENS") == "1" and SHOT_PAGES[lang] == width
    ctx = _context(chromium, width, lang, blocked, scale=0.75 if screens else 1)
    page = ctx.new_page()
    found: list[str] = []
    for path, titles in PAGES.items():
        page.goto(f"{server}/{path}?lang={lang}")
        _settle(page, titles[0] if lang == "vi" else titles[1])
        _charts_drawn(page, path)
        found += [f"/{path} {lang} {width}px {p}" for p in problems(page.evaluate(COLLECT))]
        if screens:
            _save_screen(page, path, f"{path or 'tong-quan'}-{lang}-{width}")
    ctx.close()
    assert not blocked, blocked
    assert not found, "\n".join(found[:40]) + (f"\n… {len(found) - 40} more" if len(found) > 40 else "")


def test_the_overlap_check_finds_overlaps_and_cuts():
    square = [[0, 0], [10, 0], [10, 10], [0, 10]]
    moved = [[x + 5, y + 5] for x, y in square]
    touching = [[x + 10, y] for x, y in square]
    rotated = [[20, 5], [25, 0], [30, 5], [25, 10]]
    assert _overlap(square, moved) and not _overlap(square, touching) and not _overlap(square, rotated)
    chart = {
        "index": 0,
        "frame": [0, 0, 100, 100],
        "stray": 1,
        "texts": [
            {"text": "a", "kind": "xtick", "corners": square, "area": None},
            {"text": "b", "kind": "xtick", "corners": moved, "area": None},
            {"text": "c", "kind": "textpoint", "corners": [[95, 0], [105, 0], [105, 5], [95, 5]], "area": None},
            {
                "text": "d",
                "kind": "textpoint",
                "corners": [[50, 50], [60, 50], [60, 60], [50, 60]],
                "area": [0, 55, 100, 100],
            },
        ],
    }
    found = problems([chart])
    assert any("overlaps" in p for p in found)
    assert any("'c' is cut by the chart's edge" in p for p in found)
    assert any("'d' is cut by the plot area" in p for p in found)
    assert any("draw markers" in p for p in found)
