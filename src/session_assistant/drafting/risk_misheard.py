"""A screening question the transcriber misheard: "Any thoughts of thirding yourself?" for "hurting
yourself" (Whisper, in a real window). Read as written it names no risk, and the screen was missing from
the list. Listed only when the verb sounds like "hurting" or "harming" (an unknown word ending "-rting",
"-rding" or "-rming" before "yourself", in a question that asks about thoughts or urges) and the client
answers no: a denial, flagged for the clinician to check the wording; never an endorsement read from a
word nobody said, and never a line of the note (the clinician accepts it from the list once checked).
"""

from __future__ import annotations

import re

WORDING_TO_CHECK = "wording to check"  # the item's detail
_SOUNDS_LIKE_HURTING = re.compile(r"\b(?:thoughts?|urges?|ideas?|ever|any)\b[^?.!]{0,40}?\b(\w*(?:r[td]|rm)ing) yourself\b", re.I)
# real words with the same ending, said of oneself in ordinary talk ("supporting yourself", "sorting yourself out")
_ORDINARY = {"hurting", "harming", "sorting", "starting", "supporting", "reporting", "asserting", "parting", "exerting",
             "diverting", "converting", "comforting", "rewarding", "regarding", "recording", "affording", "guarding",
             "boarding", "forming", "informing", "performing", "warming", "reforming", "transforming", "conforming",
             "alerting", "inserting", "deserting", "escorting", "exhorting", "distorting", "courting", "carting",
             "charting", "darting", "flirting", "skirting", "squirting", "lording"}


def misheard_screen(question: str) -> str:
    """The words of a question that reads as a misheard self-harm screen ("thirding yourself"); "" for none."""
    for sentence in re.split(r"(?<=[.!?])\s+", question):
        match = _SOUNDS_LIKE_HURTING.search(sentence) if sentence.rstrip().endswith("?") else None
        if match and match.group(1).lower() not in _ORDINARY:
            return match.group(0)[match.start(1) - match.start():]
    return ""
