"""Issue 9's "done when", in headless Chromium: from an empty data folder an officer loads
announcement-style lists (not the template) of old Phú Yên, old Đắk Lắk and the merged
province in the browser, previews, publishes, replaces one round with a corrected file,
and every page shows the right numbers in each scope with no exception.

The tests run in order over one server and one data folder: the empty store first, then
the officer's loads, then every page in every scope.  Nothing but localhost is reachable.
The exact answers are those of ``tests/test_real_data.py`` after the replace (old Phú Yên's
list without its row 3): provincial 4 + 4 products, 4 + 2 certified; the national round
2025 has one entrant of each former province, Đắk Lắk's certified.

Screenshots of the merged overview and of the first preview go to ``artifacts/``; with
``CNNT_DOCS_SCREENSHOTS=1`` also to ``docs/real-data-*.png`` (the README's pictures)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from cnnt import accounts
from cnnt.safe_text import WORD_JOINER
from cnnt.store import Store
from tests.announcement_lists import dak_lak_provincial_2023, national_2025, phu_yen_provincial_2023
from tests.conftest import PROJECT
from tests.test_browser import ARTIFACTS, PAGES, _no_exception, _page, _serve, _settle
from tests.test_browser import browser as browser  # noqa: F401 - the shared Chromium fixture

pytestmark = pytest.mark.browser

OFFICER, PASSWORD = "dulieu", "mat-khau-thu-nghiem"  # a local data-officer account
BROKEN = (
    "Traceback",
    "This app has encountered an error",
    "Không tải được số liệu này",  # ui.query's message when a query fails
    "could not be loaded",
)
# The overview's headline per level: rounds held, establishments, products, certified.
# Checked against DuckDB (headline_by_level) on the same lists, and in test_real_data.py.
OVERVIEW = {
    "merged": {"provincial": ["2", "7", "8", "6"], "national": ["1", "2", "2", "1"]},
    "daklak_old": {"provincial": ["1", "4", "4", "2"], "national": ["1", "1", "1", "1"]},
    "phuyen_old": {"provincial": ["1", "3", "4", "4"], "national": ["1", "1", "1", "0"]},
}
LEVELS = {"provincial": ("Cấp tỉnh", "Provincial"), "national": ("Cấp quốc gia", "National")}
SCOPES = {
    "merged": ("Toàn tỉnh (sau sáp nhập)", "Merged province"),
    "daklak_old": ("Chỉ Đắk Lắk cũ", "Old Đắk Lắk only"),
    "phuyen_old": ("Chỉ Phú Yên cũ", "Old Phú Yên only"),
}
STATE: dict[str, object] = {}  # what the earlier tests left for the later ones


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    """The real dashboard over an empty data folder (no init): (url, root).

    Staff on the intranet see every page without signing in (open role data_officer);
    changing data needs the officer's account all the same."""
    root = tmp_path_factory.mktemp("real-data")
    assert not any(root.iterdir())
    accounts_file = tmp_path_factory.mktemp("secrets") / "accounts.toml"
    accounts.add(OFFICER, "data_officer", PASSWORD, path=accounts_file)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("CNNT_OPEN_ROLE", "data_officer")
        env.setenv("CNNT_ACCOUNTS_FILE", str(accounts_file))
        for url in _serve(root):
            yield url, root


@pytest.fixture
def page(browser):
    blocked: list[str] = []
    pg = _page(browser, blocked)
    yield pg
    pg.context.close()
    assert not blocked, f"requests left localhost: {blocked[:5]}"


def _main(page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


BUSY = '[data-testid="stSpinner"], [data-testid="stStatusWidget"], [data-stale="true"]'


def _quiet(page) -> None:
    """Streamlit has finished its run and the page has stopped changing.

    While a run is under way Streamlit marks the elements it has not redrawn yet
    ``data-stale="true"`` and shows any ``st.spinner``; the status widget that older
    helpers wait for is not drawn in this configuration, so it cannot be relied on."""
    before = None
    for _ in range(60):
        page.wait_for_function(f"() => !document.querySelector('{BUSY}')", timeout=120_000)
        now = _main(page)
        if now == before:
            return
        before = now
        page.wait_for_timeout(300)


def _rerun(page, action) -> None:
    """Do what starts a run (a click, a file), see the run begin, and wait for it to end."""
    action()
    try:
        page.locator(BUSY).first.wait_for(state="attached", timeout=3_000)
    except PlaywrightTimeout:
        pass  # over before it was seen, or nothing to redraw
    _quiet(page)


def _clean(page) -> None:
    """No exception, no failed query, no error box, no 'Error' anywhere on the page."""
    _no_exception(page)
    shown = page.locator('[data-testid="stAlertContentError"]')
    assert shown.count() == 0, (page.url, shown.all_inner_texts())
    text = page.locator("body").inner_text()
    for bad in BROKEN:
        assert bad not in text, (page.url, bad)
    assert not re.search(r"\bError\b", text), (page.url, text[:2000])


def _shot(page, name: str, height: int = 1000) -> None:
    """Screenshot of the viewport made tall enough for the content (Streamlit scrolls inside)."""
    page.set_viewport_size({"width": 1400, "height": height})
    _quiet(page)
    page.evaluate("() => document.querySelectorAll('*').forEach(e => { if (e.scrollTop) e.scrollTop = 0; })")
    page.wait_for_timeout(800)  # charts and data grids draw after the run
    targets = [ARTIFACTS]
    if os.environ.get("CNNT_DOCS_SCREENSHOTS") == "1":
        targets.append(PROJECT / "docs")
    for folder in targets:
        folder.mkdir(exist_ok=True)
        page.screenshot(path=str(folder / name))
    page.set_viewport_size({"width": 1400, "height": 1000})


# ---- the Data page, driven as an officer drives it -----------------------------


def _cells(page) -> list[list[str]]:
    """Rows of every table on the page, as lists of cell texts: the plain tables short
    lists are drawn as (cnnt.ui.static_table), then the data grids (their accessible tables)."""
    rows = []
    for table in page.locator('[data-testid="stTable"]').all():
        if not table.is_visible():
            continue  # in another tab
        for row in table.locator("tr").all():
            cells = [c.replace(WORD_JOINER, "").strip() for c in row.locator("th, td").all_inner_texts()]
            if cells:
                rows.append(cells)
    for grid in page.locator('[data-testid="stDataFrame"]').all():
        if not grid.is_visible():
            continue  # in another tab
        grid.scroll_into_view_if_needed()  # a grid draws its rows once it is on screen
        grid.locator('[role="row"]').first.wait_for(state="attached", timeout=10_000)
        for row in grid.locator('[role="row"]').all():
            cells = [c.strip() for c in row.locator('[role="gridcell"], [role="columnheader"]').all_inner_texts()]
            if cells:
                rows.append(cells)
    return rows


def _preview(page) -> dict[str, tuple[int, int, int]]:
    """The preview's rows added, changed and removed per table (its labels as shown)."""
    tables = ("Kỳ bình chọn", "Cơ sở", "Sản phẩm", "Bài dự thi")
    out = {}
    for cells in _cells(page):
        if len(cells) == 4 and cells[0] in tables and all(c.isdigit() for c in cells[1:]):
            out[cells[0]] = tuple(int(c) for c in cells[1:])
    return out


def _upload(page, path: Path) -> None:
    """Take the previous file out of the uploader and put ``path`` in."""
    chips = page.locator('[data-testid="stFileChip"]')
    while chips.count():
        n = chips.count()
        _rerun(page, page.locator('[data-testid="stFileChipDeleteBtn"]').first.click)
        page.wait_for_function(
            f"() => document.querySelectorAll('[data-testid=\"stFileChip\"]').length < {n}", timeout=10_000
        )
    upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    for _ in range(3):  # a file given to an uploader that is being redrawn is lost: give it again
        _rerun(page, lambda: upload.set_input_files(str(path)))
        try:
            chips.filter(has_text=path.name).wait_for(timeout=5_000)
            break
        except PlaywrightTimeout:
            continue
    chips.filter(has_text=path.name).wait_for(timeout=5_000)
    _quiet(page)


def _check(page, expected: str) -> None:
    """Press "Kiểm tra dữ liệu" and wait for the result: ``expected`` is "ok" or "errors"."""
    # The last result stays on screen (stale) until the check's run ends.
    _rerun(page, page.get_by_role("button", name="Kiểm tra dữ liệu").click)
    page.get_by_text("Không có lỗi. Xem trước thay đổi rồi công bố.").or_(
        page.get_by_text("lỗi phải sửa trước khi công bố")
    ).first.wait_for(timeout=60_000)
    _quiet(page)
    if page.get_by_text("Không có lỗi. Xem trước thay đổi rồi công bố.").count():
        _clean(page)
        assert expected == "ok", "the check found no error"
    else:
        _clean_but_errors_expected(page)
        assert expected == "errors", _warnings(page)


def _clean_but_errors_expected(page) -> None:
    """The Data page may show the officer's errors, never an exception."""
    _no_exception(page)
    text = page.locator("body").inner_text()
    for bad in BROKEN:
        assert bad not in text, (page.url, bad)


def _warnings(page) -> list[list[str]]:
    """The problem list's rows (severity, file, sheet, row, column, value, message…)."""
    return [c for c in _cells(page) if c and c[0] in ("Cảnh báo", "Lỗi")]


def _owner_box(page):
    """The "Đơn vị chủ trì" choice inside the "Kỳ của danh sách" expander (opened if closed)."""
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text="Đơn vị chủ trì")
    if not box.is_visible():
        page.get_by_text("Kỳ của danh sách (với danh sách công bố)").click()
        box.wait_for(timeout=10_000)
    return box


def _state_owner(page, label: str) -> None:
    box = _owner_box(page)
    option = page.get_by_role("option").filter(has_text=re.compile(f"^{re.escape(label)}$"))
    for _ in range(3):  # the list opens from its arrow; a click landing during a redraw is lost
        box.locator('button[aria-haspopup="listbox"]').click()
        try:
            option.wait_for(timeout=3_000)
            break
        except PlaywrightTimeout:
            continue
    _rerun(page, option.click)
    expect(box.get_by_role("combobox")).to_have_value(label, timeout=10_000)


def _tick(page, checkbox) -> None:
    """Tick a Streamlit checkbox (its label takes the click) and wait for the rerun it starts."""
    for _ in range(3):
        if checkbox.is_checked():
            break
        _rerun(page, page.locator("label").filter(has=checkbox).click)
        try:
            expect(checkbox).to_be_checked(timeout=3_000)
        except AssertionError:
            continue
    expect(checkbox).to_be_checked()
    _quiet(page)


def _publish(page, root: Path) -> str:
    """Confirm the warnings if asked, publish, and wait until the store and the page say so."""
    store = Store(root)
    before = store.current_id()
    ack = page.get_by_role("checkbox", name="Tôi đã kiểm tra các cảnh báo và xác nhận dữ liệu đúng")
    if ack.count():
        _tick(page, ack)
    button = page.get_by_role("button", name="Công bố bản dữ liệu mới")
    expect(button).to_be_enabled(timeout=15_000)
    button.click()
    deadline = time.time() + 30
    while store.current_id() == before and time.time() < deadline:
        time.sleep(0.2)
    now = store.current_id()
    assert now and now != before, "publishing did not change the current snapshot"
    page.get_by_text(f"Đã công bố bản {now}").wait_for(timeout=30_000)
    _quiet(page)
    _clean(page)
    return now


# ---- 1. an empty store ------------------------------------------------------------

MENU = {  # the sidebar's link text per page path, (vi, en)
    "": ("Tổng quan", "Overview"),
    "tham-gia": ("Tham gia", "Participation"),
    "ty-le-dat": ("Tỷ lệ đạt", "Pass rates"),
    "sau-cong-nhan": ("Sau công nhận", "After certification"),
    "dia-ban": ("Địa bàn", "Localities"),
    "ho-so-dia-ban": ("Hồ sơ địa bàn", "Locality profile"),
    "tra-cuu": ("Tra cứu", "Lookup"),
    "du-lieu": ("Dữ liệu", "Data"),
}


def _nav(page, path: str, lang: str) -> None:
    """Open a page from the sidebar menu (the same session: its scope, language and sign-in hold)."""
    label = MENU[path][0 if lang == "vi" else 1]
    link = page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=re.compile(rf"^\W*{label}\s*$"))
    link.click()
    page.wait_for_url(re.compile(rf"/{path}(\?|$)") if path else re.compile(r":\d+/(\?|$)"), timeout=30_000)


def test_every_page_says_no_data_yet_on_an_empty_store(real, page):
    url, root = real
    page.goto(f"{url}/")
    for path, titles in PAGES.items():
        if path:
            _nav(page, path, "vi")
        if path == "du-lieu":
            _settle(page, titles[0])
            page.get_by_role("button", name="Kiểm tra dữ liệu").or_(page.get_by_text("Tải mẫu Excel")).first.wait_for()
        else:
            _settle(page, "Chưa có dữ liệu")
            page.get_by_role("link", name=re.compile("Đến trang Dữ liệu")).wait_for(timeout=10_000)
        _quiet(page)
        _clean(page)
    page.goto(f"{url}/")
    _settle(page, "Chưa có dữ liệu")
    page.get_by_role("link", name=re.compile("Đến trang Dữ liệu")).click()
    _settle(page, "Dữ liệu và đối chiếu")
    assert "/du-lieu" in page.url
    _clean(page)
    assert Store(root).current_id() is None  # looking changes nothing


# ---- 2–4. the officer's loads ----------------------------------------------------


def test_officer_loads_three_lists_and_replaces_one_in_the_browser(real, page, tmp_path):
    url, root = real
    files = {
        "py": ("phu-yen-2023.xlsx", phu_yen_provincial_2023()),
        "dl": ("dak-lak-2023.xlsx", dak_lak_provincial_2023()),
        "nat": ("quoc-gia-2025.xlsx", national_2025()),
        "py_fixed": ("phu-yen-sua.xlsx", phu_yen_provincial_2023(drop=3)),
    }
    paths = {}
    for key, (name, data) in files.items():
        paths[key] = tmp_path / name
        paths[key].write_bytes(data)

    page.goto(f"{url}/dang-nhap")
    _settle(page, "Mật khẩu")
    page.get_by_label("Tài khoản").fill(OFFICER)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text(f"Đã đăng nhập: {OFFICER}").first.wait_for(timeout=30_000)
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=re.compile(r"Dữ liệu\s*$")).click()
    _settle(page, "Dữ liệu và đối chiếu")  # the same session: the sign-in holds
    _quiet(page)

    # A wrong file first, checked, then swapped: its preview must not stay up for the new file.
    _upload(page, paths["dl"])
    _check(page, "ok")
    _upload(page, paths["py"])
    assert page.get_by_role("button", name="Công bố bản dữ liệu mới").count() == 0, "a stale preview stayed up"

    # 2. Old Phú Yên's provincial list: preview per table, warnings for the district-only rows.
    _check(page, "ok")
    assert _preview(page) == {
        "Kỳ bình chọn": (1, 0, 0),
        "Cơ sở": (4, 0, 0),
        "Sản phẩm": (5, 0, 0),
        "Bài dự thi": (5, 0, 0),
    }
    page.get_by_text("2 cảnh báo cần xác nhận.").wait_for()
    warned = _warnings(page)
    assert [(w[0], w[2], w[3]) for w in warned] == [("Cảnh báo", "Danh sach", "11"), ("Cảnh báo", "Danh sach", "13")]
    assert all("Chỉ có huyện" in w[6] for w in warned), warned
    page.get_by_text("5 bài dự thi không có điểm").wait_for()
    covers = "Phạm vi: phu-yen-2023.xlsx [Danh sach] → kỳ PY-P2023 (Phú Yên cũ, Cấp tỉnh, 2023); danh sách sản phẩm"
    page.get_by_text(covers).wait_for()  # the round as the officer's language says it, not as codes
    assert not page.get_by_role("button", name="Công bố bản dữ liệu mới").is_enabled()  # warnings first
    _shot(page, "real-data-preview.png", height=1650)
    first = _publish(page, root)

    # 3. Old Đắk Lắk's provincial list, then the national list (its title names no province).
    _upload(page, paths["dl"])
    _check(page, "ok")
    assert _preview(page)["Bài dự thi"] == (4, 0, 0)
    _publish(page, root)

    _upload(page, paths["nat"])
    _check(page, "errors")
    page.get_by_text("1 lỗi phải sửa trước khi công bố").wait_for()
    errors = [w for w in _warnings(page) if w[0] == "Lỗi"]
    assert len(errors) == 1 and "Không xác định được kỳ của danh sách" in errors[0][6], errors
    assert "đơn vị chủ trì" in errors[0][6]
    assert page.get_by_role("button", name="Công bố bản dữ liệu mới").count() == 0
    _state_owner(page, "Đắk Lắk (sau sáp nhập)")
    _check(page, "ok")
    assert _preview(page) == {"Kỳ bình chọn": (1, 0, 0), "Bài dự thi": (2, 0, 0)}
    page.get_by_text("quoc-gia-2025.xlsx [Sheet1] → kỳ N2025 (Đắk Lắk (sau sáp nhập), Cấp quốc gia, 2025)").wait_for()
    _publish(page, root)

    # 4. Replace: old Phú Yên's corrected list without its row 3.  The owner stated for the national
    # list is not kept for the next file, and a stated owner the title contradicts is refused.
    _upload(page, paths["py_fixed"])
    assert _owner_box(page).get_by_role("combobox").input_value() == "(theo tiêu đề)"
    _state_owner(page, "Đắk Lắk cũ")
    _check(page, "errors")
    errors = [w for w in _warnings(page) if w[0] == "Lỗi"]
    assert len(errors) == 1 and "Tiêu đề danh sách ghi Phú Yên cũ" in errors[0][6], errors
    _state_owner(page, "(theo tiêu đề)")
    assert page.get_by_role("checkbox", name=re.compile("thay thế")).is_checked()
    _check(page, "ok")
    assert _preview(page) == {"Bài dự thi": (0, 0, 1)}
    _publish(page, root)

    store = Store(root)
    snap = store.current_id()
    rounds = store.read_table(snap, "rounds").set_index("round_id")
    assert rounds["owner_code"].to_dict() == {"PY-P2023": "phuyen_old", "P2023": "daklak_old", "N2025": "daklak"}
    entries = store.read_table(snap, "entries")
    assert len(entries) == 4 + 4 + 2 and "PY-P2023-003" not in set(entries["entry_id"])
    assert len(store.read_table(first, "entries")) == 5  # the first snapshot is untouched
    assert [e["by"] for e in store.history()] == [OFFICER] * 4
    STATE["loaded"] = snap

    # The officer's own session, where the period was drawn before the 2025 round existed, counts it too.
    _nav(page, "", "vi")
    _settle(page, PAGES[""][0])
    _quiet(page)
    _overview_numbers(page, "merged", "vi")
    _clean(page)


# ---- 5. every page in every scope --------------------------------------------------


def _overview_numbers(page, scope: str, lang: str) -> None:
    """Each level's box holds exactly the expected headline figures (and nothing else is a level box)."""
    i = 0 if lang == "vi" else 1
    for level, values in OVERVIEW[scope].items():
        heading = page.get_by_role("heading", name=LEVELS[level][i], exact=True)
        box = page.locator('[data-testid="stVerticalBlock"]').filter(has=heading).last
        expect(box.locator('[data-testid="stMetricValue"]')).to_have_text(values, timeout=30_000)
        first = box.locator('[data-testid="stMetricLabel"]').first.inner_text().strip()
        assert first == ("Số kỳ tổ chức", "Rounds held")[i], first
    levels = [h.strip() for h in page.locator("h3").all_inner_texts() if h.strip() in {x[i] for x in LEVELS.values()}]
    assert levels == [LEVELS[x][i] for x in OVERVIEW[scope]], levels  # no regional round: no regional box
    page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)  # the timeline


def _scope_shown(page, scope: str, lang: str) -> None:
    """The sidebar's scope switch shows ``scope`` as chosen."""
    chosen = page.locator('[data-testid="stRadioOption"][data-selected="true"]')
    expect(chosen).to_have_count(1)
    assert chosen.inner_text().strip() == SCOPES[scope][0 if lang == "vi" else 1]


def _lookup(page) -> None:
    """Find the fish-sauce maker typed without diacritics and open its record."""
    box = page.get_by_label("Tên sản phẩm hoặc cơ sở (gõ có dấu hoặc không dấu)")
    box.fill("nuoc mam")
    box.press("Enter")
    page.get_by_text(re.compile(r"^\d+ kết quả$")).wait_for(timeout=30_000)
    page.get_by_text("Bài dự thi, điểm và giấy chứng nhận").wait_for(timeout=30_000)
    _quiet(page)
    picked = page.locator('[data-testid="stSelectbox"]').filter(has_text="Chọn cơ sở")
    expect(picked.get_by_role("combobox")).to_have_value("Cơ sở chế biến nước mắm Tư Thành")
    heading = page.get_by_role("heading", name="Cơ sở chế biến nước mắm Tư Thành")
    heading.wait_for(timeout=10_000)
    main = _main(page)
    assert "Trước 1/7/2025" in main and "Từ 1/7/2025" in main
    rows = [c for c in _cells(page) if c and c[0] in ("PY-P2023", "N2025")]
    assert sorted(r[0] for r in rows) == ["N2025", "PY-P2023", "PY-P2023"], rows


@pytest.fixture
def loaded(real):
    if "loaded" not in STATE:
        pytest.fail("needs test_officer_loads_three_lists_and_replaces_one_in_the_browser to run first")
    return real


@pytest.mark.parametrize("scope", ["merged", "daklak_old", "phuyen_old"])
def test_every_page_in_each_scope_shows_the_right_numbers(loaded, page, scope):
    """A link with ?scope= opens the overview; the menu leads to every other page, the scope kept."""
    url, _ = loaded
    page.goto(f"{url}/?scope={scope}")
    for path, titles in PAGES.items():
        if path:
            _nav(page, path, "vi")
        _settle(page, titles[0])
        _quiet(page)
        _clean(page)
        _scope_shown(page, scope, "vi")
        if path == "":
            _overview_numbers(page, scope, "vi")
            assert "Dữ liệu mẫu" not in _main(page)  # real data, never the sample's label
            if scope == "merged":
                _shot(page, "real-data-overview.png", height=1500)
        if path == "tra-cuu":
            _lookup(page)
        _clean(page)
        assert f"scope={scope}" in page.url or scope == "merged", page.url


def test_every_page_in_english_after_the_language_switch(loaded, page):
    url, _ = loaded
    page.goto(f"{url}/?scope=phuyen_old")
    _settle(page, PAGES[""][0])
    page.locator('[data-testid="stSidebar"]').get_by_text("English", exact=True).click()
    _settle(page, PAGES[""][1])
    _quiet(page)
    _overview_numbers(page, "phuyen_old", "en")
    _scope_shown(page, "phuyen_old", "en")
    _clean(page)
    for path, titles in list(PAGES.items())[1:]:
        _nav(page, path, "en")
        _settle(page, titles[1])
        _quiet(page)
        _clean(page)
        _scope_shown(page, "phuyen_old", "en")
        assert "lang=en" in page.url and "scope=phuyen_old" in page.url, page.url
