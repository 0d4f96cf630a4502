"""Local accounts for a Department without an identity provider.

One TOML file outside the repository (``$CNNT_ACCOUNTS_FILE``, default
``~/.config/cnnt/accounts.toml``, readable by its owner only) holds, per
account, its role, an argon2id hash of its password (salted, with the
parameters inside the hash), whether it is disabled, and optionally the e-mail
address by which a sign-in through an identity provider (``st.login``) is
mapped to the same role.  ``python -m cnnt users add|disable|enable|passwd|list``
manages it; the dashboard only reads it.

Failed sign-ins are counted per account and per browser session
(:class:`Throttle`); the message never says which part was wrong, and an
unknown account costs the same hashing time as a known one.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import threading
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from cnnt import access

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = Path("~/.config/cnnt/accounts.toml")
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._@+-]{1,63}$")
MIN_PASSWORD = 10
_HASHER = PasswordHasher()  # argon2id, RFC 9106 low-memory profile
_DUMMY_HASH = _HASHER.hash("not a password of anyone")  # verified against for unknown accounts


class AccountError(Exception):
    """A command on the accounts file that cannot be done (message for the officer)."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    password_hash: str = ""
    email: str = ""
    disabled: bool = False
    created: str = ""
    changed: str = ""

    @property
    def active(self) -> bool:
        return not self.disabled and self.role in access.ROLES


def accounts_file() -> Path:
    """Where the accounts live: ``$CNNT_ACCOUNTS_FILE`` or ``~/.config/cnnt/accounts.toml``."""
    return Path(os.environ.get("CNNT_ACCOUNTS_FILE") or DEFAULT_FILE).expanduser().resolve()


def _inside_repository(path: Path) -> bool:
    return path == PROJECT_ROOT or PROJECT_ROOT in path.parents


# ---- reading ---------------------------------------------------------------------------
_CACHE: dict[Path, tuple[tuple[int, int], dict[str, Account]]] = {}
_CACHE_LOCK = threading.Lock()


def load(path: Path | None = None) -> dict[str, Account]:
    """Every account in the file (none when it does not exist), re-read when it changes.

    A file inside the repository is ignored: secrets never live next to the code.
    """
    path = path or accounts_file()
    if _inside_repository(path):
        return {}
    try:
        stat = path.stat()
    except OSError:
        return {}
    key = (stat.st_mtime_ns, stat.st_size)
    with _CACHE_LOCK:
        cached = _CACHE.get(path)
        if cached and cached[0] == key:
            return cached[1]
    try:
        raw = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return {}
    found = {}
    for name, entry in (raw.get("accounts") or {}).items():
        if not isinstance(entry, dict) or not NAME_PATTERN.match(str(name)):
            continue
        found[name] = Account(
            name=name,
            role=str(entry.get("role", "")),
            password_hash=str(entry.get("hash", "")),
            email=str(entry.get("email", "")).strip().lower(),
            disabled=bool(entry.get("disabled", False)),
            created=str(entry.get("created", "")),
            changed=str(entry.get("changed", "")),
        )
    with _CACHE_LOCK:
        _CACHE[path] = (key, found)
    return found


def configured(path: Path | None = None) -> bool:
    """Local sign-in is offered when the file holds at least one account with a password."""
    return any(a.password_hash for a in load(path).values())


def active(name: str, path: Path | None = None) -> Account | None:
    """The account if it exists and is not disabled (checked on every page run)."""
    account = load(path).get(name)
    return account if account is not None and account.active else None


def by_email(email: str, path: Path | None = None) -> Account | None:
    """The active account mapped to an identity provider's e-mail address."""
    email = (email or "").strip().lower()
    if not email:
        return None
    for account in load(path).values():
        if account.email == email and account.active:
            return account
    return None


def verify(name: str, password: str, path: Path | None = None) -> Account | None:
    """The account when the name and password match an active account, else None.

    An unknown or disabled account is verified against a dummy hash, so that the
    time taken says nothing about which part was wrong.
    """
    account = load(path).get((name or "").strip().lower())
    target = account.password_hash if account is not None and account.password_hash else _DUMMY_HASH
    try:
        ok = _HASHER.verify(target, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        ok = False
    if not ok or account is None or not account.active or not account.password_hash:
        return None
    return account


# ---- writing (the command line) --------------------------------------------------------
def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dump(accounts: dict[str, Account]) -> str:
    lines = [
        "# CNNT Đắk Lắk: local accounts. Managed by `python -m cnnt users`; do not edit by hand,",
        "# do not copy into the repository. Passwords are stored as argon2id hashes only.",
        "",
    ]
    for a in sorted(accounts.values(), key=lambda x: x.name):
        lines.append(f"[accounts.{_quote(a.name)}]")
        lines.append(f"role = {_quote(a.role)}")
        if a.password_hash:
            lines.append(f"hash = {_quote(a.password_hash)}")
        if a.email:
            lines.append(f"email = {_quote(a.email)}")
        lines.append(f"disabled = {'true' if a.disabled else 'false'}")
        lines.append(f"created = {_quote(a.created)}")
        lines.append(f"changed = {_quote(a.changed)}")
        lines.append("")
    return "\n".join(lines)


def save(accounts: dict[str, Account], path: Path | None = None) -> Path:
    """Write the file atomically, readable by its owner only; refuse a path inside the repository."""
    path = path or accounts_file()
    if _inside_repository(path):
        raise AccountError(
            f"{path}: tệp tài khoản phải nằm ngoài thư mục mã nguồn / "
            "the accounts file must live outside the repository (set CNNT_ACCOUNTS_FILE)"
        )
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(_dump(accounts))
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    with _CACHE_LOCK:
        _CACHE.pop(path, None)
    return path


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _check_name(name: str) -> str:
    name = (name or "").strip().lower()
    if not NAME_PATTERN.match(name):
        raise AccountError(
            f"{name!r}: tên tài khoản 2–64 ký tự a-z 0-9 . _ @ + - / "
            "account names are 2–64 characters of a-z 0-9 . _ @ + -"
        )
    return name


def _check_role(role: str) -> str:
    if role not in access.ROLES:
        raise AccountError(f"{role!r}: vai trò / role must be one of {', '.join(access.ROLES)}")
    return role


def _check_password(password: str) -> str:
    if len(password or "") < MIN_PASSWORD:
        raise AccountError(f"mật khẩu ít nhất {MIN_PASSWORD} ký tự / the password needs {MIN_PASSWORD} characters")
    return password


def add(name: str, role: str, password: str | None, *, email: str = "", path: Path | None = None) -> Account:
    """A new account (with a password, or only an e-mail address for ``st.login``)."""
    name, role = _check_name(name), _check_role(role)
    accounts = dict(load(path))
    if name in accounts:
        raise AccountError(f"{name}: đã có tài khoản này / the account exists")
    if not password and not email:
        raise AccountError("cần mật khẩu hoặc e-mail / a password or an e-mail address is needed")
    account = Account(
        name=name,
        role=role,
        password_hash=_HASHER.hash(_check_password(password)) if password else "",
        email=email.strip().lower(),
        created=_now(),
        changed=_now(),
    )
    accounts[name] = account
    save(accounts, path)
    return account


def _change(name: str, path: Path | None, **changes) -> Account:
    accounts = dict(load(path))
    name = (name or "").strip().lower()
    if name not in accounts:
        raise AccountError(f"{name}: không có tài khoản này / no such account")
    old = accounts[name]
    account = Account(**{**old.__dict__, **changes, "changed": _now()})
    accounts[name] = account
    save(accounts, path)
    return account


def disable(name: str, path: Path | None = None) -> Account:
    """Disabled at once: a signed-in session loses its role on its next page run."""
    return _change(name, path, disabled=True)


def enable(name: str, path: Path | None = None) -> Account:
    return _change(name, path, disabled=False)


def set_password(name: str, password: str, path: Path | None = None) -> Account:
    return _change(name, path, password_hash=_HASHER.hash(_check_password(password)))


def set_role(name: str, role: str, path: Path | None = None) -> Account:
    return _change(name, path, role=_check_role(role))


# ---- failed sign-ins -------------------------------------------------------------------
class Throttle:
    """Failed sign-ins within a window, per account name and per session.

    After ``per_account`` failures for a name (whoever tried) or ``per_session``
    failures in one browser session, further attempts are refused without
    checking the password until the oldest failure leaves the window.  Process-
    wide (one server process serves every session).
    """

    def __init__(self, per_account: int = 5, per_session: int = 10, window_s: float = 15 * 60):
        self.per_account, self.per_session, self.window_s = per_account, per_session, window_s
        self._failures: dict[tuple[str, str], list[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> list[float]:
        times = [t for t in self._failures.get(key, []) if now - t < self.window_s]
        if times:
            self._failures[key] = times
        else:
            self._failures.pop(key, None)
        return times

    def blocked(self, account: str, session: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        with self._lock:
            return (
                len(self._recent(("account", account.strip().lower()), now)) >= self.per_account
                or len(self._recent(("session", session), now)) >= self.per_session
            )

    def failed(self, account: str, session: str, now: float | None = None) -> None:
        now = time.monotonic() if now is None else now
        with self._lock:
            for key in (("account", account.strip().lower()), ("session", session)):
                self._failures.setdefault(key, []).append(now)
            if len(self._failures) > 10_000:  # bound the memory a flood of names could take
                for key in list(self._failures)[:5_000]:
                    self._failures.pop(key, None)

    def succeeded(self, account: str, session: str) -> None:
        with self._lock:
            self._failures.pop(("session", session), None)


THROTTLE = Throttle()


def sign_in(name: str, password: str, session: str, path: Path | None = None) -> Account | None:
    """Check a sign-in attempt with the throttle: the account, or None (no reason given)."""
    if THROTTLE.blocked(name or "", session):
        _HASHER.verify(_DUMMY_HASH, "not a password of anyone")  # the same cost as a real check
        return None
    account = verify(name, password, path)
    if account is None:
        THROTTLE.failed(name or "", session)
        return None
    THROTTLE.succeeded(name, session)
    return account
