"""Command line: ``python -m cnnt <command>``.

init                 make an empty data folder ready for the first round
                     (reference tables only; real data start here, never on the sample)
sample [--regenerate] [--scale K]
                     publish the embedded sample snapshot into the sample's own
                     folder (data/sample) if there is none
                     (--regenerate: replace it after changing cnnt/sample.py;
                     --scale K: the sample with every establishment copied K times,
                     new unique ids, for benchmarks; K > 1 needs --data FOLDER)
list                 list snapshots and which one is current
use ID               make snapshot ID current (rollback or roll forward)
check [ID]           validate a snapshot and run the data checks
docs                 write docs/data-contract.md from cnnt/schema.py
template [FILE]      write the officers' Excel template
import FILE... [--owner O] [--level L] [--year Y] [--decision-no N] [--decision-date D]
       [--add-only] [--by NAME] [--publish] [--accept-warnings]
                     check files (the template, or announcement lists as published)
                     against the current snapshot, list every problem (VI/EN), stage
                     a snapshot; a file replaces the rounds/years it covers unless
                     --add-only; --publish makes it current
withdraw TABLE KEY... [--reason TEXT] [--publish]
                     stage a snapshot without some rows (entries, financials,
                     support, published_figures); nothing is edited in place
users list|add|disable|enable|passwd|role, publish ID, hide ID, unhide ID, clean
                     accounts, publishing a stage, withdrawing whole snapshots,
                     housekeeping: see cnnt/admin_cli.py
report --from Y --to Y [--scope merged|daklak_old|phuyen_old] [--lang vi|en]
       [--format docx|pdf] [--out FILE] [...]
                     write the draft review report: see cnnt/report_cli.py

Every change to the data (use, --publish, publish, hide) records the
operating-system user and is refused when there is none; --by is ignored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cnnt import admin_cli, report_cli, schema
from cnnt.db import PROJECT_ROOT, SAMPLE_ROOT, Database, check_names, default_data_root
from cnnt.store import Store
from cnnt.validate import validate_tables


def publish_sample(root: Path, regenerate: bool = False, scale: int = 1) -> str:
    """Publish the sample snapshot into the sample's own data root unless it is there;
    returns its id.

    ``scale`` K > 1 publishes the sample copied K times (:mod:`cnnt.scale`), labelled
    ``sample-xK``, into another root (never the embedded sample's).

    ``regenerate`` replaces the sample snapshot (for developers, after changing
    cnnt/sample.py or the contract); a root with real data is refused by the store.
    """
    import shutil

    from cnnt.sample import SAMPLE_CREATED_AT, build_sample
    from cnnt.store import PUBLISHED

    store = Store(root)
    existing = [s for s in store.list() if s.ok and s.is_sample and int(s.manifest.get("scale", 1)) == scale]
    if existing and not regenerate:
        if store.resolve().snapshot is None or not store.current_id():
            store.set_current(existing[0].id, by="cnnt.sample")
        return existing[0].id
    for s in store.list():  # older sample snapshots, also those of an older contract
        if s.manifest.get("is_sample"):
            shutil.rmtree(s.path)
            (root / PUBLISHED / s.id).unlink(missing_ok=True)
    tables = build_sample()
    if scale > 1:
        from cnnt.scale import scale_tables

        tables = scale_tables(tables, scale)
    info = store.publish(
        tables,
        label="sample" if scale == 1 else f"sample-x{scale}",
        is_sample=True,
        created_at=SAMPLE_CREATED_AT,
        published_by="cnnt.sample",
        extra={"scale": scale} if scale > 1 else None,
    )
    return info.id


def _os_user() -> str:
    """Who runs the command, for the publishing log."""
    return admin_cli.os_user()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cnnt", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--data", type=Path, default=None, help="data folder (default: $CNNT_DATA_DIR or data/province)"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("init")
    p_sample = sub.add_parser("sample")
    p_sample.add_argument("--regenerate", action="store_true")
    p_sample.add_argument("--scale", type=int, default=1, help="copy every establishment K times (benchmarks)")
    sub.add_parser("list")
    p_use = sub.add_parser("use")
    p_use.add_argument("snapshot_id")
    p_check = sub.add_parser("check")
    p_check.add_argument("snapshot_id", nargs="?")
    sub.add_parser("docs")
    p_tpl = sub.add_parser("template")
    p_tpl.add_argument("file", nargs="?", default="mau-nhap-lieu-cnnt.xlsx", type=Path)
    p_imp = sub.add_parser("import")
    p_imp.add_argument("files", nargs="+", type=Path)
    p_imp.add_argument("--by", default="")
    p_imp.add_argument("--publish", action="store_true")
    p_imp.add_argument("--accept-warnings", action="store_true")
    p_imp.add_argument("--owner", choices=schema.OWNERS, help="programme owner of an announcement list")
    p_imp.add_argument("--level", choices=schema.LEVELS, help="level of an announcement list's round")
    p_imp.add_argument("--year", type=int, help="year of an announcement list's round")
    p_imp.add_argument("--decision-no", default=None)
    p_imp.add_argument("--decision-date", default=None, help="dd/mm/yyyy")
    p_imp.add_argument("--add-only", action="store_true", help="only add and update; remove nothing")
    p_wd = sub.add_parser("withdraw")
    p_wd.add_argument("table", choices=("entries", "financials", "support", "published_figures"))
    p_wd.add_argument("keys", nargs="+")
    p_wd.add_argument("--reason", default="")
    p_wd.add_argument("--by", default="")
    p_wd.add_argument("--publish", action="store_true")
    admin_cli.add_parsers(sub)
    report_cli.add_parser(sub)
    args = parser.parse_args(argv)
    if args.command == "sample":
        root = (args.data or SAMPLE_ROOT).resolve()
    else:
        root = (args.data or default_data_root()).resolve()
    store = Store(root)
    if args.command in admin_cli.COMMANDS:
        return admin_cli.handle(args, store)
    if args.command == "report":
        return report_cli.handle(args, root)

    if args.command == "sample":
        if args.scale != 1 and (args.data is None or root == SAMPLE_ROOT.resolve()):
            print(
                "--scale K > 1 cần --data THƯ_MỤC khác data/sample / needs --data FOLDER other than data/sample",
                file=sys.stderr,
            )
            return 2
        print(publish_sample(root, args.regenerate, args.scale))
    elif args.command == "init":
        from cnnt.starter import init_store

        made = init_store(store, by=_os_user())
        if made is None:
            print(f"{root}: đã có dữ liệu, không thay đổi / already holds data, unchanged")
        else:
            print(f"{root}: {made}")
    elif args.command == "list":
        current = store.current_id()
        for s in store.list():
            mark = "*" if s.id == current else " "
            state = "ok" if s.ok else f"BROKEN ({s.problem})"
            print(f"{mark} {s.id}  {state}  {'sample' if s.is_sample else ''}")
    elif args.command == "use":
        store.set_current(args.snapshot_id, by=admin_cli.require_os_user(), action="rollback")
        print(args.snapshot_id)
    elif args.command == "check":
        snap = store.resolve(args.snapshot_id).snapshot
        if snap is None:
            print("no valid snapshot / không có bản dữ liệu hợp lệ", file=sys.stderr)
            return 1
        tables = {name: store.read_table(snap.id, name) for name in schema.TABLE_NAMES}
        problems = validate_tables(tables)
        db = Database(root)
        failing = {name: len(db.check(snap.id, name)) for name in check_names()}
        for p in problems:
            print(f"{p.severity}: {p.table} row {p.row} column {p.column}: {p.message_en} / {p.message_vi}")
        for name, n in failing.items():
            print(f"check {name}: {'ok' if n == 0 else f'{n} rows'}")
        return 1 if any(p.severity == "error" for p in problems) or any(failing.values()) else 0
    elif args.command == "template":
        from cnnt import template

        args.file.write_bytes(template.build_template())
        print(args.file)
    elif args.command == "import":
        return _import(store, args)
    elif args.command == "withdraw":
        from cnnt import importer

        _note_by(args)
        result = importer.withdraw(store, args.table, args.keys, by=admin_cli.require_os_user(), reason=args.reason)
        return _report_and_publish(store, result, args, accept_warnings=True)
    elif args.command == "docs":
        out = PROJECT_ROOT / "docs" / "data-contract.md"
        out.write_text(schema.contract_markdown(), "utf-8")
        print(out)
    return 0


def _import(store: Store, args) -> int:
    """The command-line twin of the Data page: check, stage, and optionally publish."""
    from cnnt import importer

    sources = []
    for path in args.files:
        try:
            sources.append((path.name, path.read_bytes()))
        except OSError as exc:
            print(f"error: {path}: không đọc được tệp / cannot read the file ({exc.strerror})", file=sys.stderr)
            return 2
    try:
        decision_date = importer.parse_date(args.decision_date) if args.decision_date else None
    except ValueError:
        print("error: --decision-date: cần dd/mm/yyyy / expected dd/mm/yyyy", file=sys.stderr)
        return 2
    spec = importer.RoundSpec(
        owner=args.owner, level=args.level, year=args.year, decision_no=args.decision_no, decision_date=decision_date
    )
    _note_by(args)
    from cnnt import ops

    ops.housekeeping(store)
    result = importer.run_import(
        store, sources, by=admin_cli.require_os_user(), round_spec=spec, replace=not args.add_only
    )
    return _report_and_publish(store, result, args, accept_warnings=args.accept_warnings)


def _report_and_publish(store: Store, result, args, *, accept_warnings: bool) -> int:
    """Print every problem (VI/EN), the preview, and publish when asked and allowed."""
    from cnnt.store import StaleStage

    for p in result.problems:
        where = " ".join(
            x
            for x in (
                p.file,
                p.sheet and f"[{p.sheet}]",
                p.row and f"dòng/row {p.row}",
                p.column and f"cột/column “{p.column}”",
            )
            if x
        )
        value = f" = {p.value!r}" if p.value is not None else ""
        print(f"{p.severity}: {where}{value}: {p.message_vi} / {p.message_en}")
    read = ", ".join(f"{k}: {v}" for k, v in result.rows_read.items() if v)
    print(f"{len(result.errors)} errors, {len(result.warnings)} warnings; rows read: {read or 0}")
    for line in result.covers:
        print(f"covers: {line}")
    if result.errors or result.staged is None:
        print("Không công bố / not published: the current snapshot is unchanged.")
        return 1
    print(f"staged: {result.staged.id}")
    print(result.changes.to_string(index=False) if len(result.changes) else "no row changes")
    if not args.publish:
        print(f"To publish: re-run with --publish (staged {result.staged.id} was checked against {result.base_id})")
        return 0
    if result.warnings and not accept_warnings:
        print("Có cảnh báo: thêm --accept-warnings để xác nhận / warnings: add --accept-warnings to confirm.")
        return 1
    from cnnt import access
    from cnnt.store import SamePerson

    by = admin_cli.require_os_user()
    try:
        store.publish_staged(result.staged.id, by=by, two_person=access.two_person_rule())
    except SamePerson:
        print(
            f"Không công bố: quy tắc hai người, một người khác phải chạy `python -m cnnt publish {result.staged.id}`. / "
            f"Not published: two-person rule, another user must run `python -m cnnt publish {result.staged.id}`.",
            file=sys.stderr,
        )
        return 1
    except StaleStage as stale:
        print(
            f"Không công bố: bản hiện hành đã đổi từ {stale.base_id} sang {stale.current_id}; hãy chạy lại. / "
            f"Not published: the current snapshot moved from {stale.base_id} to {stale.current_id}; run again.",
            file=sys.stderr,
        )
        return 1
    print(f"published: {result.staged.id}")
    return 0


def _note_by(args) -> None:
    if getattr(args, "by", ""):
        print(
            "--by bị bỏ qua: nhật ký ghi người dùng hệ điều hành. / --by is ignored: the log records the OS user.",
            file=sys.stderr,
        )


def run(argv: list[str] | None = None) -> int:
    """``main`` for people: a message and a non-zero exit, never a traceback."""
    import logging

    try:
        return main(argv)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the command line's last line of defence
        logging.getLogger("cnnt").debug("command failed", exc_info=True)
        print(f"lỗi / error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(run())
