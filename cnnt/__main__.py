"""Command line: ``python -m cnnt <command>``.

sample [--regenerate]  publish the embedded sample snapshot if there is none
                      (--regenerate: replace it after changing cnnt/sample.py)
list                 list snapshots and which one is current
use ID               make snapshot ID current (rollback or roll forward)
check [ID]           validate a snapshot and run the data checks
docs                 write docs/data-contract.md from cnnt/schema.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cnnt import schema
from cnnt.db import PROJECT_ROOT, Database, check_names, default_data_root
from cnnt.store import Store
from cnnt.validate import validate_tables


def publish_sample(root: Path, regenerate: bool = False) -> str:
    """Publish the sample snapshot unless there is one; returns its id.

    ``regenerate`` replaces the sample snapshot (for developers, after changing
    cnnt/sample.py); snapshots of real data are never touched.
    """
    import shutil

    from cnnt.sample import SAMPLE_CREATED_AT, build_sample

    store = Store(root)
    existing = [s for s in store.list() if s.ok and s.is_sample]
    if existing and not regenerate:
        if store.resolve().snapshot is None or not store.current_id():
            store.set_current(existing[0].id)
        return existing[0].id
    current = store.current_id()
    was_sample = current is None or any(s.id == current for s in existing)
    for s in existing:
        shutil.rmtree(s.path)
    info = store.publish(
        build_sample(),
        label="sample",
        is_sample=True,
        created_at=SAMPLE_CREATED_AT,
        published_by="cnnt.sample",
        make_current=was_sample,
    )
    return info.id


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m cnnt", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: data/ or $CNNT_DATA_DIR)")
    sub = parser.add_subparsers(dest="command", required=True)
    p_sample = sub.add_parser("sample")
    p_sample.add_argument("--regenerate", action="store_true")
    sub.add_parser("list")
    p_use = sub.add_parser("use")
    p_use.add_argument("snapshot_id")
    p_check = sub.add_parser("check")
    p_check.add_argument("snapshot_id", nargs="?")
    sub.add_parser("docs")
    args = parser.parse_args(argv)
    root = (args.data or default_data_root()).resolve()
    store = Store(root)

    if args.command == "sample":
        print(publish_sample(root, args.regenerate))
    elif args.command == "list":
        current = store.current_id()
        for s in store.list():
            mark = "*" if s.id == current else " "
            state = "ok" if s.ok else f"BROKEN ({s.problem})"
            print(f"{mark} {s.id}  {state}  {'sample' if s.is_sample else ''}")
    elif args.command == "use":
        store.set_current(args.snapshot_id)
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
    elif args.command == "docs":
        out = PROJECT_ROOT / "docs" / "data-contract.md"
        out.write_text(schema.contract_markdown(), "utf-8")
        print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
