"""Library warnings go into the file's `warnings`, once per kind with a count, not onto stderr.

pdfminer logs thousands of lines such as `Could not get FontBBox from font descriptor` that name
no file. While a file is read, those loggers' records are counted by their message (digits
blanked, so `object 12` and `object 13` are one kind) and written out as
`pdfminer: Could not get FontBBox ... (x1234)`.
"""
from __future__ import annotations

import logging
import re
from collections import Counter

LOGGERS = ("pdfminer", "pdfplumber", "pypdfium2", "PIL", "rapidocr", "onnxruntime")
_DIGITS = re.compile(r"\d+")
MAX_MESSAGE = 120


class _Counter(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=logging.WARNING)
        self.counts: Counter = Counter()
        self.first: dict[tuple[str, str], str] = {}

    def emit(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a library's own formatting bug must not stop the file
            message = str(record.msg)
        message = " ".join(message.split())[:MAX_MESSAGE]
        library = record.name.split(".")[0]
        key = (library, _DIGITS.sub("N", message))
        self.counts[key] += 1
        self.first.setdefault(key, message)


class LibraryWarnings:
    """Collects library log warnings while active; `lines()` gives one warning per kind."""

    def __init__(self) -> None:
        self._handler = _Counter()
        self._saved: list[tuple[logging.Logger, bool, int]] = []

    def start(self) -> "LibraryWarnings":
        for name in LOGGERS:
            logger = logging.getLogger(name)
            self._saved.append((logger, logger.propagate, logger.level))
            logger.addHandler(self._handler)
            logger.propagate = False  # keep them off the root logger's stderr fallback
            if logger.level == logging.NOTSET or logger.level > logging.WARNING:
                logger.setLevel(logging.WARNING)
        return self

    def stop(self) -> None:
        for logger, propagate, level in self._saved:
            logger.removeHandler(self._handler)
            logger.propagate = propagate
            logger.setLevel(level)
        self._saved = []

    def lines(self) -> list[str]:
        out = []
        for key in sorted(self._handler.counts):
            library, _ = key
            count = self._handler.counts[key]
            suffix = f" (x{count})" if count > 1 else ""
            out.append(f"{library}: {self._handler.first[key]}{suffix}")
        return out

    def __enter__(self) -> "LibraryWarnings":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
