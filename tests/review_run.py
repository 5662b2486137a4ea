"""A small run to review: real outputs of the pipeline (the seed text, a two-article PDF page, a
text full of HTML), one document with the edition data, page furniture, an advertisement, a
low-confidence OCR line and a table that the layout helpers add to the same schema, and a run
report with a failed input. Shared by the review, index, database and browser tests."""
from __future__ import annotations

import copy
import hashlib
import json
import shutil
from pathlib import Path

from pipeline.cli import main
from pipeline.model import DocumentOut
from tests.conftest import ROOT, SEED_TEXT

PDF_PAGE = ROOT / "corpora" / "two_articles_page.pdf"
DATED = "dated/edition_2021.json"
EDITION_DATE = "2021-03-05"

# Text that would run script if it reached the page unescaped: in the headline, the body and
# attribute-breaking quotes.
HOSTILE_TEXT = (
    '<script>window.pwned=1</script>新闻标题"><img src=x onerror="window.pwned=2">\n\n'
    "记者 张三\n\n"
    '本报讯 "><img src=x onerror="window.pwned=3">今年全市粮食产量达到1500吨，比去年增长12%。'
    "<script>window.pwned=4</script>北京市政府表示，'onmouseover='window.pwned=5' "
    "将继续支持&amp;农业&lt;发展。</textarea></script>\n"
)


def _cell(article: dict, start: int, end: int, box: list[float]) -> dict:
    return {"text": article["text"][start:end], "start": start, "end": end, "bbox": box}


def dated_variant(document: dict, path: str) -> dict:
    """`document` as an edition-aware layout writes it: edition data, a running head, an ad, a
    low-confidence line, a table (its cells are spans of the article text) and a warning."""
    doc = copy.deepcopy(document)
    doc["source"]["path"] = path
    doc["source"]["sha256"] = hashlib.sha256(path.encode()).hexdigest()
    page = doc["pages"][0]
    page["edition"] = {"paper": "测试日报", "date": EDITION_DATE, "page_label": "第3版",
                       "section": "经济", "editors": ["编辑甲", "编辑乙"]}
    page["furniture"] = [{"kind": "header", "text": "测试日报 第3版", "bbox": [40.0, 20.0, 400.0, 32.0]}]
    page["items"] = [{"kind": "ad", "text": "招商广告 <b>热线</b>", "bbox": [40.0, 900.0, 300.0, 1000.0]}]
    page["low_confidence"] = [{"text": "模糊的一行", "confidence": 0.41,
                               "bbox": [40.0, 1010.0, 300.0, 1022.0]}]
    for article in doc["articles"]:
        article["date"] = EDITION_DATE
    article = doc["articles"][0]
    spans = [(f["start"], f["end"]) for f in article["facts"][:4]]
    article["tables"] = [{
        "page": 1, "bbox": [40.0, 700.0, 400.0, 760.0], "header_rows": 1, "header_cols": 1,
        "rows": [[_cell(article, *spans[0], [40.0, 700.0, 200.0, 730.0]),
                  _cell(article, *spans[1], [200.0, 700.0, 400.0, 730.0])],
                 [_cell(article, *spans[2], [40.0, 730.0, 200.0, 760.0]),
                  _cell(article, *spans[3], [200.0, 730.0, 400.0, 760.0])]]}]
    doc["warnings"].append("page 1: a test warning")
    DocumentOut.model_validate(doc)  # still the schema every output follows
    return doc


def make_run(root: Path, corrections: Path | None = None,
             more: tuple[Path, ...] = ()) -> tuple[Path, Path]:
    """Extract the sample inputs (and `more`) into `root/out`; returns (output folder, input
    folder)."""
    sources = root / "in"
    sources.mkdir(parents=True)
    for path in (SEED_TEXT, PDF_PAGE, *more):
        shutil.copy(path, sources / path.name)
    (sources / "hostile.txt").write_text(HOSTILE_TEXT, encoding="utf-8")
    out = root / "out"
    argv = ["extract", str(sources), "-o", str(out), "--no-progress",
            "--corrections", str(corrections or root / "corrections")]
    assert main(argv) == 0
    pdf_doc = json.loads((out / (PDF_PAGE.stem + ".json")).read_text(encoding="utf-8"))
    dated = out / DATED
    dated.parent.mkdir()
    dated.write_text(json.dumps(dated_variant(pdf_doc, "dated/edition_2021.pdf"),
                                ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    report = {"pipeline_version": "test", "files": [
        {"path": SEED_TEXT.name, "output": SEED_TEXT.stem + ".json", "status": "done",
         "reason": None, "seconds": 1.0, "pages": 1, "chars": 3000},
        {"path": "broken.pdf", "output": "broken.json", "status": "failed",
         "reason": "encrypted PDF", "seconds": 0.1, "pages": None, "chars": None}],
        "totals": {}, "stages": {}}
    (out / "_run.json").write_text(json.dumps(report), encoding="utf-8")
    (out / ".partial.json").write_text("{half a fi", encoding="utf-8")  # a temp file: ignored
    return out, sources


def documents(out: Path) -> dict[str, dict]:
    """Every output JSON of the run by its path relative to `out` (skipping _ and . files)."""
    from pipeline.database import output_jsons

    return {p.relative_to(out).as_posix(): json.loads(p.read_text(encoding="utf-8"))
            for p in output_jsons(out)}
