"""The real dashboard, served on localhost, driven in headless Chromium (Debian's
package, through Playwright with ``executable_path``).  Every page in both
languages must render without an exception; a deep link must survive navigation;
requests to anywhere but localhost are blocked, so nothing needs the internet."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import PROJECT, SAMPLE_ROOT

pytestmark = pytest.mark.browser
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = PROJECT / "artifacts"
PAGES = {
    "": ("Tổng quan chương trình", "Overview of the"),
    "tham-gia": ("Tham gia bình chọn", "Participation"),
    "ty-le-dat": ("Tỷ lệ được công nhận", "Pass rates"),
    "sau-cong-nhan": (
        "Doanh thu, việc làm, thu nhập sau khi được công nhận",
        "Revenue, jobs and income after certification",
    ),
    "dia-ban": ("Mức độ tham gia của các địa bàn", "How localities take part"),
    "ho-so-dia-ban": ("Hồ sơ địa bàn", "Locality profile"),
    "tra-cuu": ("Tra cứu sản phẩm, cơ sở", "Find a product or establishment"),
    "du-lieu": ("Dữ liệu và đối chiếu", "Data and reconciliation"),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(root: Path, env: dict[str, str] | None = None):
    """Start the real dashboard on a free port over ``root`` (``env`` added to the tests'
    environment); yields its URL.  No file watcher: code edited while a test runs must
    not make the server reload modules under its sessions."""
    if not CHROMIUM:
        if os.environ.get("CI"):
            pytest.fail("chromium is missing: scripts/setup.sh --dev installs it")
        pytest.skip("chromium is not installed (scripts/setup.sh --dev installs it)")
    port = _free_port()
    env = {**os.environ, "CNNT_DATA_DIR": str(root), **(env or {})}
    proc = subprocess.Popen(
        [
            *(sys.executable, "-m", "cnnt.serve", "--server.port", str(port), "--server.address", "127.0.0.1"),
            *("--server.fileWatcherType", "none"),
        ],
        cwd=PROJECT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                break
        except OSError:
            time.sleep(0.3)
    else:
        proc.kill()
        pytest.fail("streamlit did not start")
    try:
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def server():
    yield from _serve(SAMPLE_ROOT)


OFFICER, PASSWORD = "canbo.thu", "mat-khau-thu-nghiem"  # a data officer's local account


def accounts_file(folder: Path, **roles: str) -> Path:
    """An accounts file (outside the repository) with one account per ``name=role``."""
    from cnnt import accounts

    path = folder / "accounts.toml"
    for name, role in roles.items():
        accounts.add(name, role, PASSWORD, path=path)
    return path


@pytest.fixture(scope="module")
def officer_server(tmp_path_factory, fixture_root):
    root = tmp_path_factory.mktemp("officer") / "data"
    shutil.copytree(fixture_root, root)
    secrets = accounts_file(tmp_path_factory.mktemp("secrets"), **{OFFICER: "data_officer"})
    yield from _serve(root, {"CNNT_ACCOUNTS_FILE": str(secrets)})


def sign_in(page, url: str, name: str, password: str = PASSWORD) -> None:
    """Sign in on the sign-in page.  The browser keeps the sign-in in a session cookie, so a
    reload or ``page.goto`` (a new Streamlit session) stays signed in; going on through the
    menu (:func:`open_from_menu`) keeps the same Streamlit session and is quicker."""
    page.goto(f"{url}/dang-nhap")
    _settle(page, "Mật khẩu")
    page.get_by_label("Tài khoản").fill(name)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text(re.compile(r"Đã đăng nhập: " + re.escape(name))).first.wait_for(timeout=30_000)
    _idle(page)


def open_from_menu(page, label: str, title: str) -> None:
    """Open a page from the sidebar menu (keeps the session and its sign-in)."""
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text=re.compile(rf"{label}\s*$")).click()
    _settle(page, title)
    _idle(page)


@pytest.fixture(scope="module")
def browser():
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
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


def _page(browser, blocked: list[str]):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="vi-VN")
    page = ctx.new_page()

    def guard(route):
        host = route.request.url.split("/")[2].split(":")[0] if "://" in route.request.url else ""
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    return page


def _settle(page, text: str) -> None:
    page.get_by_text(text, exact=False).first.wait_for(timeout=30_000)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)
    page.wait_for_timeout(300)


def _no_exception(page) -> None:
    shown = page.locator('[data-testid="stException"]')
    assert shown.count() == 0, shown.first.inner_text()
    assert "Traceback" not in page.content()
    dialogs = page.locator('[role="dialog"]').all_inner_texts()
    assert not any("not found" in d for d in dialogs), (page.url, dialogs)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_page_renders_without_exception(server, browser, lang):
    blocked: list[str] = []
    page = _page(browser, blocked)
    asked: list[str] = []
    page.on("request", lambda r: asked.append(r.url))
    for path, titles in PAGES.items():
        asked.clear()
        page.goto(f"{server}/{path}?lang={lang}")
        _settle(page, titles[0] if lang == "vi" else titles[1])
        _no_exception(page)
        # Opened by its address, a page connects to the server's root at once (cnnt.serve's
        # base hint), without first trying the page's address as the root.
        assert f"{server}/_stcore/health" in asked
        assert not [u for u in asked if path and u.startswith(f"{server}/{path}/_stcore/")], asked
        if path == "":
            page.locator('[data-testid="stMetric"]').nth(3).wait_for(timeout=30_000)
        if path in ("", "tham-gia", "ty-le-dat", "sau-cong-nhan", "dia-ban", "ho-so-dia-ban"):
            page.locator(".js-plotly-plot").first.wait_for(timeout=30_000)
            _no_exception(page)
    page.context.close()


@pytest.mark.parametrize(
    ("pathname", "base"),
    [
        ("/ty-le-dat", "http://h:1/"),
        ("/ty-le-dat/", "http://h:1/"),
        ("/cnnt/dia-ban", "http://h:1/cnnt/"),  # behind a proxy, under a prefix
        ("/tra-c%75u", "http://h:1/"),  # an address written with an escape
        ("/", None),  # the overview: the root itself, Streamlit's first guess
        ("/cnnt", None),  # the overview under a prefix: left to Streamlit
        ("/ty-le-dat-khac", None),  # not a page of the app
        ("/du-lieu/x", None),
    ],
)
def test_the_base_hint_finds_the_root_only_from_a_page_address(browser, pathname, base):
    from cnnt import serve

    page = browser.new_page()
    try:
        got = page.evaluate(
            f"([p, o, pages]) => ({serve.BASE_OF_JS})(p, o, pages) ?? null",
            [pathname, "http://h:1", list(serve.PAGE_PATHS)],
        )
    finally:
        page.close()
    assert got == base


def test_deep_link_survives_navigation_and_draws_offline(server, browser):
    blocked: list[str] = []
    page = _page(browser, blocked)
    page.goto(f"{server}/?lang=en&years=2012-2021&scope=daklak_old")  # the published figures are old Đắk Lắk's
    _settle(page, "Overview of the")
    page.wait_for_function(
        "() => Array.from(document.querySelectorAll('[data-testid=\"stMetricValue\"]'))"
        ".map(e => e.innerText).join(', ').includes('42, 61, 29')",
        timeout=30_000,
    )  # P1, P2, P3 for the provincial rounds
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
    page.locator('[data-testid="stSidebarNavLink"]').filter(has_text="Data").click()
    _settle(page, "Data and reconciliation")
    page.get_by_role("tab", name="Reconciliation").click()
    _no_exception(page)
    page.wait_for_function("() => location.search.includes('years=2012-2021')", timeout=10_000)
    assert "lang=en" in page.url and "/du-lieu" in page.url
    page.get_by_text("18 of 18 published figures match the data").wait_for(timeout=10_000)
    page.context.close()


def test_lookup_finds_a_product_typed_without_diacritics(server, browser):
    page = _page(browser, [])
    page.goto(f"{server}/tra-cuu")
    _settle(page, "Tra cứu sản phẩm, cơ sở")
    box = page.get_by_label("Tên sản phẩm hoặc cơ sở (gõ có dấu hoặc không dấu)")
    box.fill("mat ong")
    box.press("Enter")
    page.get_by_text("Bài dự thi, điểm và giấy chứng nhận").or_(
        page.get_by_text("Cơ sở chưa dự kỳ bình chọn nào.")
    ).first.wait_for(timeout=30_000)
    _no_exception(page)
    page.get_by_text(re.compile(r"^\d+ kết quả$")).wait_for(timeout=10_000)
    page.get_by_text("Trước 1/7/2025").first.wait_for(timeout=10_000)
    page.context.close()


def test_map_draws_with_the_network_blocked(server, browser):
    blocked: list[str] = []
    page = _page(browser, blocked)
    page.goto(f"{server}/dia-ban?view=legacy")
    _settle(page, "Mức độ tham gia của các địa bàn")
    points = page.locator(".js-plotly-plot .scatterlayer .point")
    points.nth(20).wait_for(timeout=30_000)
    assert points.count() >= 15 + 100  # 15 districts over the commune points
    assert page.get_by_text("Buôn Ma Thuột", exact=True).count() >= 1  # labels drawn on the map
    _no_exception(page)
    page.context.close()


def _idle(page) -> None:
    """Wait until Streamlit has finished the rerun a click or keystroke started."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)


def _expect_rounds_held(page, expected: str) -> None:
    """The provincial 'rounds held' headline settles on ``expected`` (Streamlit redraws while it runs)."""
    from playwright.sync_api import expect

    metric = page.locator('[data-testid="stMetric"]').filter(has_text="Số kỳ tổ chức").first
    expect(metric.locator('[data-testid="stMetricValue"]')).to_have_text(expected, timeout=30_000)


def test_officer_checks_fixes_publishes_and_rolls_back_in_the_browser(officer_server, browser, tmp_path):
    from playwright.sync_api import expect

    from tests.import_examples import good_workbook, workbook

    bad = tmp_path / "ket-qua-sai.xlsx"
    bad.write_bytes(workbook(entries=[[None, "P2021", "SP8", 45, 30, 8, 8, None, "Có", None, None, None]]))
    good = tmp_path / "ket-qua-2021.xlsx"
    good.write_bytes(good_workbook())
    page = _page(browser, [])
    sign_in(page, officer_server, OFFICER)
    open_from_menu(page, "Dữ liệu", "Dữ liệu và đối chiếu")
    page.get_by_text(f"ghi nhật ký với tài khoản: {OFFICER}").wait_for(timeout=10_000)  # no name to type
    upload = page.locator('[data-testid="stFileUploader"] input[type="file"]')
    upload.set_input_files(str(bad))
    page.locator('[data-testid="stFileChip"]').filter(has_text="ket-qua-sai.xlsx").wait_for(timeout=10_000)
    page.get_by_role("button", name="Kiểm tra dữ liệu").click()
    page.get_by_text("lỗi phải sửa trước khi công bố").wait_for(timeout=30_000)
    _no_exception(page)
    # Fix: replace the file with the corrected workbook and check again.
    page.locator('[data-testid="stFileChipDeleteBtn"]').first.click()
    page.locator('[data-testid="stFileChip"]').first.wait_for(state="detached", timeout=10_000)
    page.wait_for_timeout(1000)
    upload.set_input_files(str(good))
    page.locator('[data-testid="stFileChip"]').filter(has_text="ket-qua-2021.xlsx").wait_for(timeout=10_000)
    page.wait_for_timeout(500)
    page.get_by_role("button", name="Kiểm tra dữ liệu").click()
    page.get_by_text("Không có lỗi. Xem trước thay đổi rồi công bố.").wait_for(timeout=30_000)
    page.get_by_text("Số liệu chính thay đổi").wait_for()
    # the headline changes read as typed: "+1", not the grid's formula-safe "'+1"
    changes = page.locator('[data-testid="stTable"]').filter(has_text="Số kỳ tổ chức").first
    expect(changes.locator("td").filter(has_text="Số kỳ tổ chức")).to_be_visible(timeout=10_000)
    cells = [c.strip() for c in changes.locator("td").all_inner_texts()]
    assert "+1" in cells and not any(c.startswith("'") for c in cells), cells
    page.get_by_role("button", name="Công bố bản dữ liệu mới").click()
    page.get_by_text("Đã công bố bản").wait_for(timeout=30_000)
    _no_exception(page)
    page.goto(f"{officer_server}/")  # a new session: the years default to the new snapshot's range
    _settle(page, "Tổng quan chương trình")
    page.locator('[data-testid="stMetricValue"]').nth(3).wait_for(timeout=30_000)
    _expect_rounds_held(page, "3")  # provincial rounds: 2017, 2019, 2021
    # Roll back to the fixture snapshot: a new session, still signed in (the sign-in cookie).
    page.get_by_text(f"Đã đăng nhập: {OFFICER}").first.wait_for(timeout=30_000)
    open_from_menu(page, "Dữ liệu", "Dữ liệu và đối chiếu")
    page.get_by_role("tab", name="Lịch sử và khôi phục").click()
    page.get_by_text("Nhật ký công bố").wait_for(timeout=30_000)
    picker = page.locator('[data-testid="stSelectbox"]').filter(has_text="Chọn bản dữ liệu")
    picker.click()
    page.get_by_role("option").filter(has_text="fixture").first.click()
    expect(picker.locator("input")).to_have_value(re.compile("fixture"), timeout=10_000)
    _idle(page)
    page.get_by_text("Tôi hiểu: bảng điều khiển").click()
    _idle(page)
    button = page.get_by_role("button", name="Đặt làm bản hiện hành (khôi phục)")
    expect(button).to_be_enabled(timeout=15_000)
    button.click()
    page.get_by_text("Đã chuyển bản hiện hành sang").wait_for(timeout=30_000)
    page.goto(f"{officer_server}/")
    _settle(page, "Tổng quan chương trình")
    page.locator('[data-testid="stMetricValue"]').nth(3).wait_for(timeout=30_000)
    _expect_rounds_held(page, "2")
    page.context.close()
