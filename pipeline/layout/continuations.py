"""The `link` stage: articles leave layout page by page and are handed on when complete.

    linker = ArticleLinker()
    for page in pages: done = linker.feed(page)   # articles that can no longer grow
    rest = linker.finish()

Today every article is complete on its own page (no joining across pages yet); the linker is
the one place where articles continued on a later page (`（下转第X版）`, text flowing on) will be
held back and joined, so that pages can still be processed as a stream.
"""
from __future__ import annotations

from pipeline.document import ArticleDraft, PageLayout


class ArticleLinker:
    def __init__(self) -> None:
        self._open: list[ArticleDraft] = []

    def feed(self, page: PageLayout) -> list[ArticleDraft]:
        done, self._open = self._open, []
        for article in page.articles:
            if page.edition is not None and page.edition.date and article.date is None:
                article.date = page.edition.date
            done.append(article)
        return done

    def finish(self) -> list[ArticleDraft]:
        done, self._open = self._open, []
        return done
