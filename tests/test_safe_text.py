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


def _table_page(rows: int) -> None:
    import pandas as pd

    from cnnt import ui
    from cnnt.safe_text import escape_md  # noqa: F401 - the page runs on its own

    names = ["**đậm** <b>x</b>", "[bấm](http://evil.example/l)", None, ":red[đỏ] $x^2$"]
    frame = pd.DataFrame(
        {
            "Tên <i>": [names[i % len(names)] for i in range(rows)],
            "Doanh thu (đồng)": [None if i % 4 == 2 else 1234.5 for i in range(rows)],
        }
    )
    ui.show_table(frame, "vi", key="t")


def test_short_tables_are_plain_tables_of_text_and_longer_ones_show_their_first_rows():
    """Up to STATIC_TABLE_ROWS rows a table is drawn by st.table, which reads Markdown in
    its cells: every cell and header is escaped, blanks stay blank, numbers read the
    Vietnamese way.  One row more and its first LIST_PREVIEW_ROWS rows are drawn so, with
    a caption saying so and a switch to the scrolling grid of every row (no Markdown there)."""
    from streamlit.testing.v1 import AppTest

    from cnnt.ui import LIST_PREVIEW_ROWS, STATIC_TABLE_ROWS

    at = AppTest.from_function(_table_page, args=(STATIC_TABLE_ROWS,)).run()
    assert not at.exception and len(at.table) == 1 and len(at.dataframe) == 0
    shown = at.table[0].value
    assert len(shown) == STATIC_TABLE_ROWS
    assert list(shown.columns) == [escape_md("Tên <i>"), "Doanh thu (đồng)"]
    cells = shown.iloc[:4, 0].tolist()
    assert cells[2] == ""  # a blank cell, not "None" or "nan"
    for cell, raw in zip(
        [cells[0], cells[1], cells[3]],
        ["**đậm** <b>x</b>", "[bấm](http://evil.example/l)", ":red[đỏ] $x^2$"],
        strict=True,
    ):
        assert cell == escape_md(raw) and _unescape(cell) == raw
    assert shown.iloc[0, 1] == "1.234,5" and shown.iloc[2, 1] == ""

    at = AppTest.from_function(_table_page, args=(STATIC_TABLE_ROWS + 1,)).run()
    assert not at.exception and len(at.table) == 1 and len(at.dataframe) == 0
    first = at.table[0].value
    assert len(first) == LIST_PREVIEW_ROWS and first.equals(shown.head(LIST_PREVIEW_ROWS))  # the same, as text
    assert [c.value for c in at.caption] == [
        f"Đang hiện {LIST_PREVIEW_ROWS} dòng đầu trong {STATIC_TABLE_ROWS + 1} dòng."
    ]
    assert at.toggle(key="t_all").label == f"Xem cả {STATIC_TABLE_ROWS + 1} dòng"
    at.toggle(key="t_all").set_value(True).run()
    assert not at.exception and len(at.table) == 0 and len(at.dataframe) == 1 and not at.caption
    grid = at.dataframe[0].value
    assert len(grid) == STATIC_TABLE_ROWS + 1
    assert grid.iloc[2].tolist() == ["", ""]  # blank cells blank in the grid too, not "None"
    assert grid.iloc[0, 0] == "**đậm** <b>x</b>" and grid.iloc[0, 1] == "1.234,5"  # the grid reads no Markdown


def test_the_grid_shows_no_formula_its_own_download_could_run():
    """Streamlit's grid has its own "Download as CSV", which writes cells as they are: a
    text that starts a formula is shown (and so downloaded) as the app's downloads write
    it; blanks are blank; numbers keep the reader's style."""
    import pandas as pd

    from cnnt import ui

    frame = pd.DataFrame(
        {"Tên": ['=HYPERLINK("http://x")', "+1", "@SUM(A1)", "Bình thường", None], "Điểm": [1.5, -2.0, None, 3.0, 4.0]}
    )
    frame = frame.rename(columns={"Tên": "=Tên"})
    shown = ui.grid_cells(ui.for_screen(frame, "vi"))  # what ui.grid draws
    assert shown.columns.tolist() == ["'=Tên", "Điểm"]
    assert shown.iloc[:, 0].tolist() == ['\'=HYPERLINK("http://x")', "'+1", "'@SUM(A1)", "Bình thường", ""]
    assert shown.iloc[0, 1] == "1,5" and not shown.iloc[1, 1].startswith("'")


def test_grid_cells_change_only_text_that_would_start_a_formula():
    """The data page's grids (import problems quoting an officer's cell, snapshot labels)
    pass through the same cnnt.ui.grid: numbers keep their type, text only gains the ' ."""
    import pandas as pd

    from cnnt import ui

    frame = pd.DataFrame({"Dòng": [3, 4], "Giá trị": ["=1+2", "Cư M'gar"], "Nhãn": pd.array([None, "@x"], "string")})
    cells = ui.grid_cells(frame)
    assert cells["Dòng"].tolist() == [3, 4] and cells["Dòng"].dtype == frame["Dòng"].dtype
    assert cells["Giá trị"].tolist() == ["'=1+2", "Cư M'gar"] and cells["Nhãn"].tolist() == ["", "'@x"]
    assert frame["Giá trị"].tolist() == ["=1+2", "Cư M'gar"]  # a copy: the caller's frame is untouched
