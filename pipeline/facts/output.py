"""Fact dicts as the JSON model takes them."""
from __future__ import annotations

from decimal import Decimal

from .magnitude import note_for
from .mention import Mention
from .numerals import to_python

FACT_KEYS = ("text", "value", "unit", "approx", "kind", "subject", "start", "end", "role", "group",
             "note")


def fact_dict(text: str, mt: Mention) -> dict:
    """The fact of a mention: an int/float/ISO-string value, or None with a note when the
    magnitude is absurd; every float is finite."""
    value = mt.value
    note = mt.note
    if isinstance(value, Decimal):
        note = note or note_for(value)
        value = None if note else to_python(value)
    return {"text": text[mt.start:mt.end], "value": value, "unit": mt.unit, "approx": mt.approx,
            "kind": mt.kind, "subject": mt.subject, "start": mt.start, "end": mt.end,
            "role": mt.role, "group": mt.group, "note": note}
