"""Two readings of risk language that need more than the line itself: a clinician's question that takes
up an earlier screening item again, and a harm thought the session treats as an obsession.

Why: a questionnaire item read aloud ("thoughts that you would be better off dead ...?") is answered
with a score, and what the client endorses comes when the clinician goes back to it ("I'd like to come
back to that last one. Can you tell me what those thoughts are like?"); read alone, that question
names no risk, the passive wish told in answer was no screening's answer, and the note kept only the
later "No. Never." to a plan, as "denied suicidal ideation". And a client in exposure work for harm
OCD who says the obsession aloud ("what if I grab the knife and stab her") tells an unwanted thought
the work is about, not harm he endorses: listed as "harm to others, endorsed", it put a finding in the
Assessment the clinician never made.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from session_assistant.drafting.risk_words import CLIENT_SPEAKERS
from session_assistant.drafting.transcript_input import Utterance

# The question goes back to what was just asked; it names no risk of its own.
_GOES_BACK = re.compile(
    r"\b(?:come|go|get) back to (?:that|the|this) (?:last |previous |other )?(?:one|item|question|answer)\b|"
    r"\b(?:tell me|talk me through|say (?:a bit )?more about|describe) (?:a (?:bit|little) )?(?:more )?(?:about )?(?:what )?"
    r"(?:those|these|that|the|your) thoughts?\b|"
    r"\bwhat (?:are|were|is|was) (?:those|these|that|the|they|it) (?:thoughts? )?like\b|"
    r"\bhow often (?:has|have|is|are|do|does|did) (?:that|those|it|they|these|this)\b|"
    # "How often, would you say?", "How often?", "When do those thoughts come?" (102, 80, 94)
    r"^\W*(?:and |so )?how often(?:,? would you say(?: (?:it|they|that) (?:comes?|happens?))?)?\b[^?]{0,20}\?|"
    r"\bwhen do (?:those|these|the|they) (?:thoughts |feelings )?(?:come|happen)\b|"
    r"\bhow many (?:days|nights|times)\b|"
    # "Any urges to do it again?" after a past self-harm told (112): the current screen of the same
    r"\b(?:urges?|thoughts?|wanted|want) (?:to |of )?(?:do(?:ing)?) (?:it|that) again\b", re.I)
FOLLOW_UP_LINES = 6  # the question comes within this many lines of the screening it takes up
# How often the wish comes is asked after the plan and intent questions, which the client often denies (111:
# the wish at 37, "No. No plan." at 43, "How often is it coming?" at 44): it takes up the wish endorsed this close before.
HOW_OFTEN_LINES = 10
_HOW_OFTEN = re.compile(r"\bhow often\b|\bhow many (?:days|nights|times)\b|\bwhen do (?:those|these|the|they) (?:thoughts |feelings )?"
                        r"(?:come|happen)\b", re.I)


def goes_back(text: str) -> bool:
    """True when a clinician's question takes up the screening just before it ("Can you tell me what
    those thoughts are like?", "How often has that been?")."""
    return any(_GOES_BACK.search(s) for s in re.split(r"(?<=[.!?])\s+", text) if s.rstrip().endswith("?"))


# The clinician checks the answer just given, after a no as after a yes: "So no thoughts like that at all?", "So you're fed
# up, but no thoughts like that?", "Have you had those thoughts at all recently, in the last few weeks?" (40, 56, 61, 73)
CHECK_BACK_LINES = 2  # the line after the answer
_CHECKS_BACK = re.compile(r"\b(?:no|any|those|these|such) thoughts? (?:like (?:that|this)|at all)\b|"
                          r"\b(?:had|have|having) (?:those|these|such|them|any of those) thoughts\b", re.I)
# ... put as a no: a "Yes." to it may agree that there are none
_ASKED_AS_A_NO = re.compile(r"\bno thoughts? like\b|\bnothing like that\b", re.I)


def checks_back(utt: Utterance) -> bool:
    """True when a clinician's question checks the screen's answer just given ("So no thoughts like that at all?")."""
    return utt.speaker.strip().lower() not in CLIENT_SPEAKERS and any(
        _CHECKS_BACK.search(s) for s in re.split(r"(?<=[.!?])\s+", utt.text) if s.rstrip().endswith("?"))


def as_checked(found: tuple[str, str], question: str, endorsed: str, unclear: str) -> tuple[str, str]:
    """The answer's (status, detail) to a check put as a no: "Yes." to "So no thoughts like that?" is unclear."""
    return (unclear, "") if found[0] == endorsed and _ASKED_AS_A_NO.search(question) else found


def asks_how_often(utt: Utterance) -> bool:
    """True when a clinician's question asks how often the thoughts come ("How often is it coming?")."""
    return utt.speaker.strip().lower() not in CLIENT_SPEAKERS and any(
        _HOW_OFTEN.search(s) for s in re.split(r"(?<=[.!?])\s+", utt.text) if s.rstrip().endswith("?"))


# The clinician names the thoughts as obsessions: OCD, an obsession, intrusive or unwanted thoughts.
_OCD_FRAMED = re.compile(r"\bOCD\b|\bobsess\w*|\bintrusive\b|\bunwanted thoughts?\b|\bobsessive[- ]compulsive\b", re.I)
# The harm told as a thought that came, not a wish: "what if I ...", "the thought that I might ...".
_AS_A_THOUGHT = re.compile(r"\bwhat if (?:i|i'?d)\b|\bthe (?:thought|image|idea|picture) (?:that |of )?(?:i|me)\b|"
                           r"\bi (?:had|get|got|keep getting) (?:the|this|that) (?:thought|image)\b", re.I)
# ... and the client says somewhere that they do not want it.
_NOT_WANTED = re.compile(r"\b(?:i )?(?:don'?t|do not|never) want (?:to|it|that)\b|\bthe last thing (?:in the world )?i(?:'d)? want\b|"
                         r"\bi (?:hate|can'?t stand) (?:the|these|this|that|those) (?:thoughts?|images?)\b|\bi'?d never\b|"
                         r"\bi would never\b|\bgoes against everything\b", re.I)


_NOT_WANTED_OWN = re.compile(r"\b(?:i )?(?:don'?t|do not) want (?:to|it|that)\b|\bthe last thing\b|"
                             r"\bi (?:hate|can'?t stand) (?:the|these|this|those) (?:thoughts?|images?)\b|"
                             r"\bgoes against everything\b", re.I)


def intrusive_harm(lines: Sequence[Utterance], position: int, is_clinician: Callable[[str], bool]) -> bool:
    """True when the client's harm-to-others words at ``position`` are an obsession: told as a thought
    that came ("what if I ..."), in a session where the clinician names OCD or obsessions and the
    client says they do not want it. A wish told plainly ("I could stab him") stays endorsed."""
    if not _AS_A_THOUGHT.search(lines[position].text):
        return False
    framed = any(_OCD_FRAMED.search(u.text) for u in lines if is_clinician(u.speaker))
    return framed and any(_NOT_WANTED.search(u.text) for u in lines if u.speaker and not is_clinician(u.speaker))


def how_framed(lines: Sequence[Utterance], is_clinician: Callable[[str], bool]) -> tuple[str, Utterance | None]:
    """For the note of an obsession: the clinician's word for it ("OCD", else "obsessional") and the client's
    line that says they do not want it (None when no line says so)."""
    said = [m.group(0) for u in lines if is_clinician(u.speaker) for m in [_OCD_FRAMED.search(u.text)] if m]
    word = "OCD" if any(re.search(r"\bOCD\b|compulsive", w, re.I) for w in said) else "obsessional"
    # "I don't want to. It's the last thing in the world I want." before a "you know I'd never hurt you, right?" the
    # client asks for reassurance (the compulsion, not the client's own account)
    told = [u for u in lines if u.speaker and not is_clinician(u.speaker) and _NOT_WANTED.search(u.text)]
    unwanted = next((u for u in told if _NOT_WANTED_OWN.search(u.text)), told[0] if told else None)
    return word, unwanted
