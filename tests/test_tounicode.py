"""The fast ToUnicode reader gives pdfminer's map exactly, and leaves the unusual to pdfminer."""
from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from pdfminer.cmapdb import CMapParser, FileUnicodeMap
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import stream_value

from pipeline.ingest.tounicode import FastToUnicodeParser, read_blocks
from tests.batch_pages import dense_document

FIXTURES = Path(__file__).parent / "fixtures"
HEADER = (b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo\n"
          b"<< /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS"
          b" def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
FOOTER = b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n"


def both(data: bytes) -> tuple[FileUnicodeMap, FileUnicodeMap]:
    reference, fast = FileUnicodeMap(), FileUnicodeMap()
    CMapParser(reference, BytesIO(data)).run()
    FastToUnicodeParser(fast, BytesIO(data)).run()
    return reference, fast


def tounicode_streams(path: Path) -> list[bytes]:
    with open(path, "rb") as handle:
        document = PDFDocument(PDFParser(handle))
        found = []
        for xref in document.xrefs:
            for objid in xref.get_objids():
                obj = document.getobj(objid)
                if isinstance(obj, dict) and "ToUnicode" in obj:
                    found.append(stream_value(obj["ToUnicode"]).get_data())
    return found


def test_fonts_of_generated_pages_and_fixtures_read_fast_and_as_pdfminer_reads_them(tmp_path):
    generated = tmp_path / "dense.pdf"
    generated.write_bytes(dense_document(2, seed=7))
    paths = [generated, *sorted((FIXTURES / "pdfplumber").glob("*.pdf"))]
    streams = [data for path in paths for data in tounicode_streams(path)]
    assert len(streams) >= 5
    for data in streams:
        reference, fast = both(data)
        assert fast.cid2unichr == reference.cid2unichr and fast.attrs == reference.attrs
        assert read_blocks(FileUnicodeMap(), data) is not None  # the fast path was taken
    assert any(len(both(data)[1].cid2unichr) > 50 for data in streams)


@pytest.mark.parametrize("body, fast", [
    (b"2 beginbfchar\n<0003> <0020>\n<0004><00A0>\nendbfchar\n", True),
    # a no-break space after a space for the same code keeps the space (pdfminer's rule)
    (b"2 beginbfchar\n<0003> <0020>\n<0003> <00A0>\nendbfchar\n", True),
    (b"1 beginbfrange\n<0010> <0012> <0041>\nendbfrange\n", True),
    (b"1 beginbfrange\n<0010> <0012> [<0061> <0062><0063 0064>]\nendbfrange\n", True),
    (b"1 beginbfrange\n<00FE> <0101> <D83DDE00>\nendbfrange\n", True),
    (b"1 beginbfchar\n<01> <FB01>\nendbfchar\n2 beginbfrange\n<02> <03> <0030>\n"
     b"<04> <05> <0031>\nendbfrange\n1 beginbfchar <02> <0078> endbfchar\n", True),
    # left to pdfminer: odd digits, names, comments, mismatched ranges, CID blocks, late blocks
    (b"1 beginbfchar\n<003> <0041>\nendbfchar\n", False),
    (b"1 beginbfchar\n<0003> /space\nendbfchar\n", False),
    (b"1 beginbfchar\n<0003> <0041>\nendbfchar\n% note\n1 beginbfchar\n<0004> <0042>\nendbfchar\n",
     False),
    (b"1 beginbfrange\n<0010> <0012> [<0061>]\nendbfrange\n", False),
    (b"1 beginbfrange\n<10> <0012> <0061>\nendbfrange\n", False),
    (b"1 begincidrange\n<0000> <00ff> 1\nendcidrange\n1 beginbfchar\n<0003> <0041>\nendbfchar\n",
     False),
])
def test_small_cmaps_match_pdfminer_and_take_the_fast_path_only_when_plain(body, fast):
    data = HEADER + body + FOOTER
    reference, mine = both(data)
    assert mine.cid2unichr == reference.cid2unichr and mine.attrs == reference.attrs
    assert (read_blocks(FileUnicodeMap(), data) is not None) is fast


def test_a_block_after_endcmap_is_ignored_as_pdfminer_ignores_it():
    data = HEADER + b"1 beginbfchar\n<0003> <0041>\nendbfchar\n" + FOOTER + \
        b"1 beginbfchar\n<0004> <0042>\nendbfchar\n"
    reference, fast = both(data)
    assert fast.cid2unichr == reference.cid2unichr == {3: "A"}
