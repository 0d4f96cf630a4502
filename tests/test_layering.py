"""The layering holds by itself: UI files hold no SQL and never touch DuckDB."""

import re

from tests.conftest import PROJECT

UI_FILES = [*PROJECT.glob("pages/*.py"), PROJECT / "dashboard.py"]
SQL = re.compile(r"\b(select|insert|update|delete|create|copy)\b[^\n]*\b(from|into|table|to)\b", re.IGNORECASE)


def test_ui_files_exist():
    assert len(UI_FILES) >= 3


def test_ui_holds_no_sql_and_no_duckdb():
    for path in UI_FILES:
        text = path.read_text("utf-8")
        assert "duckdb" not in text, path.name
        assert "read_parquet" not in text, path.name
        assert not SQL.search(text), (path.name, SQL.search(text).group(0))


def test_only_the_db_module_imports_duckdb():
    importers = {
        p.name for p in PROJECT.glob("cnnt/*.py") if re.search(r"^\s*import duckdb", p.read_text("utf-8"), re.M)
    }
    assert importers == {"db.py"}


def test_every_grid_goes_through_ui_grid():
    """The grid's toolbar downloads its cells as they are: only cnnt.ui.grid, which makes
    them safe, draws one."""
    for path in [*UI_FILES, *PROJECT.glob("cnnt/*.py")]:
        calls = len(re.findall(r"\bst\.dataframe\(", path.read_text("utf-8")))
        assert calls == (1 if path.name == "ui.py" else 0), path.name


def test_no_html_or_script_reaches_the_page_but_the_sign_in_cookie_statement():
    """Data are text: nothing is drawn as raw HTML, and the one script the app runs in the
    browser is the sign-in cookie's own statement (its value checked to be a token)."""
    for path in [*UI_FILES, *PROJECT.glob("cnnt/*.py")]:
        text = path.read_text("utf-8")
        assert not re.search(r"unsafe_allow_html\s*=\s*True", text), path.name
        assert "components.html" not in text and "components.v1" not in text, path.name
        scripts = len(re.findall(r"unsafe_allow_javascript\s*=\s*True", text))
        assert scripts == (1 if path.name == "auth.py" else 0), path.name
        assert len(re.findall(r"\bst\.html\(", text)) == (1 if path.name == "auth.py" else 0), path.name
