"""Values of absurd magnitude: kept as text and span, never as a number.

A value at or beyond 10**30 (far beyond any quantity in news, which stays below
10**24 even for national debts in 日元 or the bytes of the internet; such digit runs
are codes or noise) or a non-zero value below 10**-15 is capped
while the number is read, so later arithmetic (万 scaling, k/M) stays cheap and
never overflows; the fact then gets value null and a `note` saying why.
Without this, `10e6637` gave an int json.dumps refuses and `1e999999999` an int
of a billion digits.
"""
from __future__ import annotations

from decimal import Decimal

LIMIT = Decimal(10) ** 30
TINY = Decimal(10) ** -15
TOO_LARGE = "magnitude of 1e30 or more: value not kept"
TOO_SMALL = "non-zero magnitude below 1e-15: value not kept"


def bounded(value: Decimal) -> tuple[Decimal, str | None]:
    """(value, None) for an ordinary value, else (a capped stand-in, the note)."""
    if not value.is_finite():
        return LIMIT, TOO_LARGE
    if value and value.adjusted() >= 30:
        return (LIMIT if value > 0 else -LIMIT), TOO_LARGE
    if value and abs(value) < TINY:
        return Decimal(0), TOO_SMALL
    return value, None


def note_for(value: Decimal) -> str | None:
    """The note for a final value (scaling after reading may push it over the limit)."""
    if not value.is_finite() or abs(value) >= LIMIT:
        return TOO_LARGE
    return None
