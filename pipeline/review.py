"""A review page per output: every fact and entity highlighted in the article text, listed in
tables, and (for PDF input) boxed on the rendered page it came from.

    python -m pipeline review outputs --sources corpora

writes `outputs/<name>.html` next to each `outputs/<name>.json`. The page is self-contained
(page images are embedded), so it can be mailed or archived with the JSON.
"""
from __future__ import annotations

import base64
import html
import io
import json
from pathlib import Path
from typing import Optional

LABEL_COLOURS = {
    "PERSON": "#f4a261", "ORG": "#8ecae6", "GPE": "#95d5b2", "LOC": "#b7e4c7", "FAC": "#cdb4db",
    "DATE": "#ffe066", "LAW": "#ffafcc", "WORK_OF_ART": "#ffc8dd", "EVENT": "#bde0fe",
}
FACT_COLOUR = "#e63946"
RENDER_DPI = 100

STYLE = """
body{font-family:system-ui,"Noto Sans CJK SC","WenQuanYi Zen Hei",sans-serif;margin:2em;max-width:1400px}
.text{white-space:pre-wrap;line-height:2;font-size:17px;border:1px solid #ccc;padding:1em}
mark{padding:0 1px;border-radius:3px} .fact{border-bottom:3px solid #e63946}
table{border-collapse:collapse;margin:1em 0;font-size:14px} td,th{border:1px solid #ccc;padding:2px 6px}
.page{position:relative;display:inline-block;margin:1em 0;border:1px solid #999}
.page svg{position:absolute;left:0;top:0} .warn{color:#b00}
"""


def _spans_html(text: str, entities: list[dict], facts: list[dict], prefix: str) -> str:
    """The article text with entities as coloured marks and facts underlined."""
    opens: dict[int, list[str]] = {}
    closes: dict[int, int] = {}
    for i, e in enumerate(entities):
        colour = LABEL_COLOURS.get(e["label"], "#ddd")
        opens.setdefault(e["start"], []).append(
            f'<mark id="{prefix}e{i}" style="background:{colour}" title="{html.escape(e["label"])}">')
        closes[e["end"]] = closes.get(e["end"], 0) + 1
    fact_opens = {f["start"]: i for i, f in enumerate(facts)}
    fact_closes: dict[int, int] = {}
    for f in facts:
        fact_closes[f["end"]] = fact_closes.get(f["end"], 0) + 1
    out: list[str] = []
    for i, ch in enumerate(text + "\0"):
        out.append("</span>" * fact_closes.get(i, 0))
        out.append("</mark>" * closes.get(i, 0))
        out.extend(opens.get(i, []))
        if i in fact_opens:
            f = facts[fact_opens[i]]
            tip = f'{f["kind"]}: {f["value"]} {f["unit"] or ""} {f["approx"] or ""} · {f["subject"] or ""}'
            out.append(f'<span class="fact" id="{prefix}f{fact_opens[i]}" title="{html.escape(tip)}">')
        if ch != "\0":
            out.append(html.escape(ch))
    return "".join(out)


def _page_images(pdf_path: Optional[Path], pages: set[int]) -> dict[int, tuple[str, float, float]]:
    """Render the given pages to PNG (base64) with their size in points."""
    if pdf_path is None or not pdf_path.exists():
        return {}
    import pdfplumber

    images = {}
    with pdfplumber.open(pdf_path) as pdf:
        for number in sorted(pages):
            if 1 <= number <= len(pdf.pages):
                page = pdf.pages[number - 1]
                buffer = io.BytesIO()
                page.to_image(resolution=RENDER_DPI).original.save(buffer, format="PNG")
                images[number] = (base64.b64encode(buffer.getvalue()).decode(), float(page.width),
                                  float(page.height))
    return images


def _page_html(number: int, image: tuple[str, float, float], items: list[tuple[str, str, dict]]) -> str:
    data, width, height = image
    scale = RENDER_DPI / 72
    rects = []
    for anchor, colour, item in items:
        if item.get("page") != number or not item.get("bbox"):
            continue
        x0, top, x1, bottom = item["bbox"]
        rects.append(
            f'<a href="#{anchor}"><rect x="{x0 * scale:.1f}" y="{top * scale:.1f}" '
            f'width="{(x1 - x0) * scale:.1f}" height="{(bottom - top) * scale:.1f}" fill="none" '
            f'stroke="{colour}" stroke-width="2"><title>{html.escape(item["text"])}</title></rect></a>')
    w, h = width * scale, height * scale
    return (f'<h3>Page {number}</h3><div class="page"><img src="data:image/png;base64,{data}" '
            f'width="{w:.0f}" height="{h:.0f}"><svg width="{w:.0f}" height="{h:.0f}">{"".join(rects)}'
            f"</svg></div>")


def render(document: dict, pdf_path: Optional[Path] = None) -> str:
    source = document["source"]
    parts = [f"<!doctype html><meta charset='utf-8'><title>{html.escape(source['path'])}</title>",
             f"<style>{STYLE}</style><h1>{html.escape(source['path'])}</h1>",
             f"<p>{source['kind']}, {source['pages']} page(s), sha256 {source['sha256'][:16]}…</p>"]
    parts += [f'<p class="warn">⚠ {html.escape(w)}</p>' for w in document["warnings"]]
    legend = " ".join(f'<mark style="background:{c}">{label}</mark>' for label, c in LABEL_COLOURS.items())
    parts.append(f'<p>Entities: {legend} · <span class="fact">fact</span> (hover for details)</p>')
    page_items: list[tuple[str, str, dict]] = []
    for number, article in enumerate(document["articles"]):
        ents, facts = article["entities"], article["facts"]
        parts.append(f"<h2>{html.escape(article['headline'])}</h2>")
        parts.append(f"<p>{len(facts)} facts, {len(ents)} entities, {len(article['repairs'])} repairs</p>")
        parts.append(f'<div class="text">{_spans_html(article["text"], ents, facts, f"a{number}-")}</div>')
        parts.append("<h3>Facts</h3><table><tr><th>#</th><th>text</th><th>value</th><th>unit</th>"
                     "<th>approx</th><th>kind</th><th>subject</th><th>role</th><th>page</th></tr>")
        for i, f in enumerate(facts):
            cells = [f'<a href="#a{number}-f{i}">{i}</a>', f["text"], f["value"], f["unit"], f["approx"], f["kind"],
                     f["subject"], f"{f['role'] or ''} {f['group'] if f['group'] is not None else ''}",
                     f["page"]]
            parts.append("<tr>" + "".join(
                f"<td>{c if i_ == 0 else html.escape('' if c is None else str(c))}</td>"
                for i_, c in enumerate(cells)) + "</tr>")
        parts.append("</table><h3>Entities</h3><table><tr><th>#</th><th>text</th><th>label</th><th>page</th></tr>")
        for i, e in enumerate(ents):
            parts.append(f'<tr><td><a href="#a{number}-e{i}">{i}</a></td><td>{html.escape(e["text"])}</td>'
                         f'<td>{e["label"]}</td><td>{e["page"] if e["page"] is not None else ""}</td></tr>')
        parts.append("</table>")
        if article["repairs"]:
            parts.append("<h3>Repairs</h3><table><tr><th>before</th><th>after</th><th>method</th></tr>")
            parts += [f"<tr><td>{html.escape(r['before'])}</td><td>{html.escape(r['after'])}</td>"
                      f"<td>{r['method']}</td></tr>" for r in article["repairs"]]
            parts.append("</table>")
        page_items += [(f"a{number}-f{i}", FACT_COLOUR, f) for i, f in enumerate(facts)] + [
            (f"a{number}-e{i}", LABEL_COLOURS.get(e["label"], "#666"), e) for i, e in enumerate(ents)]
    # Each page once, with the boxes of every article on it.
    pages = {p for article in document["articles"] for p in article["pages"]}
    images = _page_images(pdf_path, pages) if source["kind"] == "pdf" else {}
    parts += [_page_html(n, img, page_items) for n, img in sorted(images.items())]
    return "\n".join(parts) + "\n"


def review(outputs: Path, sources: Optional[Path]) -> int:
    """Write an HTML review page beside every JSON under `outputs`; returns the count."""
    files = sorted(p for p in outputs.rglob("*.json") if not p.name.startswith(("_", "."))) \
        if outputs.is_dir() else [outputs]  # "_run.json" and other reports are not documents
    from pipeline.export import write_atomic

    for json_path in files:
        document = json.loads(json_path.read_text(encoding="utf-8"))
        pdf = None
        if sources is not None and document["source"]["kind"] == "pdf":
            pdf = sources / document["source"]["path"]
        write_atomic(json_path.with_suffix(".html"), render(document, pdf))
    return len(files)
