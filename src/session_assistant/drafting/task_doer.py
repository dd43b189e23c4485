"""A follow-up the clinician took on, given to the client in a model sentence (issue 16, lead, session 21).

The 1.5B model turns "I'll also send you the details for the group" into "The client will be asked to
send the details for the group" (67): a Plan line with the wrong doer that a therapist strikes, and the
clinician's own words already stand in the Plan's "Clinician to follow up" line. Found by shape: the
note's client is the one who will do a kind of errand (send, call, write to, refer, book), the
clinician said "I'll" do that kind of errand with the same object, and no line of the client's says
it will do it too. The client being sent something ("will be sent the leaflet") is not the client doing it.
"""

from __future__ import annotations

import re

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.vocabulary import QUOTED_SPAN

_KINDS = {"send": r"send|email|e-mail|post|forward", "call": r"call|phone|ring", "write": r"write(?: to)?",
          "text": r"text|message", "contact": r"contact|speak to|talk to", "refer": r"refer", "book": r"book|arrange"}
_ERRAND = "|".join(f"(?P<{kind}>{words})" for kind, words in _KINDS.items())
_NOTE_CLIENT_DOES = re.compile(
    r"\b(?:the client|client)\s+(?:will|would|is to|is going to|was asked to|agreed to)\s+"
    r"(?:be\s+(?:asked|encouraged|expected|invited)\s+to\s+)?(?:also\s+)?(?:" + _ERRAND + r")\b(?P<rest>[^.;]*)", re.I)
_SAID_WILL = re.compile(r"\bI(?:'ll| will| can)\s+(?:also\s+)?(?:" + _ERRAND + r")\b(?P<rest>[^.?!]*)", re.I)
_STOP = set("""the and that this with from into onto about them they their you your will also then some
for just what when which there here have been were would could should""".split())
SAME_OBJECT_SHARE = 0.5


def _content(text: str) -> set[str]:
    return {w.lower()[:6] for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in _STOP}


def _kind(match: re.Match) -> str:
    return next(kind for kind in _KINDS if match.group(kind))


def clinician_errand_given_to_client(text: str, utterances) -> list[str]:
    """The errands (by kind) ``text`` gives the client that the clinician said they would do."""
    found: list[str] = []
    for note in _NOTE_CLIENT_DOES.finditer(QUOTED_SPAN.sub(" ", text)):
        kind, wanted = _kind(note), _content(note.group("rest"))
        if not wanted:
            continue
        sides = set()
        for utt in utterances:
            if not utt.speaker:
                continue
            for said in _SAID_WILL.finditer(utt.text):
                shared = wanted & _content(said.group("rest"))
                if _kind(said) == kind and len(shared) >= max(1, SAME_OBJECT_SHARE * len(wanted)):
                    sides.add("client" if is_client(utt.speaker) else "clinician")
        if sides == {"clinician"}:
            found.append(kind)
    return found
