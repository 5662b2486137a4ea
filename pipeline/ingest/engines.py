"""The PDF engines that read glyphs, rules and boxes (`--pdf-engine`), kept apart from
`pipeline.ingest.pdf` so that naming the default does not load the PDF libraries.

pdfium is the default: it parses content streams in C and gives the same JSON as pdfplumber
(pdfminer.six, the reference, kept for debugging and as a fallback) on Chinese pages; on Latin
text the two can still differ by a word space or a fraction of a point (README, "PDF engines").
"""
from __future__ import annotations

ENGINES = ("pdfplumber", "pdfium")
DEFAULT_ENGINE = "pdfium"
