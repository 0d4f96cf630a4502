"""Data values are text: what escape_md and safe_figure make of hostile names (the browser
test, tests/test_roles_browser.py, checks what Chromium then draws)."""

import plotly.graph_objects as go

from cnnt.safe_text import WORD_JOINER, escape_md, safe_figure

HOSTILE = [
    "![x](http://evil.example/x.png)",
    "[bấm](http://evil.example/l)",
    ":red[đỏ] :material/warning: :smile:",
    "$x^2$ và \\(y\\)",
    "<img src=x onerror=alert(1)>",
    "# Tiêu đề",
    "1. mục",
    "**đậm** _nghiêng_ ~~gạch~~ `mã`",
    "&lt;img&gt;",
    "www.evil.example a@evil.example",
    "dòng một\ndòng hai",
]


def _unescape(md: str) -> str:
    """What a CommonMark reader shows for escaped text."""
    import re

    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", md).replace(WORD_JOINER, "")


def test_escaped_text_reads_as_the_original():
    for text in HOSTILE:
        assert _unescape(escape_md(text)) == text.replace("\n", " "), text


def test_no_markdown_construct_survives():
    import re

    out = escape_md(" ".join(HOSTILE))
    unescaped = re.sub(r"\\.", "", out)  # drop every backslash escape: what is left is read as is
    assert not re.search(r"[\[\]<>$*`_~&]", unescaped), unescaped
    for raw in ("http://", "www.", "@evil", ":material/", ":smile:"):  # split by an invisible word joiner
        assert raw not in out, raw
    assert "\n" not in out
    assert escape_md("# x").startswith("\\#") and escape_md("1. x").startswith("1\\.")
    assert escape_md("Huyện M'Đrắk (Phú Yên): 1.234,5") == "Huyện M'Đrắk (Phú Yên): 1.234,5"  # plain text unchanged


def test_figures_show_data_as_text_but_keep_the_apps_line_breaks():
    fig = go.Figure(
        go.Bar(
            x=["<img src=x onerror=alert(1)>", "Huyện A<br>(Phú Yên)"],
            y=[1, 2],
            customdata=[["<a href='http://evil'>x</a>"], ["ok"]],
            name="<b>nhóm</b> & <i>x</i>",
        )
    )
    safe_figure(fig)
    assert list(fig.data[0].x) == ["&lt;img src=x onerror=alert(1)&gt;", "Huyện A<br>(Phú Yên)"]
    assert fig.data[0].customdata[0][0] == "&lt;a href='http://evil'&gt;x&lt;/a&gt;"
    assert fig.data[0].name == "<b>nhóm</b> &amp; &lt;i&gt;x&lt;/i&gt;"
