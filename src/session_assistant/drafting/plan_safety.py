"""The safety steps of a therapy Plan, found by rule: the crisis contacts the clinician gave, a crisis
service rung from the room and what it will do, how the client gets home safely, and the client's own
steps for a bad night, in their words.

Why by rule: a therapist's Plan after a risk conversation records what was put in place that day
("Crisis team rung in session; visiting at three"; "Samaritans, 999 or A and E"; "wife to collect,
not to drive"), and the 1.5B model's Plan left all three out. The risk line (Assessment) says only
that risk was asked and a safety plan made; the homework rules skip anything naming a crisis on
purpose, so these steps had no home. Each step quotes the clinician's words and cites its lines.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import asks_about_risk, is_clinician
from session_assistant.drafting.risk_after_screen import MEANS_WORDS
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import SENTENCE_BREAK, words_up_to

# Numbers and services a client is told to use when things get worse.
_CONTACT = re.compile(r"\b(?:Samaritans|116 123|111|999|911|988|A and E|A&E|accident and emergency|emergency (?:department|room)"
                      r"|crisis (?:line|text line|number|team'?s? number)|helpline|hotline|lifeline|text line)\b", re.I)
_CONTACT_KEY = {"a&e": "a and e", "accident and emergency": "a and e", "emergency department": "a and e",
                "emergency room": "a and e"}
CONTACT_MAX_WORDS = 40
CONTACTS_MAX = 3
# A clinician's line spoken into a phone in the room: the stage direction says so.
PHONE_CALL = re.compile(r"^\s*\((?:on the phone|phones|phoning|calls|calling|rings|ringing|dials)\b[^)]*\)", re.I)
# The crisis services a clinician rings from the room, written once: room_acts names whom the call
# went to with them (and a few services more), the Plan what the service will do.
CRISIS_SERVICES = (r"crisis (?:team|service|line)|home treatment team|home treatment|ambulance|mental health (?:team|liaison)"
                   r"|duty (?:doctor|team|worker)|out[- ]of[- ]hours(?: service)?")
_CRISIS_SERVICE = re.compile(rf"\b(?:{CRISIS_SERVICES})\b", re.I)
CALL_LOOKBACK = 4
# What the service will do, as the clinician reports it once the call ends: "They'll come out at three."
_REPORTS_BACK = re.compile(r"^(?:(?:so|okay|right|good),?\s+)?(?:they|the (?:crisis|home treatment) team)(?:'ll| will| are going to|'re going to"
                           r"| can| are coming| 're coming)\b", re.I)
# The client going home with someone, or not driving: "she came to pick you up", "No driving today."
_GETS_HOME = re.compile(r"\b(?:pick (?:you|him|her|them) up|picks? (?:you|him|her|them) up|collect (?:you|him|her|them)"
                        r"|(?:take|drive|run) (?:you|him|her|them) home|(?:not|n't|no) driv(?:e|ing)(?: home| today| tonight|(?=[.,;]))"
                        r"|driv(?:e|ing) home on (?:your|his|her|their) own)", re.I)
GETS_HOME_MAX_WORDS = 30
CONTACTS_OPENING = "Crisis contacts given, as said in session: "
# What the service will do, told once: that the call was made in the room is the Objective's (room_acts),
# what will happen next is the Plan's.
CALL_OPENING = "Crisis team follow-up, as the clinician reported after the call: "
HOME_OPENING = "Getting home safely, as said in session: "


def _sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_BREAK.split(" ".join(PHONE_CALL.sub("", text).split())) if s]


def _key(word: str) -> str:
    low = word.lower()
    return _CONTACT_KEY.get(low, low)


_STEP = re.compile(r"\b(?:(?:you (?:can|could)|you'd) )?(?:ring|call|phone|text|go to)\b", re.I)


def _from_the_step(sentence: str, keys: set[str]) -> str:
    """A long sentence from the step that names the contacts on ("If things get worse before we next
    speak, if you ever ..., you can ring your GP, or 111 ..." -> "You can ring your GP, or 111 ...")."""
    first = _CONTACT.search(sentence)
    if not keys or first is None or len(sentence.split()) <= CONTACT_MAX_WORDS:
        return sentence
    step = [m for m in _STEP.finditer(sentence, 0, first.start())]
    rest = sentence[step[-1].start():] if step else sentence
    return rest[0].upper() + rest[1:]


def crisis_contacts(utterances: Sequence[Utterance]) -> list[tuple[str, int]]:
    """(the clinician's sentence naming a crisis contact, its line) for each sentence that names one
    not named before, in session order; a long sentence is left out rather than cut mid-clause."""
    found: list[tuple[str, int]] = []
    named: set[str] = set()
    for utt in utterances:
        if not is_clinician(utt.speaker) or PHONE_CALL.match(utt.text):
            continue
        for sentence in _sentences(utt.text):
            keys = {_key(m.group(0)) for m in _CONTACT.finditer(sentence)}
            sentence = _from_the_step(sentence, keys)
            if not keys or keys <= named or sentence.endswith("?") or len(sentence.split()) > CONTACT_MAX_WORDS:
                continue
            named |= keys
            found.append((sentence, utt.id))
            if len(found) == CONTACTS_MAX:
                return found
    return found


def crisis_contacts_sentence(found: Sequence[tuple[str, int]]) -> str:
    return CONTACTS_OPENING + "; ".join(f'"{text}"' for text, _ in found) + "."


def crisis_call(utterances: Sequence[Utterance], told: Sequence[int] = ()) -> tuple[str, list[int]] | None:
    """What a crisis service rung from the room (the clinician's line marked as a phone call, a few
    lines after the service is named) will do, as the clinician reports it once the call ends; None
    when there is no such call. ``told``: call lines the Objective already records as made in the
    room; such a call with no report of what comes next has no Plan line (it was done, not planned)."""
    lines = [u for u in utterances if u.speaker]
    for n, utt in enumerate(lines):
        if not is_clinician(utt.speaker) or not PHONE_CALL.match(utt.text):
            continue
        if not any(_CRISIS_SERVICE.search(u.text) for u in lines[max(0, n - CALL_LOOKBACK):n + 1]):
            continue
        after = next((u for u in lines[n + 1:n + 3] if is_clinician(u.speaker) and not PHONE_CALL.match(u.text)), None)
        said = [s for s in _sentences(after.text)][:2] if after else []
        if said and _REPORTS_BACK.match(said[0]):
            report = said[0] if len(said) == 1 or said[1].endswith("?") else " ".join(said)
            return f'{CALL_OPENING}"{report}"', [utt.id, after.id]
        return None if utt.id in told else ("Crisis team contacted from the session with the client's agreement.", [utt.id])
    return None


def getting_home(utterances: Sequence[Utterance], skip: Sequence[int] = ()) -> tuple[str, list[int]] | None:
    """The clinician's words arranging how the client gets home (someone to collect them, no driving),
    the last time they are said (a read-back at the end says it whole); None when never said."""
    found = None
    for utt in utterances:
        if not is_clinician(utt.speaker) or PHONE_CALL.match(utt.text) or utt.id in skip:
            continue
        said = [s for s in _sentences(utt.text) if _GETS_HOME.search(s)]
        if said and len(" ".join(said).split()) <= GETS_HOME_MAX_WORDS:
            found = (" ".join(said), [utt.id])
    if found is None:
        return None
    return f'{HOME_OPENING}"{found[0]}"', found[1]


# The clinician asking, after a risk conversation, what the client would do on a bad night: "What helps, at
# three in the morning?", "And if the thoughts got stronger, or changed?", "What could you do instead?".
# "What would help you keep track?" asks about homework, not a bad night: only "what helps" and "what could
# you do" are read.
_ASKS_STEP = re.compile(r"\b(?:what (?:helps|could you do|would you do|can you do)"
                        r"|what would you do if|if (?:the )?(?:thoughts?|urges?|things|it) (?:got|get|gets|started|start|"
                        r"became|become) (?:worse|stronger|more|to feel like))\b", re.I)
OWN_STEP_MAX_WORDS = 25
OWN_STEPS_MAX = 3
STEPS_AFTER_RISK = 20  # lines after the last risk question within which a "what helps?" asks for a safety step
OWN_STEPS_OPENING = "Client's own safety steps, in the client's words: "


def own_steps(utterances: Sequence[Utterance], skip: Sequence[int] = ()) -> list[tuple[str, int]]:
    """(the client's answer, its line) to each question of the clinician's, after a risk question, asking
    what the client would do on a bad night or if the thoughts got stronger ("Getting up. Making a tea.",
    "Then I'd ring. The Samaritans, or the hospice line."): the client's own steps, which the 1.5B model's
    Plan left out or told as a passive with nobody in it ("The numbers on the fridge will be kept.").
    ``skip``: answers another Plan line quotes."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, int]] = []
    risk_at = None  # the last risk question: the steps are asked in the talk after it
    for n, utt in enumerate(lines[:-1]):
        answer = lines[n + 1]
        if is_clinician(utt.speaker) and asks_about_risk(utt):
            risk_at = n
        if (risk_at is None or n - risk_at > STEPS_AFTER_RISK or not is_clinician(utt.speaker) or not utt.text.rstrip().endswith("?")
                or not _ASKS_STEP.search(_sentences(utt.text)[-1]) or answer.speaker.strip().lower() not in ("client", "patient")
                or answer.id in skip):
            continue
        said = words_up_to(_sentences(answer.text), OWN_STEP_MAX_WORDS).replace('"', "'")  # quoted within the quote
        # a step that puts means away is the means restriction line's (``risk_note.means_plan_line``)
        if len(said.split()) >= 2 and "?" not in said and not _NOT_A_STEP.match(said) and not MEANS_WORDS.search(said):
            found.append((said, answer.id))
    return found[:OWN_STEPS_MAX]


_NOT_A_STEP = re.compile(r"^(?:no|nothing|i don'?t know|dunno|not sure|i'm not sure)\b", re.I)


def safety_steps(utterances: Sequence[Utterance], skip: Sequence[int] = (),
                 told: Sequence[int] = ()) -> list[tuple[str, list[int]]]:
    """The Plan's safety lines, each (text, lines): what the crisis service rung will do, getting home,
    the crisis contacts; ``skip``: lines another Plan line quotes (a read-back that already says who
    collects); ``told``: lines the Objective already tells as done in the room (a call made)."""
    steps = [step for step in (crisis_call(utterances, told), getting_home(utterances, skip)) if step]
    own = own_steps(utterances, skip)
    if own:
        steps.append((OWN_STEPS_OPENING + "; ".join(f'"{text}"' for text, _ in own) + ".", sorted(i for _, i in own)))
    contacts = [c for c in crisis_contacts(utterances) if c[1] not in skip]
    if contacts:
        steps.append((crisis_contacts_sentence(contacts), sorted({i for _, i in contacts})))
    return steps
