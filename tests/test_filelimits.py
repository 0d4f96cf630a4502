"""Uploads that expand far beyond their size are refused before they are read.

Every malicious file is built here, in memory or in a temporary folder, so no
binary is committed; the 200 MB zip bomb is written in a streaming way and is
only about 200 KB on disk.
"""

from __future__ import annotations

import io
import os
import re
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from cnnt.filelimits import LIMITS, MB, FileProblem, Limits, human_bytes, inspect_csv, inspect_xlsx
from tests.conftest import PROJECT
from tests.import_examples import good_workbook

SHEET1 = "xl/worksheets/sheet1.xml"
BOMB_BYTES = 200 * MB


def small_workbook(*titles: str) -> bytes:
    """A real workbook as Excel users send it: a header and a few rows per sheet."""
    wb = openpyxl.Workbook()
    for i, title in enumerate(titles or ("Cơ sở",)):
        ws = wb.active if i == 0 else wb.create_sheet()
        ws.title = title
        ws.append(["Mã cơ sở", "Tên cơ sở", "Năm"])
        ws.append(["E1", "HTX Cà Phê Ea Lai", 2021])
        ws.append(["E2", "Hộ kinh doanh Mật Ong", 2022])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def rewrite(data: bytes, changes: dict[str, Callable[[bytes], bytes] | bytes | None]) -> bytes:
    """A copy of a zip with some parts replaced (bytes), transformed (callable) or dropped (None)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name not in changes:
                dst.writestr(name, src.read(name))
            elif changes[name] is not None:
                change = changes[name]
                dst.writestr(name, change(src.read(name)) if callable(change) else change)
        for name, change in changes.items():
            if name not in src.namelist() and isinstance(change, bytes):
                dst.writestr(name, change)
    return out.getvalue()


def with_dimension(ref: str | None, prefix: str = "") -> Callable[[bytes], bytes]:
    """Replace a sheet's <dimension> (None removes it)."""
    tag = b"" if ref is None else f'<{prefix}dimension ref="{ref}"/>'.encode()
    return lambda xml: re.sub(rb"<dimension [^>]*>", tag, xml, count=1)


def write_streamed_part(zf: zipfile.ZipFile, name: str, head: bytes, chunk: bytes, total: int, tail: bytes) -> None:
    """Write a part of ``total`` bytes chunk by chunk, so the test never holds it in memory."""
    with zf.open(name, "w") as f:
        f.write(head)
        written = len(head)
        while written < total - len(tail):
            piece = chunk[: total - len(tail) - written]
            f.write(piece)
            written += len(piece)
        f.write(tail)


def bomb_workbook(path: Path, size: int = BOMB_BYTES) -> None:
    """A valid-looking workbook whose sheet is ``size`` bytes of repeated XML (a zip bomb)."""
    base = small_workbook()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name != SHEET1:
                dst.writestr(name, src.read(name))
        head = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        write_streamed_part(dst, SHEET1, head, b"<!---->" * 150_000, size, b"</sheetData></worksheet>")


@pytest.fixture(scope="module")
def bomb_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bomb") / "bomb.xlsx"
    bomb_workbook(path)
    return path


def text(problems: list[FileProblem]) -> str:
    return "\n".join(p.message_vi + "\n" + p.message_en for p in problems)


# ---- units ------------------------------------------------------------------------


def test_human_bytes_reads_like_the_limit_shown_to_users():
    assert human_bytes(LIMITS.max_file_bytes, "vi") == "20 MB" == human_bytes(LIMITS.max_file_bytes, "en")
    assert human_bytes(int(1.5 * MB), "vi") == "1,5 MB" and human_bytes(int(1.5 * MB), "en") == "1.5 MB"
    assert human_bytes(512, "en") == "512 B" and human_bytes(2048, "vi") == "2 KB"
    assert human_bytes(3 * 1024 * MB, "en") == "3 GB"


# ---- xlsx: files that must pass -----------------------------------------------------


def test_a_normal_small_workbook_has_no_problem():
    assert inspect_xlsx(small_workbook()) == []
    assert inspect_xlsx(small_workbook("Cơ sở", "Sản phẩm", "Kỳ bình chọn")) == []


def test_the_projects_own_import_template_passes():
    assert inspect_xlsx(good_workbook()) == []


def test_a_sheet_without_dimension_passes_the_reader_still_stops_at_max_rows():
    assert inspect_xlsx(rewrite(small_workbook(), {SHEET1: with_dimension(None)})) == []


def test_a_dimension_just_within_the_limits_passes():
    limit_ref = f"A1:GR{LIMITS.max_rows + 50}"  # GR = column 200
    assert inspect_xlsx(rewrite(small_workbook(), {SHEET1: with_dimension(limit_ref)})) == []


# ---- xlsx: files that must be refused ------------------------------------------------


def incident_workbook() -> bytes:
    """The shape of the file that took the server to 2.9 GB: a few rows and one stray cell at XFD1048576.

    openpyxl declares the range A1:XFD1048576 for it, and its read-only reader
    then hands the importer every missing row padded to 16,384 columns
    (measured: 2.6 GB for the first 20,002 rows of this 5 KB file).
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cơ sở"
    ws.append(["Mã cơ sở", "Tên cơ sở", "Năm"])
    ws.append(["E1", "HTX Cà Phê Ea Lai", 2021])
    ws.cell(1_048_576, 16_384, "x")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def test_the_incident_workbook_declaring_the_whole_grid_is_refused_by_sheet_name():
    data = incident_workbook()
    assert len(data) < 6000
    problems = inspect_xlsx(data)
    assert len(problems) == 1
    p = problems[0]
    assert p.sheet == "Cơ sở"
    assert "A1:XFD1048576" in p.message_vi and "1.048.576 dòng × 16.384 cột" in p.message_vi
    assert "tối đa 20.000 dòng và 200 cột" in p.message_vi
    assert "at most 20,000 rows and 200 columns" in p.message_en and "Cơ sở" in p.message_en
    # the same declaration written by hand into an otherwise normal workbook
    forged = rewrite(small_workbook("Cơ sở"), {SHEET1: with_dimension("A1:XFD1048576")})
    assert [q.sheet for q in inspect_xlsx(forged)] == ["Cơ sở"]


def test_too_many_rows_or_columns_alone_are_refused_and_a_namespace_prefix_does_not_hide_it():
    rows = rewrite(small_workbook(), {SHEET1: with_dimension("A1:C20051")})
    assert "20.051 dòng" in text(inspect_xlsx(rows))
    cols = rewrite(small_workbook(), {SHEET1: with_dimension("A1:GS3")})  # GS = column 201
    assert "201 columns" in text(inspect_xlsx(cols))
    prefixed = rewrite(small_workbook(), {SHEET1: with_dimension("A1:XFD1048576", prefix="x:")})
    assert len(inspect_xlsx(prefixed)) == 1


def test_a_zip_bomb_sheet_is_refused_from_the_zip_directory(bomb_path):
    data = bomb_path.read_bytes()
    assert len(data) < 1 * MB  # 200 MB of XML in well under a megabyte
    problems = inspect_xlsx(data)
    joined = text(problems)
    assert all(p.sheet == "Cơ sở" for p in problems[:2])
    assert "giải nén ra 200 MB, vượt giới hạn 50 MB" in joined
    assert "expands to 200 MB, over the limit of 50 MB" in joined
    assert "at most 200:1" in joined and "tối đa 200:1" in joined
    assert "expands to 200 MB in total, over the limit of 150 MB" in joined


def test_a_small_part_with_an_extreme_ratio_is_refused_with_a_smaller_limit():
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small_workbook())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in src.namelist():
            if name != SHEET1:
                dst.writestr(name, src.read(name))
        write_streamed_part(dst, SHEET1, b"<worksheet><sheetData>", b" " * 65536, 3 * MB, b"</sheetData></worksheet>")
    limits = Limits(max_part_bytes=2 * MB, max_total_uncompressed=2 * MB)
    joined = text(inspect_xlsx(out.getvalue(), limits))
    assert "3 MB, vượt giới hạn 2 MB" in joined and ":1" in joined
    assert "expands to 3 MB in total, over the limit of 2 MB" in joined


def test_huge_shared_strings_are_refused():
    noise = os.urandom(1 * MB).hex().encode()  # 2 MB that does not compress much: only the size is at fault
    strings = (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>' + noise + b"</t></si></sst>"
    )
    data = rewrite(small_workbook(), {"xl/sharedStrings.xml": strings})
    problems = inspect_xlsx(data, Limits(max_shared_strings_bytes=1 * MB))
    assert len(problems) == 1
    assert "xl/sharedStrings.xml" in problems[0].message_en and "over the limit of 1 MB" in problems[0].message_en
    assert inspect_xlsx(data) == []  # 2 MB is fine under the real 30 MB limit


def test_a_non_zip_named_xlsx_and_a_truncated_zip_are_broken_files():
    for data in (b"Ma co so,Ten\nE1,HTX\n", b"\x00" * 100, small_workbook()[:700]):
        problems = inspect_xlsx(data)
        assert len(problems) == 1
        assert "Không mở được tệp Excel" in problems[0].message_vi and "cannot be opened" in problems[0].message_en


def test_a_zip_that_is_not_a_workbook_is_refused():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as zf:
        zf.writestr("word/document.xml", b"<w:document/>")
    assert "not an Excel workbook" in text(inspect_xlsx(out.getvalue()))


def test_a_part_whose_declared_size_lies_cannot_expand_beyond_it():
    """The size checks trust the zip directory; this shows why that is safe."""
    data = bytearray(small_workbook())
    entry = data.find(b"PK\x01\x02")
    while True:  # find the central-directory entry of sheet1 and make it claim 10 bytes
        name_len = struct.unpack_from("<H", data, entry + 28)[0]
        if data[entry + 46 : entry + 46 + name_len] == SHEET1.encode():
            struct.pack_into("<I", data, entry + 24, 10)
            break
        entry = data.find(b"PK\x01\x02", entry + 4)
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as zf, pytest.raises(zipfile.BadZipFile):
        zf.read(SHEET1)  # zipfile stops at the declared size and the CRC check fails
    assert "cannot be opened" in text(inspect_xlsx(bytes(data)))


def test_too_many_sheets_and_too_many_parts_are_refused():
    four = small_workbook("A", "B", "C", "D")
    assert "4 sheets (at most 3)" in text(inspect_xlsx(four, Limits(max_sheets=3)))
    assert "too many internal parts" in text(inspect_xlsx(four, Limits(max_parts=5)))


def test_a_file_over_the_upload_size_is_refused_without_being_opened():
    problems = inspect_xlsx(b"x" * (2 * MB + 1), Limits(max_file_bytes=2 * MB))
    assert len(problems) == 1 and "at most 2 MB" in problems[0].message_en and "tối đa 2 MB" in problems[0].message_vi


PEAK_MEMORY = """
import resource, sys
from cnnt.filelimits import inspect_xlsx, inspect_csv

def peak_kb():
    # VmHWM is the peak of this process image alone.  ru_maxrss is printed too, but on Linux
    # it keeps the parent's peak across fork/exec, so under a large pytest process it would
    # measure pytest rather than the inspection.
    try:
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

data = open(sys.argv[2], "rb").read()
problems = (inspect_xlsx if sys.argv[1] == "xlsx" else inspect_csv)(data)
print(len(problems), peak_kb(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def peak_memory(kind: str, path: Path) -> tuple[int, int]:
    """(problems found, peak RSS in KB) of a fresh interpreter that inspects ``path``."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, kind, str(path)], cwd=PROJECT, capture_output=True, text=True, check=True
    )
    problems, peak_kb, _ru_maxrss_kb = map(int, done.stdout.split())
    return problems, peak_kb


def test_inspecting_the_bomb_keeps_memory_low(bomb_path):
    """The 200 MB bomb is refused with memory of the order of the interpreter itself (about 15 MB)."""
    problems, peak_kb = peak_memory("xlsx", bomb_path)
    assert problems >= 3
    assert peak_kb < 300 * 1024, f"peak RSS {peak_kb / 1024:.0f} MB"


def test_inspecting_the_incident_workbook_and_a_600000_line_csv_keeps_memory_low(tmp_path):
    (tmp_path / "incident.xlsx").write_bytes(incident_workbook())
    (tmp_path / "big.csv").write_bytes(b"id,value\n" + b"1,2\n" * 600_000)
    for kind, name in (("xlsx", "incident.xlsx"), ("csv", "big.csv")):
        problems, peak_kb = peak_memory(kind, tmp_path / name)
        assert problems == 1
        assert peak_kb < 300 * 1024, (name, f"peak RSS {peak_kb / 1024:.0f} MB")


# ---- csv ------------------------------------------------------------------------------


def test_a_normal_csv_passes_even_with_cells_spanning_lines():
    assert inspect_csv("Mã cơ sở,Tên cơ sở\nE1,HTX Cà Phê\n".encode()) == []
    rows = b"".join(b'E%d,"line one\nline two"\n' % i for i in range(LIMITS.max_rows))
    assert rows.count(b"\n") == 2 * LIMITS.max_rows  # 40,000 lines, but 20,000 records
    assert inspect_csv(b"# exported\nid,note\n" + rows) == []


def test_a_600000_line_csv_is_refused():
    data = b"id,value\n" + b"1,2\n" * 600_000
    problems = inspect_csv(data)
    assert len(problems) == 1
    assert "600.001 dòng" in problems[0].message_vi and "tối đa 20.000 dòng" in problems[0].message_vi
    assert "at most 20,000 data rows" in problems[0].message_en


def test_old_mac_line_endings_are_counted_too():
    assert "at most 20,000 data rows" in text(inspect_csv(b"id,value\r" + b"1,2\r" * 30_000))


def test_a_line_longer_than_all_columns_could_hold_is_refused():
    limits = Limits(max_columns=10, max_cell_chars=100)
    assert inspect_csv(b"a,b\n" + b"x" * 1000 + b"\n", limits) == []
    assert "at most 1,000 characters per line" in text(inspect_csv(b"a,b\n" + b"x" * 1001 + b"\n", limits))
    # Vietnamese letters take two or three bytes: the limit is in characters, not bytes
    assert inspect_csv(b"a,b\n" + "ạ".encode() * 1000 + b"\n", limits) == []


def test_too_many_columns_in_the_header_are_refused():
    header = ";".join(f"c{i}" for i in range(201)).encode()
    assert "201 columns (at most 200)" in text(inspect_csv(header + b"\n" + b"1;" * 200 + b"1\n"))
    assert inspect_csv(",".join(f"c{i}" for i in range(200)).encode() + b"\n") == []


def test_a_csv_over_the_upload_size_is_refused():
    assert "at most 1 MB" in text(inspect_csv(b"a\n" * MB, Limits(max_file_bytes=1 * MB)))
