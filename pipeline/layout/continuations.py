"""The `link` stage: articles leave layout page by page and are handed on when complete.

    linker = ArticleLinker()
    for page in pages: done = linker.feed(page)   # articles that can no longer grow
    rest = linker.finish()

An article is held back while it may still continue:
- it ends with a jump marker (`（下转第3版）`): it waits for an article on that page marked
  `（上接第N版）` naming its page, and the two are joined; once that page has gone by without
  one, or at the end, it is handed on as it is;
- it is the last article of its page: if the next page starts with text under no title, that
  text flows on from it and is joined to it.
Only these open articles are held, so memory does not grow with the page count. Every article
gets its page's date.
"""
from __future__ import annotations

from typing import Optional

from pipeline.document import ArticleDraft, PageLayout, Piece
from pipeline.layout.text_rules import page_number_label


def _label(page: PageLayout) -> str:
    if page.edition is not None and page.edition.page_label:
        return page_number_label(page.edition.page_label)
    return str(page.number)


def join_articles(first: ArticleDraft, more: ArticleDraft) -> None:
    """Append `more` (a continuation) to `first`; a paragraph cut by the break is made whole."""
    sections = list(more.sections)
    if more.opens_mid_paragraph and sections and sections[0].heading is None and sections[0].paragraphs \
            and first.sections and first.sections[-1].paragraphs:
        head = first.sections[-1].paragraphs[-1]
        tail = sections[0].paragraphs[0]
        first.sections[-1].paragraphs[-1] = join_pieces(head, tail)
        sections[0] = type(sections[0])(heading=None, paragraphs=sections[0].paragraphs[1:])
    for section in sections:
        if section.heading is None and first.sections:
            first.sections[-1].paragraphs.extend(section.paragraphs)
        elif section.heading is not None or section.paragraphs:
            first.sections.append(section)
    if not first.byline:
        first.byline = more.byline
    first.captions.extend(more.captions)
    first.credits.extend(more.credits)
    first.tables.extend(more.tables)
    first.pages.extend(p for p in more.pages if p not in first.pages)
    first.jump_to = more.jump_to
    if first.date is None:
        first.date = more.date


def join_pieces(a: Piece, b: Piece) -> Piece:
    """One paragraph printed on two pages: its characters keep their own pages."""
    boxes = None
    if a.boxes is not None or b.boxes is not None:
        boxes = (a.boxes or [None] * len(a.text)) + (b.boxes or [None] * len(b.text))
    pages = (a.char_pages or [a.page] * len(a.text)) + (b.char_pages or [b.page] * len(b.text))
    repairs = list(a.repairs) + [r.shifted(len(a.text)) for r in b.repairs]
    return Piece(a.text + b.text, a.page, boxes, repairs, char_pages=pages)


class ArticleLinker:
    def __init__(self) -> None:
        self._jumps: list[tuple[ArticleDraft, str]] = []  # (article, label of its page)
        self._last: Optional[tuple[ArticleDraft, str]] = None  # last article of the previous page

    def feed(self, page: PageLayout) -> list[ArticleDraft]:
        done: list[ArticleDraft] = []
        label = _label(page)
        date = page.edition.date if page.edition is not None else None
        articles = list(page.articles)
        for article in articles:
            if article.date is None and date:
                article.date = date
        if articles and self._last is not None and not articles[0].headline.text \
                and articles[0].jump_from is None:
            last, _ = self._last
            join_articles(last, articles.pop(0))
            articles.insert(0, last)
        elif self._last is not None:
            done.append(self._last[0])
        self._last = None
        kept: list[ArticleDraft] = []
        for article in articles:
            if article.jump_from is not None:
                target = self._jump_source(article, label)
                if target is not None:
                    join_articles(target, article)
                    article = target
            kept.append(article)
        # Jumps aimed at this page that found no continuation here give up.
        done.extend(a for a, _ in self._jumps if a.jump_to == label)
        self._jumps = [(a, source) for a, source in self._jumps if a.jump_to != label]
        for i, article in enumerate(kept):
            if article.jump_to is not None and article.jump_to != label:
                self._jumps.append((article, label))
            elif i == len(kept) - 1:
                self._last = (article, label)
            else:
                done.append(article)
        return done

    def _jump_source(self, article: ArticleDraft, label: str) -> Optional[ArticleDraft]:
        candidates = [(a, source) for a, source in self._jumps
                      if a.jump_to == label and (article.jump_from in (None, source))]
        if not candidates:
            return None
        same = [c for c in candidates if c[0].headline.text == article.headline.text]
        chosen = (same or candidates)[0]
        self._jumps.remove(chosen)
        return chosen[0]

    def finish(self) -> list[ArticleDraft]:
        done = [a for a, _ in self._jumps]
        if self._last is not None:
            done.append(self._last[0])
        self._jumps, self._last = [], None
        return done
