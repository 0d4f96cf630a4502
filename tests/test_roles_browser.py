"""Issue 11 in headless Chromium: each role signs in and sees its own menu and pages,
forbidden URLs are refused, and names that are markdown, colour directives, KaTeX or
HTML are shown as the literal text they are, with no request leaving localhost.

The real-data server runs over a copy of the fixture into which a round with hostile
names was imported through the importer (what an officer's workbook would do), with
the open role ``public`` and an accounts file of one account per role.  The sample
server checks the demo switch (``?demo_role=``).  Screenshots of each role's view go to
``artifacts/role-<role>.png``.
"""

from __future__ import annotations

import shutil

import pytest

from cnnt import access, accounts, importer, signin_cookie
from cnnt.safe_text import WORD_JOINER
from cnnt.store import Store
from tests.conftest import SAMPLE_ROOT
from tests.import_examples import workbook
from tests.test_browser import ARTIFACTS, _idle, _no_exception, _page, _serve, _settle, open_from_menu, sign_in
from tests.test_browser import browser as browser  # noqa: F401 - the shared Chromium fixture

pytestmark = pytest.mark.browser

PASSWORD = "mat-khau-thu-nghiem"
USERS = {"public": None, "planner": "kehoach", "data_officer": "dulieu", "leadership": "lanhdao"}
TITLES = {
    "overview": "Tổng quan chương trình",
    "participation": "Tham gia bình chọn",
    "pass_rates": "Tỷ lệ được công nhận",
    "revenue": "Doanh thu, việc làm, thu nhập sau khi được công nhận",
    "localities": "Mức độ tham gia của các địa bàn",
    "locality_profile": "Hồ sơ địa bàn",
    "lookup": "Tra cứu sản phẩm, cơ sở",
    "data": "Dữ liệu và đối chiếu",
}
MENU = {  # the sidebar's link text per page
    "overview": "Tổng quan",
    "participation": "Tham gia",
    "pass_rates": "Tỷ lệ đạt",
    "revenue": "Sau công nhận",
    "localities": "Địa bàn",
    "locality_profile": "Hồ sơ địa bàn",
    "lookup": "Tra cứu",
    "data": "Dữ liệu",
}
PATHS = {
    "overview": "",
    "participation": "tham-gia",
    "pass_rates": "ty-le-dat",
    "revenue": "sau-cong-nhan",
    "localities": "dia-ban",
    "locality_profile": "ho-so-dia-ban",
    "lookup": "tra-cuu",
    "data": "du-lieu",
}
EVIL = "evil.example"
HOSTILE_ESTABLISHMENT = f"HTX Độc ![ảnh](http://{EVIL}/e.png) <img src=http://{EVIL}/h.png onerror=alert(1)>"
HOSTILE_PRODUCT = f"Cà phê [bấm vào](http://{EVIL}/l) :red[đỏ] :material/warning: $x^2$ **đậm**"
HOSTILE_ADDRESS = f"# Tiêu đề <script>alert(2)</script> ![a](http://{EVIL}/a.png), xa ea lai, huyen m'drak"


@pytest.fixture(scope="module")
def accounts_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("secrets") / "accounts.toml"
    for role, name in USERS.items():
        if name:
            accounts.add(name, role, PASSWORD, path=path)
    return path


@pytest.fixture(scope="module")
def hostile_root(tmp_path_factory, fixture_root):
    """The fixture plus a round whose names are hostile, loaded through the importer and published."""
    root = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(fixture_root, root)
    store = Store(root)
    data = workbook(
        rounds=[["P2021", None, "Cấp tỉnh", 2021, None, "TT26/2014", 70, "5/QĐ-UBND", "05/11/2021"]],
        establishments=[["E7", None, HOSTILE_ESTABLISHMENT, "Hợp tác xã", HOSTILE_ADDRESS, None, "2018"]],
        products=[["SP8", "E7", HOSTILE_PRODUCT, "G2 – Chế biến nông, lâm, thủy sản và thực phẩm", "Không"]],
        entries=[[None, "P2021", "SP8", "30", "30,5", 8, 8, None, "Có", "P2021/CN-01", "05/11/2021", None]],
        financials=[["E7", 2020, "1.200.000.000", 6, "4.500.000", "survey"]],
    )
    result = importer.run_import(store, [("doc-hai.xlsx", data)], by="tests")
    assert result.staged is not None and not result.errors, [p.message_en for p in result.errors]
    store.publish_staged(result.staged.id, by="tests")
    names = store.read_table(store.current_id(), "establishments")["name"].tolist()
    assert HOSTILE_ESTABLISHMENT in names  # stored exactly as typed
    return root


@pytest.fixture(scope="module")
def real_server(hostile_root, accounts_file):
    yield from _serve(hostile_root, {"CNNT_OPEN_ROLE": "public", "CNNT_ACCOUNTS_FILE": str(accounts_file)})


@pytest.fixture(scope="module")
def demo_server(tmp_path_factory):
    none = tmp_path_factory.mktemp("no-secrets") / "accounts.toml"
    yield from _serve(SAMPLE_ROOT, {"CNNT_OPEN_ROLE": "public", "CNNT_ACCOUNTS_FILE": str(none)})


def _watch(page) -> tuple[list[str], list[str]]:
    """Requests that tried to leave localhost (blocked) and any dialog (alert) a page opened."""
    blocked: list[str] = []
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return blocked, dialogs


def _menu(page) -> set[str]:
    links = page.locator('[data-testid="stSidebarNavLink"]')
    links.first.wait_for(timeout=30_000)
    texts = {t.strip().splitlines()[-1].strip() for t in links.all_inner_texts() if t.strip()}
    return {p for p, label in MENU.items() if label in texts}


def _open(page, name: str) -> None:
    """Open a page through the menu (the same browser session, so the sign-in holds)."""
    open_from_menu(page, MENU[name], TITLES[name])
    _no_exception(page)


def _no_markup_from_data(page) -> None:
    """Nothing the hostile names hold became an element: no image, link, KaTeX or script from them."""
    html = page.content()
    for needle in (f'src="http://{EVIL}', f'href="http://{EVIL}'):
        at = html.find(needle)
        assert at < 0, (page.url, html[max(0, at - 600) : at + 200])
    assert page.locator(f'img[src*="{EVIL}"], a[href*="{EVIL}"], .katex, script:has-text("alert(")').count() == 0


@pytest.mark.parametrize("role", list(access.ROLES))
def test_each_role_signs_in_sees_its_menu_and_every_page_shows_hostile_names_as_text(real_server, browser, role):
    page = _page(browser, blocked := [])
    _, dialogs = _watch(page)
    if USERS[role]:
        sign_in(page, real_server, USERS[role], PASSWORD)
    else:
        page.goto(real_server)
        _settle(page, TITLES["overview"])
    allowed = {p for p in access.PAGES if access.page_allowed(role, p)}
    assert _menu(page) == allowed, role
    nav = page.locator('[data-testid="stSidebarNavLink"]').all_inner_texts()
    assert any("Đăng nhập" in x for x in nav) == (not USERS[role]), nav  # signed in: no sign-in page in the menu
    for name in [p for p in TITLES if p in allowed]:
        _open(page, name)
        if name == "locality_profile":
            page.locator(".js-plotly-plot, [data-testid='stDataFrame']").first.wait_for(timeout=30_000)
        _no_markup_from_data(page)
    if role in ("planner", "leadership"):
        _open(page, "lookup")
        box = page.get_by_label("Tên sản phẩm hoặc cơ sở (gõ có dấu hoặc không dấu)")
        box.fill("HTX Doc")
        box.press("Enter")
        heading = page.get_by_role("heading").filter(has_text="HTX Độc")
        heading.first.wait_for(timeout=30_000)
        _idle(page)
        # The literal name, brackets, parentheses and tags included, is what the heading says.
        # (escape_md puts invisible word joiners after ':' and '@' so that no address becomes a link)
        assert heading.first.inner_text().replace(WORD_JOINER, "").strip() == HOSTILE_ESTABLISHMENT
        _no_markup_from_data(page)
        hidden = page.get_by_text("thông tin mật", exact=False).count() > 0  # the lock note instead of the figures
        assert hidden is (role == "planner")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"role-{role}.png"), full_page=True)
    assert not blocked, f"requests left localhost: {blocked[:5]}"
    assert not dialogs, dialogs
    page.context.close()


def test_forbidden_urls_are_refused_without_sign_in(real_server, browser):
    page = _page(browser, blocked := [])
    for name in ("localities", "locality_profile", "lookup", "data"):
        page.goto(f"{real_server}/{PATHS[name]}")
        _settle(page, "Không có quyền truy cập")
        _no_exception(page)
        assert page.get_by_text(TITLES[name]).count() == 0
        page.get_by_role("link", name="Đăng nhập").first.wait_for(timeout=10_000)
    assert not blocked
    page.context.close()


def test_a_wrong_password_says_nothing_about_which_part(real_server, browser):
    page = _page(browser, [])
    messages = []
    for name, password in (("dulieu", "sai-mat-khau-1"), ("khong-co-ai", PASSWORD)):
        page.goto(f"{real_server}/dang-nhap")
        _settle(page, "Mật khẩu")
        page.get_by_label("Tài khoản").fill(name)
        page.get_by_label("Mật khẩu").fill(password)
        page.get_by_role("button", name="Đăng nhập").click()
        alert = page.locator('[data-testid="stAlertContentError"]')
        alert.first.wait_for(timeout=30_000)
        messages.append(alert.first.inner_text())
    assert messages[0] == messages[1] and "Không đăng nhập được" in messages[0]
    page.context.close()


def test_a_reload_keeps_the_sign_in_until_signing_out(real_server, browser):
    """F5 starts a new Streamlit session: the signed session cookie signs it in again, and
    signing out drops the cookie, so the next reload is signed out."""
    page = _page(browser, blocked := [])
    sign_in(page, real_server, "dulieu", PASSWORD)
    [cookie] = [c for c in page.context.cookies() if c["name"] == signin_cookie.COOKIE]
    assert cookie["sameSite"] == "Strict" and cookie["expires"] == -1  # this site only; gone with the browser
    page.reload()
    page.get_by_text("Đã đăng nhập: dulieu").first.wait_for(timeout=30_000)
    page.goto(f"{real_server}/{PATHS['data']}")  # a new session on a page only an officer may open
    _settle(page, TITLES["data"])
    _no_exception(page)
    page.get_by_role("button", name="Đăng xuất").first.click()
    page.get_by_text("Chưa đăng nhập").first.wait_for(timeout=30_000)
    _idle(page)
    assert not [c for c in page.context.cookies() if c["name"] == signin_cookie.COOKIE]
    page.reload()
    page.get_by_text("Chưa đăng nhập").first.wait_for(timeout=30_000)
    page.goto(f"{real_server}/{PATHS['data']}")
    _settle(page, "Không có quyền truy cập")
    assert not blocked
    page.context.close()


@pytest.mark.parametrize("role", list(access.ROLES))
def test_demo_switch_on_the_sample_refuses_each_roles_forbidden_urls(demo_server, browser, role):
    page = _page(browser, blocked := [])
    page.goto(f"{demo_server}/tra-cuu?demo_role={role}")  # a light page: its menu is the role's
    _settle(page, "Chế độ thử trên dữ liệu mẫu")
    assert _menu(page) == {p for p in access.PAGES if access.page_allowed(role, p)}
    for name in [p for p in access.PAGES if not access.page_allowed(role, p)]:
        page.goto(f"{demo_server}/{PATHS[name]}?demo_role={role}")
        _settle(page, "Không có quyền truy cập")
        _no_exception(page)
    assert not blocked
    page.context.close()
