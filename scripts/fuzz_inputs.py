"""Hostile and broken inputs for the fuzz harness (scripts/fuzz.py) and its smoke test.

Every input comes from a fixed seed, so a run is reproducible. Text files: random bytes, every
supported encoding with and without BOM, broken UTF-16, NULs and control characters, very long
texts and lines, digit runs, runs of one character, repeated phrases, HTML. PDFs: mutants of real
PDFs (the repository's corpora and fixtures: truncated, bytes flipped, xref or trailer removed,
wrong stream lengths) and pages drawn with reportlab (a row of 1,200 identical characters, tens
of thousands of tiny dots, fake-bold headlines, many pages, empty and image-only pages), plus
files that are not PDFs at all.
"""
from __future__ import annotations

import codecs
import io
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
SEED_TEXT = ROOT / "corpora" / "000_6bde4154404ab639.txt"
BASE_PDFS = sorted((ROOT / "corpora").glob("*.pdf")) + sorted((ROOT / "tests" / "fixtures" / "pdfplumber").glob("*.pdf"))
WQY = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")

# Common characters of running text: generated lines look like Chinese, not like noise.
HAN = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严"
PUNCTUATION = "，。、；：？！“”‘’（）《》—…·"


@dataclass(frozen=True)
class FuzzInput:
    name: str  # file name, unique in the folder
    kind: str  # what was generated, e.g. "utf16-odd-length"
    data: bytes


def seed_lines() -> list[str]:
    return [line for line in SEED_TEXT.read_text(encoding="utf-8").splitlines() if line.strip()]


def han_text(rng: random.Random, chars: int, line_length: int = 30) -> str:
    out: list[str] = []
    while sum(len(p) for p in out) < chars:
        length = rng.randint(max(1, line_length // 3), line_length)
        body = "".join(rng.choice(HAN) if rng.random() > 0.08 else rng.choice(PUNCTUATION) for _ in range(length))
        out.append(body + "\n")
    return "".join(out)[:chars]


def article(rng: random.Random, paragraphs: int = 6) -> str:
    """A headline, a blank line, then paragraphs drawn from the seed article and random text."""
    lines = seed_lines()
    body = [rng.choice(lines) if rng.random() < 0.6 else han_text(rng, rng.randint(20, 120), 200).replace("\n", "")
            for _ in range(paragraphs)]
    return han_text(rng, rng.randint(6, 18), 18).replace("\n", "") + "\n\n" + "\n".join(body) + "\n"


# -- text files -------------------------------------------------------------------------------

def text_inputs(rng: random.Random, scale: float = 1.0) -> Iterator[tuple[str, bytes]]:
    """(kind, bytes) of every text input; `scale` < 1 shrinks the big ones (smoke test)."""
    big = lambda n: max(1, int(n * scale))  # noqa: E731
    for _ in range(70):
        yield "random-bytes", rng.randbytes(rng.choice([1, 2, 3, 7, 64, 511, 4096]))
    for _ in range(25):
        yield "utf8", article(rng).encode("utf-8")
    for _ in range(8):
        yield "utf8-bom", codecs.BOM_UTF8 + article(rng).encode("utf-8")
    for _ in range(12):
        yield "gbk", article(rng).encode("gbk", errors="ignore")
    for _ in range(6):
        yield "gb18030", (article(rng) + "𠀀𪚥㐀").encode("gb18030")
    for encoding in ("utf-16", "utf-16-le", "utf-16-be"):
        for _ in range(6):
            yield f"{encoding}", article(rng).encode(encoding)
    for _ in range(4):
        yield "utf-32", article(rng).encode("utf-32")
    for _ in range(12):
        data = article(rng).encode(rng.choice(["utf-16", "utf-16-le", "utf-16-be"]))
        yield "utf16-odd-length", data + bytes([rng.randrange(256)])
    for _ in range(12):
        data = bytearray(article(rng).encode(rng.choice(["utf-16-le", "utf-16"])))
        at = rng.randrange(2, len(data) // 2) * 2
        data[at:at] = rng.choice([b"\x00\xd8", b"\x00\xdc", b"\xff\xdb", b"\x34\xd8\x41\x00"])
        yield "utf16-lone-surrogate", bytes(data)
    for _ in range(10):
        text = article(rng)
        at = rng.randrange(len(text))
        yield "nul", (text[:at] + "\x00" * rng.randint(1, 5) + text[at:]).encode(rng.choice(["utf-8", "gb18030"]))
    for _ in range(12):
        text = list(article(rng))
        for _ in range(rng.randint(1, 40)):
            text.insert(rng.randrange(len(text)), chr(rng.choice([*range(1, 9), 11, 12, *range(14, 32), 127, 0x85, 0x9f])))
        yield "control-chars", "".join(text).encode("utf-8")
    lines = [han_text(rng, 11, 11).replace("\n", "") for _ in range(200)]
    yield "100k-short-lines", "\n".join(lines[i % 200] for i in range(big(100_000))).encode("utf-8")
    for digits in (30, 200, 2000):
        yield "digit-run-ascii", ("数字：" + "1" * big(digits) + "元\n").encode("utf-8")
        yield "digit-run-fullwidth", ("数字：" + "１" * big(digits) + "元\n").encode("utf-8")
    yield "yi-run", ("亿" * 600 + "\n").encode("utf-8")
    yield "yi-run", ("全年投资" + "亿" * 60 + "元。\n").encode("utf-8")
    yield "yi-run", ("万亿" * 300 + "\n").encode("utf-8")
    yield "huge-number", "标题\n\n总量为1e999999999元，同比增长10e6637%。\n".encode("utf-8")
    yield "huge-number", b"1e999999999\n"
    yield "huge-number", b"10e6637\n"
    yield "huge-number", "产值达到9.99e308亿元，增长1e-999999%。\n".encode("utf-8")
    for char, count in (("-", 1000), ("—", 1200), ("中", 1200), ("=", 5000), ("·", 3000), ("＊", 2400)):
        yield "long-run", (char * count + "\n").encode("utf-8")
    for char in ("—", "中", "-", "啊"):
        yield "long-run-in-article", (article(rng).replace("\n\n", "\n\n" + char * 1500 + "\n\n", 1)).encode("utf-8")
    phrases = ["大国工匠风采", "打好改革攻坚战", "新时代新征程", "乡村振兴看今朝", "一个个纷纷常常"]
    for k in range(2, 13):
        phrase = rng.choice(phrases)
        yield "repeated-phrase", (phrase * k + "\n\n" + article(rng)).encode("utf-8")
        yield "repeated-phrase-spaced", (" ".join([phrase] * k) + "\n\n" + article(rng)).encode("utf-8")
        yield "repeated-per-char", ("".join(ch * k for ch in phrase) + "\n\n" + article(rng)).encode("utf-8")
    yield "repeated-phrase-huge", ("打好改革攻坚战" * big(20_000) + "\n").encode("utf-8")
    yield "html", b"<html><body><script>alert('x')</script><p>\xe4\xb8\xad\xe6\x96\x87</p></body></html>"
    yield "html", ("<!DOCTYPE html><html><head><title>新闻</title></head><body><h1>标题</h1><p>"
                   + article(rng).replace("\n", "</p><p>") + "</p></body></html>").encode("utf-8")
    yield "html", b"<script>" + b"x" * 10000 + b"</script>"
    yield "html", "&lt;&amp;&#20013;&#x6587;&nbsp;<![CDATA[中]]>".encode("utf-8")
    yield "html", ("<table>" + "<tr><td>1</td><td>２</td></tr>" * 500 + "</table>").encode("gb18030")
    yield "html", "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><x>&a;&a;</x>".encode("utf-8")
    for data in (b"", b"\n", b"   \t  ", codecs.BOM_UTF8, b"\r\n\r\n", codecs.BOM_UTF16_LE):
        yield "empty", data
    yield "huge-line", han_text(rng, big(300_000), 300_000).replace("\n", "").encode("utf-8")
    yield "huge-line", ("，".join(rng.choice(seed_lines()) for _ in range(big(2000)))).encode("utf-8")
    yield "huge-line", ("a" * big(500_000)).encode("utf-8")
    body = article(rng)
    yield "line-endings", body.replace("\n", "\r").encode("utf-8")
    yield "line-endings", body.replace("\n", "\r\n").encode("gb18030")
    yield "line-endings", body.replace("\n", "\u2028").encode("utf-8")
    yield "line-endings", "".join(ch + rng.choice(["\r", "\n", "\r\n", ""]) for ch in body).encode("utf-8")
    odd = ["e\u0301\u0301\u0301" * 50, "😀👨‍👩‍👧‍👦🇨🇳" * 100, "\u202eمرحبا\u202c" * 50, "\ue000\uf8ff" * 200,
           "\u200b\u200d\ufeff" * 300, "\ufe0f中\ufe0e" * 100, "\U000e0001标签", "\u3000" * 500 + "中"]
    for piece in odd:
        yield "unicode-odd", ("标题\n\n" + piece + "\n" + article(rng)).encode("utf-8")


# -- PDFs -------------------------------------------------------------------------------------

def _canvas(width: float = 595.0, height: float = 842.0):
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    return buffer, canvas.Canvas(buffer, pagesize=(width, height), invariant=1)


def _font(name: str) -> str:
    from reportlab.pdfbase import pdfmetrics

    if name not in pdfmetrics.getRegisteredFontNames():
        if name == "STSong-Light":
            from reportlab.pdfbase.cidfonts import UnicodeCIDFont

            pdfmetrics.registerFont(UnicodeCIDFont(name))
        else:
            from reportlab.pdfbase.ttfonts import TTFont

            pdfmetrics.registerFont(TTFont(name, str(WQY), subfontIndex=0))
    return name


def _fonts() -> list[str]:
    return ["STSong-Light"] + (["WQY"] if WQY.exists() else [])


def article_pdf(rng: random.Random, pages: int = 1, copies: int = 1, font: str = "STSong-Light") -> bytes:
    """Pages of a headline (drawn `copies` times at a shadow offset) over columns of text."""
    buffer, page = _canvas()
    font = _font(font)
    lines = seed_lines()
    for _ in range(pages):
        headline = rng.choice(lines)[:14]
        for copy in range(copies):
            page.setFont(font, 24)
            page.drawString(60 + 0.4 * copy, 780 - 0.2 * copy, headline)
        page.setFont(font, 10)
        y = 740
        for column in range(2):
            y = 740
            text = "".join(rng.choice(lines) for _ in range(4))
            for start in range(0, min(len(text), 60 * 23), 23):
                page.drawString(60 + column * 250, y, text[start : start + 23])
                y -= 14
        page.showPage()
    page.save()
    return buffer.getvalue()


def row_pdf(char: str, count: int, size: float) -> bytes:
    """One row of `count` identical characters, as wide as they need."""
    buffer, page = _canvas(width=max(595.0, count * size + 80), height=200)
    page.setFont(_font("STSong-Light"), size)
    page.drawString(40, 100, char * count)
    page.showPage()
    page.save()
    return buffer.getvalue()


def dots_pdf(count: int, size: float = 1.0, pitch: float = 1.5) -> bytes:
    """Tens of thousands of tiny identical dots, each drawn as its own character."""
    side = int(count ** 0.5) + 1
    buffer, page = _canvas(width=side * pitch + 40, height=side * pitch + 40)
    text = page.beginText()
    text.setFont(_font("STSong-Light"), size)
    for i in range(count):
        text.setTextOrigin(20 + (i % side) * pitch, 20 + (i // side) * pitch)
        text.textOut("·")
    page.drawText(text)
    page.showPage()
    page.save()
    return buffer.getvalue()


def stacked_pdf(rng: random.Random, copies: int) -> bytes:
    """A headline drawn `copies` times at shadow offsets (fake bold past any usual count)."""
    return article_pdf(rng, copies=copies)


def empty_pdf(pages: int = 1) -> bytes:
    buffer, page = _canvas()
    for _ in range(pages):
        page.showPage()
    page.save()
    return buffer.getvalue()


def image_only_pdf(rng: random.Random) -> bytes:
    from reportlab.lib.utils import ImageReader

    # A tiny greyscale PPM built by hand: no imaging library needed to draw it.
    width, height = 64, 48
    pixels = bytes(rng.randrange(256) for _ in range(width * height))
    ppm = b"P5 %d %d 255\n" % (width, height) + pixels
    buffer, page = _canvas()
    try:
        page.drawImage(ImageReader(io.BytesIO(ppm)), 50, 400, 400, 300)
    except Exception:  # no PIL to read the PPM: draw a filled shape instead (still no text)
        page.rect(50, 400, 400, 300, fill=1)
    page.showPage()
    page.save()
    return buffer.getvalue()


def odd_geometry_pdfs(rng: random.Random) -> Iterator[bytes]:
    lines = seed_lines()
    for width, height in ((1.0, 1.0), (14400.0, 14400.0), (595.0, 842.0)):
        buffer, page = _canvas(width, height)
        page.setFont(_font("STSong-Light"), 12)
        page.drawString(10, height / 2, rng.choice(lines)[:30])
        page.drawString(-500, -500, "页面之外的文字")  # outside the page
        page.rotate(90)
        page.drawString(100, -100, "旋转的文字")
        page.showPage()
        page.save()
        yield buffer.getvalue()


def mutate_truncate(rng: random.Random, data: bytes) -> bytes:
    return data[: rng.randrange(1, len(data))]


def mutate_flip(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.choice([1, 2, 5, 30, 200])):
        at = rng.randrange(len(out))
        out[at] = rng.randrange(256) if rng.random() < 0.5 else out[at] ^ (1 << rng.randrange(8))
    return bytes(out)


def mutate_structure(rng: random.Random, data: bytes) -> bytes:
    """Remove the xref table, the trailer or startxref, or all three."""
    choice = rng.randrange(4)
    if choice == 0:
        return re.sub(rb"xref\s+\d+ \d+\s+(?:\d{10} \d{5} [fn]\s*)+", b"", data, count=1)
    if choice == 1:
        return re.sub(rb"trailer\s*<<.*?>>", b"", data, count=1, flags=re.S)
    if choice == 2:
        return re.sub(rb"startxref\s+\d+", b"startxref\n999999999", data)
    return data[: data.rfind(b"xref")] if b"xref" in data else data[: len(data) // 2]


def mutate_length(rng: random.Random, data: bytes) -> bytes:
    """Stream lengths that lie: zero, negative, too long, not a number."""
    lies = [b"0", b"-1", b"99999999", b"1e9", b"/Foo", b"3.5"]
    return re.sub(rb"/Length \d+", lambda m: b"/Length " + rng.choice(lies), data)


def pdf_inputs(rng: random.Random, scale: float = 1.0) -> Iterator[tuple[str, bytes]]:
    big = lambda n: max(1, int(n * scale))  # noqa: E731
    bases = [path.read_bytes() for path in BASE_PDFS]
    bases += [article_pdf(rng, font=font) for font in _fonts()]
    for data in bases:
        yield "pdf-base", data
    mutants: list[tuple[str, Callable[[random.Random, bytes], bytes], int]] = [
        ("pdf-truncated", mutate_truncate, 90), ("pdf-flipped", mutate_flip, 90),
        ("pdf-no-xref-or-trailer", mutate_structure, 12), ("pdf-wrong-length", mutate_length, 12),
    ]
    for kind, mutate, count in mutants:
        for _ in range(count):
            yield kind, mutate(rng, rng.choice(bases))
    yield "pdf-row-of-identical-chars", row_pdf("中", 1200, 10.0)
    yield "pdf-row-of-identical-chars", row_pdf("—", 1200, 2.0)
    yield "pdf-tiny-dots", dots_pdf(big(20_000))
    yield "pdf-tiny-dots", dots_pdf(big(50_000), size=0.5, pitch=0.3)  # closer than a dot's size
    for copies in (2, 3, 6, 9, 12):
        yield "pdf-fake-bold", stacked_pdf(rng, copies)
    yield "pdf-many-pages", article_pdf(rng, pages=big(40))
    yield "pdf-many-pages", empty_pdf(big(300))
    yield "pdf-empty-page", empty_pdf(1)
    yield "pdf-image-only", image_only_pdf(rng)
    yield "pdf-image-only", image_only_pdf(rng)
    for data in odd_geometry_pdfs(rng):
        yield "pdf-odd-geometry", data
    not_pdfs = [article(rng).encode("utf-8"), rng.randbytes(2048), b"\x89PNG\r\n\x1a\n" + rng.randbytes(500),
                b"<html><body>not a pdf</body></html>", b"", b"%PDF-", b"%PDF-1.7\n%%EOF\n",
                b"PK\x03\x04" + rng.randbytes(300), b"%PDF-1.4\n" + rng.randbytes(3000)]
    for data in not_pdfs:
        yield "not-a-pdf", data


def generate(folder: Path, seed: int = 1998, scale: float = 1.0) -> list[FuzzInput]:
    """Write every input into `folder` (flat, unique names); returns them in name order."""
    folder.mkdir(parents=True, exist_ok=True)
    inputs: list[FuzzInput] = []
    counts: dict[str, int] = {}
    for suffix, source in ((".txt", text_inputs(random.Random(seed), scale)),
                           (".pdf", pdf_inputs(random.Random(seed + 1), scale))):
        for kind, data in source:
            counts[kind] = counts.get(kind, 0) + 1
            name = f"{kind}-{counts[kind]:03d}{suffix}"
            (folder / name).write_bytes(data)
            inputs.append(FuzzInput(name, kind, data))
    return sorted(inputs, key=lambda item: item.name)
