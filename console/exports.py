"""Files for download: the case list as CSV/XLSX, a report as DOCX/PDF.

Scraped text goes into spreadsheets too, where a cell starting with ``=``, ``+``, ``-`` or ``@``
would run as a formula: such cells are prefixed with an apostrophe (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from console.reports import Report
from console.text import plain

CASE_COLUMNS = ("编号", "分级", "标题", "来源", "来源级别", "来源类型", "链接", "主题", "主办部门", "会办部门", "状态",
                "地区", "发现时间", "签收时间", "办结时间", "点击量", "回帖量")
# CJK fonts Debian ships (fonts-wqy-microhei, fonts-noto-cjk, fonts-wqy-zenhei, fonts-arphic-uming).
CJK_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/truetype/arphic/uming.ttc"),
    Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"),
)


WIDE = {"标题": 5, "发现时间": 2.4, "来源": 2, "主办部门": 2.4, "部门": 3, "主题": 1.5}
# A table row must fit on one page (fpdf2 refuses a taller one: "row too high"): each cell is
# clipped to this many lines of its column, the rest shown as "…".
PDF_CELL_LINES = 8


class ExportError(RuntimeError):
    """An export that cannot be made here; the message says what to install."""


def cell(value: object) -> str:
    text = plain("" if value is None else str(value))
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def cases_csv(rows: Iterable[Iterable[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CASE_COLUMNS)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    # A BOM lets spreadsheet programs read the Chinese as UTF-8.
    return buffer.getvalue().encode("utf-8-sig")


def cases_xlsx(rows: Iterable[Iterable[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("案件")
    sheet.append(list(CASE_COLUMNS))
    for row in rows:
        sheet.append([v if isinstance(v, int) else cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def report_docx(report: Report) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(11)
    # East-Asian text uses its own font slot in Word.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    doc.add_heading(plain(report.title), level=1)
    for one in report.fields:
        doc.add_heading(one.label, level=2)
        for line in plain(one.value or "").splitlines() or [""]:
            doc.add_paragraph(line)
    for table in report.tables:
        doc.add_heading(table.title, level=2)
        grid = doc.add_table(rows=1, cols=len(table.headers))
        grid.style = "Table Grid"
        for index, header in enumerate(table.headers):
            grid.rows[0].cells[index].text = header
        for row in table.rows:
            cells = grid.add_row().cells
            for index, value in enumerate(row[:len(table.headers)]):
                cells[index].text = plain(str(value))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def cjk_font() -> Path:
    for path in CJK_FONTS:
        if path.is_file():
            return path
    raise ExportError("服务器未安装中文字体，无法导出 PDF；请安装 fonts-wqy-microhei 或 fonts-noto-cjk")


def clip(text: str, width_mm: float, font_pt: float, lines: int = PDF_CELL_LINES) -> str:
    """``text`` cut to about ``lines`` lines of a ``width_mm`` column (a CJK character is 1 em wide)."""
    per_line = max(1, int(width_mm / (font_pt * 0.3528)) - 1)
    limit = per_line * lines
    flat = " ".join(plain(text).split())
    return flat if len(flat) <= limit else flat[:limit - 1] + "…"


def report_pdf(report: Report) -> bytes:
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos
    from fpdf.fonts import FontFace

    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_font("cjk", fname=str(cjk_font()))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(width, 9, plain(report.title), new_x=XPos.LMARGIN, new_y=YPos.NEXT, align="C")
    pdf.ln(3)
    for one in report.fields:
        pdf.set_font("cjk", size=12)
        pdf.multi_cell(width, 7, f"【{one.label}】", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("cjk", size=10.5)
        pdf.multi_cell(width, 6, plain(one.value or "") or " ", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(2)
    for table in report.tables:
        pdf.set_font("cjk", size=12)
        pdf.multi_cell(width, 7, f"【{table.title}】", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("cjk", size=9)
        # The CJK font has no bold face: headings are shaded instead of bold.
        headings = FontFace(emphasis="", fill_color=(238, 241, 245))
        # Titles need room; ids and grades little.
        widths = tuple(WIDE.get(h, 1) for h in table.headers)
        column_mm = [width * w / sum(widths) - 2 for w in widths]
        with pdf.table(width=width, text_align="LEFT", line_height=5, headings_style=headings,
                       col_widths=widths) as grid:
            head = grid.row()
            for header, mm in zip(table.headers, column_mm, strict=True):
                head.cell(clip(header, mm, 9))
            for row in table.rows:
                line = grid.row()
                for value, mm in zip(row[:len(table.headers)], column_mm, strict=False):
                    line.cell(clip(str(value), mm, 9))
        pdf.ln(3)
    return bytes(pdf.output())
