"""Complete objects out of a JSON generation cut off mid-way (a length limit, a cancel): every
drafting request keeps what the model finished rather than nothing. Apart from ``sections`` so that
the typed-slot request, which ``sections`` reads back, can use it without importing it."""

from __future__ import annotations

import json
import re
from typing import Sequence


def salvage_items(text: str, section_keys: Sequence[str] = (), needs_text: bool = True) -> list[tuple[str, dict]]:
    """Complete ``{"text", ...}`` objects from JSON cut off mid-way, with the section list each sat in.

    ``section_keys`` names the lists of a multi-section (extract) object; an item belongs to the
    last such key that starts before it. With no keys every item gets the section "".
    ``needs_text=False`` keeps any complete object (the typed slots' items have no "text").
    """
    starts = sorted((m.start(), key) for key in section_keys
                    for m in re.finditer(r'"%s"\s*:\s*\[' % re.escape(key), text))
    decoder = json.JSONDecoder()
    found: list[tuple[str, dict]] = []
    pos = text.find("{", 1)
    while pos != -1:
        try:
            obj, end = decoder.raw_decode(text, pos)
        except ValueError:
            pos = text.find("{", pos + 1)
            continue
        if isinstance(obj, dict) and (isinstance(obj.get("text"), str) or not needs_text):
            owner = ""
            for start, key in starts:
                if start < pos:
                    owner = key
            found.append((owner, obj))
            pos = text.find("{", end)
        else:
            pos = text.find("{", pos + 1)
    return found
