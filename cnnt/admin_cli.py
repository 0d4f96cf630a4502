"""Command-line administration (part of ``python -m cnnt``):

users list                          every account: name, role, e-mail, state
users add NAME --role ROLE [--email ADDRESS] [--no-password] [--password-stdin]
                                    a local account (password asked twice, or one
                                    line on stdin); --email maps a sign-in through
                                    the identity provider (st.login) to this role
users disable NAME | enable NAME    a disabled account loses its role at once
users passwd NAME [--password-stdin]
users role NAME ROLE
publish ID                          publish a staged snapshot (the OS user is recorded;
                                    under the two-person rule not the one who staged it)
hide ID --reason TEXT               withdraw a snapshot: no picker offers it, it stays
                                    on disk, the log records who and why
unhide ID                           offer a withdrawn snapshot again
clean                               remove leftovers of killed publishes and staged
                                    snapshots past their retention (cnnt.ops)

The accounts file is ``$CNNT_ACCOUNTS_FILE`` (default ``~/.config/cnnt/accounts.toml``),
outside the repository.  Every change to the data records the operating-system user
and is refused when there is none.
"""

from __future__ import annotations

import getpass
import os
import sys

from cnnt import access, accounts
from cnnt.store import SamePerson, StaleStage, Store

COMMANDS = ("users", "publish", "hide", "unhide", "clean")


def os_user() -> str:
    """Who runs the command, for the publishing log ('' when it cannot be told).

    The account of the process's real user id (from the password database, not from
    ``$USER``, which anyone can set); under ``sudo -u cnnt`` the officer who ran sudo
    is named too (``SUDO_USER``, set by sudo).
    """
    import pwd

    try:
        name = pwd.getpwuid(os.getuid()).pw_name.strip()
    except KeyError:
        return ""
    sudo = os.environ.get("SUDO_USER", "").strip()
    if name and sudo and sudo != name and os.environ.get("SUDO_UID"):
        return f"{sudo} (sudo -u {name})"
    return name


def require_os_user() -> str:
    """The OS user, or an error message on stderr and SystemExit(2)."""
    name = os_user()
    if not name:
        print(
            "Không xác định được người dùng hệ điều hành; không thay đổi gì. / "
            "Cannot tell the operating-system user; nothing changed.",
            file=sys.stderr,
        )
        raise SystemExit(2)
    return name


def add_parsers(sub) -> None:
    p_users = sub.add_parser("users", help="local accounts and e-mail → role mapping")
    users = p_users.add_subparsers(dest="users_command", required=True)
    users.add_parser("list")
    p_add = users.add_parser("add")
    p_add.add_argument("name")
    p_add.add_argument("--role", required=True, choices=access.ROLES)
    p_add.add_argument("--email", default="")
    p_add.add_argument("--no-password", action="store_true", help="only for sign-in through the provider")
    p_add.add_argument("--password-stdin", action="store_true")
    for name in ("disable", "enable"):
        users.add_parser(name).add_argument("name")
    p_pw = users.add_parser("passwd")
    p_pw.add_argument("name")
    p_pw.add_argument("--password-stdin", action="store_true")
    p_role = users.add_parser("role")
    p_role.add_argument("name")
    p_role.add_argument("role", choices=access.ROLES)
    sub.add_parser("publish").add_argument("snapshot_id")
    p_hide = sub.add_parser("hide")
    p_hide.add_argument("snapshot_id")
    p_hide.add_argument("--reason", required=True)
    p_unhide = sub.add_parser("unhide")
    p_unhide.add_argument("snapshot_id")
    p_unhide.add_argument("--reason", default="")
    sub.add_parser("clean")


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Mật khẩu / password: ")
    if getpass.getpass("Nhập lại / again: ") != first:
        raise accounts.AccountError("hai lần nhập khác nhau / the two entries differ")
    return first


def _users(args) -> int:
    cmd = args.users_command
    if cmd == "list":
        found = accounts.load()
        print(f"# {accounts.accounts_file()}")
        for a in sorted(found.values(), key=lambda x: x.name):
            state = "disabled" if a.disabled else "active"
            login = "password" if a.password_hash else "provider"
            print(f"{a.name}\t{a.role}\t{a.email or '-'}\t{login}\t{state}")
        return 0
    if cmd == "add":
        password = None if args.no_password else _password(args.password_stdin)
        a = accounts.add(args.name, args.role, password, email=args.email)
    elif cmd == "disable":
        a = accounts.disable(args.name)
    elif cmd == "enable":
        a = accounts.enable(args.name)
    elif cmd == "passwd":
        a = accounts.set_password(args.name, _password(args.password_stdin))
    else:
        a = accounts.set_role(args.name, args.role)
    print(f"{a.name}\t{a.role}\t{'disabled' if a.disabled else 'active'}\t{accounts.accounts_file()}")
    return 0


def handle(args, store: Store) -> int:
    """Run one of :data:`COMMANDS`; messages (VI/EN) instead of tracebacks for known refusals."""
    try:
        if args.command == "users":
            return _users(args)
        if args.command == "clean":
            from cnnt import ops

            done = ops.housekeeping(store)
            print(f"temporary: {done['temporary']}; staged removed: {', '.join(done['staged']) or '-'}")
            return 0
        by = require_os_user()
        if args.command == "publish":
            store.publish_staged(args.snapshot_id, by=by, two_person=access.two_person_rule())
            print(f"published: {args.snapshot_id}")
        elif args.command == "hide":
            store.hide(args.snapshot_id, by=by, reason=args.reason)
            print(f"withdrawn: {args.snapshot_id}")
        elif args.command == "unhide":
            store.unhide(args.snapshot_id, by=by, reason=args.reason)
            print(f"restored: {args.snapshot_id}")
        return 0
    except accounts.AccountError as exc:
        print(f"lỗi / error: {exc}", file=sys.stderr)
        return 2
    except SamePerson as exc:
        print(
            f"Không công bố: quy tắc hai người, {exc.by} đã nạp bản này. / "
            f"Not published: two-person rule, {exc.by} staged it.",
            file=sys.stderr,
        )
        return 1
    except StaleStage as exc:
        print(
            f"Không công bố: bản hiện hành đã đổi sang {exc.current_id}. / "
            f"Not published: the current snapshot moved to {exc.current_id}.",
            file=sys.stderr,
        )
        return 1
    except ValueError as exc:
        print(f"lỗi / error: {exc}", file=sys.stderr)
        return 1
