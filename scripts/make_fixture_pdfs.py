"""Write the bad-input PDF fixtures in tests/fixtures/pdf/ (committed; rerun to regenerate)."""
from __future__ import annotations

import sys

import io
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.pagegen
from tests.pagegen import load_article, render_page, two_article_page

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures" / "pdf"
ARTICLES = ROOT / "tests" / "fixtures" / "articles"


def type3_without_tounicode() -> bytes:
    """One page whose Type3 font maps its codes to private glyph names and has no ToUnicode:
    the text layer cannot be turned into characters."""
    text = b"BT /F1 12 Tf 20 100 Td <0102030401020304010203040102> Tj ET"
    proc = b"600 0 0 0 500 500 d1 0 0 500 500 re f"
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 200] /Resources << /Font << /F1 5 0 R >> >>"
        b" /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(text) + text + b"\nendstream",
        b"<< /Type /Font /Subtype /Type3 /FontBBox [0 0 1000 1000] /FontMatrix [0.001 0 0 0.001 0 0]"
        b" /CharProcs << /glyph1 6 0 R /glyph2 6 0 R /glyph3 6 0 R /glyph4 6 0 R >>"
        b" /Encoding << /Type /Encoding /Differences [1 /glyph1 /glyph2 /glyph3 /glyph4] >>"
        b" /FirstChar 1 /LastChar 4 /Widths [600 600 600 600] >>",
        b"<< /Length %d >>\nstream\n" % len(proc) + proc + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def encrypted() -> bytes:
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0), invariant=1)
    page.drawString(72, 720, "confidential page")
    page.save()
    return buffer.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page = render_page(two_article_page(load_article(ARTICLES / "port.json"), load_article(ARTICLES / "farm.json")))
    files = {
        "type3-font-without-tounicode.pdf": type3_without_tounicode(),
        "encrypted-with-user-password.pdf": encrypted(),
        "truncated-half-page.pdf": page[: len(page) // 2],
        "text-file-named-pdf.pdf": "这不是PDF文件，只是文本。\n".encode("utf-8"),
    }
    for name, data in files.items():
        (OUT / name).write_bytes(data)
        print(f"wrote {OUT / name}")


if __name__ == "__main__":
    main()
