"""The client called one way in a note, by rule: "the client", never now "Jordan" and now "the
client" (issue 16, therapy voice: "Client reported ...").

Why: the model names the client by the name the clinician used in session in some sentences and
"the client" in others ("Jordan reported feeling distressed ... The client reported that they had
been feeling distressed ...", 44). The name is taken as the client's only when the session has two
speakers, clinician and client, and the clinician says it in direct address ("Hey Jordan.", "...,
Jordan?") on the line just before the client speaks; a name said by anyone else, or a session with a
parent or partner in the room, leaves the sentence as written. Quotes keep the words as said.
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import text_cache
from session_assistant.drafting.risk import is_client

# Direct address: "Hey Jordan.", "Hi, Jordan,", "Morning, Jordan.", "..., Jordan?" at a clause end.
_ADDRESS = re.compile(r"^(?:hi|hey|hello|morning|good (?:morning|afternoon|evening)|welcome back|thanks|okay|ok|so|right),?\s+"
                      r"([A-Z][a-z]+)\b(?!')|,\s+([A-Z][a-z]+)[.?!]", re.I)
_NOT_A_NAME = {"Clinician", "Therapist", "Come", "Okay", "Ok", "Right", "Yes", "No", "Yeah", "Well", "So", "Everyone", "Both",
               "Everybody", "Mate", "Love", "Dear", "Today", "Then", "Now", "Again", "Too", "Though", "Please", "There", "Here",
               "Thanks", "Sir", "Madam", "Doctor", "Dr", "Mum", "Mom", "Dad", "Ms", "Mr", "Mrs", "Miss", "Mx", "Right", "Sure", "Good", "Great", "Anyway",
               "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
               # a time, not a person: "What would be different by, say, Easter?" (months that are also first
               # names, April, May, June, are left to the other checks)
               "January", "February", "March", "July", "September", "October", "November", "December", "Easter",
               "Christmas", "Halloween", "Diwali", "Eid", "Hanukkah", "Ramadan", "Passover", "Thanksgiving", "Spring",
               "Summer", "Autumn", "Winter"}
_QUOTED = re.compile(r"(\"[^\"]*\"|“[^”]*”)")


def client_name(utterances) -> str | None:
    """``_client_name`` read once per transcript: every model sentence's checks ask."""
    return _client_name(tuple(utterances))


@text_cache(maxsize=8)
def _client_name(utterances: tuple) -> str | None:
    """The client's first name as the clinician addresses them, or None (see the module doc)."""
    lines = [u for u in utterances if u.speaker]
    roles = {u.speaker.strip().lower() for u in lines}
    # One client, not a parent, partner or teen beside the clinician: whose name it is stays sure.
    if len({r for r in roles if is_client(r)}) != 1 or not {"client", "patient"} & roles:
        return None
    names: set[str] = set()
    for n, utt in enumerate(lines[:-1]):
        if is_client(utt.speaker) or not is_client(lines[n + 1].speaker):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(utt.text.split())):
            for match in _ADDRESS.finditer(sentence):
                name = match.group(1) or match.group(2)
                if name and name[0].isupper() and name[1:].islower() and name not in _NOT_A_NAME:
                    names.add(name)
    return names.pop() if len(names) == 1 else None


def source_client_name(source) -> str | None:
    """``client_name`` of a ``SourceIndex`` (``client_name`` itself is read once per transcript)."""
    return client_name(source.utterances)


def called_client(text: str, name: str | None) -> str:
    """``text`` with the client's name outside quotes said as "the client" ("Jordan's" as "the
    client's"), "The client" at the head of the sentence."""
    if not name:
        return text
    parts = _QUOTED.split(text)
    for k in range(0, len(parts), 2):  # odd parts are quotes: left as said
        parts[k] = re.sub(rf"\b{re.escape(name)}\b", "the client", parts[k])
    out = "".join(parts)
    return "The client" + out[len("the client"):] if out.startswith("the client") else out
