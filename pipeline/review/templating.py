"""The Jinja2 environment of the review pages: every value is HTML-escaped unless it is one of
the package's own static files (CSS, JavaScript), which are inlined so a page needs no network."""
from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import resources

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

PACKAGE = "pipeline.review"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader(PACKAGE, "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.globals["static"] = static
    return env


@lru_cache(maxsize=None)
def static(name: str) -> Markup:
    """One of our own files in `static/`, trusted, to inline in a <style> or <script>."""
    text = resources.files(PACKAGE).joinpath("static", name).read_text(encoding="utf-8")
    if "</" in text:  # would close the inline element early
        raise ValueError(f"static/{name} must not contain '</'")
    return Markup(text)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A hash of every template and static file: a page made by other templates is outdated."""
    digest = hashlib.sha256()
    root = resources.files(PACKAGE)
    for folder in ("templates", "static"):
        for entry in sorted(root.joinpath(folder).iterdir(), key=lambda e: e.name):
            if entry.is_file():
                digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    return digest.hexdigest()[:16]


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
