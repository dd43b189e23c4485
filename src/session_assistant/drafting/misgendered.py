"""A pronoun of the client's other gender that repair left in a model sentence (invent25).

``person_voice.consistent_pronouns`` repairs a pronoun whose nearest person is the client ("The
client reported that he had been pushed" -> "she", draft 93) once the client's gender is known (the
chart's pronouns, the client's own words, the clinician's words to them: ``client_gender``). It
leaves one after another person, rightly for "her son ... he cried", but in draft 93 "..., and that
he had been threatened with violence by Mark" is the client again, and "he had been threatened ...
by his sister Nicola" after "by Jack" is the client too (Nicola is the client's sister: "My sister
Nicola"). Where such a pronoun may stand for the client the referent is unclear, and the sentence is
withheld (``MISGENDERED``), never rewritten:

- the model gave the client the other gender in this sentence (repair changed one of its pronouns)
  and another pronoun of that gender is left;
- a possessive of the other gender before a relative the client named as their own ("his sister
  Nicola"), with another person named before it.

Pronouns of other people are never changed here.
"""

from __future__ import annotations

import re
from typing import Iterable

from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.person_voice import consistent_pronouns
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.vocabulary import QUOTED_SPAN

MISGENDERED = "client_misgendered"  # withheld

_OTHER_GENDER = {"f": re.compile(r"\b(?:he|him|his|himself)\b", re.I),
                 "m": re.compile(r"\b(?:she|her|hers|herself)\b", re.I)}
_POSSESSIVE = {"f": "his", "m": "her"}
_RELATIVE = re.compile(r"\b(?P<own>[Hh]is|[Hh]er)\s+(?:(?:little|older|younger|big|eldest|youngest)\s+)?"
                       r"(?P<rel>[a-z]+),?\s+(?P<name>[A-Z][a-z]{2,})")
_PERSON = re.compile(r"\b(?:[A-Z][a-z]{2,}|partner|husband|wife|boyfriend|girlfriend|son|daughter|brother|sister|"
                     r"father|mother|dad|mum|mom|friend|boss|manager|child|kid|boy|girl|uncle|aunt|nephew|niece)\b")
_NOT_PEOPLE = {"The", "Client", "Clinician", "She", "He", "His", "Her", "They", "Their", "This", "That", "Then", "When",
               "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Also", "After", "Before",
               "During", "Homework", "Plan", "Session", "Subjective", "Objective", "Assessment", "Past", "In", "My"}


def _gender(pronouns: str | None) -> str:
    return {"she": "f", "he": "m"}.get((pronouns or "").lower().replace(" ", "").split("/")[0], "")


def _own_relatives(source: SourceIndex) -> set[str]:
    """The names of the relatives the client calls their own: "My sister Nicola", "Dan, my brother"."""
    own: set[str] = set()
    for utt in source.utterances:
        if is_client(utt.speaker):
            own |= {m.group(1) for m in re.finditer(r"\b(?i:my)\s+(?:[a-z]+\s+)?[a-z]+,?\s+([A-Z][a-z]{2,})", utt.text)}
            own |= {m.group(1) for m in re.finditer(r"\b([A-Z][a-z]{2,}),\s+my\s+[a-z]+", utt.text)}
    return own - _NOT_PEOPLE


def _masked(text: str) -> str:
    return QUOTED_SPAN.sub(lambda m: "_" * len(m.group(0)), text)


def other_gender_left(text: str, pronouns: str | None) -> bool:
    """A pronoun of the client's other gender outside quotes (False when the gender is not known)."""
    gender = _gender(pronouns)
    return bool(gender and _OTHER_GENDER[gender].search(_masked(text)))


def misgendered(written: str, text: str, source: SourceIndex, pronouns: str | None,
                evidence: Iterable[int] = ()) -> list[str]:
    """``MISGENDERED`` flags for ``text`` (the sentence as the note would say it; ``written``: the
    model's own words before any repair) when a pronoun of the client's other gender may still stand
    for the client; see the module doc. [] when the client's gender is not known."""
    gender = _gender(pronouns)
    if not gender:
        return []
    other = _OTHER_GENDER[gender]
    masked = _masked(text)
    left = other.findall(masked)
    if not left:
        return []
    repaired = _masked(consistent_pronouns(written, pronouns, source, evidence))
    if len(other.findall(repaired)) < len(other.findall(_masked(written))):
        return [f"{MISGENDERED}:{left[0].lower()}"]  # the client was given it here; the one left may be theirs too
    own = source.once(_own_relatives)
    for m in _RELATIVE.finditer(masked):
        before = [p.group(0) for p in _PERSON.finditer(masked[:m.start()]) if p.group(0) not in _NOT_PEOPLE]
        if m.group("own").lower() == _POSSESSIVE[gender] and m.group("name") in own and before:
            return [f"{MISGENDERED}:{m.group('own').lower()} {m.group('rel')}"]
    return []
