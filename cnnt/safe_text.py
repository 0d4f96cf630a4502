"""Data values are text, never markup.

Streamlit renders titles, captions, subheaders, metric labels, alerts and
expander labels as Markdown, with its own extensions (``:red[...]`` colours,
``:material/icon:``, KaTeX between ``$``), and Plotly renders a subset of HTML
in titles, tick labels, legends and hover text.  An establishment named
``![x](http://evil/x.png)`` would otherwise make every viewer's browser fetch
that address.  :func:`escape_md` makes any string literal Markdown text (every
ASCII punctuation character that Markdown or Streamlit's extensions give a
meaning is backslash-escaped, which CommonMark defines for all of them; line
breaks become spaces, so no new block can start), and :func:`safe_figure`
turns the text inside a Plotly figure into HTML-escaped text, which Plotly
shows literally.  Catalogue text holds no Markdown, so whole strings built
from it and from data can be escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

# Characters with a meaning anywhere in a line: code, emphasis and strikethrough, links,
# images and directives (``[``), HTML and autolinks (``<``), entities (``&``), KaTeX (``$``).
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>~$&])")
# What only the start of a line can begin: a heading, quote, list item or setext line.
_LINE_START = re.compile(r"^\s*(#|>|[-+](?=\s|$)|\d{1,9}[.)](?=\s|$))")  # (leading spaces: a code block)
_BREAKS = re.compile(r"[\r\n\u2028\u2029\v\f]+")
WORD_JOINER = "\u2060"  # invisible, no break: splits what Streamlit would turn into a link or an icon
# Streamlit turns these into elements after Markdown escapes are resolved: bare addresses
# (http://…, www.…, a@b.vn), :material/icons: and :emoji: shortcodes.
_AFTER_COLON = re.compile(r":(?=//|[A-Za-z0-9_+-]+[:/])")
_WWW = re.compile(r"(?i)\b(www)(\.)")
_EMAIL_AT = re.compile(r"(?<=[A-Za-z0-9._%+-])@(?=[A-Za-z0-9])")


def escape_md(value: object) -> str:
    """``value`` as Markdown that renders exactly its text (in Streamlit's dialect).

    Backslash escapes stop Markdown syntax, colour directives, HTML and KaTeX (only
    the characters that mean something there, so ordinary text reads the same in
    the page's source).  Streamlit also turns bare addresses (``http://…``,
    ``www.…``, ``a@b.vn``), ``:material/…:`` icons and ``:emoji:`` codes into
    elements after the escapes are resolved, so an invisible word joiner (U+2060)
    splits them: the text reads the same and nothing becomes a link or an icon.
    """
    text = _BREAKS.sub(" ", "" if value is None else str(value))
    text = _AFTER_COLON.sub(":" + WORD_JOINER, text)
    text = _WWW.sub(r"\1" + WORD_JOINER + r"\2", text)
    text = _EMAIL_AT.sub("@" + WORD_JOINER, text)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _LINE_START.sub(_escape_start, text, count=1)


def _escape_start(m: re.Match) -> str:
    mark = m.group(1)
    return mark[:-1] + "\\" + mark[-1]  # "# x" → "\# x", "1. x" → "1\. x"


# Tags the app's own chart labels use (line breaks, bold); kept as markup after escaping,
# which they are harmless as (no address, no attribute).
_KEPT_TAGS = {"&lt;br&gt;": "<br>", "&lt;b&gt;": "<b>", "&lt;/b&gt;": "</b>"}


def _escape_html(value):
    if isinstance(value, str) and any(c in value for c in "<>&"):
        escaped = html.escape(value, quote=False)
        for text, tag in _KEPT_TAGS.items():
            escaped = escaped.replace(text, tag)
        return escaped
    return value


def _escape_all(values):
    if values is None or isinstance(values, (int, float, bool)):
        return values
    if isinstance(values, str):
        return _escape_html(values)
    if hasattr(values, "tolist"):  # numpy arrays and pandas objects
        values = values.tolist()
    if isinstance(values, Iterable) and not isinstance(values, (bytes, dict)):
        items = list(values)
        changed = [_escape_all(v) if isinstance(v, (list, tuple)) else _escape_html(v) for v in items]
        return changed if changed != items else values
    return values


# Trace properties that hold text shown to the reader (directly or through a hovertemplate).
_TRACE_TEXT = ("x", "y", "text", "hovertext", "customdata", "labels", "name", "legendgroup", "ids", "locations")


def safe_figure(fig):
    """HTML-escape every data string a Plotly figure would show (in place; returns it).

    Only strings containing ``<``, ``>`` or ``&`` change, so category values and
    selections of ordinary data stay as they are.
    """
    for trace in fig.data:
        for prop in _TRACE_TEXT:
            # asked first: reading a property a trace type lacks makes Plotly rank every
            # valid name by edit distance for its error message (about 3 ms each time)
            if prop not in trace:
                continue
            value = trace[prop]
            if value is None:
                continue
            new = _escape_all(value)
            if new is not value:
                trace[prop] = new
    layout = fig.layout
    for ann in layout.annotations or ():
        if ann.text:
            ann.text = _escape_html(ann.text)
    for axis_name in [k for k in layout.to_plotly_json() if k.startswith(("xaxis", "yaxis"))]:
        axis = layout[axis_name]
        if axis.ticktext is not None:
            axis.ticktext = _escape_all(axis.ticktext)
    return fig
