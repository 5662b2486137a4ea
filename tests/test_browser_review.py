"""The review flow in a real browser (headless Chromium driven by Selenium): the index, a fact
clicked and found in the text and on the drawn page, decisions made and exported, stored with
apply-review, and applied by the next extract. Screenshots go to outputs/ for the record."""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from pipeline.cli import main
from tests.conftest import ROOT, SEED_TEXT
from tests.review_run import HOSTILE_TEXT, documents, make_run

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")  # Debian's, never one Selenium Manager downloads
SEED_PDF = ROOT / "corpora" / "seed_page.pdf"
SHOTS = ROOT / "outputs"

pytestmark = pytest.mark.slow


def _chrome(profile: Path, downloads: Path, javascript: bool = True):
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.skip("no browser: install Debian's chromium and chromium-driver (`make sysdeps`)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 f"--user-data-dir={profile}", "--window-size=1400,1000"):
        options.add_argument(flag)
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False,
        "profile.managed_default_content_settings.javascript": 1 if javascript else 2})
    driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    return driver


@pytest.fixture
def browser(tmp_path, monkeypatch):
    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium must not fetch drivers or browsers
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver = _chrome(tmp_path / "profile", downloads)
    yield driver, downloads
    driver.quit()


def _click(driver, element) -> None:
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()


def _css(driver, selector: str):
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def _download(folder: Path, known: set[str], timeout: float = 20) -> Path:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        done = [p for p in folder.glob("review-*.json") if p.name not in known]
        if done and not list(folder.glob("*.crdownload")):
            return done[0]
        time.sleep(0.1)
    raise AssertionError(f"no download in {folder}")


SELECT_TEXT = """
const [container, start, end] = arguments;
function place(offset) {  // code-point offset -> (text node, UTF-16 offset)
  const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
  let seen = 0, node;
  while ((node = walker.nextNode())) {
    const points = Array.from(node.data);
    if (seen + points.length > offset) return [node, points.slice(0, offset - seen).join('').length];
    seen += points.length;
  }
}
const [a, i] = place(start), [b, j] = place(end - 1);
const range = document.createRange();
range.setStart(a, i); range.setEnd(b, j + Array.from(b.data.slice(j))[0].length);
const selection = window.getSelection(); selection.removeAllRanges(); selection.addRange(range);
return range.toString();
"""


def _free_span(article: dict, size: int = 2) -> tuple[int, int]:
    covered = {i for e in article["entities"] for i in range(e["start"], e["end"])}
    text = article["text"]
    for i in range(len(text) - size):
        span = range(i, i + size)
        if covered.isdisjoint(span) and all("\u4e00" <= text[k] <= "\u9fff" for k in span):
            return i, i + size
    raise AssertionError("no unmarked text")


def test_review_flow_in_a_browser(browser, tmp_path):
    driver, downloads = browser
    corrections = tmp_path / "corrections"
    out, sources = make_run(tmp_path, corrections=corrections, more=(SEED_PDF,))
    assert main(["review", str(out), "--sources", str(sources)]) == 0
    docs = documents(out)
    SHOTS.mkdir(exist_ok=True)

    # 1. The index: every document, the failed one first; sorting by a column works.
    driver.get((out / "index.html").as_uri())
    rows = _css(driver, "#documents tbody tr")
    assert len(rows) == len(docs) + 1
    assert rows[0].get_attribute("data-path") == "broken.pdf"
    _click(driver, _css(driver, "#documents thead th")[6])  # facts, ascending
    facts = [int(r.find_elements("css selector", "td")[6].text) for r in _css(driver, "#documents tbody tr")]
    assert facts == sorted(facts)
    driver.save_screenshot(str(SHOTS / "review-index.png"))

    # 2. The seed article as text: filter its facts, edit one, add a missed entity.
    _click(driver, next(a for a in _css(driver, "#documents a") if a.text == SEED_TEXT.name))
    seed = docs[SEED_TEXT.stem + ".json"]["articles"][0]
    assert SEED_TEXT.name in driver.title
    kinds = sorted({f["kind"] for f in seed["facts"]})
    kind = max(kinds, key=lambda k: sum(f["kind"] == k for f in seed["facts"]))
    from selenium.webdriver.support.select import Select

    Select(_css(driver, '.filters select[data-filter="kind"]')[0]).select_by_visible_text(kind)
    shown = [r for r in _css(driver, "#a0-facts tbody tr.item") if r.is_displayed()]
    assert len(shown) == sum(f["kind"] == kind for f in seed["facts"])
    assert {r.get_attribute("data-kind") for r in shown} == {kind}
    Select(_css(driver, '.filters select[data-filter="kind"]')[0]).select_by_index(0)
    edited_index = next(i for i, f in enumerate(seed["facts"]) if f["unit"])
    edited = seed["facts"][edited_index]
    _click(driver, _css(driver, f'#a0-f{edited_index}-row button[data-verdict="edit"]')[0])
    subject = _css(driver, f'#a0-f{edited_index}-row + tr.editor input[name="subject"]')[0]
    subject.clear()
    subject.send_keys("审核员写的主语")
    _click(driver, _css(driver, "tr.editor button.save-correction")[0])
    _click(driver, _css(driver, '#a0-e0-row button[data-verdict="confirmed"]')[0])
    relabelled = next(i for i, e in enumerate(seed["entities"]) if i and e["label"] != "LOC")
    Select(_css(driver, f"#a0-e{relabelled}-row select.relabel")[0]).select_by_visible_text("LOC")
    assert _css(driver, f"#a0-e{relabelled}-row .decision")[0].text == "corrected: label=LOC"
    start, end = _free_span(seed)
    container = _css(driver, "#a0-text")[0]
    assert driver.execute_script(SELECT_TEXT, container, start, end) == seed["text"][start:end]
    Select(_css(driver, "#a0 select.new-entity-label")[0]).select_by_visible_text("ORG")
    _css(driver, "#a0 button.add-entity")[0].click()
    assert "added ORG" in _css(driver, "#a0 .add-status")[0].text
    _click(driver, _css(driver, "#download-decisions")[0])
    text_export = _download(downloads, set())

    # 3. The seed article's PDF page: a fact clicked shows its text and its box on the page.
    driver.get((out / "seed_page.html").as_uri())
    pdf = docs["seed_page.json"]["articles"][0]
    index = next(i for i, f in enumerate(pdf["facts"]) if f["bbox"] and f["unit"])
    fact = pdf["facts"][index]
    _click(driver, _css(driver, f"#a0-f{index}-row td.item-text")[0])
    (box,) = _css(driver, "rect.selected")
    assert box.get_attribute("id") == f"box-a0-f{index}"
    x0, top, x1, bottom = fact["bbox"]
    assert float(box.get_attribute("x")) == x0 and float(box.get_attribute("y")) == top
    assert float(box.get_attribute("width")) == pytest.approx(x1 - x0, abs=0.006)
    assert float(box.get_attribute("height")) == pytest.approx(bottom - top, abs=0.006)
    assert box.is_displayed()
    marked = "".join(e.text for e in _css(driver, ".run.selected"))
    assert marked == fact["text"]
    assert _css(driver, f"#a0-f{index}-row")[0].get_attribute("class").split()[-1] == "selected"
    driver.save_screenshot(str(SHOTS / "review-document.png"))  # the text and the box in view
    # Clicking the box on the page leads back to the fact's row.
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))",
                          _css(driver, f"#box-a0-f{index}")[0])
    assert "selected" in _css(driver, f"#a0-f{index}-row")[0].get_attribute("class")
    _click(driver, _css(driver, f'#a0-f{index}-row button[data-verdict="rejected"]')[0])
    assert _css(driver, f"#a0-f{index}-row .decision")[0].text == "wrong"
    driver.refresh()  # decisions are kept in the browser until exported
    assert _css(driver, f"#a0-f{index}-row .decision")[0].text == "wrong"
    assert _css(driver, "#decision-count")[0].text == "1"
    _click(driver, _css(driver, "#download-decisions")[0])
    pdf_export = _download(downloads, {text_export.name})
    _click(driver, _css(driver, "#copy-decisions")[0])
    deadline = time.monotonic() + 10
    while not _css(driver, "#copy-status")[0].text and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _css(driver, "#copy-status")[0].text in ("copied", "select the text below and copy it")
    copied = json.loads(_css(driver, "#decisions-json")[0].get_property("value"))
    assert copied == json.loads(pdf_export.read_text(encoding="utf-8"))

    # 4. Stored with apply-review, applied by the next extract.
    assert main(["apply-review", str(text_export), str(pdf_export),
                 "--corrections", str(corrections)]) == 0
    assert main(["extract", str(sources), "-o", str(out), "--no-progress",
                 "--corrections", str(corrections)]) == 0
    after = documents(out)
    rerun_pdf = after["seed_page.json"]
    assert rerun_pdf["articles"][0]["facts"][index]["reviewed"] == "rejected"
    assert rerun_pdf["warnings"] == docs["seed_page.json"]["warnings"]
    rerun_text = after[SEED_TEXT.stem + ".json"]["articles"][0]
    fixed = rerun_text["facts"][edited_index]
    assert (fixed["subject"], fixed["reviewed"], fixed["value"]) == (
        "审核员写的主语", "corrected", edited["value"])
    added = [e for e in rerun_text["entities"] if (e["start"], e["end"]) == (start, end)]
    assert [(e["label"], e["reviewed"]) for e in added] == [("ORG", "corrected")]
    entities = {(e["start"], e["end"]): e for e in rerun_text["entities"]}
    first, other = seed["entities"][0], seed["entities"][relabelled]
    assert entities[first["start"], first["end"]]["reviewed"] == "confirmed"
    assert (entities[other["start"], other["end"]]["label"],
            entities[other["start"], other["end"]]["reviewed"]) == ("LOC", "corrected")

    # 5. The reviewed state shows on the page written after the rerun.
    assert main(["review", str(out), "--sources", str(sources)]) == 0
    driver.get((out / "seed_page.html").as_uri())
    row = _css(driver, f"#a0-f{index}-row")[0]
    assert "reviewed-rejected" in row.get_attribute("class")
    assert _css(driver, "#decision-count")[0].text == "0"  # the kept decision is now in the output
    Select(_css(driver, '.filters select[data-filter="reviewed"]')[0]).select_by_visible_text("rejected")
    assert [r.get_attribute("id") for r in _css(driver, "#a0-facts tbody tr.item") if r.is_displayed()] == [
        f"a0-f{index}-row"]
    driver.save_screenshot(str(SHOTS / "review-after-rerun.png"))


def test_hostile_text_runs_nothing_and_exports_intact(browser, tmp_path):
    driver, downloads = browser
    out, sources = make_run(tmp_path)
    assert main(["review", str(out), "--sources", str(sources)]) == 0
    driver.get((out / "hostile.html").as_uri())
    assert driver.execute_script("return window.pwned === undefined")
    headline = documents(out)["hostile.json"]["articles"][0]["headline"]
    assert _css(driver, "#a0 h2")[0].text == headline
    shown = _css(driver, "#a0-text")[0].text
    assert '"><img src=x onerror="window.pwned=3">' in shown and "<script>window.pwned=4</script>" in shown
    assert "</textarea></script>" in shown
    assert not _css(driver, "main img") and not _css(driver, "#a0-text script")
    row = _css(driver, "#a0-e0-row")[0]
    _click(driver, row.find_elements("css selector", 'button[data-verdict="rejected"]')[0])
    exported = json.loads(_css(driver, "#decisions-json")[0].get_property("value"))
    assert exported["decisions"][0]["article"]["headline"] == headline
    assert driver.execute_script("return window.pwned === undefined")
    assert HOSTILE_TEXT.splitlines()[0] == headline


def test_the_page_reads_without_javascript(tmp_path, monkeypatch):
    out, sources = make_run(tmp_path)
    assert main(["review", str(out), "--sources", str(sources)]) == 0
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    monkeypatch.setenv("SE_OFFLINE", "true")
    driver = _chrome(tmp_path / "profile", downloads, javascript=False)
    try:
        driver.get((out / "two_articles_page.html").as_uri())
        doc = documents(out)["two_articles_page.json"]
        rows = [r for r in _css(driver, "tr.item[data-item=fact]") if r.is_displayed()]
        assert len(rows) == sum(len(a["facts"]) for a in doc["articles"])
        assert not any(e.is_displayed() for e in _css(driver, ".js-only"))
        assert _css(driver, "#a0-text")[0].text.replace("\n", "") == doc["articles"][0]["text"].replace("\n", "")
        assert _css(driver, ".page svg text.block-number")[0].is_displayed()
    finally:
        driver.quit()
