"""PDF pages through pdfplumber (pdfminer.six): the reference engine.

Chars, ruling lines, rectangles and images become the engine-neutral `PageObjects` records.
Each page's parsed objects are released after use, so memory does not grow with the page count.
"""
from __future__ import annotations

from pipeline.errors import InputError
from pipeline.ingest.pdf_objects import RULE_THICKNESS, PageObjects, box, glyph, shape


def _open_error(error: Exception) -> InputError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    # pdfplumber wraps pdfminer's errors in PdfminerException
    cause = error.args[0] if error.args and isinstance(error.args[0], Exception) else error
    name = type(cause).__name__
    if isinstance(cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "encrypt" in name.lower():
        return InputError("encrypted PDF: cannot be read without its password")
    detail = str(cause).strip().splitlines()[0][:80] if str(cause).strip() else ""
    reason = f"{name}: {detail}" if detail else name
    if isinstance(cause, PDFSyntaxError) or "EOF" in detail or "xref" in detail.lower():
        return InputError(f"corrupt or truncated PDF ({reason})")
    return InputError(f"unreadable PDF ({reason})")


class PdfplumberPages:
    engine = "pdfplumber"

    def __init__(self, path: str):
        import pdfplumber

        try:
            self._pdf = pdfplumber.open(path)
            self.page_count = len(self._pdf.pages)  # forces the page tree to be read
        except Exception as error:
            raise _open_error(error) from None

    def page(self, index: int) -> PageObjects:
        page = self._pdf.pages[index]
        try:
            objects = PageObjects(width=float(page.width), height=float(page.height))
            for c in page.chars:
                objects.chars.append(glyph(c["text"], c["x0"], c["top"], c["x1"], c["bottom"],
                                           c.get("size") or 0.0, str(c.get("fontname", "")),
                                           c.get("upright", True)))
            for line in page.lines:  # a stroked segment; only straight rules matter to layout
                segment = box(line["x0"], line["top"], line["x1"], line["bottom"])
                if min(segment[2] - segment[0], segment[3] - segment[1]) < RULE_THICKNESS:
                    objects.rules.append(segment)
            for rect in page.rects:
                shape(rect["x0"], rect["top"], rect["x1"], rect["bottom"], bool(rect.get("fill")),
                      bool(rect.get("stroke")), rect.get("non_stroking_color"),
                      objects.rules, objects.rects)
            objects.images = [box(i["x0"], i["top"], i["x1"], i["bottom"]) for i in page.images]
            return objects
        finally:
            page.close()  # drop the parsed layout: pages are read as a stream

    def close(self) -> None:
        self._pdf.close()
