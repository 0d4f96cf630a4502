"""The report as a PDF, in the format of Decree 30/2020/NĐ-CP (same layout as the Word file).

The fonts are embedded (subsets of TrueType files), so Vietnamese reads the same
on any machine: Times New Roman where it is installed, else its metric twin
Liberation Serif 2 (Debian ``fonts-liberation2``), else DejaVu Serif.  A font
is used only if it has every Vietnamese letter.
"""

from __future__ import annotations

import io
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm, mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    CondPageBreak,
    HRFlowable,
    Image,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import PageBreak as PdfPageBreak
from reportlab.platypus import Table as PdfTable

from cnnt.i18n import t
from cnnt.report import Figure, Heading, PageBreak, Para, Report, Signature, Table

MARGINS = {"top": 20 * mm, "bottom": 20 * mm, "left": 30 * mm, "right": 15 * mm}
TEXT_WIDTH = A4[0] - MARGINS["left"] - MARGINS["right"]
VIETNAMESE = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯưẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặẸẹẺẻẼẽẾếỀềỂểỄễỆệỈỉỊịỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợỤụỦủỨứỪừỬửỮữỰựỲỳỴỵỶỷỸỹ"
FAMILY = "ReportSerif"

# Candidate files per style, best first: Times New Roman, its metric twin, then DejaVu.
CANDIDATES = {
    "regular": (
        "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman.ttf",
        "/usr/share/fonts/truetype/msttcorefonts/times.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
    ),
    "bold": (
        "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Bold.ttf",
        "/usr/share/fonts/truetype/msttcorefonts/timesbd.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
    ),
    "italic": (
        "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Italic.ttf",
        "/usr/share/fonts/truetype/msttcorefonts/timesi.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-Italic.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-Italic.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf",
    ),
    "bolditalic": (
        "/usr/share/fonts/truetype/msttcorefonts/Times_New_Roman_Bold_Italic.ttf",
        "/usr/share/fonts/truetype/msttcorefonts/timesbi.ttf",
        "/usr/share/fonts/truetype/liberation2/LiberationSerif-BoldItalic.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSerif-BoldItalic.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSerif-BoldItalic.ttf",
    ),
}


class FontMissing(RuntimeError):
    """No installed serif font has every Vietnamese letter."""


def _covers(font: TTFont, text: str) -> bool:
    cmap = font.face.charToGlyph
    return all(ord(ch) in cmap for ch in text)


@dataclass(frozen=True)
class Fonts:
    regular: str
    bold: str
    italic: str
    bolditalic: str
    files: tuple[str, ...]


@lru_cache(maxsize=1)
def fonts() -> Fonts:
    """Register the report's serif family with reportlab (once) and return its names."""
    extra = os.environ.get("CNNT_REPORT_FONT_DIR")
    chosen: dict[str, str] = {}
    files = []
    for style, paths in CANDIDATES.items():
        options = list(paths)
        if extra:
            options = [str(p) for p in sorted(Path(extra).glob("*.ttf"))] + options
        for path in options:
            if not Path(path).is_file():
                continue
            name = f"{FAMILY}-{style}"
            try:
                font = TTFont(name, path)
            except Exception:  # noqa: BLE001 - an unreadable file: try the next one
                continue
            if _covers(font, VIETNAMESE):
                pdfmetrics.registerFont(font)
                chosen[style] = name
                files.append(path)
                break
        if style not in chosen:
            raise FontMissing(
                "Không tìm thấy phông chữ có đủ dấu tiếng Việt (cài fonts-liberation2). / "
                "No serif font with every Vietnamese letter is installed (install fonts-liberation2)."
            )
    pdfmetrics.registerFontFamily(
        FAMILY, normal=chosen["regular"], bold=chosen["bold"], italic=chosen["italic"], boldItalic=chosen["bolditalic"]
    )
    return Fonts(chosen["regular"], chosen["bold"], chosen["italic"], chosen["bolditalic"], tuple(files))


def missing_glyphs(text: str) -> set[str]:
    """Characters of ``text`` the regular face cannot draw (should be none)."""
    f = fonts()
    cmap = pdfmetrics.getFont(f.regular).face.charToGlyph
    return {ch for ch in set(text) if ch.strip() and ord(ch) not in cmap}


def _styles(f: Fonts) -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=f.regular, fontSize=14, leading=17, textColor=colors.black)
    s = {
        "body": ParagraphStyle("body", parent=base, alignment=TA_JUSTIFY, firstLineIndent=1.27 * cm, spaceAfter=6),
        "note": ParagraphStyle(
            "note",
            parent=base,
            fontName=f.italic,
            fontSize=12,
            leading=14.5,
            alignment=TA_JUSTIFY,
            firstLineIndent=1.27 * cm,
            spaceAfter=6,
        ),
        "warning": ParagraphStyle(
            "warning",
            parent=base,
            fontName=f.bolditalic,
            fontSize=13,
            leading=16,
            alignment=TA_JUSTIFY,
            firstLineIndent=1.27 * cm,
            spaceAfter=6,
        ),
        "h0": ParagraphStyle("h0", parent=base, fontName=f.bold, alignment=TA_CENTER, spaceBefore=6, spaceAfter=6),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=f.bold,
            firstLineIndent=1.27 * cm,
            spaceBefore=6,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=f.bold,
            firstLineIndent=1.27 * cm,
            spaceBefore=3,
            spaceAfter=6,
            keepWithNext=1,
        ),
        "caption": ParagraphStyle(
            "caption",
            parent=base,
            fontName=f.bold,
            fontSize=12,
            leading=14.5,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "small_note": ParagraphStyle(
            "small_note", parent=base, fontName=f.italic, fontSize=11, leading=13, alignment=TA_LEFT, spaceAfter=2
        ),
        "cell": ParagraphStyle("cell", parent=base, fontSize=10.5, leading=12.5, alignment=TA_LEFT),
        "cell_r": ParagraphStyle("cell_r", parent=base, fontSize=10.5, leading=12.5, alignment=TA_RIGHT),
        "cell_h": ParagraphStyle(
            "cell_h", parent=base, fontName=f.bold, fontSize=10.5, leading=12.5, alignment=TA_CENTER
        ),
        "hd13": ParagraphStyle("hd13", parent=base, fontSize=13, leading=15.5, alignment=TA_CENTER),
        "hd13b": ParagraphStyle("hd13b", parent=base, fontName=f.bold, fontSize=13, leading=15.5, alignment=TA_CENTER),
        "hd14b": ParagraphStyle("hd14b", parent=base, fontName=f.bold, fontSize=14, leading=17, alignment=TA_CENTER),
        "hd14i": ParagraphStyle("hd14i", parent=base, fontName=f.italic, fontSize=14, leading=17, alignment=TA_CENTER),
        "draft": ParagraphStyle("draft", parent=base, fontName=f.bold, fontSize=12, leading=14),
        "recip_h": ParagraphStyle("recip_h", parent=base, fontName=f.bolditalic, fontSize=12, leading=14),
        "recip": ParagraphStyle("recip", parent=base, fontSize=11, leading=13),
    }
    return s


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text; runs of spaces (the blanks left for the clerk) are kept."""
    body = re.sub(r" {2,}", lambda m: "\u00a0" * len(m.group(0)), escape(text))
    return Paragraph(body, style)


def _header_block(report: Report, s) -> list:
    lang = report.lang
    left_w, right_w = 6.3 * cm, TEXT_WIDTH - 6.3 * cm
    left = [
        _p(t("report.issuer_top", lang), s["hd13"]),
        _p(t("report.issuer", lang), s["hd13b"]),
        HRFlowable(width=2.4 * cm, thickness=0.6, color=colors.black, spaceBefore=5, spaceAfter=6, hAlign="CENTER"),
        _p(t("report.number", lang), s["hd13"]),
    ]
    right = [
        _p(t("report.nation", lang), s["hd13b"]),
        _p(t("report.motto", lang), s["hd14b"]),
        HRFlowable(width=6.1 * cm, thickness=0.6, color=colors.black, spaceBefore=5, spaceAfter=6, hAlign="CENTER"),
        _p(t("report.place_date", lang, year=report.generated_at.year), s["hd14i"]),
    ]
    head = PdfTable([[left, right]], colWidths=[left_w, right_w])
    head.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s["body"].fontName),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [
        _p(t("report.draft", lang), s["draft"]),
        Spacer(1, 2),
        head,
        Spacer(1, 18),
        _p(t("report.doc_type", lang), s["hd14b"]),
        _p(report.subject, s["hd14b"]),
        HRFlowable(width=4 * cm, thickness=0.6, color=colors.black, spaceBefore=5, spaceAfter=12, hAlign="CENTER"),
    ]


def _table(block: Table, s) -> list:
    weights = block.widths or [1.0] * len(block.header)
    total = sum(weights)
    widths = [TEXT_WIDTH * w / total for w in weights]
    data = [[_p(h, s["cell_h"]) for h in block.header]]
    for row in block.rows:
        data.append([_p(v, s["cell_r"] if block.numeric[i] else s["cell"]) for i, v in enumerate(row)])
    table = PdfTable(data, colWidths=widths, repeatRows=1, hAlign="CENTER")
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s["body"].fontName),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E7EEF5")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    out = [CondPageBreak(4 * cm), _p(block.title, s["caption"]), table, Spacer(1, 3)]
    out += [_p(n, s["small_note"]) for n in block.notes]
    out.append(Spacer(1, 6))
    return out


def _figure(block: Figure, s, lang: str) -> list:
    title = _p(block.title, s["caption"])
    if block.png:
        img = Image(io.BytesIO(block.png))
        ratio = img.imageHeight / img.imageWidth
        img.drawWidth = TEXT_WIDTH - 0.5 * cm
        img.drawHeight = img.drawWidth * ratio
        body = [KeepTogether([title, img])]
    else:
        body = [title, _p(t("report.chart_missing", lang), s["small_note"])]
    return body + [_p(n, s["small_note"]) for n in block.notes] + [Spacer(1, 6)]


def _signature(report: Report, s) -> list:
    lang = report.lang
    left = [
        _p(t("report.recipients", lang), s["recip_h"]),
        _p(t("report.recipient_line", lang), s["recip"]),
        _p(t("report.recipient_line", lang), s["recip"]),
        _p(t("report.recipient_archive", lang), s["recip"]),
    ]
    right = [_p(t("report.signer", lang), s["hd14b"])]
    table = PdfTable([[left, right]], colWidths=[8 * cm, TEXT_WIDTH - 8 * cm])
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), s["body"].fontName),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return [Spacer(1, 12), KeepTogether([table, Spacer(1, 3 * cm)])]


def to_pdf(report: Report) -> bytes:
    f = fonts()
    s = _styles(f)
    out = io.BytesIO()

    def later_pages(canvas, doc):
        canvas.saveState()
        canvas.setFont(f.regular, 13)
        canvas.drawCentredString(MARGINS["left"] + TEXT_WIDTH / 2, A4[1] - 12 * mm, str(doc.page))
        canvas.restoreState()

    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGINS["left"],
        rightMargin=MARGINS["right"],
        topMargin=MARGINS["top"],
        bottomMargin=MARGINS["bottom"],
        title=report.subject,
        author=t("report.issuer", report.lang),
        subject=report.snapshot_id,
        keywords="; ".join(f"{k}: {v}" for k, v in report.meta),
        lang="vi-VN" if report.lang == "vi" else "en",
        initialFontName=f.regular,  # no stray, unembedded Helvetica
        initialFontSize=14,
    )
    story = _header_block(report, s)
    section_start = len(story)
    for block in report.blocks:
        if isinstance(block, Heading):
            if block.level:  # a heading never ends a page alone
                story.append(CondPageBreak(5 * cm))
            if block.level == 1:
                section_start = len(story)
            story.append(_p(block.text, s[f"h{block.level}"]))
        elif isinstance(block, Para):
            story.append(_p(block.text, s[block.style if block.style in ("note", "warning") else "body"]))
        elif isinstance(block, Table):
            story += _table(block, s)
        elif isinstance(block, Figure):
            story += _figure(block, s, report.lang)
        elif isinstance(block, PageBreak):
            story.append(PdfPageBreak())
        elif isinstance(block, Signature):  # the signature never stands alone: it keeps its section
            closing = [f for f in story[section_start:] if not isinstance(f, CondPageBreak)]
            story = story[:section_start] + [KeepTogether(closing + _signature(report, s))]
    doc.build(story, onFirstPage=lambda c, d: None, onLaterPages=later_pages)
    return out.getvalue()
