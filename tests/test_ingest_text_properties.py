"""Any bytes given as a text file give text or an InputError naming why, never another error."""
from __future__ import annotations

import codecs
import tempfile
from pathlib import Path

from hypothesis import given, settings, strategies as st

from pipeline.errors import InputError
from pipeline.ingest.text import decode_text, read_text

ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "utf-32"]


@st.composite
def damaged_text(draw) -> bytes:
    """Real text in a real encoding, then cut, with a stray byte or a lone surrogate."""
    text = draw(st.text(max_size=30))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="surrogatepass")
    cut = draw(st.integers(0, len(data)))
    extra = draw(st.sampled_from([b"", b"\x00", b"\xd8", b"\x00\xd8", b"\xdc\x00", b"\xff",
                                  codecs.BOM_UTF16_LE, codecs.BOM_UTF32_BE]))
    return data[:cut] + extra + data[cut:]


def reason_or_text(data: bytes) -> str:
    try:
        return decode_text(data)
    except InputError as error:
        message = str(error)
        assert message.startswith("not text (") and message.endswith(")"), message
        assert "\n" not in message and "Error" not in message and "codec" not in message
        return message


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.binary(max_size=64), damaged_text()))
def test_any_bytes_decode_to_text_or_a_reason(data):
    assert isinstance(reason_or_text(data), str)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.binary(max_size=64), damaged_text()))
def test_any_text_file_reads_or_names_why(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.txt"
        path.write_bytes(data)
        try:
            document = read_text(path)
        except InputError as error:
            assert str(error) in ("empty file",) or str(error).startswith("not text (")
        else:
            assert document.kind == "text" and len(document.pages) == 1
