"""Edition data parsed from running heads and feet (`pipeline.layout.furniture.edition_of`)."""
from __future__ import annotations

import pytest

from pipeline.document import Line
from pipeline.layout.furniture import edition_of


def _line(text: str, x0: float, top: float, size: float = 9.0) -> Line:
    boxes = [(x0 + i * size, top, x0 + (i + 1) * size, top + size) for i in range(len(text))]
    return Line(text=text, boxes=boxes, size=size)


@pytest.mark.parametrize("foot, editors", [
    ("本版责任编辑 周立新", ["周立新"]),          # a prefix before the staff title
    ("责任编辑：周立新  美编：沈红", ["周立新", "沈红"]),
    ("编辑 周立新 校对 沈红", ["周立新", "沈红"]),
])
def test_editors_follow_their_staff_title_wherever_it_starts(foot: str, editors: list[str]) -> None:
    head = [_line("江淮晨报", 36, 20, 14), _line("2019年3月5日 星期二", 400, 22), _line("第A3版 经济", 880, 22)]
    edition = edition_of(head, [_line(foot, 400, 1270)])
    assert edition is not None
    assert edition.editors == editors
    assert (edition.paper, edition.date, edition.page_label, edition.section) == (
        "江淮晨报", "2019-03-05", "第A3版", "经济")
