"""The report as an editable Word file, in the format of Decree 30/2020/NĐ-CP.

A4, margins top and bottom 20 mm, left 30 mm, right 15 mm; Times New Roman
(body 14 pt); the issuing body (UBND TỈNH ĐẮK LẮK / SỞ CÔNG THƯƠNG) and the
national title and motto side by side, each with its short rule below; the
number and symbol and the date left for the clerk; the document type and its
subject centred; page numbers centred in the top margin from page 2; the
recipients block (Nơi nhận) and the signatory's title at the end.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt, RGBColor

from cnnt.i18n import t
from cnnt.report import Figure, Heading, PageBreak, Para, Report, Signature, Table

FONT = "Times New Roman"
BODY_PT = 14
TEXT_WIDTH_CM = 21.0 - 3.0 - 1.5  # A4 less the left and right margins
INDENT_CM = 1.27


def _font(run, size: float | None = None, bold=None, italic=None) -> None:
    run.font.name = FONT
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size:
        run.font.size = Pt(size)
    if bold is not None:
        run.bold = bold
    if italic is not None:
        run.italic = italic


def _para(
    container,
    text: str = "",
    size: float = BODY_PT,
    bold=False,
    italic=False,
    align=None,
    indent=False,
    after: float = 6,
    before: float = 0,
):
    p = container.add_paragraph()
    if text:
        _font(p.add_run(text), size, bold, italic)
    pf = p.paragraph_format
    pf.space_after = Pt(after)
    pf.space_before = Pt(before)
    pf.line_spacing = 1.0
    if align is not None:
        p.alignment = align
    if indent:
        pf.first_line_indent = Cm(INDENT_CM)
    return p


def _rule(container, width_cm: float, cell_width_cm: float) -> None:
    """A short solid rule, centred: an empty paragraph with a top border between indents."""
    p = container.add_paragraph()
    side = max(0.0, (cell_width_cm - width_cm) / 2)
    pf = p.paragraph_format
    pf.left_indent, pf.right_indent = Cm(side), Cm(side)
    pf.space_after = Pt(0)
    pf.space_before = Pt(0)
    pf.line_spacing = Pt(4)
    ppr = p._element.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for k, v in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(k), v)
    borders.append(top)
    ppr.append(borders)


def _no_borders(table) -> None:
    tbl_pr = table._element.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _widths(table, widths_cm: list[float]) -> None:
    table.autofit = False
    for row in table.rows:
        for cell, w in zip(row.cells, widths_cm, strict=False):
            cell.width = Cm(w)


def _shade(cell, colour: str = "E7EEF5") -> None:
    tc_pr = cell._element.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), colour)
    tc_pr.append(shd)


def _page_number_header(section) -> None:
    """Page numbers centred in the top margin, not on the first page."""
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run()
    _font(run, 13)
    begin, instr, end = OxmlElement("w:fldChar"), OxmlElement("w:instrText"), OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    end.set(qn("w:fldCharType"), "end")
    run._element.append(begin)
    run._element.append(instr)
    run._element.append(end)


def _header_block(doc, report: Report) -> None:
    lang = report.lang
    draft = _para(doc, t("report.draft", lang), 12, bold=True, after=2)
    draft.alignment = WD_ALIGN_PARAGRAPH.LEFT
    left_w, right_w = 6.3, TEXT_WIDTH_CM - 6.3
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [left_w, right_w])
    left, right = table.rows[0].cells
    centre = WD_ALIGN_PARAGRAPH.CENTER
    for cell, lines in (
        (left, [(t("report.issuer_top", lang), 13, False, False), (t("report.issuer", lang), 13, True, False)]),
        (right, [(t("report.nation", lang), 13, True, False), (t("report.motto", lang), 14, True, False)]),
    ):
        first = True
        for text, size, bold, italic in lines:
            p = cell.paragraphs[0] if first else cell.add_paragraph()
            first = False
            _font(p.add_run(text), size, bold, italic)
            p.alignment = centre
            p.paragraph_format.space_after = Pt(0)
            p.paragraph_format.line_spacing = 1.0
    _rule(left, 2.4, left_w - 0.4)
    _rule(right, 6.1, right_w - 0.4)
    p = _para(left, t("report.number", lang), 13, align=centre, before=6, after=0)
    p = _para(
        right,
        t("report.place_date", lang, year=report.generated_at.year),
        14,
        italic=True,
        align=centre,
        before=6,
        after=0,
    )
    _para(doc, "", after=0)
    _para(doc, t("report.doc_type", lang), 14, bold=True, align=centre, before=12, after=0)
    _para(doc, report.subject, 14, bold=True, align=centre, after=0)
    _rule(doc, 4.0, TEXT_WIDTH_CM)
    _para(doc, "", after=0)


def _table(doc, block: Table) -> None:
    title = _para(doc, block.title, 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=3)
    title.paragraph_format.keep_with_next = True
    table = doc.add_table(rows=1 + len(block.rows), cols=len(block.header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    weights = block.widths or [1.0] * len(block.header)
    total = sum(weights)
    _widths(table, [TEXT_WIDTH_CM * w / total for w in weights])
    size = 11 if len(block.header) <= 6 else 10
    for i, text in enumerate(block.header):
        cell = table.rows[0].cells[i]
        _shade(cell)
        p = cell.paragraphs[0]
        _font(p.add_run(text), size, bold=True)
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
    for r, row in enumerate(block.rows, start=1):
        for i, text in enumerate(row):
            p = table.rows[r].cells[i].paragraphs[0]
            _font(p.add_run(text), size)
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT if block.numeric[i] else WD_ALIGN_PARAGRAPH.LEFT
            p.paragraph_format.space_after = Pt(0)
    # repeat the header row on every page the table spans
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    for note in block.notes:
        _para(doc, note, 11, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=2)
    _para(doc, "", after=2)


def _figure(doc, block: Figure, lang: str) -> None:
    title = _para(doc, block.title, 12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=3)
    title.paragraph_format.keep_with_next = True
    if block.png:
        p = doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.keep_with_next = True
        p.add_run().add_picture(io.BytesIO(block.png), width=Cm(TEXT_WIDTH_CM - 0.5))
    else:
        _para(doc, t("report.chart_missing", lang), 11, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for note in block.notes:
        _para(doc, note, 11, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=2)
    _para(doc, "", after=2)


def _signature(doc, report: Report) -> None:
    lang = report.lang
    table = doc.add_table(rows=1, cols=2)
    _no_borders(table)
    _widths(table, [8.0, TEXT_WIDTH_CM - 8.0])
    left, right = table.rows[0].cells
    p = left.paragraphs[0]
    _font(p.add_run(t("report.recipients", lang)), 12, bold=True, italic=True)
    p.paragraph_format.space_after = Pt(0)
    for key in ("report.recipient_line", "report.recipient_line", "report.recipient_archive"):
        _para(left, t(key, lang), 11, after=0)
    p = right.paragraphs[0]
    _font(p.add_run(t("report.signer", lang)), 14, bold=True)
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER


def to_docx(report: Report) -> bytes:
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.font.color.rgb = RGBColor(0, 0, 0)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    _page_number_header(section)
    props = doc.core_properties
    props.title = report.subject
    props.author = t("report.issuer", report.lang)
    props.subject = report.snapshot_id
    props.comments = "; ".join(f"{k}: {v}" for k, v in report.meta)[:255]  # Word's limit for the field
    props.language = report.lang

    _header_block(doc, report)
    section: list = []  # paragraphs of the current section (the last one stays with the signature)
    for block in report.blocks:
        if isinstance(block, Heading):
            if block.level == 0:
                _para(doc, block.text, BODY_PT, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, before=6)
            else:
                h = _para(doc, block.text, BODY_PT, bold=True, indent=True, before=6 if block.level == 1 else 3)
                h.paragraph_format.keep_with_next = True
                if block.level == 1:
                    section = []
                section.append(h)
        elif isinstance(block, Para):
            if block.style == "note":
                _para(doc, block.text, 12, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
            elif block.style == "warning":
                _para(doc, block.text, 13, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
            else:
                _para(doc, block.text, BODY_PT, align=WD_ALIGN_PARAGRAPH.JUSTIFY, indent=True)
            section.append(doc.paragraphs[-1])
        elif isinstance(block, Table):
            _table(doc, block)
        elif isinstance(block, Figure):
            _figure(doc, block, report.lang)
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, Signature):
            for p in section:  # the signature never stands alone on a page
                p.paragraph_format.keep_with_next = True
            _signature(doc, report)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
