"""The Assessment's clinical content found from the structure of the talk, not from one writer's
phrasing (issue 16: response to the interventions, progress toward the goals, triggers): each finding
quotes or states what was said and cites its lines, and says nothing the lines do not.

- ``rating_courses``: any rating the clinician asks for on a scale (0-10, 0-100, "out of", percent,
  SUDS, "how much do you believe"), answered by the client with a number, asked again later about the
  same thing ("And now?"): where it started and where it ended within the session, with the direction
  computed from the numbers. Whatever is rated (distress, belief in a thought, an urge, confidence,
  importance) is named from the question itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from session_assistant.drafting.grounding import numbers_in
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import words_up_to

_SENTENCES = re.compile(r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)\s+")
_NUM_WORD = (r"(?:\d{1,3}(?:\.\d)?|zero|nought|none|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
             r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|one hundred|hundred)"
             r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")
# A scale named in the question: "zero to ten", "nought to a hundred", "out of a hundred", "percent".
_SCALE = re.compile(r"\b(?:(?:zero|nought|0|one|1)\s*(?:to|-)\s*(?:a |one )?(hundred|100|ten|10|five|5)"
                    r"|out of (?:a |one )?(hundred|100|ten|10|five|5)|(percent|per cent|%))\b|(%)", re.I)
# A rating asked without a scale: the unit that names one ("SUDS"), "put a number on", "how much do you believe".
_RATING_WORDS = re.compile(r"\b(?:suds|sud|what number|what(?:'s| is) the number|put a number|give (?:it|me) a number"
                           r"|how (?:much|strongly|far) (?:do|did) you (?:still )?(?:believe|trust)|how (?:true|strong|likely|confident|important|ready)\b[^?]{0,60}\bnow"
                           r"|rate (?:it|that|this|your))\b", re.I)
# Asked again in a few words while the work goes on: "And now?", "What's it at now?", "Number?", "Where is it now?"
_REASK = re.compile(r"\b(?:now|peak|that time|this time|number|where are you|where is it|suds)\b[^?]*\?$", re.I)
REASK_MAX_WORDS = 8
COURSE_SPAN = 60  # lines from one rating of a thing to the next asking of it
# What is rated, from the question's words; the label the line gives it.
_CONSTRUCTS: tuple[tuple[str, str], ...] = (
    ("belief", r"\bbeliev\w*|\bbelief|\bhow true\b|\bhow (?:much|far) do you (?:buy|think it'?s true)"),
    ("distress", r"\bsuds?\b|\bdistress\w*|\banxi\w+|\bscar(?:ed|y)\b|\bfear\w*|\bfrighten\w*|\bafraid\b|\bnervous\b"
                        r"|\bpanick?y\b|\bworried\b|\bupset\b|\buncomfortable\b|\bdisgust\w*"),
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
_PAST = re.compile(r"\b(?:were you|was it|did it|last (?:week|night|time)|yesterday|on (?:monday|tuesday|wednesday|thursday|"
                   r"friday|saturday|sunday)|this week|that day)\b", re.I)

_OCCASIONS = re.compile(r"\b(?:the (?:first|second|third|last) (?:time|one|day)|each time|every time|last (?:week|night|time)|yesterday)\b",
                        re.I)


@dataclass
class RatingCourse:
    """One thing the client rated more than once in the session: its label, scale and the ratings
    in order, each (the number as said, value, [question id, answer id])."""
    label: str
    scale: str  # "out of 10", "out of 100", "%", or ""
    ratings: list[tuple[str, float, list[int]]] = field(default_factory=list)
    speaker: str = "Client"
    asked: list[str] = field(default_factory=list)  # the questions, in order ("" for a number said unasked)

    @property
    def evidence(self) -> list[int]:
        return sorted({i for *_, ids in self.ratings for i in ids})


def _construct(text: str) -> str | None:
    for label, pattern in _CONSTRUCT_RES:
        if pattern.search(text):
            return label
    return None


def _scale_of(text: str) -> str:
    m = _SCALE.search(text)
    if not m:
        return "out of 100" if re.search(r"\bsuds?\b", text, re.I) else ""
    top = next((g for g in m.groups() if g), "")
    top = top.lower()
    if top in ("%", "percent", "per cent"):
        return "%"
    return {"hundred": "out of 100", "100": "out of 100", "ten": "out of 10", "10": "out of 10", "five": "out of 5", "5": "out of 5"}[top]


def _number(said: str) -> float | None:
    found = numbers_in(said)
    if len(found) != 1:
        return None
    try:
        return float(next(iter(found)))
    except ValueError:
        return None


def _answer_rating(text: str) -> tuple[str, float] | None:
    """(the number as said, its value) from the start of the client's answer, else None."""
    first = _SENTENCES.split(" ".join(text.split()))
    head = " ".join(" ".join(first[:2]).split()[:ANSWER_MAX_WORDS])
    if _OCCASIONS.search(head) and len(_ANSWER_NUMBER.findall(head)) > 1:
        return None  # ratings of past occasions ("Ninety the first time. Seventy the second."), not of now
    m = _ANSWER_NUMBER.search(head)
    if m is None:
        return None
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
    """The clinician's turn from its first question on (a rating asked at the end of a longer turn)."""
    sentences = _SENTENCES.split(" ".join(text.split()))
    asks = [k for k, s in enumerate(sentences) if s.endswith("?")]
    return " ".join(sentences[asks[0] - (1 if asks[0] else 0):]) if asks else ""


_STATES = {"distress", "urge", "mood", "calm", "anger", "pain", "shame", "guilt"}
# Already said by other lines: the MI rulers (session_said.rating_answers); trust ratings in couple work.
_LEFT_TO_OTHERS = {"confidence", "importance", "readiness", "trust"}
COURSE_GAP = 25  # lines between two ratings of one thing: more, and it is another exercise
SELF_RATED_GAP = 6  # a number the client says unasked counts this soon after a rating was asked
_SELF_RATED = re.compile(r"^(?:(?:it'?s|that'?s|like|now|about|maybe|um,?|uh,?|still|down to|up to|ok(?:ay)?,?|oh,?)\s+)*(?:a |an )?("
                         + _NUM_WORD + r")[.!]?$", re.I)


def _self_rated(text: str) -> list[tuple[str, float]]:
    """Numbers the client offers unasked, each a sentence of its own ("Sixty. Now fifty-five.")."""
    found = []
    for sentence in _SENTENCES.split(" ".join(text.split())):
        m = _SELF_RATED.match(re.sub(r"^(?:\([^)]*\)\s*)+", "", sentence))
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
    answered: set[int] = set()
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
        tail = re.sub(r"^(?:\([^)]*\)\s*)+", "", _SENTENCES.split(asked)[-1])  # "(pause) And now?"
        short = len(tail.split()) <= REASK_MAX_WORDS and n - last_at <= COURSE_GAP
        label = None
        if _SCALE.search(asked) or _RATING_WORDS.search(asked):
            label = _construct(asked) or (last_label if short else None)
        elif short:
            named = _construct(tail)
            if named == last_label or (named is None and _REASK.search(tail)):
                label = last_label
        if label is None or label in _LEFT_TO_OTHERS or _PAST.search(tail):
            continue
        rating = _answer_rating(answer.text)
        if rating is None:
            continue
        key = (label, answer.speaker)
        course, at = open_.get(key, (None, -COURSE_GAP - 1))
        if course is None or n - at > COURSE_GAP:
            if course is not None:
                done.append(course)
            course = RatingCourse(label, _scale_of(asked) or _scale_of(answer.text), speaker=answer.speaker)
        course.ratings.append((rating[0], rating[1], [utt.id, answer.id]))
        course.asked.append(asked)
        open_[key] = (course, n + 1)
        answered.add(n + 1)
        last_label, last_at = label, n + 1
    done += [c for c, _ in open_.values()]
    return [c for c in sorted(done, key=lambda c: c.evidence[0]) if len(c.ratings) >= 2]


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


REPEATED_WORDS = ("now", "after", "again", "still", "original")


def course_text(c: RatingCourse) -> str:
    """"distress (SUDS, out of 100) 70 at first, 85 at the highest, 45 at the last rating (lower than at the start)"."""
    who = "" if c.speaker.lower() in ("client", "patient") else f"{c.speaker}'s "
    unit = "%" if c.scale == "%" else ""
    notes = [n for n in ("SUDS" if any(re.search(r"\bsuds?\b", q, re.I) for q in c.asked) else "",
                         c.scale if c.scale != "%" else "") if n]
    label = c.label + (f" ({', '.join(notes)})" if notes else "")
    values = [_said(r) + unit for r in c.ratings]
    if c.label in _STATES:
        first, last = c.ratings[0], c.ratings[-1]
        high = max(c.ratings, key=lambda r: r[1])
        text = f"{who}{label} {values[0]} at the first rating"
        if high is not first and high is not last and high[1] > first[1]:
            text += f", {values[c.ratings.index(high)]} at the highest"
        direction = _direction(first[1], last[1])
        return text + f", {values[-1]} at the last ({direction} than at the start)" if direction != "unchanged" else \
            text + f", {values[-1]} at the last (unchanged)"
    if len(c.ratings) == 2 and re.search(r"\b(?:" + "|".join(REPEATED_WORDS) + r")\b", c.asked[1], re.I):
        direction = _direction(c.ratings[0][1], c.ratings[1][1])  # the same thought asked about again
        return f"{who}{label} {values[0]}, then {values[1]} when asked again ({direction})"
    return f"{who}{label} in the thoughts examined, as rated: " + ", then ".join(values[:4])


def rating_courses_sentence(courses: Sequence[RatingCourse]) -> str:
    return "Response to interventions, ratings the client gave when asked in session: " + "; ".join(
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
        if not any(last in _values(text) and _values(text) & {_shown(c.ratings[0][1]), _shown(high[1])} - {last}
                   for text in said):
            kept.append(c)
    return kept


# --- progress toward a chart goal -----------------------------------------------------------------
# A line reports progress when it tells a change or an attainment, in the standard forms: a count or
# comparison ("three this week, down from five", "fewer", "less", "more"), something done ("I went",
# "I managed", "I stayed", "for the first time"), or not done any more ("haven't", "stopped").
_PROGRESS_CUE = re.compile(
    r"\b(?:down from|up from|from (?:a |an )?" + _NUM_WORD + r" (?:down |up )?to|fewer|more than|less than|first time|managed|made it"
    r"|no longer|not any ?more|haven'?t (?:had|needed|missed)|" + _NUM_WORD + r" (?:out of|of the) " + _NUM_WORD + r"(?! (?:on|for)\b))\b",
    re.I)
# The client's own report of the week: first person, or the thing itself as the subject.
_FIRST_PERSON = re.compile(r"\b(?:I|I'?ve|I'?m|we|we'?ve|my)\b", re.I)
# Not progress: a rating on a scale, a score of a questionnaire, risk talk, an exercise's steps.
_MEASURE_NAME = re.compile(r"\b[A-Z]{2,}(?:-[A-Z0-9]+)?\b")  # "PHQ-9", "SUDS": the measures lines say those
_NOT_PROGRESS = re.compile(r"\b(?:minutes?|seconds?)\b|\bout of (?:a |one )?(?:hundred|100|ten|10|five|5)\b(?! (?:days|times|nights|pickups))|\bscores?\b|\bpercent\b"
                           r"|\b(?:for|against|evidence|consequence)\b,|\bthinking\b|\bwithout me\b", re.I)
_ASKING = re.compile(r"\?\s*$")
PROGRESS_MAX_WORDS = 30
_HAS_NUMBER = re.compile(r"\b" + _NUM_WORD + r"\b", re.I)
# The clinician's sentence counts when it sets a count against an earlier one ("Three this week, down from five.").
_COMPARED = re.compile(r"\b(?:down from|up from|from (?:a |an )?" + _NUM_WORD + r" (?:down |up )?to|" + _NUM_WORD
                       + r" (?:out of|of the) " + _NUM_WORD + r"|compared (?:to|with)|(?:than|since) (?:last|when you started|before))\b", re.I)
_FUTURE = re.compile(r"\b(?:will|'ll|going to|gonna|want to|would like|hope to|could|might|should|try to|plan to)\b", re.I)
# Topic words too common to tie a sentence to a goal alone.
_WEAK_TERMS = {"time", "les", "back", "way", "other", "after", "while", "within", "through", "most", "feel", "keep", "one",
               "new", "full", "when", "come", "act", "well", "stay", "rather", "including", "enough", "despite", "thought",
               "plan", "week", "day", "part", "two", "three", "four", "five", "used", "using", "first", "minut", "hour"}


def goal_progress(terms: set[str], terms_said, utterances: Sequence[Utterance],
                  risky=lambda text: False) -> tuple[str, int] | None:
    """(the sentence, its line) that reports a change on a goal's topic (``terms``: the goal's and its
    objectives' topic words; ``terms_said(terms, text)``: those a text names): the client's report
    of a change or an attainment, or the clinician's count set against an earlier one; the one naming
    most of the topic, with a number preferred. None when no such sentence."""
    strong = {t for t in terms if t not in _WEAK_TERMS}
    if not strong:
        return None
    best: tuple[tuple[int, int], str, int] | None = None
    for utt in utterances:
        if not utt.speaker:
            continue
        client = is_client(utt.speaker)
        for sentence in _SENTENCES.split(" ".join(utt.text.split())):
            if _ASKING.search(sentence) or len(sentence.split()) > PROGRESS_MAX_WORDS or _FUTURE.search(sentence):
                continue
            named = terms_said(strong, sentence)
            if not named or _NOT_PROGRESS.search(sentence) or _MEASURE_NAME.search(sentence) or risky(sentence):
                continue
            if not (_PROGRESS_CUE.search(sentence) if client else _COMPARED.search(sentence)):
                continue
            score = (len(named), 1 if _HAS_NUMBER.search(sentence) else 0)
            if best is None or score > best[0]:
                best = (score, sentence, utt.id)
    return (best[1], best[2]) if best else None


# --- triggers the client names ----------------------------------------------------------------------
# The clinician asking when a recurring problem comes (functional analysis in any approach): "When
# does it tend to happen?", "When is it worst?", "What time of day?", "What was going on just before?"
_WHEN_ASK = re.compile(
    r"\bwhen (?:does|do|is|are|did) (?:it|that|this|they|these|those|the \w+|you(?:r \w+)?)\b[^?]{0,30}\b(?:happen\w*|come|comes|start|get|gets|hit|"
    r"kick|show up|tend|usually|most|worst|hardest|strongest|bad|worse|high\w*|go up)\b[^?]*\?"
    r"|\bwhat time of (?:the )?day\b[^?]*\?|\bwhat (?:was|is) (?:going on|happening) (?:just |right )?(?:before|when|at the time)\b[^?]*\?"
    r"|\bwhat were you doing (?:just |right )?(?:before|when)\b[^?]*\?|\bwhat happened (?:just |right )?before\b[^?]*\?"
    r"|\bis there a (?:time|pattern|situation)\b[^?]*\?|\bwhat (?:sets|set|brings|brought|kicks|kicked) (?:it|that|them|this) (?:off|on)\b[^?]*\?",
    re.I)
_NOT_WHEN = re.compile(r"\b(?:last|next|first|start(?:ed)?|begin|began|going to|will|can you|could you)\b", re.I)
# The client's answer placing it ("Usually in the afternoon.", "When he's been screaming for an hour.") or
# naming its setting: at least two words, not a refusal.
_NO_ANSWER = re.compile(r"^(?:i don'?t know|not sure|nothing|no idea|dunno|no\b|yes\b|yeah[.!]?$)", re.I)
# The problem in the client's words: a feeling, an urge, the behaviour treated.
_PROBLEM = (r"(?:panic\w*|anxi\w+|scared|frightened|afraid|worr\w+|nervous|on edge|craving\w*|urges?|drink\w*|drank|binge\w*|"
            r"snap\w*|angry|anger|los[et] it|lose my temper|cry\w*|tearful|spiral\w*|check\w*|wash\w*|avoid\w*|"
            r"nightmares?|flashbacks?|shak\w+|heart (?:races|racing|pounding|goes)|freez\w+|froze|shut down|gambl\w+|bet\w*|"
            r"smok\w+|use|using|eat\w*|argu\w+|fight\w*|(?:it'?s|it gets|gets) (?:worse|worst|bad|hardest))")
# The client saying it in one breath: "... at night. That's when the urge got really high."
_THATS_WHEN = re.compile(r"^(?:and |but )?that'?s (?:usually |always |mostly )?when\b\s+(?:i|it|the|my)\b", re.I)
TRIGGER_MAX_WORDS = 25
CLIENT_TRIGGERS_MAX = 2


def triggers_reported(utterances: Sequence[Utterance], risky=lambda text: False) -> list[tuple[str, list[int]]]:
    """(the client's words, [lines]) for up to two places where the client says when the problem
    comes: the answer to a question asking when it happens or what came just before, or a sentence
    followed by "That's when ..."; none about risk (the risk lines say those)."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, list[int]]] = []
    for n, utt in enumerate(lines):
        if is_client(utt.speaker):
            sentences = _SENTENCES.split(" ".join(utt.text.split()))
            for k in range(1, len(sentences)):
                said = f"{sentences[k - 1]} {sentences[k]}"
                if (_THATS_WHEN.match(sentences[k]) and re.search(r"\b" + _PROBLEM + r"\b", sentences[k], re.I) and not sentences[k].endswith("?") and len(said.split()) <= TRIGGER_MAX_WORDS
                        and not risky(said) and not _NOT_TRIGGER.search(said)):
                    found.append((said, [utt.id]))
                    break
        elif n + 1 < len(lines) and is_client(lines[n + 1].speaker):
            asked = _question(utt.text)
            ask = _WHEN_ASK.search(asked)
            if ask is None or _NOT_WHEN.search(ask.group(0)):
                continue
            answer = lines[n + 1]
            sentences = _SENTENCES.split(" ".join(answer.text.split()))
            said = words_up_to(sentences, TRIGGER_MAX_WORDS)
            if (said and len(said.split()) >= 2 and not _NO_ANSWER.match(said)
                    and not said.endswith("?") and not risky(said)):
                found.append((said, [utt.id, answer.id]))
        if len(found) == CLIENT_TRIGGERS_MAX:
            break
    return found


_NOT_TRIGGER = re.compile(r"\b(?:will|'ll|going to|gonna|want to|try to)\b", re.I)


def triggers_reported_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Triggers, as the client described them: " + "; ".join(f'"{text}"' for text, _ in found)


# --- what the client took from the work -------------------------------------------------------------
# The processing question that closes an exercise, an experiment or a look at the record, in any
# approach: "What does that tell you?", "What are you learning?", "What do you make of that?", "What
# do you notice about ...?", "What will you take from today?". The client's answer is the response.
_LEARNING_ASK = re.compile(r"\bwhat (?:does|did) (?:that|this|it) (?:tell|teach|show) you\b|\bwhat (?:are|were) you learning\b"
                           r"|\bwhat did you (?:learn|find out|discover)\b|\bwhat do you make of (?:that|this|it)\b"
                           r"|\bwhat do you notice about\b", re.I)
LEARNING_MAX_WORDS = 25
LEARNING_MAX = 2


def learning_answers(utterances: Sequence[Utterance], risky=lambda text: False) -> list[tuple[str, list[int]]]:
    """(the client's answer, [question, answer]) for up to two processing questions."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, list[int]]] = []
    for n, utt in enumerate(lines[:-1]):
        answer = lines[n + 1]
        if is_client(utt.speaker) or not is_client(answer.speaker) or not _LEARNING_ASK.search(_question(utt.text)):
            continue
        said = words_up_to(_SENTENCES.split(" ".join(answer.text.split())), LEARNING_MAX_WORDS)
        if said and len(said.split()) >= 3 and not _NO_ANSWER.match(said) and not risky(said):
            found.append((said, [utt.id, answer.id]))
        if len(found) == LEARNING_MAX:
            break
    return found


def learning_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Response to interventions, what the client took from the work, in the client's words: " + "; ".join(
        f'"{text}"' for text, _ in found)


# --- assembled for the note ---------------------------------------------------------------------------
def goal_terms_with_objectives(goal_text: str, goal_terms: set[str]) -> set[str]:
    """The goal's topic words and its objectives' ("Binges two or fewer a week" names binges)."""
    from session_assistant.drafting.chart_context import GOAL_VERBS
    from session_assistant.drafting.grounding import content_words
    objectives = goal_text.split(" (objectives:", 1)[1] if " (objectives:" in goal_text else ""
    return goal_terms | {w for w in content_words(objectives) if w not in GOAL_VERBS and not w.isdigit()}


def goal_progress_sentence(name: str, said: str, addressed: bool, subject: str = "client") -> str:
    lead = f"Treatment goal ({name}) was addressed in this session" if addressed else f"Treatment goal ({name})"
    return f'{lead}; progress as said in session: "{said}"; clinician to rate the {subject}\'s progress.'


def assessment_lines(utterances: Sequence[Utterance], said: Sequence[tuple[str, Sequence[int]]],
                     risky=lambda text: False) -> list[tuple[str, str, list[int]]]:
    """(kind, text, cited lines) for the Assessment: the course of each rating asked more than once,
    and the triggers the client described. ``said``: the rule lines already made (text, cited lines);
    a course whose numbers one of them already gives, or a trigger answer already quoted, is left out."""
    found: list[tuple[str, str, list[int]]] = []
    courses = new_courses(rating_courses(utterances), [text for text, _ in said])
    if courses:
        found.append(("stage", rating_courses_sentence(courses), sorted({i for c in courses for i in c.evidence})))
    cited = {i for _, ids in said for i in ids}
    learned = [t for t in learning_answers(utterances, risky) if t[1][-1] not in cited]
    if learned:
        found.append(("stage", learning_sentence(learned), sorted({i for _, ids in learned for i in ids})))
    triggers = [t for t in triggers_reported(utterances, risky) if t[1][-1] not in cited]
    if triggers:
        found.append(("stage", triggers_reported_sentence(triggers), sorted({i for _, ids in triggers for i in ids})))
    return found
