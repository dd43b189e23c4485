"""Urges or thoughts of self-harm or suicide read back from the client's own record (a diary card, a
mood log, an app), with a rating above nought: what the client recorded is the client's report.

Why: in a DBT session the clinician read the diary card aloud ("Monday to Thursday, the urges to
self-harm are mostly zero or one." - "Then Saturday there's a four. Out of five." - "And in the
acted-on column you've put no." - "No. I didn't do anything."). The list had only the clinician's
words, "mentioned", and the risk line said just "suicidal ideation denied". A therapist documents
the record: "self-harm urges rated 4 out of 5 on Saturday, not acted on".

By rule: a clinician's line naming urges or thoughts of self-harm or suicide, with a record named in
it or in the ``RECORD_NEAR`` lines before, and a reading above nought in it or in the clinician's next
lines that read on (a number, not a time nor a count, and not last week's), confirmed by the client's
next line (not disputed). The acted-on column read the same way ("you've put no" - "No. I didn't")
says whether it was acted on. A reading of nought is no endorsement and leaves the line as it was.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import WEEKDAY

RECORD_READ = "read from the client's record"  # the item's detail
RECORD_NEAR = 3  # the record named this many lines before the line that reads the urges
READ_ON = 4  # the clinician's next readings and the acted-on column come this close after
QUOTED_SENTENCES = 2  # of each answer: "No. I didn't do anything."
_KINDS = ("self_harm", "suicidal_ideation")

_RECORD = re.compile(r"\b(?:diary card|card|diary|mood log|log|tracker|sheet|chart|app|record)\b", re.I)
_URGES = re.compile(r"\burges?\b|\bthoughts?\b", re.I)
_NUMBERS = {w: n for n, w in enumerate("nought one two three four five six seven eight nine ten".split())} | {"zero": 0}
_READING = re.compile(r"\b(nought|zero|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b(?!\s*(?:o'?clock|am\b|pm\b|"
                      r"times?|days?|nights?|hours?|minutes?|weeks?|months?|years?|pints?|drinks?|pounds?|percent|%))", re.I)
# A reading read on from the record: "there's a four", "was a two", "a three out of five" (not "one that spins").
_READ_AS = re.compile(r"(?:\b(?:a|at|was|were|is|are|'s)\s+(?:mostly\s+|about\s+|around\s+|only\s+)?|\b)"
                      r"(?:nought|zero|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b(?=[.,!]|\s+out of\b|\s+on\b|$)",
                      re.I)
_TOP = re.compile(r"\bout of (five|ten|5|10)\b|\b(?:nought|zero|0) to (five|ten|5|10)\b", re.I)
_EARLIER = re.compile(r"\b(?:last|the previous|the other) (?:week|time|month|card|one)\b|\bbefore that\b|\busually\b", re.I)
_DAYS = re.compile(rf"\b({WEEKDAY})(?:\s+(?:to|through|till|until)\s+({WEEKDAY}))?\b", re.I)
_ACTED = re.compile(r"\bact(?:ed|ing)?[- ]on\b", re.I)
_PUT_NO = re.compile(r"\byou'?ve (?:put|marked|written|ticked)\s+(?:a\s+)?(?:no|none|nothing|nought|zero)\b", re.I)
_NO = re.compile(r"^\W*(?:no|nope|nah|never|not once|nothing|i didn'?t|didn'?t)\b", re.I)
_YES = re.compile(r"^\W*(?:yes|yeah|yep|i did)\b", re.I)
_DISPUTES = re.compile(r"^\W*(?:no\b|nah\b|not\b|that'?s (?:wrong|not right)|actually\b)", re.I)


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if s]


def _readings(texts: Sequence[str]) -> tuple[int, str, str] | None:
    """(the highest reading, the scale's top, the day it was on) in what the clinician read out."""
    best: tuple[int, str] | None = None
    top = ""
    for text in texts:
        for sentence in _sentences(text):
            scale = _TOP.search(sentence)
            if scale and not top:
                said = (scale.group(1) or scale.group(2)).lower()
                top = str(_NUMBERS.get(said, said))
            if _EARLIER.search(sentence):
                continue  # "Last week your highest was a two.": the record before, not this week's
            bare = _TOP.sub(" ", sentence)
            days = _DAYS.search(bare)
            day = " to ".join(d.capitalize() for d in days.groups() if d) if days else ""
            for match in _READING.finditer(bare):
                word = match.group(1).lower()
                value = _NUMBERS[word] if word in _NUMBERS else int(word)
                if value <= 10 and (best is None or value > best[0]):
                    best = (value, day)
    return (best[0], top, best[1]) if best else None


def record_readings(lines: Sequence[Utterance], categories: Callable[[str], list[tuple[str, str]]],
                    is_clinician: Callable[[str], bool]) -> list[dict]:
    """A ``RiskItem``'s fields for each urge rating read back from the client's record (see above)."""
    found: list[dict] = []
    used: set[int] = set()
    for n, utt in enumerate(lines):
        if n in used or not (utt.speaker and is_clinician(utt.speaker)) or not _URGES.search(utt.text):
            continue
        # a screen asks, a read-back states: the risk words and a number in one sentence ("No thoughts of self-harm." in a
        # summary reads nothing)
        said = [x for x in _sentences(utt.text) if not x.endswith("?")]
        first = next((k for k, x in enumerate(said) if _readings([x]) and any(c in _KINDS for c, _ in categories(x))), None)
        stated = " ".join(said[first:]) if first is not None else ""  # and the readings read on after it
        kinds = [(c, words) for c, words in categories(stated) if c in _KINDS]
        named = next((k for k in range(n, max(-1, n - RECORD_NEAR - 1), -1) if _RECORD.search(lines[k].text)
                      and is_clinician(lines[k].speaker)), None)
        if not kinds or named is None:
            continue
        read, acted = [n], None
        for k in range(n + 1, min(len(lines), n + 1 + READ_ON)):
            other = lines[k]
            if not (other.speaker and is_clinician(other.speaker)):
                continue
            if _ACTED.search(other.text) and acted is None:
                acted = k
            elif _READ_AS.search(other.text) and _readings([other.text]) and not categories(other.text) and acted is None:
                read.append(k)  # "Then Saturday there's a four. Out of five."
            else:
                break
        answer = next((k for k in range(acted + 1, min(len(lines), acted + 3)) if not is_clinician(lines[k].speaker)),
                      None) if acted is not None else None
        reading = _readings([stated] + [lines[k].text for k in read[1:]])
        confirm = next((k for k in range(read[-1] + 1, len(lines)) if not is_clinician(lines[k].speaker)), None)
        if reading is None or reading[0] == 0 or confirm is None or (acted is not None and confirm > acted):
            continue
        if _DISPUTES.search(lines[confirm].text) or any(is_clinician(lines[k].speaker) and k not in read
                                                      for k in range(n + 1, confirm)):
            continue
        ids = sorted({named, *read, confirm, *([acted, answer] if acted is not None and answer is not None else [])})
        used.update(ids)
        category, words = kinds[0]
        found.append({"category": category, "segment_id": lines[confirm].id, "speaker": lines[confirm].speaker,
                      "phrase": words, "text": lines[confirm].text, "status": "endorsed", "detail": RECORD_READ,
                      "evidence": [lines[k].id for k in ids], "categories": [category]})
    return found


def with_record_readings(items: list, lines: Sequence[Utterance], categories: Callable[[str], list[tuple[str, str]]],
                         is_clinician: Callable[[str], bool], make: Callable[..., object]) -> list:
    """``items`` with each record reading in place of the clinician's mention it reads (``make`` builds an item)."""
    out = list(items)
    for fields in record_readings(lines, categories, is_clinician):
        read = set(fields["evidence"])
        at = next((k for k, i in enumerate(out) if i.segment_id in read and i.status == "mentioned"), None)
        out = [i for i in out if not (i.segment_id in read and i.status == "mentioned")]
        out.insert(len(out) if at is None else at, make(**fields))
    return out


def record_fact(evidence: Sequence[int], by_id: dict, category: str, is_clinician: Callable[[str], bool]) -> tuple[str, str]:
    """(the risk line's words, the client's account with their answers quoted) for a record reading:
    ("self-harm urges rated 4 out of 5 on Saturday (the client's card, read back in session), not acted on", ...)."""
    said = [by_id[i] for i in evidence if i in by_id]
    asked = [u for u in said if u.speaker and is_clinician(u.speaker)]
    acted_at = next((n for n, u in enumerate(said) if u in asked and _ACTED.search(u.text)), None)
    value, top, day = _readings([u.text for u in asked if not _ACTED.search(u.text)]) or (0, "", "")
    record = next((m.group(0).lower() for u in asked for m in [_RECORD.search(u.text)] if m), "record")
    rated = f"rated {value}{f' out of {top}' if top else ''}{f' on {day}' if day else ''}"
    acted = ""
    if acted_at is not None and acted_at + 1 < len(said):
        answer, column = said[acted_at + 1].text, said[acted_at].text
        acted = (", not acted on" if _NO.search(answer) or (_PUT_NO.search(column) and not _YES.search(answer))
                 else ", acted on, as the client said" if _YES.search(answer) else "")
    urges = "urges" if any(re.search(r"\burges?\b", u.text, re.I) for u in asked) else "thoughts"
    fact = f"{'self-harm' if category == 'self_harm' else 'suicidal'} {urges} {rated} (the client's {record}, read back in session){acted}"
    quotes = "; ".join(f'"{" ".join(_sentences(u.text)[:QUOTED_SENTENCES])}"' for u in said if u not in asked)
    return fact, f"{fact} ({quotes})"
