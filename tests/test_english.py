"""An English page shows no Vietnamese text outside proper names (establishments,
products, localities, sources and other values from the data)."""

from __future__ import annotations

import re
import unicodedata

import pytest
from streamlit.testing.v1 import AppTest

from cnnt.store import Store
from tests.conftest import PROJECT, SAMPLE_ROOT, shown_tables

PAGES = sorted(p.relative_to(PROJECT).as_posix() for p in PROJECT.glob("pages/*.py"))
# Letters only Vietnamese uses (after removing proper names, none may remain).
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ]|[\u0300\u0301\u0303\u0309\u0323]")


def _proper_names() -> list[str]:
    store = Store(SAMPLE_ROOT)
    sid = store.current_id()
    names: set[str] = set()
    for table, cols in {
        "admin_units": ["name", "short_name"],
        "establishments": ["name", "address"],
        "products": ["name"],
        "regulations": ["name"],
        "published_figures": ["period_vi", "source_title", "note", "source_date"],
        "rounds": ["region", "decision_no"],
        "criteria": ["name_vi"],
        "product_groups": ["name_vi"],
        "programme_owners": ["name_vi"],
        "locality_base": ["source"],
    }.items():
        frame = store.read_table(sid, table)
        for c in cols:
            if c in frame:
                names |= {str(v) for v in frame[c].dropna()}
    names |= {"Đắk Lắk", "Phú Yên", "Sở Công Thương", "khuyến công", "CNNT", "Tiếng Việt"}
    return sorted(names, key=len, reverse=True)


NAMES = _proper_names()


def _texts(at: AppTest) -> list[str]:
    out = []
    for kind in ("title", "header", "subheader", "caption", "markdown", "info", "warning", "success", "error", "text"):
        out += [str(e.value) for e in getattr(at, kind)]
    for m in at.metric:
        out += [str(m.label), str(m.value), str(m.delta or "")]
    for d in shown_tables(at):
        out += [str(c) for c in d.columns]
    for w in (*at.selectbox, *at.multiselect, *at.slider, *at.checkbox, *at.toggle, *at.text_input, *at.radio):
        out.append(str(w.label))
    for b in at.button:
        out.append(str(b.label))
    return out


QUOTED = re.compile(r"“[^”]*”")  # a quoted Vietnamese term or example is a quotation, not untranslated text


def _strip(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\\", "")  # markdown escapes
    text = QUOTED.sub(" ", text)
    for name in NAMES:
        if name and name in text:
            text = text.replace(name, " ")
    return unicodedata.normalize("NFD", text)


@pytest.mark.parametrize("page", PAGES)
def test_english_pages_have_no_vietnamese_outside_proper_names(monkeypatch, page):
    monkeypatch.setenv("CNNT_DATA_DIR", str(SAMPLE_ROOT))
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page(page)
    at.run()
    assert not at.exception
    left = [t for t in (_strip(x) for x in _texts(at)) if VIETNAMESE.search(t)]
    assert not left, "\n".join(unicodedata.normalize("NFC", x)[:160] for x in left[:15])
