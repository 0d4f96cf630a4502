"""A local sign-in that survives reloading the page (no Streamlit here).

Streamlit keeps a sign-in in the browser session's server-side state, which a reload
(F5) or a second tab starts afresh: an officer halfway through loading a round was
signed out by pressing F5.  After a sign-in the browser is given a cookie naming the
account and the time of the sign-in, signed with a key only the server has (HMAC-SHA256);
a new session of the same browser presents it (``st.context.cookies``) and is signed in
again, until the sign-in's 12 hours are over.

What a cookie cannot do:

* outlive its sign-in: the server counts the 12 hours from the time inside it;
* outlive a change to the account: it carries a fingerprint of the account's password
  hash and role, so a new password or role ends every earlier sign-in, and a disabled
  or removed account is refused as before (the caller re-checks the account);
* be made or altered without the key (a changed byte fails the signature);
* outlive the browser: it is a session cookie (no expiry date), gone when the browser
  closes, so a shared office computer does not keep an officer signed in overnight;
* come back after signing out: the browser is told to drop it, and this process refuses
  it from then on (:func:`revoke`; another replica relies on the browser dropping it).

The key: ``$CNNT_SIGNIN_KEY`` (the same on every replica behind a load balancer), or
a file beside the accounts file (``accounts.signin-key``, made on first use, readable by
its owner only).  Without a usable key there is no cookie and a reload signs out, as
before.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import threading
import time
from pathlib import Path

COOKIE = "cnnt_signin"
KEY_ENV = "CNNT_SIGNIN_KEY"
CLOCK_SKEW_S = 60  # a sign-in "from the future" by more than this is refused

_revoked: dict[str, float] = {}  # signature → when it was revoked (this process)
_revoked_lock = threading.Lock()


def key_file(accounts_path: Path) -> Path:
    return accounts_path.with_name(accounts_path.stem + ".signin-key")


def signing_key(accounts_path: Path) -> bytes | None:
    """The key cookies are signed with, or None when there is none and none can be made."""
    configured = os.environ.get(KEY_ENV, "")
    if configured:
        return configured.encode("utf-8")
    path = key_file(accounts_path)
    try:
        return bytes.fromhex(path.read_text("ascii").strip())
    except FileNotFoundError:
        pass
    except (OSError, ValueError):
        return None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it just now
        try:
            return bytes.fromhex(path.read_text("ascii").strip())
        except (OSError, ValueError):
            return None
    except OSError:
        return None
    key = secrets.token_bytes(32)
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex())
    return key


def fingerprint(password_hash: str, role: str) -> str:
    """Changes when the account's password or role does (16 hex characters)."""
    return hashlib.sha256(f"{password_hash}\x00{role}".encode()).hexdigest()[:16]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, payload.encode("ascii"), hashlib.sha256).digest())


def issue(key: bytes, name: str, print_: str, issued: float | None = None) -> str:
    """The cookie's value for ``name`` signed in at ``issued`` (now), with the account's
    fingerprint ``print_``.  Only the characters A–Z a–z 0–9 - _ and '.'."""
    body = json.dumps({"n": name, "t": int(issued if issued is not None else time.time()), "f": print_})
    payload = _b64(body.encode("utf-8"))
    return f"{payload}.{_sign(key, payload)}"


def read(key: bytes, token: str | None, max_age_s: float, now: float | None = None) -> tuple[str, float, str] | None:
    """(account name, sign-in time, fingerprint) from a genuine, unexpired, unrevoked
    cookie; None for anything else (absent, malformed, altered, expired, revoked)."""
    if not token or len(token) > 1024 or token.count(".") != 1:
        return None
    payload, signature = token.split(".")
    if not hmac.compare_digest(_sign(key, payload), signature):
        return None
    with _revoked_lock:
        if signature in _revoked:
            return None
    try:
        body = json.loads(_unb64(payload))
        name, issued, print_ = str(body["n"]), float(body["t"]), str(body["f"])
    except (ValueError, KeyError, TypeError):
        return None
    now = time.time() if now is None else now
    if issued > now + CLOCK_SKEW_S or now - issued >= max_age_s:
        return None
    return name, issued, print_


def revoke(token: str | None, max_age_s: float) -> None:
    """Refuse ``token`` in this process from now on (signing out)."""
    if not token or "." not in token:
        return
    now = time.time()
    with _revoked_lock:
        for sig, at in list(_revoked.items()):  # forget what has expired anyway
            if now - at > max_age_s:
                del _revoked[sig]
        _revoked[token.rsplit(".", 1)[1]] = now


def set_script(token: str) -> str:
    """The browser-side statement that stores the cookie (a session cookie, this site only)."""
    if not all(c.isalnum() or c in "-_." for c in token):
        raise ValueError("not a cookie value")
    return _script(f"{COOKIE}={token}; Path=/; SameSite=Strict")


def clear_script() -> str:
    return _script(f"{COOKIE}=; Path=/; Max-Age=0; SameSite=Strict")


def _script(cookie: str) -> str:
    return (
        "<script>document.cookie = "
        + json.dumps(cookie)
        + ' + (location.protocol === "https:" ? "; Secure" : "");</script>'
    )
