"""Who is using this session, and with which role (Streamlit glue).

Decided at the top of every run, before the navigation is built:

1. **An identity provider** (``[auth]`` in ``.streamlit/secrets.toml``):
   ``st.login``; the signed-in e-mail address is mapped to a role through the
   accounts file (``python -m cnnt users add NAME --email ADDRESS --role R``).
   A signed-in address without a mapping gets the open role.
2. **Local accounts** (:mod:`cnnt.accounts`, a file outside the repository):
   the sign-in page checks the name and password (argon2, rate-limited); the
   session keeps the account name, which is re-checked on every run so that a
   disabled account loses its role at once; a sign-in lasts 12 hours.  A signed
   session cookie (:mod:`cnnt.signin_cookie`) signs the same browser in again
   after a reload, until the browser closes, the officer signs out or the 12 hours
   are over.
3. **Demo**: while the current snapshot is the sample, a visitor who has not
   signed in picks any role in the sidebar (with a banner saying so); what it
   does is recorded as ``demo:<role>``.
4. Otherwise the **open role** (:func:`cnnt.access.open_role`: ``public``
   unless the deployment says otherwise).

Changing data needs an account (1 or 2) or the demo (3), whatever the open
role: :func:`actor` is who is recorded in the publishing log.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from cnnt import access, accounts, signin_cookie
from cnnt.i18n import t

IDENTITY = "_cnnt_identity"  # this run's Identity (server-side only: no widget has this key)
SIGNED_IN = "_cnnt_signed_in"  # {"name": account, "at": epoch seconds} after a local sign-in
DEMO_ROLE = "demo_role"  # the demo switch's widget key (and URL parameter ?demo_role=)
_DEMO_KEPT = "_cnnt_demo_role"  # the demo role, kept apart from the widget (whose state a page change can drop)
SIGN_IN_HOURS = 12
_COOKIE_TOKEN = "_cnnt_cookie_token"  # the sign-in cookie this session holds (revoked on signing out)
_COOKIE_SCRIPT = "_cnnt_cookie_script"  # set or clear the cookie in the browser on the next run
_ENDED = "_cnnt_sign_in_ended"  # why an earlier sign-in no longer holds ("changed", "expired"), to say so
SIGN_IN_PATH = access.ADDRESSES["sign_in"]


@dataclass(frozen=True)
class Identity:
    role: str
    account: str | None = None  # who acts: account name, e-mail address, or demo:<role>
    method: str = "open"  # local | oidc | demo | open
    email: str | None = None  # an identity provider's address (also when it maps to no account)

    @property
    def signed_in(self) -> bool:
        return self.method in ("local", "oidc") and self.account is not None

    @property
    def demo(self) -> bool:
        return self.method == "demo"


def _in_session() -> bool:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    return get_script_run_ctx() is not None


def _session_id() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else "no-session"


def oidc_settings() -> dict | None:
    """The ``[auth]`` section of Streamlit's secrets, or None when there is none."""
    try:
        if "auth" not in st.secrets:
            return None
        return dict(st.secrets["auth"])
    except Exception:  # noqa: BLE001 - no secrets file, or an unreadable one: no identity provider
        return None


def oidc_provider() -> str | None:
    """The provider name to pass to ``st.login`` (None: the default ``[auth]`` provider)."""
    settings = oidc_settings() or {}
    if "client_id" in settings:
        return None
    named = [k for k, v in settings.items() if hasattr(v, "keys")]
    return named[0] if named else None


def local_configured() -> bool:
    return accounts.configured()


def sign_in_offered() -> bool:
    return oidc_settings() is not None or local_configured()


def _sample_is_current() -> bool:
    from cnnt import db
    from cnnt.store import Store

    try:
        snap = Store(db.default_data_root()).resolve().snapshot
    except OSError:
        return False
    return snap is not None and snap.is_sample


def identify() -> Identity:
    """This run's identity (kept in the session for :func:`current_role`)."""
    ident = _identify()
    st.session_state[IDENTITY] = ident
    return ident


def _identify() -> Identity:
    open_role = access.open_role()
    if oidc_settings() is not None:
        try:
            logged_in = bool(st.user.get("is_logged_in"))
        except Exception:  # noqa: BLE001 - a broken provider configuration: nobody is signed in
            logged_in = False
        if logged_in:
            email = str(st.user.get("email") or "").strip().lower()
            verified = st.user.get("email_verified", True) is not False
            account = accounts.by_email(email) if verified else None
            if account is not None:
                return Identity(account.role, email, "oidc", email)
            return Identity(open_role, None, "open", email or None)
    signed = st.session_state.get(SIGNED_IN)
    if not signed and local_configured():
        signed = _signed_in_by_cookie()
    if signed:
        account = accounts.active(signed.get("name", ""))
        if account is not None and time.time() - float(signed.get("at", 0)) < SIGN_IN_HOURS * 3600:
            return Identity(account.role, account.name, "local")
        st.session_state.pop(SIGNED_IN, None)  # disabled, removed or expired: signed out, and told why
        st.session_state[_ENDED] = "expired" if account is not None else "changed"
    if _sample_is_current():
        if st.session_state.get(DEMO_ROLE) in access.ROLES:  # the switch, as the visitor just left it
            st.session_state[_DEMO_KEPT] = st.session_state[DEMO_ROLE]
        if _DEMO_KEPT not in st.session_state:
            asked = st.query_params.get(DEMO_ROLE)
            st.session_state[_DEMO_KEPT] = asked if asked in access.ROLES else open_role
        role = access.valid_role(st.session_state.get(_DEMO_KEPT))
        return Identity(role, f"demo:{role}", "demo")
    return Identity(open_role, None, "open")


def _browser_token() -> str | None:
    """The sign-in cookie this browser sent when the session began, if any."""
    try:
        return st.context.cookies.get(signin_cookie.COOKIE)
    except Exception:  # noqa: BLE001 - no browser (a script run outside a server): no cookie
        return None


def _signing_key() -> bytes | None:
    return signin_cookie.signing_key(accounts.accounts_file())


def _signed_in_by_cookie() -> dict | None:
    """A reload of a signed-in browser: its cookie, checked against the key, the clock and
    the account as it is now, signs this session in again (from the original time)."""
    token = _browser_token()
    key = _signing_key() if token else None
    got = signin_cookie.read(key, token, SIGN_IN_HOURS * 3600) if key else None
    if got is None:
        if key and signin_cookie.read(key, token, float("inf")) is not None:
            st.session_state[_ENDED] = "expired"  # genuine and not signed out, only older than the hours
        return None
    name, issued, print_ = got
    account = accounts.active(name)
    if account is None or print_ != signin_cookie.fingerprint(account.password_hash, account.role):
        st.session_state[_ENDED] = "changed"  # the reader is told why the reload is not signed in
        return None  # disabled, removed, or its password or role changed since
    signed = {"name": account.name, "at": issued}
    st.session_state[SIGNED_IN] = signed
    st.session_state[_COOKIE_TOKEN] = token
    st.session_state.pop(_DEMO_KEPT, None)
    return signed


def _signed_in(account: accounts.Account) -> None:
    now = int(time.time())  # whole seconds, as the cookie keeps it
    st.session_state[SIGNED_IN] = {"name": account.name, "at": now}
    st.session_state.pop(_DEMO_KEPT, None)
    st.session_state.pop(_ENDED, None)
    key = _signing_key()
    if key is not None:
        token = signin_cookie.issue(
            key, account.name, signin_cookie.fingerprint(account.password_hash, account.role), now
        )
        st.session_state[_COOKIE_TOKEN] = token
        st.session_state[_COOKIE_SCRIPT] = signin_cookie.set_script(token)


def current() -> Identity:
    ident = st.session_state.get(IDENTITY) if _in_session() else None
    return ident if isinstance(ident, Identity) else Identity(access.open_role())


def current_role() -> str:
    """The role of this session (outside a session: the open role)."""
    if not _in_session():
        return access.open_role()
    return current().role


def actor() -> str | None:
    """Who is recorded when this session changes data: the signed-in account, ``demo:<role>``
    in the demo, or None (changing data is refused)."""
    ident = current()
    if not access.allows(ident.role, access.DATA):
        return None
    return ident.account if (ident.signed_in or ident.demo) else None


# ---- navigation ----------------------------------------------------------------------
def visibility(path: str) -> str:
    """A page a role may not use is absent from its menu (its URL is refused by :func:`run`)."""
    return "visible" if access.page_allowed(current_role(), Path(path).stem) else "hidden"


def pages(lang: str) -> list:
    """The sign-in page, when there is a way to sign in."""
    if not sign_in_offered():
        return []
    signed_in = current().signed_in  # kept reachable (its address still works) but out of the menu
    page = st.Page(
        sign_in_page,
        title=t("auth.page", lang),
        icon="🔑",
        url_path=SIGN_IN_PATH,
        visibility="hidden" if signed_in else "visible",
    )
    st.session_state["_sign_in_page"] = page
    return [page]


def run(page) -> None:
    """Run the chosen page, or refuse it when this role may not use it."""
    target = getattr(page, "_page", None)
    if callable(target) or access.page_allowed(current_role(), Path(str(target)).stem):
        page.run()
    else:
        refuse()


def refuse() -> None:
    lang = st.session_state.get("lang") or "vi"
    ident = current()
    st.title(t("auth.refused_title", lang))
    st.error(t("auth.refused", lang, role=t(f"role.{ident.role}", lang)), icon="🔒")
    link = st.session_state.get("_sign_in_page")
    if link is not None and not ident.signed_in:
        st.page_link(link, label=t("auth.go_sign_in", lang), icon="🔑")
    elif ident.demo:
        st.caption(t("auth.demo_hint", lang))


# ---- sidebar ----------------------------------------------------------------------------
def sidebar(lang: str) -> None:
    """Who is signed in (or the demo switch), drawn in the sidebar; the demo's banner in the page."""
    ident = current()
    with st.sidebar:
        if ident.demo:
            st.session_state[DEMO_ROLE] = ident.role
            st.selectbox(
                t("auth.demo_switch", lang),
                list(access.ROLES),
                format_func=lambda r: t(f"role.{r}", lang),
                key=DEMO_ROLE,
                help=t("auth.demo_help", lang),
            )
        elif ident.signed_in:
            st.caption(t("auth.signed_in_as", lang, account=ident.account, role=t(f"role.{ident.role}", lang)))
            if st.button(t("auth.sign_out", lang), key="auth_sign_out", icon="🚪"):
                sign_out()
        else:
            who = t("auth.not_signed_in", lang, role=t(f"role.{ident.role}", lang))
            if ident.email:
                who = t("auth.unmapped", lang, email=ident.email, role=t(f"role.{ident.role}", lang))
            st.caption(who)
            ended = ended_note(lang)
            if ended:
                st.caption(ended)
            link = st.session_state.get("_sign_in_page")
            if link is not None and not ident.email:
                st.page_link(link, label=t("auth.go_sign_in", lang), icon="🔑")
            elif ident.email and st.button(t("auth.sign_out", lang), key="auth_sign_out", icon="🚪"):
                sign_out()
        script = st.session_state.pop(_COOKIE_SCRIPT, None)
        if script:  # our own statement setting or clearing the sign-in cookie; nothing from data
            st.html(script, unsafe_allow_javascript=True)
    if ident.demo:
        st.warning(t("auth.demo_banner", lang, role=t(f"role.{ident.role}", lang)), icon="🧪")


def ended_note(lang: str) -> str | None:
    """Why this browser, signed in before, is not any more (a changed account, or the
    hours of a sign-in are over); None when it was not signed in or signed out itself."""
    why = st.session_state.get(_ENDED)
    return t(f"auth.ended_{why}", lang, hours=SIGN_IN_HOURS) if why in ("changed", "expired") else None


def sign_out() -> None:
    for token in {st.session_state.pop(_COOKIE_TOKEN, None), _browser_token()}:
        signin_cookie.revoke(token, SIGN_IN_HOURS * 3600)
    if st.session_state.pop(SIGNED_IN, None):
        st.session_state[_COOKIE_SCRIPT] = signin_cookie.clear_script()
    if oidc_settings() is not None and st.user.get("is_logged_in"):
        st.logout()
    st.rerun()


# ---- the sign-in page -------------------------------------------------------------------
def sign_in_page() -> None:
    lang = st.session_state.get("lang") or "vi"
    ident = current()
    st.title(t("auth.page", lang))
    if ident.signed_in:
        st.success(t("auth.signed_in_as", lang, account=ident.account, role=t(f"role.{ident.role}", lang)))
        if st.button(t("auth.sign_out", lang), key="auth_sign_out_page", icon="🚪"):
            sign_out()
        return
    ended = ended_note(lang)
    if ended:
        st.info(ended, icon="⏱️")
    if oidc_settings() is not None:
        if ident.email:
            st.info(t("auth.unmapped", lang, email=ident.email, role=t(f"role.{ident.role}", lang)))
        elif st.button(t("auth.oidc", lang), key="auth_oidc", type="primary", icon="🔐"):
            provider = oidc_provider()
            st.login(provider) if provider else st.login()
    if local_configured():
        with st.form("auth_form", enter_to_submit=True, clear_on_submit=True):
            name = st.text_input(t("auth.account", lang), key="auth_name", autocomplete="username")
            password = st.text_input(
                t("auth.password", lang), type="password", key="auth_password", autocomplete="current-password"
            )
            submitted = st.form_submit_button(t("auth.submit", lang), type="primary")
        if submitted:
            account = accounts.sign_in(name, password, _session_id())
            if account is None:
                st.error(t("auth.failed", lang, minutes=int(accounts.THROTTLE.window_s // 60)))
            else:
                _signed_in(account)
                st.rerun()
        st.caption(t("auth.kept", lang, hours=SIGN_IN_HOURS))
    st.caption(t("auth.help", lang, role=t(f"role.{ident.role}", lang)))  # the open role (CNNT_OPEN_ROLE)
