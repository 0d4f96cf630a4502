"""A local sign-in survives a reload (F5) through a signed cookie, and nothing else does:
an altered, expired, revoked or foreign cookie, or one for an account whose password or
role changed or that was disabled, signs nobody in.  The cookie's checks run on their
own; the dashboard's use of them runs under AppTest with the cookie a browser would send
(``auth._browser_token``); tests/test_roles_browser.py reloads a real page."""

from __future__ import annotations

import os
import stat

import pytest
from streamlit.testing.v1 import AppTest

from cnnt import accounts, auth, signin_cookie
from tests.conftest import PROJECT

HOURS = auth.SIGN_IN_HOURS * 3600
KEY = b"k" * 32
PASSWORD = "mat-khau-thu-nghiem"


# ---- the cookie on its own ------------------------------------------------------------
def test_a_genuine_cookie_reads_back_as_its_account_time_and_fingerprint():
    token = signin_cookie.issue(KEY, "dulieu", "abcd", issued=1_000_000)
    assert signin_cookie.read(KEY, token, HOURS, now=1_000_100) == ("dulieu", 1_000_000.0, "abcd")
    assert all(c.isalnum() or c in "-_." for c in token)


def test_the_twelve_hours_count_from_the_sign_in_and_end_exactly_at_twelve():
    token = signin_cookie.issue(KEY, "dulieu", "abcd", issued=1_000_000)
    assert signin_cookie.read(KEY, token, HOURS, now=1_000_000 + HOURS - 1) is not None
    assert signin_cookie.read(KEY, token, HOURS, now=1_000_000 + HOURS) is None
    # a sign-in from the future beyond the allowed clock skew is refused, within it read
    assert signin_cookie.read(KEY, token, HOURS, now=1_000_000 - signin_cookie.CLOCK_SKEW_S) is not None
    assert signin_cookie.read(KEY, token, HOURS, now=1_000_000 - signin_cookie.CLOCK_SKEW_S - 1) is None


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),  # the signature
        lambda t: "e" + t[1:] if t[0] != "e" else "f" + t[1:],  # the payload
        lambda t: t.replace(".", ""),  # no separator
        lambda t: t + ".x",  # two separators
        lambda t: "",
        lambda t: "x" * 2000 + "." + t.split(".")[1],
    ],
)
def test_an_altered_cookie_signs_nobody_in(change):
    token = signin_cookie.issue(KEY, "dulieu", "abcd", issued=1_000_000)
    assert signin_cookie.read(KEY, change(token), HOURS, now=1_000_100) is None


def test_a_cookie_signed_with_another_key_is_refused():
    token = signin_cookie.issue(b"other key", "dulieu", "abcd", issued=1_000_000)
    assert signin_cookie.read(KEY, token, HOURS, now=1_000_100) is None
    assert signin_cookie.read(KEY, None, HOURS) is None


def test_a_revoked_cookie_is_refused_and_others_are_not():
    kept = signin_cookie.issue(KEY, "dulieu", "abcd")
    gone = signin_cookie.issue(KEY, "lanhdao", "abcd")
    signin_cookie.revoke(gone, HOURS)
    assert signin_cookie.read(KEY, gone, HOURS) is None
    assert signin_cookie.read(KEY, kept, HOURS) is not None
    signin_cookie.revoke(None, HOURS)  # nothing to revoke: no error


def test_the_fingerprint_changes_with_the_password_hash_or_the_role():
    base = signin_cookie.fingerprint("$argon2id$hash1", "data_officer")
    assert base == signin_cookie.fingerprint("$argon2id$hash1", "data_officer")
    assert base != signin_cookie.fingerprint("$argon2id$hash2", "data_officer")
    assert base != signin_cookie.fingerprint("$argon2id$hash1", "leadership")


def test_the_key_file_is_made_once_private_and_reused_and_the_setting_wins(tmp_path, monkeypatch):
    monkeypatch.delenv(signin_cookie.KEY_ENV, raising=False)
    accounts_path = tmp_path / "cfg" / "accounts.toml"
    first = signin_cookie.signing_key(accounts_path)
    path = signin_cookie.key_file(accounts_path)
    assert first is not None and len(first) == 32 and path.name == "accounts.signin-key"
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert signin_cookie.signing_key(accounts_path) == first
    monkeypatch.setenv(signin_cookie.KEY_ENV, "shared by every replica")
    assert signin_cookie.signing_key(accounts_path) == b"shared by every replica"


def test_an_unreadable_key_means_no_cookie_rather_than_an_error(tmp_path, monkeypatch):
    monkeypatch.delenv(signin_cookie.KEY_ENV, raising=False)
    accounts_path = tmp_path / "accounts.toml"
    signin_cookie.key_file(accounts_path).write_text("not hex", "ascii")
    assert signin_cookie.signing_key(accounts_path) is None


def test_the_browser_statement_holds_only_the_cookie():
    token = signin_cookie.issue(KEY, "dulieu", "abcd")
    script = signin_cookie.set_script(token)
    assert f"{signin_cookie.COOKIE}={token}; Path=/; SameSite=Strict" in script
    assert "Max-Age" not in script and "Expires" not in script  # a session cookie: gone with the browser
    assert "Max-Age=0" in signin_cookie.clear_script()
    with pytest.raises(ValueError):
        signin_cookie.set_script('x"; alert(1); "')


# ---- the dashboard ------------------------------------------------------------------------
@pytest.fixture()
def officer(tmp_path, monkeypatch, fixture_root):
    path = tmp_path / "accounts.toml"
    accounts.add("dulieu", "data_officer", PASSWORD, path=path)
    monkeypatch.setenv("CNNT_ACCOUNTS_FILE", str(path))
    monkeypatch.setenv("CNNT_DATA_DIR", str(fixture_root))
    monkeypatch.setenv("CNNT_OPEN_ROLE", "public")
    monkeypatch.delenv(signin_cookie.KEY_ENV, raising=False)
    return path


def _browser(monkeypatch, token: str | None) -> AppTest:
    """A new session of a browser that sends ``token`` as its sign-in cookie."""
    monkeypatch.setattr(auth, "_browser_token", lambda: token)
    at = AppTest.from_file(str(PROJECT / "dashboard.py"), default_timeout=60)
    at.run()
    assert not at.exception
    return at


def _to_sign_in_page(at: AppTest) -> None:
    from streamlit.navigation.page import calc_hash

    at._page_hash = calc_hash(auth.SIGN_IN_PATH)
    at.run()


def _sign_in(at: AppTest) -> None:
    _to_sign_in_page(at)
    at.text_input(key="auth_name").input("dulieu")
    at.text_input(key="auth_password").input(PASSWORD)
    next(b for b in at.button if b.label == "Đăng nhập").click()
    at.run()


def _role(at: AppTest) -> str:
    return at.session_state["_cnnt_identity"].role


def test_signing_in_hands_the_browser_a_cookie_and_a_reload_with_it_is_signed_in(monkeypatch, officer):
    at = _browser(monkeypatch, None)
    _sign_in(at)
    assert _role(at) == "data_officer"
    token = at.session_state[auth._COOKIE_TOKEN]
    shown = [h.proto.body for h in at.get("html")]
    assert any(f"{signin_cookie.COOKIE}={token}" in body for body in shown)  # the browser was told
    at.run()
    assert not at.get("html")  # once
    reloaded = _browser(monkeypatch, token)
    assert _role(reloaded) == "data_officer"
    assert reloaded.session_state[auth.SIGNED_IN]["at"] == at.session_state[auth.SIGNED_IN]["at"]


def test_without_the_cookie_or_with_another_one_a_reload_is_not_signed_in(monkeypatch, officer):
    at = _browser(monkeypatch, None)
    _sign_in(at)
    token = at.session_state[auth._COOKIE_TOKEN]
    assert _role(_browser(monkeypatch, None)) == "public"
    forged = signin_cookie.issue(b"not the key", "dulieu", token.split(".")[0])
    assert _role(_browser(monkeypatch, forged)) == "public"


@pytest.mark.parametrize(
    "change",
    [
        lambda path: accounts.set_password("dulieu", PASSWORD + "-moi", path),
        lambda path: accounts.set_role("dulieu", "planner", path),
        lambda path: accounts.disable("dulieu", path),
    ],
    ids=["new password", "new role", "disabled"],
)
def test_a_new_password_a_new_role_or_a_disabled_account_ends_the_cookie(monkeypatch, officer, change):
    at = _browser(monkeypatch, None)
    _sign_in(at)
    token = at.session_state[auth._COOKIE_TOKEN]
    assert _role(_browser(monkeypatch, token)) == "data_officer"
    assert not _ended(_browser(monkeypatch, token))
    change(officer)
    reloaded = _browser(monkeypatch, token)
    assert _role(reloaded) == "public"
    assert _ended(reloaded) == [
        "Lần đăng nhập trước đã kết thúc: mật khẩu hoặc vai trò của tài khoản đã đổi, "
        "hoặc tài khoản đã bị khóa. Hãy đăng nhập lại."
    ]  # told why, not silently out
    _to_sign_in_page(reloaded)
    assert [i.value for i in reloaded.info if "đã kết thúc" in i.value]  # and on the sign-in page


def _ended(at: AppTest) -> list[str]:
    return [c.value for c in at.sidebar.caption if c.value.startswith("Lần đăng nhập trước")]


def test_a_sign_in_over_its_hours_ends_and_says_so_and_signing_in_again_clears_the_note(monkeypatch, officer):
    at = _browser(monkeypatch, None)
    _sign_in(at)
    assert _role(at) == "data_officer" and not _ended(at)
    signed = dict(at.session_state[auth.SIGNED_IN])
    signed["at"] -= auth.SIGN_IN_HOURS * 3600  # exactly the hours: over
    at.session_state[auth.SIGNED_IN] = signed
    at.run()
    assert _role(at) == "public"
    assert _ended(at) == [f"Lần đăng nhập trước đã hết hạn sau {auth.SIGN_IN_HOURS} giờ. Hãy đăng nhập lại."]
    _sign_in(at)
    assert _role(at) == "data_officer" and not _ended(at)


def test_signing_out_clears_the_cookie_and_the_old_cookie_no_longer_signs_in(monkeypatch, officer):
    at = _browser(monkeypatch, None)
    _sign_in(at)
    token = at.session_state[auth._COOKIE_TOKEN]
    monkeypatch.setattr(auth, "_browser_token", lambda: token)  # the browser now sends it
    at.run()
    next(b for b in at.button if b.key == "auth_sign_out").click()
    at.run()
    assert _role(at) == "public"
    assert any("Max-Age=0" in h.proto.body for h in at.get("html"))  # the browser is told to drop it
    assert _role(_browser(monkeypatch, token)) == "public"  # and a reload that still sends it is refused


def test_a_reload_with_a_cookie_older_than_the_hours_is_told_it_expired(monkeypatch, officer):
    """A browser left open past the hours still sends its cookie: not signed in, and told
    why; a cookie signed out of, or not ours, says nothing."""
    import time

    at = _browser(monkeypatch, None)
    _sign_in(at)
    key = signin_cookie.signing_key(officer)
    token = at.session_state[auth._COOKIE_TOKEN]
    print_ = signin_cookie.read(key, token, auth.SIGN_IN_HOURS * 3600)[2]
    old = signin_cookie.issue(key, "dulieu", print_, time.time() - auth.SIGN_IN_HOURS * 3600 - 1)
    reloaded = _browser(monkeypatch, old)
    assert _role(reloaded) == "public"
    assert _ended(reloaded) == [f"Lần đăng nhập trước đã hết hạn sau {auth.SIGN_IN_HOURS} giờ. Hãy đăng nhập lại."]
    assert not _ended(_browser(monkeypatch, signin_cookie.issue(b"another key", "dulieu", print_, time.time() - 10**6)))
    signin_cookie.revoke(old, auth.SIGN_IN_HOURS * 3600)
    assert not _ended(_browser(monkeypatch, old))  # signed out of: nothing to explain
