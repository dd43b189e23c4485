"""The client's past as the client told it in the session, for Subjective, by rule.

Relevant history (onset, earlier episodes, past treatment and medication, past events) was missed
in 29 of 44 sessions' drafts (issue 16): the 1.5B model retells the week and leaves the past out, or
invents one ("a history of anxiety"). Clinicians' notes carry it in the client's words. It is found
from the structure of the talk, not its topic:

- the client tells the past with a time that places it before the present episode of the week:
  "when I was", "years ago", "since 2019", "back then", "the first time it happened", "I used to",
  "as a teenager", "I was diagnosed / admitted / put on ...", "it started after ...";
- or the clinician asks about the past ("When did this start?", "Has it happened before?", "Have you
  ever had help for this?", "How long have you been on ...?") and the client answers it.

A sentence about this week ("last night", "on Tuesday") is the week's account, not history; a
sentence the risk screen flags is the risk account's; a question is not told. At most
``HISTORY_MAX`` sentences, in session order, within ``HISTORY_WORDS`` words.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import WEEKDAY
from session_assistant.drafting.wording import SENTENCE_BREAK

HISTORY_MAX = 3
# "I used to play guitar." tells a pastime lost, the weakest history: taken after the rest.
# How long a couple have been together says little of the problem's past: also taken after the rest.
_USED_TO_ONLY = re.compile(r"\bI used to\b|\b(?:\w+|\d+) years (?:married|together)\b|\b(?:married|together) (?:for )?(?:\w+|\d+) years\b", re.I)
HISTORY_WORDS = 70
SENTENCE_WORDS = (5, 40)

_PAST_TOLD = re.compile(
    r"\bwhen I was (?:a |an |little|young|small|younger|about|around|only|still|\d|twenty|thirty|forty|fifty|sixty|eleven|"
    r"twelve|\w+teen\b|at (?:school|uni|college)|in (?:school|year|my|primary|secondary|high|college|uni)|pregnant|first)|\b(?:\w+|a few|a couple of|\d+) (?:years?|months?|decades?) ago\b|\byears back\b"
    r"|\bsince (?:I was|(?:19|20)\d\d|I (?:had|lost|left|moved|started|stopped))\b|\b(?:back )?in (?:19|20)\d\d\b"
    r"|\bback (?:then|when|in the day)\b|\bthe first time (?:it|this|that) happened\b|\blast time (?:it|this|that) happened\b"
    r"|\bI used to \w+ \w+|\bas a (?:kid|child|teenager|teen|boy|girl|student|young \w+)\b|\bgrowing up\b"
    r"|\bin my (?:teens|twenties|thirties|forties|fifties|childhood|first year)\b"
    r"|\bI was (?:diagnosed|admitted|sectioned|hospitali[sz]ed|prescribed|put on|referred|in hospital|signed off)\b"
    r"|\bI(?:'ve| have) (?:been on|had) \w+(?: \w+)? (?:for|since) \w+"
    r"|\b(?:it|this|that|all this|the \w+) (?:all )?(?:started|began|kicked off|first happened)\b"
    r"|\bI(?:'ve| have) always been\b|\bever since\b"
    # How long, said as a span up to now: "Eighteen months it's been, since the fall."
    r"|\b(?:\w+|\d+)(?: and a half)? (?:years?|months?) (?:it'?s been|it has been|since)\b"
    r"|\bsince (?:the|my|his|her|our) (?!last\b|first\b|next\b|morning\b|afternoon\b|evening\b|night\b|day\b)\w+[.!,]"  # "gone downhill since the café."
    # A past job or the family's pattern: "I was an electrician forty years", "My father was the same."
    r"|\bI was an? \w+(?: for)? (?:\w+|\d+) years\b"
    r"|\bmy (?:father|mother|dad|mum|mom|grandfather|grandmother|grandad|nan|gran) (?:was|did|had) (?:the same|that|it too|like that)\b"
    # what a parent used to do, told by the client ("my dad used to count the change in the jar"); years married
    r"|\bmy (?:father|mother|dad|mum|mom|mam|parents|grandfather|grandmother|grandad|nan|gran) used to \w+"
    r"|\b(?:\w+|\d+) years (?:married|together)\b|\b(?:married|together) (?:for )?(?:\w+|\d+) years\b",
    re.I)
# Asked about the past: the client's answer is history whatever its tense.
_PAST_ASKED = re.compile(
    r"\bwhen did (?:this|it|that|the \w+|all this|your \w+) (?:first )?(?:start|begin|come on)\b"
    r"|\b(?:has|had) (?:this|it|that|anything like this) (?:ever )?happened before\b"
    r"|\b(?:have|had) you (?:ever )?(?:had|been|felt|seen|tried|taken|needed)\b[^?]*\b(?:before|in the past|previously|ever)\b"
    r"|\bhow long have you (?:had|been|felt|lived|worked)\b"
    r"|\btell me (?:a bit |a little )?about (?:your|the) (?:past|history|background|childhood|family|first)\b"
    r"|\b(?:any|previous|past|earlier) (?:treatment|therapy|counsell?ing|episodes?|admissions?|medication|history)\b"
    r"|\bwhat was it like growing up\b|\bhow did (?:it|this|that) (?:all )?(?:start|begin)\b"
    r"|\bwhat happened back then\b|\bgo back to when\b"
    # "When did you first notice things changing?"; a past time the client named, asked after: "You said
    # you were bad at college. Can you tell me about that?"
    r"|\bwhen did you first (?:notice|feel|start|realise|realize|see)\b|\bwhen did (?:things|it all|this all) "
    r"(?:first )?(?:start|begin|change)"
    r"|\byou (?:said|mentioned|told me) (?:that )?you (?:were|had|used to)\b[^?]*\b(?:tell me|talk) "
    r"(?:a bit |a little |more )*about (?:that|it|then)\b", re.I)
ASKED_SENTENCES = 2  # an answer to a question about the past may open bare ("Second year.") and go on to tell it
# The week's account, not history; the time of day of an ordinary day.
_THIS_WEEK = re.compile(r"\b(?:this|last) (?:week|weekend|night|morning|afternoon|evening|session|time we met)\b"
                        r"|\byesterday\b|\btoday\b|\btonight\b|\bon (?:" + WEEKDAY + r")\b|"
                        # a habit of a day ("on a Sunday", "every Sunday") is no day of this week
                        r"\b(?:" + WEEKDAY + r")s? ago\b|(?<!\ba )(?<!\bevery )\b(?:" + WEEKDAY + r")\b(?!s\b)", re.I)
# A denial or a bare answer is opaque without its question ("No, I've never done that.").
_NO_ONLY = re.compile(r"^(?:no|nope|not really|never|i don't know|not that i know of)\b", re.I)


def asks_about_the_past(text: str) -> bool:
    return bool(_PAST_ASKED.search(text))


def _sentences(text: str) -> list[str]:
    """The line's sentences; a trailing-off ("and I just... didn't finish it.") stays one sentence."""
    said: list[str] = []
    for piece in SENTENCE_BREAK.split(" ".join(text.split())):
        if said and piece[:1].islower() and said[-1].endswith("..."):
            said[-1] = f"{said[-1]} {piece}"
        elif piece:
            said.append(piece)
    return said


def _usable(sentence: str, risky, least: int = SENTENCE_WORDS[0]) -> bool:
    size = len(sentence.split())
    return (least <= size <= SENTENCE_WORDS[1] and not sentence.endswith("?")
            and not _THIS_WEEK.search(sentence) and not risky(sentence))


# "That's when it all started." or "Since I was nine." places the past and tells nothing of it: the
# client's next sentences in the line are the telling ("We dropped ... Haven't flown since."; "Mam did
# everything till I was about sixteen."), quoted with it up to the sentence limit.
BARE_LEAST_WORDS = 3
TOLD_ON_SENTENCES = 3
_POINTS_BACK = re.compile(r"^(?:(?:and|yeah|well),? )?(?:that's|that was|this is|it's|it was) (?:when|how|where)\b", re.I)


# A sentence that is only a time gone by ("Fourteen years ago.", "Back in 2009."), after the telling it places.
_TIME_ONLY = re.compile(r"^(?:(?:oh|and|but|so|well),? )?(?:about |nearly |almost |over |must be |maybe )?(?:(?:\w+|\d+)(?: and a half)? "
                        r"(?:years?|months?|decades?) ago|(?:back )?in (?:19|20)\d\d)[.!]$", re.I)
TOLD_BACK_SENTENCES = 2


def _told_on(told: list[str], k: int, risky) -> str:
    said = told[k]
    for after in told[k + 1:k + 1 + TOLD_ON_SENTENCES]:
        if not _usable(after, risky, 1) or len(f"{said} {after}".split()) > SENTENCE_WORDS[1]:
            break
        said = f"{said} {after}"
    return said


def history_told(utterances: Sequence[Utterance], risky=lambda text: False) -> list[tuple[str, int]]:
    """(the client's sentence, line) telling the client's past, in session order (see the module doc);
    ``risky``: the risk screen (what it flags is left to the risk account)."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[int, str, int]] = []
    for n, utt in enumerate(lines):
        if not is_client(utt.speaker) or utt.speaker.strip().lower() != "client":
            continue  # a partner's or parent's past is theirs
        asked = n > 0 and not is_client(lines[n - 1].speaker) and asks_about_the_past(lines[n - 1].text)
        told = _sentences(utt.text)
        for k, sentence in enumerate(told):
            if k and _TIME_ONLY.match(sentence):  # "... He was so thin. Fourteen years ago.": it places what was just told
                back = [x for x in told[max(0, k - TOLD_BACK_SENTENCES):k] if _usable(x, risky, BARE_LEAST_WORDS)]
                while back and not _usable(back[0], risky):
                    back = back[1:]  # the telling opens on a sentence of its own, not on "Awful."
                if back:
                    found.append((n, " ".join(back + [sentence]), utt.id))
                    break
            bare = ((len(sentence.split()) < SENTENCE_WORDS[0] or bool(_POINTS_BACK.search(sentence)))
                    and bool(_PAST_TOLD.search(sentence)) and k + 1 < len(told))
            if not _usable(sentence, risky, BARE_LEAST_WORDS if bare else SENTENCE_WORDS[0]) or _NO_ONLY.match(sentence):
                continue
            if bare and _told_on(told, k, risky) != sentence:
                sentence = _told_on(told, k, risky)
            elif bare and len(sentence.split()) < SENTENCE_WORDS[0]:
                continue
            if _PAST_TOLD.search(sentence) or (asked and k < ASKED_SENTENCES):
                if asked and k and k + 1 < len(told) and _usable(told[k + 1], risky) \
                        and len(f"{sentence} {told[k + 1]}".split()) <= SENTENCE_WORDS[1]:
                    sentence = f"{sentence} {told[k + 1]}"  # opened bare: the telling runs on a sentence
                found.append((n, sentence, utt.id))
                break  # one sentence a line: several lines tell more of the past than one long answer
    def weak(sentence: str) -> bool:
        return bool(_USED_TO_ONLY.search(sentence)) and not _PAST_TOLD.search(_USED_TO_ONLY.sub("", sentence))

    chosen: list[tuple[int, str, int]] = []
    for n, sentence, line in sorted(found, key=lambda f: (weak(f[1]), f[0])):
        if len(chosen) == HISTORY_MAX or len(" ".join([s for _, s, _ in chosen] + [sentence]).split()) > HISTORY_WORDS:
            break
        chosen.append((n, sentence, line))
    return [(sentence, line) for _, sentence, line in sorted(chosen)]


def history_sentence(found: Sequence[tuple[str, int]]) -> str:
    return "Past history as the client told it: " + "; ".join(f'"{text}"' for text, _ in found) + "."
