"""The vocabularies several rule modules read, each written once: the scale a rating is asked on,
the words that ask for a rating, a transcriber's stage directions, the work "now, in the room" and a
proposal that asks for the room or the past rather than the coming week.

Each was written several times, each copy with the reach of the session its writer read ("the
scale where ten is ..." reached two rating rules of three). One copy with the union of their reach,
widened to the ordinary ways of saying the same thing, lets a therapist who words a rating or an
exercise differently reach every rule or none.
"""

from __future__ import annotations

import re

__all__ = ["ASKED_IN_ROOM", "IN_ROOM_NOW", "LEADING_STAGE_DIRECTION", "RATING_ASK", "RATING_WORDS", "SCALE", "NEXT_VISIT", "STAGE_DIRECTION", "WEEKDAY", "scale_top",
           "without_leading_stage", "without_stage"]

# The days of the week, for the alternations that name a day ("on Tuesday", "next Friday at ten").
WEEKDAY = r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"

# When, outside the session, a task is done: "each evening", "on the train", "at work", "before bed",
# "Tuesday", "between now and then". Homework's mark, for a proposal read by its words alone.
WHEN_OUTSIDE = (r"week\w*|each|every|daily|twice|once|tonight|tomorrow|morning\w*|evening\w*|night\w*|days|bedtime"
                r"|home|work|commute|train|bus|between|before (?:we|I|next|the|bed)|until|reminder|" + WEEKDAY)

# The next visit named ("next time", "see you", "same time"): a proposal that says it is about the
# visit, not the week's homework.
NEXT_VISIT = r"next (?:time|session|appointment)|see you|same time"

_LOW = r"(?:zero|nought|0|one|1)"
# seven: a belief's validity is rated one to seven (EMDR's VOC)
_TOP = r"(?:a |one )?(?:hundred|100|ten|10|seven|7|five|5)"
_ENDS = r"(?:zero|nought|0|ten|10|a hundred|one hundred|hundred|100)"
# "one to five times a week", "out of ten people": a count, not a scale.
_NOT_COUNT = (r"(?!\s*(?:times?|days?|nights?|hours?|minutes?|mins?|weeks?|months?|years?|drinks?|people|pounds?|kilos?|miles?"
              r"|o'?clock|percent of)\b)")
# A scale named: "zero to ten", "1-10", "between one and ten", "out of a hundred", "percent", "the
# scale where ten is ...", "with ten being the worst", "SUDS", "subjective units of distress".
SCALE = (r"(?:\b" + _LOW + r"\s*(?:to|-|–|through|thru)\s*" + _TOP + r"\b" + _NOT_COUNT
         + r"|\bbetween " + _LOW + r" and " + _TOP + r"\b"
         + r"|\bout of " + _TOP + r"\b" + _NOT_COUNT
         + r"|\b(?:percent(?:age)?|per cent)\b|%"
         + r"|\bscale(?= (?:of|from|where|in which)\b)"
         + r"|\bwhere " + _ENDS + r" (?:is|means|would be|was)\b|\b(?:if|and|with) " + _ENDS + r" (?:means|is the (?:most|worst|best|highest))\b"
         + r"|\b" + _ENDS + r" being\b"
         + r"|\bSUDS?\b|\bsubjective units?\b)")
# A rating asked without naming a scale: "put a number on it", "what's your number", "how much do
# you still believe", "how strong is it right now".
RATING_WORDS = (r"(?:\b(?:what number|(?:what(?:'s| is) )?your number|what(?:'s| is) the number|put a number|give (?:it|me) a number"
                r"|how (?:much|strongly|far) (?:do|did) you (?:still )?(?:believe|trust)"
                r"|how (?:true|strong|intense|likely|confident|important|ready|sure)\b[^?]{0,60}\bnow"
                r"|rate (?:it|that|this|your))\b)")
RATING_ASK = re.compile(SCALE + "|" + RATING_WORDS, re.I)
_SCALE_RE = re.compile(SCALE, re.I)


def scale_top(text: str) -> str:
    """The scale ``text`` names, as a note writes it: "out of 10", "out of 100", "out of 7", "out of 5", "%", or
    "" when it names none; a SUDS rating is out of 100."""
    for match in _SCALE_RE.finditer(text):
        said = match.group(0).lower()
        if re.search(r"hundred|100|suds?\b|subjective", said):
            return "out of 100"
        if re.search(r"\bten\b|10", said):
            return "out of 10"
        if re.search(r"\bseven\b|7", said):
            return "out of 7"
        if re.search(r"\bfive\b|5", said):
            return "out of 5"
        if re.search(r"percent|per cent|%", said):
            return "%"
    return ""


# A transcriber's stage direction: "(pause)", "[sighs]", "(long pause)"; at the head of a line, or
# anywhere in it.
LEADING_STAGE_DIRECTION = re.compile(r"^\s*(?:[(\[][^()\[\]]*[)\]][\s.,]*)+")
# A silence transcribed as the whole line ("...", "(long pause)"): it answers nothing, the words come after it.
TRANSCRIBED_SILENCE = re.compile(r"^\s*(?:\.{2,}|\u2026|[(\[][^()\[\]]*[)\]])[\s.\u2026]*$")
# A span in quotation marks: the client's (or clinician's) own words, which the note's checks leave alone.
QUOTED_SPAN = re.compile(r"[\"“][^\"”]*[\"”]")


def rewrite_outside_quotes(text: str, rewrite) -> str:
    """``text`` with ``rewrite`` applied to each stretch outside quotation marks: quoted words stay as said."""
    pieces = re.split(f"({QUOTED_SPAN.pattern})", text)
    return "".join(piece if index % 2 else rewrite(piece) for index, piece in enumerate(pieces))
STAGE_DIRECTION = re.compile(r"[(\[][^()\[\]]*[)\]]\s*")


def without_leading_stage(text: str) -> str:
    """``text`` without the stage directions that open it ("(pause) Yeah." -> "Yeah.")."""
    return LEADING_STAGE_DIRECTION.sub("", text)


def without_stage(text: str) -> str:
    """``text`` without any stage direction, spaces closed up."""
    return " ".join(STAGE_DIRECTION.sub("", text).split())


# Work for now, in this session: "right now", "in a minute", "once more", "before you leave",
# "with me"; never "from now on", "for now", "today's".
# Said of the coming days, the same words are homework: "once more before next week". "Before you go"
# is either ("write it down before you go out"), so only the plan rules that want it read it.
_NOT_LATER = r"(?![^.?!]*\b(?:next|weeks?|days?|home|between|before (?:we|our|next|the))\b)"
IN_ROOM_NOW = re.compile(r"\b(?:right now|right here|in here|in session|this session|with me|today\b(?!'s)"
                         r"|in a (?:minute|moment|sec(?:ond)?|bit)|for a (?:second|moment|minute|sec)"
                         r"|(?:once more|one more (?:time|go|try)|another go|(?:try|do|run) (?:it|that|this) again\b)" + _NOT_LATER
                         + r"|(?<!from )(?<!for )(?<!until )(?<!by )(?<!just )(?<=\w )now\b(?! on\b| and then\b))", re.I)

# A proposal that is for the room or about the past, never the coming week: the work now
# (``IN_ROOM_NOW``), a request answered in the room ("tell me", "show me", "read me", "walk me
# through"), imagery led in it ("close your eyes", "imagine", "bring her to mind", "picture the
# kitchen"), and the past ("used to", "last week", "did you", "have you"; never the manner of a task,
# "Write the prediction before, like last time.", 44). The three homework rules each had a copy;
# this is the union of their reach.
ASKED_IN_ROOM = re.compile(IN_ROOM_NOW.pattern + r"|\b(?:tell me|show me|read me|say (?:it|more|that)|walk (?:me )?through"
                           r"|close your eyes|imagine|picture|bring (?:\w+ ){0,2}to mind"
                           r"|used to|(?<!like )(?<!as )last (?:week|time)|did you|have you|were you)\b", re.I)
