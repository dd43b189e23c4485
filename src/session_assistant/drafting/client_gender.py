"""The client's gender as the session tells it, beside the client's own words (invent25).

Read in kept draft 93 (eval89): the chart gave no pronouns, the client is a mother ("You're doing what
a good mum does"), and the 1.5B model wrote her as "he": "The client reported that he had been pushed
by Mark ..., and that he had been threatened with violence by Mark." The client's own "he pushed me"
(of Mark) made ``consistent_pronouns`` keep the copied "he".

This reads the client's gender as the clinician speaks to them ("you're a good mum", "you're doing
what a good dad does", "as a mother, you ...") or as an interpreter relays them ("she says").
``person_voice.client_pronouns`` adds it to the client's own words ("I'm his mum"), so a pronoun
whose nearest person is the client is repaired to the right one; ``misgendered`` withholds what
repair cannot settle.
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import is_clinician

RELAYS_MIN = 2
RELAY_MARGIN = 3

_SHE = r"mum|mom|mam|mother|mummy|woman|wife|lady|girl"
_HE = r"dad|father|daddy|man|husband|guy|gentleman|boy"
# "You're a good mum", "you're doing what a good dad does", "you are not a bad mother": the clinician's
# word for the person addressed. Only these words between "you're" and the noun, so "you're worried
# about a woman at work" says nothing of the client.
_ADDRESSED = re.compile(
    r"\byou(?:'re|’re| are)\s+(?:(?:doing|being|what|any|every|exactly|just|not|still|clearly|obviously|really|such|"
    r"already|also|a|an|the|good|great|loving|caring|brave|strong|protective|devoted|single|working|new|"
    r"first-time|young|wonderful|amazing|proud)\s+){0,5}(?:(?P<she>%s)|(?P<he>%s))\b" % (_SHE, _HE), re.I)
_AS_PARENT = re.compile(r"\bas an? (?:(?:new|single|working|good)\s+)?(?:(?P<she>%s)|(?P<he>%s)),\s+you\b" % (_SHE, _HE),
                        re.I)
_RELAYED = re.compile(r"^\s*(?:(?P<she>she)|(?P<he>he)) (?:says|said|is saying|asks|is asking)\b", re.I)

def addressed_pronouns(source: SourceIndex) -> str | None:
    """"she/her" or "he/him" when the clinician's words to the client (or an interpreter relaying the
    client) say which, and only one way; else None."""
    found: set[str] = set()
    relayed = {"she/her": 0, "he/him": 0}
    for utt in source.utterances:
        if is_clinician(utt.speaker):
            for pattern in (_ADDRESSED, _AS_PARENT):
                found |= {"she/her" if m.group("she") else "he/him" for m in pattern.finditer(utt.text)}
        elif utt.speaker.strip().lower() == "interpreter":
            for m in _RELAYED.finditer(utt.text):
                relayed["she/her" if m.group("she") else "he/him"] += 1
    # "He says if she leaves he will take Lucas" (50): the client quoting her husband. The interpreter's
    # usual relay is the client's; one that says otherwise now and then is someone quoted.
    most, fewest = sorted(relayed, key=relayed.get, reverse=True)
    if relayed[most] >= RELAYS_MIN and relayed[fewest] * RELAY_MARGIN <= relayed[most]:
        found.add(most)
    return found.pop() if len(found) == 1 else None
