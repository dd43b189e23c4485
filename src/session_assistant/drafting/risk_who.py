"""Who a risk phrase is about, and whether it was meant: the readings ``risk`` needs beside its word lists.

Each was a wrong line in the risk list of a session nobody had tuned on (49-54): "No. I don't want
to be dead." listed as an endorsed death wish (the "don't" stands before the words the rule matched);
"I just think he'd be better off dead", said of the man the client wanted to hurt, listed as the
client's own suicidal ideation; "I wanted to strangle him. Not really, obviously." listed as harm to
others; an interpreter's "She says yes" and a client's "Me? Nah." read as no answer.
"""

from __future__ import annotations

import re

from session_assistant.drafting.vocabulary import without_leading_stage

# A negation among the last words of the clause before a wish: "I don't want to be dead", "I never
# wished I was dead". Only the clause's last three words: "It's not that I don't care, I just wish I
# could disappear" keeps its wish.
_NEGATION = re.compile(r"\b(?:not|never|don'?t|do not|didn'?t|did not|wouldn'?t|would not|no longer)\b", re.I)
_CLAUSE_BREAK = re.compile(r"[.;:!?,]|\bbut\b", re.I)


def wish_unsaid(text: str, match: re.Match) -> bool:
    """True when the clause says the wish matched in ``text`` is not there ("I don't want to be dead")."""
    before = _CLAUSE_BREAK.split(text[:match.start()])[-1]
    return bool(_NEGATION.search(" ".join(before.split()[-3:])))


# "he'd be better off dead" wished on someone: a third person just before the words, with no
# reporting verb ("My son said he'd be better off dead" is the son's ideation, reported).
_THIRD_PERSON = re.compile(r"\b(?:he|she|they|he'?d|she'?d|they'?d|he'?s|she'?s|him|her|them)\b", re.I)
_REPORTED = re.compile(r"\b(?:said|says|saying|told|tells|telling|texted|wrote|writes|posted|keeps? saying|mentioned)\b", re.I)


_OTHER_GONE = re.compile(r"\bif (?:he|she|they|him|her)\b[^.?!]{0,30}?\b(?:dead|died|gone|(?:was|were)n'?t (?:here|around))\b", re.I)


def wished_on_someone_else(text: str, match: re.Match) -> bool:
    """True when a "better off dead" in ``text`` is said of another person, not reported from them."""
    if "dead" not in match.group(0).lower():
        # "... better if he was dead, they'd all be better off": better off without someone else
        sentence = re.split(r"[.?!]", text[:match.start()])[-1]
        return "better off" in match.group(0).lower() and bool(_OTHER_GONE.search(sentence))
    before = _CLAUSE_BREAK.split(text[:match.start()])[-1]
    near = " ".join(before.split()[-4:])
    return bool(_THIRD_PERSON.search(near)) and not _REPORTED.search(before)


# Taken back at once: the clause or sentence after the words opens with "not really", "not
# literally", "I'm joking", "I didn't mean it" ...
_TAKEN_BACK = re.compile(r"^[^.?!,;]{0,40}[.?!,;]\s*(?:but\s+|well,?\s+)?(?:not (?:kill|murder|strangl|hurt|harm|hit)\w*|not really|not literally|obviously not|not seriously"
                         r"|(?:i'?m |i am |just )(?:joking|kidding)|only joking|i didn'?t mean (?:it|that)|figure of speech)\b",
                         re.I)


def taken_back(text: str, match: re.Match) -> bool:
    """True when the speaker takes the words matched in ``text`` back straight after saying them."""
    return bool(_TAKEN_BACK.search(text[match.end():]))


# A death named as the heat of a moment ("he was shouting and the neighbours could hear. I wanted to
# die.", "I was so exhausted I wanted to die"): a figure of speech of embarrassment or exhaustion, not
# a wish to be dead. Only the past wish of one moment ("wanted to die", "wished I was dead"): "I want
# to die" may be now. The moment is an audience that saw or heard, a moment called embarrassing, or
# the hyperbole "so tired I ...". Not a state: "embarrassed about the debt", "exhausted after the night
# feeds, I just wanted to die" and shame or guilt alone are how real ideation often comes.
_MOMENT_WISH = re.compile(r"wanted to (?:die|disappear|be dead)|wished (?:i (?:was|were)|to be) dead", re.I)
_EMBARRASSED = re.compile(
    r"\b(?:embarrassing|mortifying|cringe\w*|cringy|awkward)\b|"
    r"\bso (?:tired|exhausted|knackered|shattered|drained|worn out|embarrassed|mortified),? (?:that )?i\b|"
    r"\bin front of (?:everyone|everybody|people|the|my|his|her|our|their|all)\b|"
    r"\b(?:everyone|everybody|people|the (?:whole )?(?:class|street|school|room|bus|neighbou?rs|team|canteen|office)|"
    r"(?:all )?my (?:friends|mates|class(?:mates)?)|the neighbou?rs)\b[^.?!]{0,30}?"
    # seen or heard; not laughed at, which may be bullying, a moment that can bring real ideation
    r"\b(?:(?:can|could) (?:hear|see)|heard|saw|watch\w*|star\w*|look\w* at|listen\w*)\b", re.I)
# The wish lasted past the moment, or came with a means or a sign of harm: ideation whatever the moment.
_LASTING = re.compile(r"\b(?:still|sometimes|often|every (?:day|night|morning)|most (?:days|nights)|at night|lately|recently|"
                      r"since|for (?:weeks|months|days|a while|ages)|keep|kept|again|anymore|any more|always|these days|"
                      r"thoughts?|thinking about|thought about|plan\w*|tablets|pills|meant it|properly|seriously|really did|"
                      r"how (?:to|i'?d|i would|i could) do it|end it|scars?|cuts|cutting|blades?|razors?|overdos\w*|rope|bridge|"
                      r"marks on my|my (?:arms?|wrists?|thighs?))\b",
                      re.I)


def said_of_a_moment(text: str, match: re.Match) -> bool:
    """True when the death wish matched in ``text`` is the heat of an embarrassing or exhausting
    moment, told in the sentence before, the same sentence or the next, and lasted no longer (nothing
    in those sentences says it did)."""
    if not _MOMENT_WISH.fullmatch(match.group(0)):
        return False
    sentences = [(m.start(), m.end()) for m in re.finditer(r"[^.!?]+[.!?]*", text)]
    at = next((n for n, (start, end) in enumerate(sentences) if start <= match.start() < end), None)
    if at is None:
        return False
    near = text[sentences[max(at - 1, 0)][0]:sentences[min(at + 1, len(sentences) - 1)][1]]
    return bool(_EMBARRASSED.search(near)) and not _LASTING.search(near)


# Before an answer's yes or no: an echo of the question ("Me?", "Myself?", "Hurt myself?") or an
# interpreter's "She says", "He says that".
_ECHO = re.compile(r"^\s*(?:(?:who,?\s+)?[\w']+(?:\s+[\w']+){0,2}\?\s*)+")
_RELAYED = re.compile(r"^\s*(?:she|he|they)\s+(?:says?|said)(?:\s+that)?[,:.]*\s*", re.I)


# Before an answer's yes or no, a sound or a word to the clinician: "Oh, no, love. No.", "Well, yes."
_INTERJECTION = re.compile(r"^\s*(?:(?:oh|ah|aw|um+|erm+|er|uh|hmm+|well|gosh|goodness|love|dear|pet)[,.!]?\s+)+", re.I)


def answer_words(text: str) -> str:
    """``text`` from the client's own yes or no on: without a stage direction, a leading "oh" or "well",
    an echoed question or an interpreter's "She says"."""
    text = _INTERJECTION.sub("", _RELAYED.sub("", without_leading_stage(text)))
    stripped = _ECHO.sub("", text)
    return _RELAYED.sub("", stripped) if stripped.strip() else text


# A screening question passed on to the other person of a joint session: "Thank you. Rob?", "And you,
# Dad?", "What about you?", "Same for you?": short, asking, no topic of its own.
_PASSED_ON = re.compile(r"^(?i:(?:thank you|thanks|okay|ok|right|and)[,.]?\s+)*(?i:(?:and|what about|how about|same (?:for|question for))"
                        r"\s+)?(?:you|[A-Z][a-z]+)(?:,\s*(?:you|[A-Z][a-z]+))?\s*\?$")
_NOT_PASSED = re.compile(r"^(?:okay|ok|right|sure|really|yes|yeah|no|sorry|pardon|what|why|how|and|so|true|correct)\?$", re.I)
PASSED_ON_MAX_WORDS = 6
_ASKED_BOTH = re.compile(r"\b(?:either of you|both of you|each of you|you both|the two of you)\b", re.I)


def passed_on(lines, position: int, answer_position: int, on_clients_side) -> int | None:
    """The position of the other person's answer when the clinician passes the screening question at
    ``position`` (answered at ``answer_position``) on to them in the next line, else None.
    ``on_clients_side``: whether a speaker is of the client's side (a partner, a parent)."""
    handover = answer_position + 1
    # Asked of both ("has either of you ...?"): the other person answers straight after the first.
    if (handover < len(lines) and _ASKED_BOTH.search(lines[position].text) and on_clients_side(lines[handover].speaker)
            and lines[handover].speaker != lines[answer_position].speaker):
        return handover
    if handover + 1 >= len(lines) or lines[handover].speaker != lines[position].speaker:
        return None
    text = " ".join(lines[handover].text.split())
    first, then = lines[answer_position], lines[handover + 1]
    last = re.split(r"(?<=[.!?])\s+", text)[-1]
    if (len(text.split()) > PASSED_ON_MAX_WORDS or not _PASSED_ON.search(text) or _NOT_PASSED.match(last)
            or not on_clients_side(then.speaker)
            or then.speaker == first.speaker):
        return None
    return handover + 1
