"""``python -m cnnt report``: the draft review report from the command line.

    python -m cnnt report --from 2021 --to 2025 --scope merged --lang vi --format docx
    python -m cnnt --data data/sample report --from 2021 --to 2025 --format pdf --out bao-cao.pdf

Options mirror the dashboard's sidebar: the years, the scope (the merged
province or one former province), and optionally levels, product groups and
old districts (comma-separated codes: provincial,regional; G1,G2; L643,L656).
``--as-of`` is the day certificates are counted valid on (default: today).
Without ``--out`` the file is named after the period, scope and snapshot.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

SCOPES = ("merged", "daklak_old", "phuyen_old")


def _codes(text: str | None) -> list[str] | None:
    items = [x.strip() for x in (text or "").split(",") if x.strip()]
    return items or None


def _date(text: str) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        return dt.date.fromisoformat(text)


def add_parser(sub) -> None:
    p = sub.add_parser("report", help="write the draft review report (docx or pdf)")
    p.add_argument("--from", dest="year_from", type=int, required=True, help="first year of the period")
    p.add_argument("--to", dest="year_to", type=int, required=True, help="last year of the period")
    p.add_argument("--scope", choices=SCOPES, default="merged")
    p.add_argument("--lang", choices=("vi", "en"), default="vi")
    p.add_argument("--format", dest="fmt", choices=("docx", "pdf"), default="docx")
    p.add_argument("--out", type=Path, default=None, help="output file (default: named after period and snapshot)")
    p.add_argument("--snapshot", default=None, help="snapshot id (default: the current one)")
    p.add_argument("--levels", default=None, help="comma-separated: provincial,regional,national")
    p.add_argument("--groups", default=None, help="comma-separated product group codes, e.g. G1,G2")
    p.add_argument("--districts", default=None, help="comma-separated old district unit ids, e.g. L643")
    p.add_argument("--as-of", dest="as_of", type=_date, default=None, help="count certificates valid on dd/mm/yyyy")
    p.add_argument("--no-charts", dest="charts", action="store_false", help="leave the chart images out")


def handle(args, root: Path) -> int:
    from cnnt import schema
    from cnnt.report import Options, build_report, write_report

    if args.year_from > args.year_to:
        print("lỗi / error: --from > --to", file=sys.stderr)
        return 2
    levels = _codes(args.levels)
    bad = [lv for lv in levels or [] if lv not in schema.LEVELS]
    if bad:
        print(f"lỗi / error: --levels: {', '.join(bad)} (expected {', '.join(schema.LEVELS)})", file=sys.stderr)
        return 2
    options = Options(
        year_from=args.year_from,
        year_to=args.year_to,
        scope=None if args.scope == "merged" else args.scope,
        lang=args.lang,
        levels=levels,
        groups=_codes(args.groups),
        districts=_codes(args.districts),
        as_of=args.as_of,
        charts=args.charts,
    )
    report = build_report(root, options, args.snapshot)
    out = args.out or Path(report.file_name(args.fmt))
    out.write_bytes(write_report(report, args.fmt))
    print(out)
    return 0
