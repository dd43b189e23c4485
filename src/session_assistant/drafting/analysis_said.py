"""The Assessment's analysis, where the session says it aloud, found by rule (issue 16: triggers
identified, the client's response to the interventions, progress toward the goals): the distress
ratings the client gave during an exercise in the room, the clinician's comparison of this week's
count with an earlier one, and the clinician's summary of what leads to what ("So there's the late
night, no text, and then the pictures come, and then the checking.").

Why by rule: the 1.5B model writes the client's account, not the clinician's analysis; the dev
sessions' Assessments had no sentence on triggers, response or progress beyond the chart's lines.
Each finding quotes its lines and cites them; the direction of a change is computed from the two
numbers said, never from the model; a step still ahead ("you'll text by five, and then ...") is no
summary of what happened.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.session_done import _AHEAD_OF_NOW, _value
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import SCALE, without_leading_stage
from session_assistant.drafting.wording import SENTENCE_BREAK

_SENTENCES = SENTENCE_BREAK
_NUM = (r"(?:\d{1,3}|zero|nought|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|"
        r"eighty|ninety|a hundred|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")

# "How scary, nought to ten?", "How anxious are you right now, zero to a hundred?"
_DISTRESS = r"(?:anxious|scared|scary|frightened|afraid|nervous|distressed|panicky|uncomfortable)"
_DISTRESS_ASK = re.compile(r"\bhow (" + _DISTRESS + r")\b[^.?!]{0,40}(?:" + SCALE + r")[^.!]*\?", re.I)
# Asked again in a few words while the exercise runs: "Scary?", "How anxious now?", "What number?", "And now?"
_REASK = re.compile(r"^(?:(?:and|okay|so),?\s+)?(?:how \w+ now|what(?:'s the)? number(?: now)?|where are you now|number now|now)\?$", re.I)
REASK_MAX_WORDS = 5
EXERCISE_SPAN = 40  # lines from the first rating to the last
# The client's answer opens with the number: "Five.", "About seventy.", "Like a six. It was ..."
_ANSWER = re.compile(r"^(?:(?:about|maybe|like|um,?|uh,?|probably|around)\s+)*(?:a |an )?(" + _NUM + r")\b(?!\s*(?:%|percent)?\s*"
                     r"(?:days?|times|hours|minutes|weeks|o'?clock)\b)", re.I)
RATINGS_MIN, RATINGS_MAX = 2, 8


def _asked_again(sentence: str, feeling: str) -> bool:
    """"Scary?", "And now?", "How anxious now?": the rating asked again in a few words."""
    short = sentence.endswith("?") and len(sentence.split()) <= REASK_MAX_WORDS
    return short and bool(_REASK.match(sentence) or re.search(rf"\b{feeling}\b", sentence, re.I))


def exercise_ratings(utterances: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    """(the client's answer, [question, answer]) for each distress rating of one exercise in the room:
    the first question names the feeling and a scale, later ones ask it again in a few words (or in
    full) within a stretch of the session; at least two answers that open with a number."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, list[int]]] = []
    feeling, start = None, None
    for n, utt in enumerate(lines[:-1]):
        answer = lines[n + 1]
        if is_client(utt.speaker) or not is_client(answer.speaker):
            continue
        asked = _DISTRESS_ASK.search(utt.text)
        last = without_leading_stage(_SENTENCES.split(" ".join(utt.text.split()))[-1])  # "(pause) And now?"
        if feeling is None:
            if asked is None:
                continue
            feeling, start = asked.group(1).lower(), n
        elif n - start > EXERCISE_SPAN:
            break
        elif not (asked or _asked_again(last, feeling)):
            continue
        said = _SENTENCES.split(" ".join(answer.text.split()))[0]
        number = _ANSWER.match(said)
        if number is not None and _value(number.group(1)) is not None:
            found.append((said, [utt.id, answer.id]))
        if len(found) == RATINGS_MAX:
            break
    return found if len(found) >= RATINGS_MIN else []


def exercise_ratings_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    # No direction word: ratings the client offered unasked are not in the list, so its first and
    # last need not be the exercise's start and end.
    said = ", then ".join(f'"{text}"' for text, _ in found)
    return ("Response to interventions, distress ratings the client gave when asked during the exercise in session: "
            + said + ("" if said.endswith('."') else "."))


# The clinician setting this week's count beside an earlier one: "That's four this week, then. Last week,
# at the assessment, you said it was about five or six a week?"
_NOW = re.compile(r"\b(?:this (?:week|fortnight|month)|today|so far|now)\b", re.I)
_EARLIER = re.compile(r"\b(?:last (?:week|time|session|month)|at (?:the|our) (?:assessment|first (?:meeting|session))|"
                      r"when (?:you|we) (?:started|first (?:came|met))|before (?:we started|treatment))\b", re.I)
_NUMBER = re.compile(r"\b" + _NUM + r"\b", re.I)
COMPARE_MAX_WORDS = 40
# An earlier amount said as a frequency: "Two days this week. And before we started, you were saying it was most days."
_OFTEN = re.compile(r"\b(?:most (?:days|nights|weeks)|every (?:day|night|evening)|daily|nightly|all the time|constantly)\b", re.I)
_MEASURE_WORDS = re.compile(r"(?i:\b(?:scored?|scores|came out|comes out|questionnaire|measure|inventory|scale)\b)|\b[A-Z]{2,}(?:-[A-Z0-9]+)?\b")


def progress_compared(utterances: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    """(the clinician's two sentences, [line]) for the first clinician line that gives a number for
    now and one for before, in sentences next to each other."""
    for utt in utterances:
        if is_client(utt.speaker) or not utt.speaker:
            continue
        sentences = _SENTENCES.split(" ".join(utt.text.split()))
        for k in range(len(sentences) - 1):
            now, before = sentences[k], sentences[k + 1]
            if _MEASURE_WORDS.search(f"{now} {before}"):
                continue  # a questionnaire's score: the measures lines say it, with the chart's
            if (_NOW.search(now) and _NUMBER.search(now) and not now.endswith("?") and _EARLIER.search(before)
                    and (_NUMBER.search(before) or _OFTEN.search(before)) and not _EARLIER.search(now) and not _AHEAD_OF_NOW.search(now)
                    and len(f"{now} {before}".split()) <= COMPARE_MAX_WORDS):
                return [(f"{now} {before}", [utt.id])]
    return []


def progress_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Progress, as compared in session: " + "; ".join(f'"{text}"' for text, _ in found)


# The clinician's summary of what leads to what: "So there's the late night, no text, and then the
# pictures come, and then the checking." A sentence that opens "So there's/there are" (or "So when
# ...") and goes on "and then": the sequence as the clinician put it back to the client.
_SEQUENCE = re.compile(r"^(?:(?:mm|okay|right)[.,]?\s+)?so,?\s+(?:there'?s|there (?:is|are)|when)\b[^?]*\band then\b", re.I)
SEQUENCE_MAX_WORDS = 35
SEQUENCES_MAX = 2


def sequences_summarised(utterances: Sequence[Utterance], risky=lambda text: False) -> list[tuple[str, list[int]]]:
    """(the clinician's sentence, [the line before, the line]) for up to two such summaries; one about
    risk (``risky``) is left to the risk lines, as the quotes are."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, list[int]]] = []
    for n, utt in enumerate(lines[1:], 1):
        if is_client(utt.speaker):
            continue
        for sentence in _SENTENCES.split(" ".join(utt.text.split())):
            if (_SEQUENCE.search(sentence) and not sentence.endswith("?") and not _AHEAD_OF_NOW.search(sentence)
                    and not re.search(r"\byou(?:'ll| will)\b", sentence, re.I)
                    and len(sentence.split()) <= SEQUENCE_MAX_WORDS and not risky(sentence)):
                found.append((re.sub(r"^(?:(?:mm|okay|right)[.,]?\s+)", "", sentence, flags=re.I), [lines[n - 1].id, utt.id]))
                break
        if len(found) == SEQUENCES_MAX:
            break
    return found


def sequences_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Pattern identified in session, as the clinician summarised it: " + "; ".join(f'"{text}"' for text, _ in found)
