import ast
import re

import pytest

from cnnt import fmt
from cnnt.i18n import CATALOGUE, t
from tests.conftest import PROJECT


@pytest.mark.parametrize(
    "value, lang, decimals, expected",
    [
        (1234.5, "vi", 1, "1.234,5"),
        (1234.5, "en", 1, "1,234.5"),
        (1234567, "vi", 0, "1.234.567"),
        (-3, "vi", 0, "−3"),
        (None, "vi", 0, "–"),
        (0.4, "vi", 0, "0"),
    ],
)
def test_number(value, lang, decimals, expected):
    assert fmt.number(value, lang, decimals) == expected


def test_money_percent_signed_date():
    assert fmt.money(1.2e9, "vi") == "1,2 tỷ đồng"
    assert fmt.money(48.5e9, "en") == "VND 48.5 billion"
    assert fmt.money(350e6, "vi") == "350,0 triệu đồng"
    assert fmt.percent(0.462, "vi") == "46,2%"
    assert fmt.signed(12, "vi") == "+12" and fmt.signed(-1, "vi") == "−1" and fmt.signed(0) == "0"
    assert fmt.date("2025-12-31", "vi") == "31/12/2025"


def test_catalogue_has_both_languages():
    for key, (vi, en) in CATALOGUE.items():
        assert vi.strip() and en.strip(), key


def _literal_keys():
    """Every t("...") key written literally in the code."""
    keys = set()
    for path in [*PROJECT.glob("pages/*.py"), PROJECT / "dashboard.py", *PROJECT.glob("cnnt/*.py")]:
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "t" and node.args:
                if isinstance(node.args[0], ast.Constant):
                    keys.add(node.args[0].value)
    return keys


def test_every_key_used_exists():
    missing = _literal_keys() - set(CATALOGUE)
    assert not missing


def test_pages_hold_no_ui_text():
    """UI text comes from the catalogue: no Vietnamese string literal in pages/ (docstrings aside)."""
    vietnamese = re.compile(r"[À-ỹđĐ]")
    for path in [*PROJECT.glob("pages/*.py"), PROJECT / "dashboard.py"]:
        tree = ast.parse(path.read_text("utf-8"))
        docstrings = {
            id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
                assert not vietnamese.search(node.value), (path.name, node.value)


def test_translation_fills_placeholders_and_is_nfc():
    assert t("overview.period", "en", y0=2012, y1=2021) == "Period 2012–2021"
    assert t("overview.period", "vi", y0=2012, y1=2021) == "Giai đoạn 2012–2021"


def test_metric_delta_uses_ascii_minus_so_a_fall_is_red():
    assert fmt.delta(-16.6, "vi", 1) == "-16,6" and fmt.delta(3, "en") == "+3"


def test_labels_that_meet_in_one_download_header_differ():
    """An export's header is label → value (cnnt.ui.export_meta): the sidebar's locality
    filter, the view and the prospect list's localities each need their own label, or one
    line hides another (English had "Localities" three times)."""
    from cnnt.i18n import t

    for lang in ("vi", "en"):
        labels = [t(k, lang) for k in ("meta.localities", "loc.view", "loc.prospects_for", "loc.measure")]
        assert len(set(labels)) == len(labels), (lang, labels)


def test_local_time_reads_the_stores_utc_stamps_as_the_provinces_clock():
    from cnnt import fmt

    assert fmt.local_time("2026-11-29T00:56:52+00:00", "vi") == "29/11/2026 07:56"
    assert fmt.local_time("2025-12-31T20:00:00+00:00", "en") == "1 January 2026 03:00"  # crosses the new year
    assert fmt.local_time("2026-01-01T00:00:00", "vi") == "01/01/2026 07:00"  # no offset: UTC, as the store writes
    assert fmt.local_time("2026-06-01T12:00:00+07:00", "vi") == "01/06/2026 12:00"
    for blank in (None, "", "not a time"):
        assert fmt.local_time(blank) == "–"


def test_a_period_of_one_year_is_said_as_that_year():
    from cnnt.i18n import t

    assert t("overview.period", "vi", y0=2023, y1=2023) == "Năm 2023"
    assert t("overview.period", "en", y0=2023, y1=2023) == "Year 2023"
    assert t("overview.period", "vi", y0=2022, y1=2023) == "Giai đoạn 2022–2023"
    assert t("overview.summary.lead", "vi", y0=2023, y1=2023) == "Năm 2023, tỉnh "
    assert t("overview.summary.lead", "en", y0=2023, y1=2023) == "In 2023, the province "
    assert "2023–2023" not in t("empty.no_round", "vi", y0=2023, y1=2023)
    assert t("target.counted", "vi", y0=2024, y1=2024) == "2024"
