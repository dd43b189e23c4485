"""The course of a rating within the session, for the Assessment's response to the interventions
(issue 16), found from the structure of the talk rather than one writer's phrasing:

- ``rating_courses``: any rating the clinician asks for on a scale (0-10, 0-100, "out of", percent,
  SUDS, "how much do you believe"), answered by the client with a number, asked again later about the
  same thing ("And now?"): where it started and where it ended within the session, with the direction
  computed from the numbers. Whatever is rated (distress, belief in a thought, an urge, confidence,
  importance) is named from the question itself. A belief the client rates again without being asked
  ("Sixty, maybe." in the answer to an evidence question), or rates then and now in one line, has its
  course too (``belief_told``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from session_assistant.drafting.belief_told import NUM_WORD, rerated_unasked, then_and_now
from session_assistant.drafting.grounding import numbers_in
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import RATING_ASK, WEEKDAY, scale_top, without_leading_stage
from session_assistant.drafting.wording import SENTENCE_BREAK

_SENTENCES = SENTENCE_BREAK
_NUM_WORD = NUM_WORD
# Asked again in a few words while the work goes on: "And now?", "What's it at now?", "Number?", "Where is it now?"
_REASK = re.compile(r"\b(?:now|peak|that time|this time|number|rating|where are you|where is it|suds)\b[^?]*\?$", re.I)
REASK_MAX_WORDS = 8
# An exercise begun in the line that re-asks: its "Where are you now?" rates the exercise, not a belief.
_NEW_EXERCISE = re.compile(r"\b(?:breathe|take a (?:slow |deep )?breath|picture|imagine|close your eyes|let'?s (?:practi[sc]e|try|do))\b",
                           re.I)
COURSE_SPAN = 60  # lines from one rating of a thing to the next asking of it
# What is rated, from the question's words; the label the line gives it.
_CONSTRUCTS: tuple[tuple[str, str], ...] = (
    ("belief", r"\bbeliev\w*|\bbelief|\bhow true\b|\bhow (?:much|far) do you (?:buy|think it'?s true)"),
    ("distress", r"\bsuds?\b|\bdistress\w*|\banxi\w+|\bscar(?:ed|y)\b|\bfear\w*|\bfrighten\w*|\bafraid\b|\bnervous\b"
                        r"|\bpanick?y\b|\bworried\b|\bupset\b|\buncomfortable\b|\bdiscomfort\b|\bdisgust\w*"
                 # a memory's disturbance (EMDR's SUD: "how disturbing is it now?"), not the belief rated before it
                 r"|\bdisturb\w*"),
    ("urge", r"\burges?\b|\bcraving\w*|\bwant to (?:use|drink|check|wash|gamble)\b"),
    ("confidence", r"\bconfiden\w+|\bhow sure\b"),
    ("importance", r"\bimportan\w+"),
    ("readiness", r"\bready\b|\breadiness\b"),
    ("likelihood", r"\bhow likely\b|\blikelihood\b|\bchances?\b"),
    ("mood", r"\bmood\b|\blow\b|\bdown\b|\bsad\b|\bdepress\w*"),
    ("calm", r"\bcalm\w*|\brelax\w*"),
    ("anger", r"\bang(?:er|ry)\b|\bfurious\b|\birritat\w+"),
    ("pain", r"\bpain\b|\bhurt\w*"),
    ("trust", r"\btrust\w*"),
    ("shame", r"\bshame\w*|\bashamed\b"),
    ("guilt", r"\bguilt\w*"),
)
_CONSTRUCT_RES = tuple((label, re.compile(p, re.I)) for label, p in _CONSTRUCTS)
# The answer's number: in its first words, not a count of days, times or money.
_ANSWER_NUMBER = re.compile(r"\b(" + _NUM_WORD + r")(?:\s*(?:or|to|-)\s*(" + _NUM_WORD + r"))?\b(?!\s*(?:%|percent|per cent)?\s*"
                            r"(?:days?|times|hours?|minutes?|weeks?|months?|years?|o'?clock|pounds?|quid|dollars?|mg|nights?|"
                            r"people|kids|drinks?|pints?|cans?|beers?|cigarettes?|pills?|of (?:them|those|the)|am|pm)\b)", re.I)
ANSWER_MAX_WORDS = 8  # the number must come this early in the answer: later it is about something else
_PAST = re.compile(r"\b(?:were you|were (?:the|your|they)|was it|did it|last (?:week|night|time)|yesterday|on (?:" + WEEKDAY + r")"
                   r"|this week|that day)\b", re.I)

_OTHER_ONE = re.compile(r"\b(?:the (?:original|other|new|old|first|second) one|and the (?:original|other|new|old))\b", re.I)
_OCCASIONS = re.compile(r"\b(?:the (?:first|second|third|last) (?:time|one|day)|each time|every time|last (?:week|night|time)|yesterday)\b",
                        re.I)

# A rating recalled from before the session, or predicted for later: neither is the session's course.
_RECALLED = re.compile(r"\b(?:last (?:time|week|session)|do you remember|you (?:said|gave|rated)|at the start of (?:treatment|therapy))\b", re.I)
_PREDICTED = re.compile(r"\b(?:would|will|do you (?:think|reckon|expect|predict)|predict\w*|going to be)\b", re.I)
# "What would you give it now?": the idiom asks for the rating now, not a prediction.
_NOW_ASKED = re.compile(r"\bwould you (?:give|put|say|rate|call)\b.*\bnow\b", re.I)
# The question names what its top end means, and it is none of the things rated above.
_OWN_TOP = re.compile(r"\b(?:if|where|with) (?:ten|10|a hundred|one hundred|100|seven|7) (?:is|means|being|would be)\b", re.I)
_ASKED_AGAIN = re.compile(r"\b(?:" + "|".join(("now", "after", "again", "still", "original")) + r")\b", re.I)


@dataclass
class RatingCourse:
    """One thing the client rated more than once in the session: its label, scale and the ratings
    in order, each (the number as said, value, [question id, answer id])."""
    label: str
    scale: str  # "out of 10", "out of 100", "%", or ""
    ratings: list[tuple[str, float, list[int]]] = field(default_factory=list)
    speaker: str = "Client"
    asked: list[str] = field(default_factory=list)  # the questions, in order ("" for a number said unasked)
    # what the client predicted before the work ("how uncomfortable do you think it'll get?" - "Eighty."), if asked
    predicted: tuple[str, float, list[int]] | None = None
    # a belief the client rated for a time before and for now in one line: each rating's time ("last week", "now")
    when: list[str] = field(default_factory=list)

    @property
    def evidence(self) -> list[int]:
        return sorted({i for *_, ids in self.ratings + ([self.predicted] if self.predicted else []) for i in ids})


def _construct(text: str) -> str | None:
    for label, pattern in _CONSTRUCT_RES:
        if pattern.search(text):
            return label
    return None


def _scale_of(text: str) -> str:
    return scale_top(text)


def _number(said: str) -> float | None:
    found = numbers_in(said)
    if len(found) != 1:
        return None
    try:
        return float(next(iter(found)))
    except ValueError:
        return None


# A number with a unit after it counts something else than a rating.
_UNIT_AFTER = re.compile(r"\s*(?:mg|milligrams?|micrograms?|ml|mls|millilitres?|weeks?|days?|hours?|minutes?|mins?|months?|years?"
                         r"|pounds?|quid|dollars?|euros?|times|o'?clock|am|pm|a\.m\.|p\.m\.|kilos?|kg|stone|miles?|units?"
                         r"|drinks?|pints?|cigarettes?|tablets?|pills?|nights?)\b", re.I)


def _answer_rating(text: str) -> tuple[str, float] | None:
    """(the number as said, its value) from the start of the client's answer, else None."""
    first = _SENTENCES.split(" ".join(text.split()))
    head = " ".join(" ".join(first[:2]).split()[:ANSWER_MAX_WORDS])
    if len(_ANSWER_NUMBER.findall(head)) > 1 and (_OCCASIONS.search(head) or _OTHER_ONE.search(head)):
        return None  # ratings of past occasions ("Ninety the first time. Seventy the second."), not of now
    m = _ANSWER_NUMBER.search(head)
    if m is None or _UNIT_AFTER.match(head[m.end():]):
        return None  # "Twenty milligrams.", "Three weeks Thursday.": a dose or a time, not a rating
    if re.search(r"\b(?:no|not|never)\b", head[:m.start()], re.I) and not re.search(r"\bno,\s*$", head[:m.start()], re.I):
        return None
    low = _number(m.group(1))
    if low is None or re.fullmatch(r"(?i)none|one", m.group(1)) and not re.match(r"(?i)^\W*(?:um,?\s*|uh,?\s*|maybe\s+|about\s+)*(?:a\s+)?one\b", head):
        return None
    said = m.group(0).strip()
    if m.group(2):
        high = _number(m.group(2))
        if high is None or high < low:
            return None
        return said, (low + high) / 2
    return said, low


def _question(text: str) -> str:
    """The clinician's turn from its first question on (a rating asked at the end of a longer turn; a
    scale may follow it: "How much do you believe that? Out of a hundred.")."""
    sentences = _SENTENCES.split(" ".join(text.split()))
    asks = [k for k, s in enumerate(sentences) if s.endswith("?") or _RATE_ME.match(s)]
    return " ".join(sentences[asks[0]:]) if asks else ""


# A rating asked as a request, not a question: "Rate your anxiety right now, before."
_RATE_ME = re.compile(r"^(?:(?:okay|so|now|and|right),?\s+)*(?:rate|give me a number for) (?:your|the|how)\b", re.I)


_STATES = {"distress", "urge", "mood", "calm", "anger", "pain", "shame", "guilt"}
# Already said by other lines: the MI rulers (session_said.rating_answers); trust ratings in couple work.
_LEFT_TO_OTHERS = {"confidence", "importance", "readiness", "trust"}
COURSE_GAP = 25  # lines between two ratings of one thing: more, and it is another exercise
SELF_RATED_GAP = 6  # a number the client says unasked counts this soon after a rating was asked
_SELF_RATED = re.compile(r"^(?:(?:it'?s|that'?s|like|now|about|maybe|um,?|uh,?|still|down to|up to|ok(?:ay)?,?|oh,?)\s+)*(?:a |an )?("
                         + _NUM_WORD + r")[.!]?$", re.I)


# A second number said at once as a hedge on the first: "Five. Maybe six.", "Seven. Or eight."
_HEDGED = re.compile(r"^(?:maybe|or|perhaps|probably|possibly|could be)\s+(" + _NUM_WORD + r")\b[.!?]?\s*", re.I)


def _self_rated(text: str) -> list[tuple[str, float]]:
    """Numbers the client offers unasked, each a sentence of its own ("Sixty. Now fifty-five.")."""
    found = []
    for sentence in _SENTENCES.split(" ".join(text.split())):
        m = _SELF_RATED.match(without_leading_stage(sentence))
        value = _number(m.group(1)) if m else None
        if value is not None:
            found.append((m.group(1), value))
    return found


def rating_courses(utterances: Sequence[Utterance]) -> list[RatingCourse]:
    """Each run of ratings of one state (distress, an urge, mood ...) or one kind of judgement
    (belief, likelihood) by one speaker, asked on a scale at least twice within a stretch of the
    session, in the order said. Numbers the client says unasked, soon after an asked rating of a
    state, belong to it (an exposure: "Sixty. Now fifty-five.")."""
    lines = [u for u in utterances if u.speaker]
    done: list[RatingCourse] = []
    open_: dict[tuple[str, str], tuple[RatingCourse, int]] = {}
    last_label, last_at = None, -COURSE_GAP
    session_label: tuple[str | None, str] = (None, "")  # the last thing a question named with its scale
    answered: set[int] = set()
    predictions: dict[tuple[str, str], tuple[tuple[str, float, list[int]], int]] = {}
    for n, utt in enumerate(lines):
        if is_client(utt.speaker):
            if n in answered:
                continue
            asked = n > 0 and lines[n - 1].text.rstrip().endswith("?")  # answering something else
            for (label, speaker), (course, at) in list(open_.items()):
                if not asked and speaker == utt.speaker and label in _STATES and n - at <= SELF_RATED_GAP:
                    for said, value in _self_rated(utt.text):
                        if course.ratings[-1][1] != value or course.ratings[-1][2] != [utt.id]:  # "Eighty-five. It's eighty-five."
                            course.ratings.append((said, value, [utt.id]))
                            course.asked.append("")
                        open_[(label, speaker)] = (course, n)
            continue
        if n + 1 >= len(lines) or not is_client(lines[n + 1].speaker):
            continue
        answer = lines[n + 1]
        asked = _question(utt.text)
        if not asked:
            continue
        tail = without_leading_stage(_SENTENCES.split(asked)[-1])  # "(pause) And now?"
        short = len(tail.split()) <= REASK_MAX_WORDS and n - last_at <= COURSE_GAP
        named = _construct(asked)
        scaled = bool(RATING_ASK.search(asked))
        if scaled and named:
            session_label = (named, _scale_of(asked) or session_label[1])
        label = None
        if scaled:
            # "What's your number before we start?": the thing rated as the session has named it
            label = named or (last_label if short else None) or session_label[0]
        elif short:
            in_tail = _construct(tail)
            if in_tail == last_label or (in_tail is None and _REASK.search(tail)):
                label = last_label
            if label not in _STATES and _NEW_EXERCISE.search(utt.text):
                label = None  # "... Breathe in for four ... Where are you now?": how the exercise feels, not the belief
        if scaled and not named and _OWN_TOP.search(asked):
            label = None  # "How present do you feel, out of ten, if ten is fully here?": a rating of its own, not the last one's
        if label is None or label in _LEFT_TO_OTHERS or _PAST.search(tail) or _RECALLED.search(asked):
            continue
        rating = _answer_rating(answer.text)
        if rating is None:
            continue
        key = (label, answer.speaker)
        if _PREDICTED.search(tail) and not _NOW_ASKED.search(tail):
            if label in _STATES and scaled:  # a state predicted before the work: the course's start, kept apart
                predictions[key] = ((rating[0], rating[1], [utt.id, answer.id]), n + 1)
                answered.add(n + 1)
                last_label, last_at = label, n + 1
            continue
        course, at = open_.get(key, (None, -COURSE_GAP - 1))
        # A belief or a likelihood asked afresh is about a new thought; only "now", "again" ... go on with the last.
        fresh = label not in _STATES and scaled and not _ASKED_AGAIN.search(asked)
        # A state rated once, then named and scaled again after a long stretch of work (a memory's
        # disturbance between sets of eye movements): the same course, not a lone rating dropped.
        resumed = (course is not None and len(course.ratings) == 1 and not fresh and label in _STATES and named == label
                   and scaled and (_scale_of(asked) or course.scale) == course.scale)
        if course is None or (n - at > COURSE_GAP and not resumed) or fresh:
            if course is not None:
                done.append(course)
            scale = _scale_of(asked) or _scale_of(answer.text) or (session_label[1] if label == session_label[0] else "")
            course = RatingCourse(label, scale, speaker=answer.speaker)
            predicted = predictions.pop(key, None)
            if predicted is not None and n - predicted[1] <= COURSE_GAP:
                course.predicted = predicted[0]
        course.ratings.append((rating[0], rating[1], [utt.id, answer.id]))
        course.asked.append(asked)
        rest = _SENTENCES.split(" ".join(answer.text.split()), 1)[-1] if _SENTENCES.search(answer.text) else ""
        hedge = _HEDGED.match(rest)
        if hedge and rating[1] == _number(rating[0]) and (high := _number(hedge.group(1))) is not None and high != rating[1]:
            ends = sorted((rating[0], hedge.group(1)), key=_number)  # "Five. Maybe six.": one rating, 5-6
            course.ratings[-1] = (f"{ends[0]} or {ends[1]}", (rating[1] + high) / 2, course.ratings[-1][2])
            rest = rest[hedge.end():]
        if label in _STATES:  # "Seven. (pause) Six. It's got hairy legs. Five.": the state read on, the last where it stands
            for said, value in _self_rated(rest) if rest else []:
                if value != course.ratings[-1][1]:
                    course.ratings.append((said, value, [answer.id]))
                    course.asked.append("")
        open_[key] = (course, n + 1)
        answered.add(n + 1)
        last_label, last_at = label, n + 1
    done += [c for c, _ in open_.values()]
    _told_beliefs(lines, done, answered)
    return [c for c in sorted(done, key=lambda c: c.evidence[0]) if len(c.ratings) >= 2 or c.predicted and c.ratings]


def _told_beliefs(lines: Sequence[Utterance], courses: list[RatingCourse], answered: set[int]) -> None:
    """Adds to each belief's course the numbers the client gave for it again unasked, and a course for
    each client line that rates a thought for a time before and for now."""
    at = {u.id: k for k, u in enumerate(lines)}
    taken = set(answered)
    for c in courses:
        if c.label in _STATES or c.label in _LEFT_TO_OTHERS:
            continue
        for said, value, ids in rerated_unasked(lines, at[c.ratings[-1][2][-1]], c.speaker, c.scale, c.ratings[0][1], taken):
            c.ratings.append((said, value, ids))
            c.asked.append("")
            taken.add(at[ids[-1]])
    # a line that rates then and now answers with two numbers: a lone first rating read from it is no course
    held = {i for c in courses if len(c.ratings) > 1 or c.predicted for i in c.evidence}
    for n, utt in enumerate(lines):
        told = None if utt.id in held else then_and_now(lines, n)
        if told is not None:
            ids = [lines[n - 1].id, utt.id] if n > 0 and not is_client(lines[n - 1].speaker) else [utt.id]
            courses.append(RatingCourse("belief", told[0], [(said, value, ids) for said, value, _ in told[1]], speaker=utt.speaker,
                                        asked=["", ""], when=[when for *_, when in told[1]]))


def _direction(start: float, end: float) -> str:
    return "lower" if end < start else "higher" if end > start else "unchanged"


def _shown(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _said(rating: tuple[str, float, list[int]]) -> str:
    """The rating as a number ("60-65" for "sixty or sixty-five")."""
    said, value, _ = rating
    ends = re.split(r"\s+(?:or|to)\s+|(?<=\d)\s*-\s*(?=\d)", said)
    if len(ends) == 2 and all(_number(e) is not None for e in ends):
        return "-".join(_shown(_number(e)) for e in ends)
    return _shown(value)


def course_values(c: RatingCourse) -> list[str]:
    """Each rating of the course as a note writes it ("60-65", "90%")."""
    return [_said(r) + ("%" if c.scale == "%" else "") for r in c.ratings]


def course_text(c: RatingCourse) -> str:
    """"distress (SUDS, out of 100) 70 at first, 85 at the highest, 45 at the last rating (lower than at the start)"."""
    who = "" if c.speaker.lower() in ("client", "patient") else f"{c.speaker}'s "
    notes = [n for n in ("SUDS" if any(re.search(r"\bsuds?\b", q, re.I) for q in c.asked) else "",
                         c.scale if c.scale != "%" else "") if n]
    label = c.label + (f" ({', '.join(notes)})" if notes else "")
    values = course_values(c)
    if c.label in _STATES and c.predicted:
        # predicted beforehand, then rated during the work: the response is the rating against the prediction
        guess = _said(c.predicted) + ("%" if c.scale == "%" else "")
        text = f"{who}{label} predicted at {guess} beforehand"
        high = max(c.ratings, key=lambda r: r[1])
        if len(c.ratings) > 2 and high is not c.ratings[-1]:
            text += f", {values[c.ratings.index(high)]} at the highest"
        direction = _direction(c.predicted[1], c.ratings[-1][1])
        return text + f", {values[-1]} at the last rating (" + (f"{direction} than predicted)" if direction != "unchanged"
                                                                 else "as predicted)")
    if c.label in _STATES:
        first, last = c.ratings[0], c.ratings[-1]
        high = max(c.ratings, key=lambda r: r[1])
        text = f"{who}{label} {values[0]} at the first rating"
        # by value: a highest said again at the end ("... 6, then 6") is not come down from
        if high is not first and high[1] > last[1] and high[1] > first[1]:
            # an exposure's course: up to a peak, then down; what it came down to is the response
            text += f", {values[c.ratings.index(high)]} at the highest, {values[-1]} at the last (down from the highest"
            return text + (f", {_direction(first[1], last[1])} than at the start)" if last[1] != first[1] else ", as at the start)")
        direction = _direction(first[1], last[1])
        return text + (f", {values[-1]} at the last ({direction} than at the start)" if direction != "unchanged"
                       else f", {values[-1]} at the last (unchanged)")
    if c.when:  # "I'd give it ninety percent last week. Maybe sixty now."
        direction = _direction(c.ratings[0][1], c.ratings[-1][1])
        return f"{who}{label} {values[0]} {c.when[0]}, {values[-1]} {c.when[-1]} ({direction})"
    if len(c.ratings) == 2 and (_ASKED_AGAIN.search(c.asked[1]) or not c.asked[1]):
        direction = _direction(c.ratings[0][1], c.ratings[1][1])  # the same thought asked about again, or rated again unasked
        again = "when asked again" if c.asked[1] else "when the client rated it again"
        return f"{who}{label} {values[0]}, then {values[1]} {again} ({direction})"
    return f"{who}{label} in the thoughts examined, as rated: " + ", then ".join(values[:4])


def rating_courses_sentence(courses: Sequence[RatingCourse]) -> str:
    # a belief the client rated again unasked, or then and now in one line, was not all "when asked"
    told = any(c.when or (c.label not in _STATES and "" in c.asked) for c in courses)
    return f"Response to interventions, ratings the client gave {'' if told else 'when asked '}in session: " + "; ".join(
        course_text(c) for c in courses) + "."


def _values(text: str) -> set[str]:
    """Each number in the text on its own ("seventy ... forty-five, one and a half": 70, 45, 1)."""
    return {_shown(v) for w in re.findall(r"\b" + _NUM_WORD + r"\b", text, re.I) if (v := _number(w)) is not None}


def new_courses(courses: Sequence[RatingCourse], said: Sequence[str]) -> list[RatingCourse]:
    """The courses whose first and last numbers no other line (``said``) already gives together:
    a clinician's recap ("You started at seventy ... now you're at forty-five") says it once."""
    kept = []
    for c in courses:
        high = max(c.ratings, key=lambda r: r[1])
        last = _shown(c.ratings[-1][1])
        # A peak above both ends is part of the course: a list of the first and last alone does not give it.
        peak = {_shown(high[1])} if high[1] > max(c.ratings[0][1], c.ratings[-1][1]) else set()
        if not any(last in _values(text) and _values(text) & {_shown(c.ratings[0][1]), _shown(high[1])} - {last}
                   and peak <= _values(text) for text in said):
            kept.append(c)
    return kept
