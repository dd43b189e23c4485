"""Whether a labelled line of the record's note rests on evidence of its kind, else where it goes.

The window pass fills "Triggers", "Progress" and "Clinician observed" with whatever the model found
near them: on 03 (record after1) "Progress: Client stopped completely" was a month off a couple of
years ago, and "Triggers: Client stopped for a whole month" the same line; "Clinician observed:"
held what the client reported. A label is a claim a clinician signs, so it must fit its lines:

- progress: a change for the better since the last session or toward a plan goal (less, fewer,
  better, down, dropped the script, did more than planned); a past event ("a couple of years ago",
  "used to", "once") is history. The present tense is not enough: on 09 the warning signs of the
  safety plan ("drinking alone in the garage") passed on "things are getting worse".
- triggers: a cue that came before the problem ("when I get home after a bad day", "stress",
  "on Fridays with the guys").
- clinician observed: a clinician's line that says what they notice ("I notice you're sitting up
  straighter"); a client's report is the client's account.
- in session: a line of the exercise itself (one that practises now, by either speaker); "I kept
  myself muted and camera off. I usually do that." (10) is the client's account of work.

A fact that fails goes to the slot it does fit (``history``, ``account``) or, with nothing better,
keeps its part without the label (``UNLABELLED``).
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex, words
from session_assistant.drafting.risk import is_clinician
from session_assistant.drafting.session_record import SlotFact

UNLABELLED = ""  # render the fact in its part, without the slot's lead-in

_PAST = re.compile(r"\b(?:years? ago|years? back|a while (?:ago|back)|long ago|once\b|used to|back then|in the past|"
                   r"as a (?:kid|child|teen(?:ager)?)|when I was|growing up|in (?:college|high school|school)|last year|"
                   r"(?:a|two|three|four|five|few|couple of) years|(?:done it|stopped|quit) before)\b", re.I)
_RECENT = re.compile(r"\b(?:this (?:week|month|time)|last (?:week|session|time)|past (?:week|two weeks)|since (?:last|we)|"
                     r"now|lately|recently|so far|these days|today|anymore|down (?:to|from)|up (?:to|from)|"
                     r"went (?:down|up)|from \w+ to|improv\w*|better|worse|fewer|more often|less often|"
                     r"(?:five|four|three|two|\d) (?:out )?of (?:seven|five|three|\d)|managed|completed|did (?:it|the))\b",
                     re.I)
# A change in the good direction; "better off" (09: "Everyone would be better off without me") is not one.
_IMPROVED = re.compile(r"\b(?:better(?! off)|improv\w*|less|fewer|lower(?:ed)?|reduc\w*|cut (?:back|down)|"
                       r"down (?:to|from)|went down|dropped|calmer|easier|no longer|managed|completed|"
                       r"did (?:it|the|more)|more than planned|(?:five|four|three|two|\d) (?:out )?of (?:seven|five|\d)|"
                       r"started (?:to|going|walking|\w+ing)|back to|met (?:the|their|his|her|my) goal|reached|"
                       r"more confident|proud|didn't need|habituat\w*)\b", re.I)
_WORSE = re.compile(r"\b(?:worse|worsen\w*|more than usual|increas\w*|went up|harder|not sleeping|"
                    r"can't sleep|struggl\w*)\b", re.I)
_TRIGGER = re.compile(r"\b(?:when(?:ever)?|after|every time|each time|trigger\w*|set(?:s)? (?:\w+ )?off|because|"
                      r"urges?|craving\w*|stress\w*|bad day|argument|fight|conflict|alone|night|crowd\w*|"
                      r"reminders?|on (?:fridays|weekends|the train))\b", re.I)
_OBSERVED = re.compile(r"\b(?:I notice|I noticed|I'm noticing|I can see|I see that|you look|you seem|you sound|"
                       r"you appear|you're (?:smiling|sitting|tearing|crying|speaking|talking)|your voice|your face|"
                       r"your hands)\b", re.I)


_IN_SESSION = re.compile(r"\b(?:let's|let us|practi[cs]\w*|rehears\w*|role[- ]?play\w*|exercise|worksheet|"
                         r"breath\w*|right now|in here|today|try (?:it|that|again)|one more time)\b", re.I)


def _lines(fact: SlotFact, source: SourceIndex) -> list:
    return [source.by_id[i] for i in fact.evidence if i in source.by_id]


def fitting_slot(slot_key: str, fact: SlotFact, source: SourceIndex) -> str:
    """``slot_key`` if the fact's evidence is of that slot's kind, else the slot it goes to
    (or ``UNLABELLED``). Slots without such a rule keep their facts."""
    lines = _lines(fact, source)
    said = " ".join(u.text for u in lines)
    if slot_key == "progress":
        if _PAST.search(fact.text) or (_PAST.search(said) and not _RECENT.search(fact.text)):
            return "history"
        if _WORSE.search(fact.text):
            return UNLABELLED
        improved = _IMPROVED.search(fact.text) or (_IMPROVED.search(said) and not _WORSE.search(said))
        return slot_key if improved else UNLABELLED
    if slot_key == "triggers":
        if _PAST.search(fact.text) or (_PAST.search(said) and not _TRIGGER.search(fact.text)):
            return "history"
        client_said = " ".join(u.text for u in lines if not is_clinician(u.speaker))
        return slot_key if _TRIGGER.search(fact.text) or _TRIGGER.search(client_said) else UNLABELLED
    if slot_key == "activities":
        done_here = any(_IN_SESSION.search(u.text) for u in lines)
        return slot_key if done_here else "account"
    if slot_key == "observations":
        observed = any(is_clinician(u.speaker) and _OBSERVED.search(u.text) for u in lines)
        return slot_key if observed else "account"
    return slot_key


_NEGATION = {"not", "no", "never", "don't", "doesn't", "didn't", "won't", "wouldn't", "can't", "cannot", "isn't",
             "wasn't", "aren't", "haven't", "hasn't", "nor"}
_SUBJECT = re.compile(r"^(?:[A-Z][\w' ]{0,30}: )?(?:the client|client|the clinician|clinician|she|he|they)\s+", re.I)
NEGATION_LOST = "negation_lost"


def negation_lost(text: str, fact: SlotFact, source: SourceIndex) -> bool:
    """The fact asserts what its line denies: "Progress: Client stopped completely" from "I don't
    want to stop completely. Not right now." (03, record draft). Its main verb (the word after the
    subject) is said only under a negation in the cited lines, and the fact has none."""
    if set(words(text)) & _NEGATION:
        return False
    rest = _SUBJECT.sub("", text.strip(), count=1)
    verb = next(iter(words(rest)), "")
    if len(verb) < 4 or verb == rest.strip().lower():
        return False
    stem = verb[:4]
    said_plain = said_negated = False
    for utt in _lines(fact, source):
        tokens = words(utt.text)
        for n, token in enumerate(tokens):
            if token.startswith(stem):
                if set(tokens[max(0, n - 3):n]) & _NEGATION:
                    said_negated = True
                else:
                    said_plain = True
    return said_negated and not said_plain
