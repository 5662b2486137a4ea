"""rapidocr runs from the models in its wheel: no network call, no file written anywhere.

Run in a fresh interpreter (the engine may already be loaded in this one) with every socket
call refused and HOME, TMPDIR and the working directory pointing at empty folders; afterwards
those folders and rapidocr's package folder are unchanged.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

SCRIPT = r"""
import socket, sys
def refuse(*args, **kwargs):
    raise AssertionError("network call attempted: %r" % (args,))
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
sys.path.insert(0, sys.argv[1])
import numpy as np
from PIL import Image
from pipeline.ingest.ocr import read_page_image
image = np.asarray(Image.open(sys.argv[2]).convert("L"))
result = read_page_image(image, 72 / 200)
print("".join(g["text"] for g in result.glyphs))
"""


def _listing(folder: Path) -> list[tuple[str, int]]:
    return sorted((str(p.relative_to(folder)), p.stat().st_size) for p in folder.rglob("*"))


def test_ocr_reads_offline_and_writes_nothing(tmp_path):
    import rapidocr

    from PIL import Image, ImageDraw, ImageFont

    from tests.pagegen import FONT_FILE

    image = Image.new("L", (900, 160), 255)
    ImageDraw.Draw(image).text((30, 40), "港口吞吐量稳中有升", font=ImageFont.truetype(FONT_FILE, 64), fill=0)
    picture = tmp_path / "input" / "line.png"
    picture.parent.mkdir()
    image.save(picture)
    home, temp, work = (tmp_path / name for name in ("home", "tmp", "work"))
    for folder in (home, temp, work):
        folder.mkdir()
    package = Path(rapidocr.__file__).resolve().parent
    before = _listing(package)
    env = {"HOME": str(home), "TMPDIR": str(temp), "PATH": "/usr/bin:/bin", "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(ROOT), str(picture)], cwd=work, env=env,
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "港口吞吐量稳中有升"
    assert _listing(home) == [] and _listing(temp) == [] and _listing(work) == []
    assert _listing(package) == before
