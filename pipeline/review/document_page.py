"""The review page of one output JSON: the article text with every fact and entity marked, their
tables (sortable and filterable; with JavaScript, each can be marked correct or wrong, a fact's
value, unit or subject edited, a missed entity added, and the decisions exported), the article
tables, repairs, reading-order blocks, and each PDF page drawn with numbered blocks and boxes.

Everything from the document goes through the template's autoescaping (text, attributes) or
`tojson` (the data the script reads), so text such as `<script>` shows and never runs.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from pipeline.review.page_images import SCALE, PageImage, render_pages, source_note
from pipeline.review.spans import Item, runs
from pipeline.review.templating import render

LABEL_COLOURS = {
    "PERSON": "#f4a261", "ORG": "#8ecae6", "GPE": "#95d5b2", "LOC": "#b7e4c7", "FAC": "#cdb4db",
    "NORP": "#e9c46a", "DATE": "#ffe066", "LAW": "#ffafcc", "WORK_OF_ART": "#ffc8dd",
    "EVENT": "#bde0fe", "PRODUCT": "#d8e2dc",
}
OTHER_COLOUR = "#dddddd"
ENTITY_LABELS = tuple(LABEL_COLOURS)


def _text_or_blank(value: Any) -> str:
    return "" if value is None else str(value)


def _fact_title(fact: dict) -> str:
    parts = [fact["kind"], f"{_text_or_blank(fact['value'])} {_text_or_blank(fact['unit'])}".strip()]
    if fact["approx"]:
        parts.append(fact["approx"])
    if fact["subject"]:
        parts.append(f"subject: {fact['subject']}")
    return ", ".join(p for p in parts if p)


def _article_view(n: int, article: dict) -> dict:
    """What the template shows of one article; `n` is its place in the document (ids)."""
    prefix = f"a{n}"
    facts = [dict(f, ref=f"{prefix}-f{i}", title=_fact_title(f)) for i, f in enumerate(article["facts"])]
    entities = [dict(e, ref=f"{prefix}-e{i}", colour=LABEL_COLOURS.get(e["label"], OTHER_COLOUR))
                for i, e in enumerate(article["entities"])]
    items = ([Item(f["ref"], "fact", f["start"], f["end"], title=f["title"]) for f in facts]
             + [Item(e["ref"], "entity", e["start"], e["end"], label=e["label"], title=e["label"])
                for e in entities])
    text_runs = runs(article["text"], items)
    text = article["text"]
    blocks = [dict(b, number=i, excerpt=text[b["start"]:b["end"]][:40])
              for i, b in enumerate(article["blocks"], 1)]
    return {
        "n": n, "prefix": prefix, "article": article, "facts": facts, "entities": entities,
        "runs": text_runs, "blocks": blocks,
        "options": {
            "kind": sorted({f["kind"] for f in facts}),
            "unit": sorted({f["unit"] for f in facts if f["unit"]}),
            "approx": sorted({f["approx"] for f in facts if f["approx"]}),
            "reviewed": sorted({f["reviewed"] for f in facts if f["reviewed"]}),
        },
    }


def _page_view(page: dict, articles: list[dict], image: Optional[PageImage], several: bool) -> dict:
    """One drawn page: its size, image and every box on it, in PDF points."""
    number = page["number"]
    width = page["width"] or (image.width if image else None)
    height = page["height"] or (image.height if image else None)
    boxes: list[dict] = []
    labels: list[dict] = []
    for view in articles:
        for block in view["blocks"]:
            if block["page"] == number:
                label = f"{view['n'] + 1}·{block['number']}" if several else str(block["number"])
                x0, top, x1, bottom = block["bbox"]
                labels.append({"x0": x0, "top": top, "x1": x1, "bottom": bottom, "label": label,
                               "kind": block["kind"]})
        for table_number, table in enumerate(view["article"].get("tables", []), 1):
            if table["page"] == number:
                boxes.append({"cls": "table-box", "bbox": table["bbox"], "ref": None,
                              "title": f"table {table_number}", "colour": "#1d4ed8"})
        for fact in view["facts"]:
            if fact["page"] == number and fact["bbox"]:
                boxes.append({"cls": "box fact", "bbox": fact["bbox"], "ref": fact["ref"],
                              "title": f"{fact['text']} — {fact['title']}", "colour": "#e63946"})
        for entity in view["entities"]:
            if entity["page"] == number and entity["bbox"]:
                boxes.append({"cls": "box entity", "bbox": entity["bbox"], "ref": entity["ref"],
                              "title": f"{entity['text']} — {entity['label']}",
                              "colour": entity["colour"]})
    for role in ("furniture", "items"):
        for item in page.get(role, []):
            boxes.append({"cls": f"page-item {role}", "bbox": item["bbox"], "ref": None,
                          "title": f"{item['kind']}: {item['text']}", "colour": "#7c3aed"})
    for line in page.get("low_confidence", []):
        boxes.append({"cls": "low-confidence", "bbox": line["bbox"], "ref": None,
                      "title": f"OCR confidence {line['confidence']:.2f}: {line['text']}",
                      "colour": "#f59e0b"})
    return {"page": page, "number": number, "width": width, "height": height, "image": image,
            "pixel_width": round(width * SCALE) if width else None,
            "pixel_height": round(height * SCALE) if height else None,
            "boxes": boxes, "labels": labels}


def _script_data(document: dict, views: list[dict]) -> dict:
    """What the page's script needs to write decisions; embedded with `tojson`."""
    return {
        "source": {"path": document["source"]["path"], "sha256": document["source"]["sha256"]},
        "labels": list(ENTITY_LABELS),
        "articles": [{
            "id": v["article"]["id"], "headline": v["article"]["headline"],
            "facts": {f["ref"]: {"start": f["start"], "end": f["end"], "text": f["text"],
                                 "value": f["value"], "unit": f["unit"], "subject": f["subject"],
                                 "reviewed": f["reviewed"]}
                      for f in v["facts"]},
            "entities": {e["ref"]: {"start": e["start"], "end": e["end"], "text": e["text"],
                                    "label": e["label"], "reviewed": e["reviewed"]}
                         for e in v["entities"]},
        } for v in views],
    }


def render_document(document: dict, pdf_path: Optional[Path] = None,
                    index_href: Optional[str] = None, fingerprint: str = "") -> str:
    """The HTML review page of one output document (a dict as read from its JSON)."""
    source = document["source"]
    views = [_article_view(n, a) for n, a in enumerate(document["articles"])]
    note = None
    images: dict[int, PageImage] = {}
    pages = document.get("pages", [])
    if source["kind"] == "pdf":
        note = source_note(pdf_path, source["sha256"])
        if note is None and pdf_path is not None:
            images = render_pages(pdf_path, [p["number"] for p in pages])
    several = len(views) > 1
    drawn = [_page_view(p, views, images.get(p["number"]), several) for p in pages
             if source["kind"] != "text" and (p["width"] or p["number"] in images)]
    return render("document.html", document=document, source=source, articles=views,
                  pages=pages, drawn=drawn, image_note=note, index_href=index_href,
                  labels=LABEL_COLOURS, other_colour=OTHER_COLOUR, data=_script_data(document, views),
                  fingerprint=fingerprint)
