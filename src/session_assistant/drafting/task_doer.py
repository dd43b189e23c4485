"""A follow-up the clinician took on, given to the client in a model sentence (issue 16, lead, session 21).

The 1.5B model turns "I'll also send you the details for the group" into "The client will be asked to
send the details for the group" (67): a Plan line with the wrong doer that a therapist strikes, and the
clinician's own words already stand in the Plan's "Clinician to follow up" line. Found by shape: the
note's client is the one who will do a kind of errand (send, call, write to, refer, book), the
clinician said "I'll" do that kind of errand with the same object, and no line of the client's says
it will do it too. The client being sent something ("will be sent the leaflet") is not the client doing it.
The note's client may be named ("Maya will be asked to write to school", 63), and the clinician may take
the errand on by asking leave ("would you both be happy for me to write to school?").
"""

from __future__ import annotations

import re

from session_assistant.drafting.client_name import client_name
from session_assistant.drafting.joint_session import names_by_role
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.vocabulary import QUOTED_SPAN
from session_assistant.drafting.word_stems import stem

_KINDS = {"send": r"send|email|e-mail|post|forward", "call": r"call|phone|ring", "write": r"write(?: to)?",
          "text": r"text|message", "contact": r"contact|speak to|talk to", "refer": r"refer", "book": r"book|arrange"}
_ERRAND = "|".join(f"(?P<{kind}>{words})" for kind, words in _KINDS.items())
_DOES = (r"\s+(?:will|would|is to|is going to|was asked to|agreed to)\s+"
         r"(?:be\s+(?:asked|encouraged|expected|invited)\s+to\s+)?(?:also\s+)?(?:" + _ERRAND + r")\b(?P<rest>[^.;]*)")
_NOTE_CLIENT_DOES = re.compile(r"\b(?:the client|client)" + _DOES, re.I)
_SAID_WILL = re.compile(r"\bI(?:'ll| will| can| could|'d| would)\s+(?:also\s+)?(?:" + _ERRAND + r")\b(?P<rest>[^.?!]*)", re.I)
# The clinician offering the errand by asking leave: "would you be happy for me to write to school?",
# "are you okay with me calling your GP?" (63: "Maya will be asked to write to school" where the
# clinician asked the family's leave to write), read as "I'll write to school".
_LEAVE_ASKED = re.compile(r"\bfor me to\b|\b(?:with|about|mind) me (?=\w+ing\b)", re.I)
_ING = {"sending": "send", "emailing": "email", "posting": "post", "forwarding": "forward", "calling": "call",
        "phoning": "phone", "ringing": "ring", "writing": "write", "texting": "text", "messaging": "message",
        "contacting": "contact", "speaking": "speak", "talking": "talk", "referring": "refer", "booking": "book",
        "arranging": "arrange"}
_ING_WORD = re.compile(r"\b(%s)\b" % "|".join(_ING), re.I)


def _as_said(text: str) -> str:
    """A clinician's line with an errand offered by asking leave put as "I'll ..."."""
    if not _LEAVE_ASKED.search(text):
        return text
    text = _LEAVE_ASKED.sub(" I'll ", text)
    return re.sub(r"I'll (\w+ing)\b", lambda m: "I'll " + _ING.get(m.group(1).lower(), m.group(1)), text)
_STOP = set("""the and that this with from into onto about them they their you your will also then some
for just what when which there here have been were would could should""".split())
SAME_OBJECT_SHARE = 0.5


def _content(text: str) -> set[str]:
    return {stem(w.lower()) for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in _STOP}


def _kind(match: re.Match) -> str:
    return next(kind for kind in _KINDS if match.group(kind))


def clinician_errand_given_to_client(text: str, utterances) -> list[str]:
    """The errands (by kind) ``text`` gives the client that the clinician said they would do."""
    found: list[str] = []
    name = client_name(utterances) or names_by_role(utterances).get("client")
    # the client named: "Maya will be asked to write to school"
    does = re.compile(r"\b(?:the client|client" + (r"|" + re.escape(name) if name else "") + r")" + _DOES, re.I)
    for note in does.finditer(QUOTED_SPAN.sub(" ", text)):
        kind, wanted = _kind(note), _content(note.group("rest"))
        if not wanted:
            continue
        sides = set()
        for utt in utterances:
            if not utt.speaker:
                continue
            for said in _SAID_WILL.finditer(utt.text if is_client(utt.speaker) else _as_said(utt.text)):
                shared = wanted & _content(said.group("rest"))
                if _kind(said) == kind and len(shared) >= max(1, SAME_OBJECT_SHARE * len(wanted)):
                    sides.add("client" if is_client(utt.speaker) else "clinician")
        if sides == {"clinician"}:
            found.append(kind)
    return found
