"""A chart as a file to print or paste into a report, made on the server, offline.

PNG through kaleido, which drives the machine's own headless Chromium (Debian's
``chromium``; nothing is downloaded: plotly.js comes with the plotly package).
Where kaleido or a browser is missing, the chart is offered as a standalone HTML
file instead (plotly.js embedded, so it opens and prints without a network).
The file carries the chart's finding as its title and the snapshot stamp at the
foot, like the chart on the page.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import threading

import plotly.graph_objects as go

log = logging.getLogger("cnnt")
_LOCK = threading.Lock()  # one browser at a time on a two-core server
WIDTH, HEIGHT = 1200, 800


@functools.lru_cache(maxsize=1)
def png_available() -> bool:
    """kaleido is installed and a Chromium it can drive is on this machine."""
    try:
        import kaleido  # noqa: F401
    except ImportError:
        return False
    return bool(
        os.environ.get("BROWSER_PATH")
        or shutil.which("chromium")
        or shutil.which("chromium-browser")
        or shutil.which("google-chrome")
    )


def _for_print(fig: go.Figure, title: str, stamp: str) -> go.Figure:
    out = go.Figure(fig)
    out.update_layout(
        title={"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 16}},
        margin={"t": 90, "b": 70, "l": 20, "r": 20},
        width=WIDTH,
        height=HEIGHT,
    )
    out.add_annotation(
        text=stamp,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-40,
        showarrow=False,
        font={"size": 11},
    )
    return out


def png(fig: go.Figure, title: str, stamp: str) -> bytes:
    """The chart as a PNG image (raises when no browser can draw it)."""
    with _LOCK:
        return _for_print(fig, title, stamp).to_image(format="png", width=WIDTH, height=HEIGHT, scale=1)


def html(fig: go.Figure, title: str, stamp: str) -> bytes:
    """The chart as one HTML file that opens and prints offline."""
    page = _for_print(fig, title, stamp).to_html(
        include_plotlyjs=True, full_html=True, config={"displaylogo": False, "responsive": True}
    )
    return page.encode("utf-8")
