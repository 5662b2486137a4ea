"""Text input: encodings detected, NFC applied, full-width punctuation kept as printed."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from pipeline.errors import InputError
from pipeline.ingest.text import decode_text, detect_encoding, read_text

SAMPLE = "阿拉善高新区：\n工会建会率83.4%，会员13353人。“讲清楚、说明白”（本版图片）\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8-sig"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (("abc " + SAMPLE).encode("utf-16-le"), "utf-16-le"),
        (("abc " + SAMPLE).encode("utf-16-be"), "utf-16-be"),
    ],
)
def test_encodings_are_detected_and_decode_to_the_same_text(data, encoding):
    assert detect_encoding(data) == encoding
    assert decode_text(data).endswith(SAMPLE)


def test_text_is_normalised_to_nfc_and_full_width_punctuation_kept():
    decomposed = unicodedata.normalize("NFD", "Café ") + "，：“”（）"
    text = decode_text(decomposed.encode("utf-8"))
    assert text == "Café ，：“”（）"


def test_lines_keep_blank_lines_as_breaks(tmp_path):
    path = tmp_path / "page.txt"
    path.write_bytes("甲\r\n\r\n乙\n".encode("gb18030"))
    doc = read_text(path)
    assert [line.text for line in doc.pages[0].lines] == ["甲", "", "乙", ""]
    assert doc.kind == "text" and len(doc.sha256) == 64


@pytest.mark.parametrize("content, reason", [(b"", "empty"), (b"\x00\x01\x02\xff\xfe\x00\x81", "not text")])
def test_bad_text_input_raises_a_named_reason(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        read_text(path)


@pytest.mark.parametrize("content, reason", [
    (codecs.BOM_UTF16_LE + "甲乙".encode("utf-16-le") + b"\x41", "not text (UTF-16 with 7 bytes, not a multiple of 2)"),
    (codecs.BOM_UTF16_LE + "甲".encode("utf-16-le") + b"\x00\xd8" + "乙".encode("utf-16-le"),
     "not text (UTF-16 with an unpaired surrogate at byte 4)"),
    (codecs.BOM_UTF32_LE + b"\x00\x00\x11\x00", "not text (UTF-32 with an invalid code point at byte 4)"),
])
def test_broken_utf16_and_utf32_name_the_damage(tmp_path, content, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as raised:
        read_text(path)
    assert str(raised.value) == reason
