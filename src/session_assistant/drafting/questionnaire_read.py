"""The lines of a questionnaire read aloud item by item, so the model's retelling of them stays out of
the note, and the item answers a clinician looks at, quoted as item answers.

Why: clinicians often give a measure (CORE-10, PHQ-9, GAD-7) by reading each item and taking the
client's answer ("\"I have felt unhappy.\"" - "Often."; "Trouble relaxing?" - "Two."). A small model
then turns each item into a finding, and turns them wrong: "Client denied having felt the clinician
has someone to turn to for support when needed, sometimes." (43), "reports feeling a failure" for an
item answered "two". The measure's total and its change are the chart's and the measures line's; the
notable answers are quoted beside their item (``item_answers``); a model sentence citing only these
lines is withheld, shown beside the note with its reason.

Items are read in quotes ("\"I have felt tense.\"") or plainly ("Feeling nervous, anxious or on
edge.", "Poor appetite or overeating?"); read plainly, a run is known by its answers: each a rating
("Several days. One.", "That's a two."), three or more in a row, after the clinician says a
questionnaire is coming ("I'll read them out", "the GAD-7", "nine questions").
"""

from __future__ import annotations

import re
from typing import NamedTuple, Sequence

from session_assistant.drafting.grounding import content_words
from session_assistant.drafting.measures_said import _CURRENT, _NUMBER, _scored
from session_assistant.drafting.risk import is_client, mentions_risk
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import QUOTED_SPAN, without_leading_stage
from session_assistant.drafting.word_stems import stem
from session_assistant.drafting.wording import words_up_to

QUESTIONNAIRE_ITEM = "questionnaire_item_retold"
# A clinician's line that opens with an item in quotes: "\"I have felt tense.\" Not at all, ..."
_ITEM = re.compile(r"^\s*(?:(?:okay|ok|and|next|right|so|then|now|number \w+|item \w+)[,.:]?\s+)*"
                   r"[\"“]([^\"”]{8,200})[\"”]", re.I)
MIN_ITEMS = 3  # one quoted sentence is a quote; three in a run are a questionnaire
ITEM_GAP = 4  # lines between two items of one run (a follow-up question may come between)

# The answer options of the common measures, and the numbers they are scored with (0 to 7: the
# AAQ-II's top); a rating among an answer's first words makes the line before it an item.
_OPTIONS = {"not at all": 0, "never": 0, "none": 0, "several days": 1, "rarely": 1, "sometimes": 2,
            "more than half": 2, "often": 3, "nearly every day": 3, "most or all of the time": 4, "always": 4}
_NUMBERS = {"nought": 0, "zero": 0, "nil": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_OPTION = re.compile(r"\b(?:%s)\b" % "|".join(sorted(map(re.escape, _OPTIONS), key=len, reverse=True)), re.I)
# A number is a rating where it stands alone ("Two.", "That's a two.", "Three. Four. Four."), not in "three times".
_SCORE = re.compile(r"\b(%s|[0-7])(?=\s*(?:[.,!?]|$))" % "|".join(_NUMBERS), re.I)
RATING_WITHIN_WORDS = 12
# The clinician saying a questionnaire is coming, within a few lines before the first item.
_ANNOUNCED = re.compile(r"\b(?:questionnaires?|(?:seven|nine|ten|same) (?:questions|items)|read (?:you |them |it |the )?"
                        r"(?:out|items|the \w+)|reads items|[A-Z]{2,5}-?(?:\d{1,2}|II|A)\b)")
ANNOUNCE_LINES = 6
# An item is said, not asked about the week: "How was the week?" or "And now?" is no item.
_ASKS = re.compile(r"^(?:how|what|when|where|why|who|which|did|do|does|is|are|was|were|can|could|would|have|has|and now)\b"
                   r"|\b(?:what'?s|how|why|when)\b", re.I)
ITEM_MAX_WORDS = 30
PLAIN_GAP = 2  # items read plainly follow each other: item, answer, item
# "Over the last two weeks, how often have you been bothered by feeling ...? Not at all, several days, ...":
# the stem and the options read with the first item are not the item.
_STEM = re.compile(r"^(?:over the (?:last|past) (?:two|2) weeks,?\s+)?how often have you been bothered by\s+", re.I)


class ReadItem(NamedTuple):
    item: str  # the clinician's words for the item
    answer: str  # the client's answer
    value: int | None  # the rating the answer gives, when one can be read
    ids: list[int]  # the item's line, the answer's line


def _rating(answer: str) -> int | None:
    words = " ".join(without_leading_stage(answer).split()[:RATING_WITHIN_WORDS])
    scores = _SCORE.findall(words)
    if scores:  # "Several days. One.", "Three. Four. Four.": the last number given is the score
        last = scores[-1].lower()
        return int(last) if last.isdigit() else _NUMBERS[last]
    option = _OPTION.search(words)
    return _OPTIONS[option.group(0).lower()] if option else None


def _plain_item(text: str) -> str | None:
    """The item in a clinician's line read plainly: its last sentence, when it names a state and asks nothing else."""
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", " ".join(without_leading_stage(text).split())) if s]
    if len(sentences) > 1 and len(_OPTION.findall(sentences[-1])) >= 2:
        sentences = sentences[:-1]
    if _ANNOUNCED.search(sentences[-1] if sentences else ""):
        return None  # "It's seven questions.": the questionnaire announced, no item
    last = _STEM.sub("", sentences[-1]) if sentences else ""
    last = re.sub(r"^(?:(?:okay|ok|and|next|right|so|then|now|fair|good|thank you|thanks|we'll say \w+|(?:okay, )?\w+)"
                  r"[,.]\s+)*(?:and\s+)?(?:the last one[.,:]?\s+)?", "", last, flags=re.I)
    if not last or _ASKS.search(last) or len(last.split()) > ITEM_MAX_WORDS or len(last.split()) < 2:
        return None
    return last[0].upper() + last[1:]


def _runs(lines: Sequence[Utterance]) -> list[list[tuple[int, str]]]:
    """Runs of (line index, item) a clinician read, quoted or plainly rated, three or more each."""
    runs: list[list[tuple[int, str]]] = []
    for n, utt in enumerate(lines):
        if is_client(utt.speaker):
            continue
        quoted = _ITEM.match(utt.text)
        answer = lines[n + 1] if n + 1 < len(lines) and is_client(lines[n + 1].speaker) else None
        plain = _plain_item(utt.text) if answer is not None and _rating(answer.text) is not None else None
        if plain is not None and not (runs and n - runs[-1][-1][0] <= PLAIN_GAP):
            before = " ".join(u.text for u in lines[max(0, n - ANNOUNCE_LINES):n + 1] if not is_client(u.speaker))
            plain = plain if _ANNOUNCED.search(before) else None
        item = quoted.group(1) if quoted else plain
        if item is None:
            continue
        if runs and n - runs[-1][-1][0] <= ITEM_GAP:
            runs[-1].append((n, item))
        else:
            runs.append([(n, item)])
    return [run for run in runs if len(run) >= MIN_ITEMS]


def items_read(utterances: Sequence[Utterance]) -> list[ReadItem]:
    """Each item of a questionnaire read aloud, with the client's answer after it, in session order."""
    lines = [u for u in utterances if u.speaker]
    found: list[ReadItem] = []
    for run in _runs(lines):
        for n, item in run:
            answer = lines[n + 1] if n + 1 < len(lines) and is_client(lines[n + 1].speaker) else None
            text = " ".join(without_leading_stage(answer.text).split()) if answer is not None else ""
            found.append(ReadItem(item, text, _rating(text) if text else None,
                                  [lines[n].id] + ([answer.id] if answer is not None else [])))
    return found


def questionnaire_lines(utterances: Sequence[Utterance]) -> set[int]:
    """Ids of the item lines of a questionnaire read aloud and of the client's answer after each."""
    return {i for read in items_read(utterances) for i in read.ids}


# Which answers a clinician looks at: the item on harm to self (whatever the answer), the items the
# clinician comes back to after reading them ("you said 'failure' was still a two", "the item that moved
# most was the one about not being able to control the worry"), and the items answered highest when
# only a few share the top answer (five items all at "two" single none out).
NOTABLE_MAX = 4
UNNAMED_MEASURE = "Questionnaire"
TOP_SHARED_MAX = 3
RETURN_LINES = 4  # how far after the last item the clinician's coming back to one counts
RETURN_SHARED_WORDS = 2
_MEASURE_NAME = re.compile(r"\b[A-Z]{2,5}-?(?:\d{1,2}|II|A)\b")
_WORD = re.compile(r"[a-z]{5,}")
_ITEM_COMMON = {"feeling", "feel", "felt", "have", "that", "with", "about", "things", "thing", "other", "being", "your",
                "yourself", "some", "people", "over", "last", "weeks", "days", "more", "than", "half", "every", "nearly"}
ANSWER_MAX_WORDS = 20


def _content(text: str) -> set[str]:
    return {stem(w) for w in _WORD.findall(text.lower()) if w not in _ITEM_COMMON}  # "worry" for "worrying"


def notable_items(utterances: Sequence[Utterance]) -> tuple[str, list[ReadItem]]:
    """(the measure's name as said, else "Questionnaire"; its notable items in session order)."""
    lines = [u for u in utterances if u.speaker]
    read = items_read(utterances)
    if not read:
        return "", []
    at = {u.id: n for n, u in enumerate(lines)}
    first, last = at[read[0].ids[0]], at[read[-1].ids[-1]]
    announced = " ".join(u.text for u in lines[max(0, first - ANNOUNCE_LINES):first + 1] if not is_client(u.speaker))
    named = _MEASURE_NAME.search(announced)
    # The clinician's words between and just after the items, less the items themselves.
    taken = {i for r in read for i in r.ids}
    after = [u.text for u in lines[first:last + 1 + RETURN_LINES] if not is_client(u.speaker) and u.id not in taken]
    returned = [r for r in read if any(len(_content(r.item) & _content(text)) >= RETURN_SHARED_WORDS
                                       or _quoted_back(r.item, text) for text in after)]
    rated = [r for r in read if r.value is not None]
    top = max((r.value for r in rated), default=None)
    highest = [r for r in rated if r.value == top] if top else []
    chosen = {id(r) for r in read if mentions_risk(r.item)} | {id(r) for r in returned}
    chosen |= {id(r) for r in highest} if len(highest) <= TOP_SHARED_MAX else set()
    return (named.group(0) if named else UNNAMED_MEASURE), [r for r in read if id(r) in chosen][:NOTABLE_MAX]


def _quoted_back(item: str, text: str) -> bool:
    """The clinician quotes the item's own word back ('you said "failure" was still a two')."""
    return any(_content(q) and _content(q) <= _content(item) for q in re.findall(r"[\"“]([^\"”]{3,60})[\"”]", text))


def _answer_quoted(answer: str) -> str:
    return words_up_to(re.split(r"(?<=[.!?])\s+", answer), ANSWER_MAX_WORDS) or answer


TOTAL_LINES = 3  # the total is said within a few lines after the last item


def charted_name(utterances: Sequence[Utterance], read: Sequence[ReadItem], chart) -> str | None:
    """The chart's name for a measure read aloud without naming it: the chart's session-day score of
    a measure equals the total the clinician says after the items ("That comes to twelve." beside
    "PHQ-9 total 12 (session day)")."""
    if not read or chart is None:
        return None
    lines = [u for u in utterances if u.speaker]
    at = next(n for n, u in enumerate(lines) if u.id == read[-1].ids[-1])
    said = {float(x) for u in lines[at + 1:at + 1 + TOTAL_LINES] if not is_client(u.speaker) for x in _NUMBER.findall(u.text)}
    today = [scored for fact in chart.measures if _CURRENT.search(fact.text) for scored in [_scored(fact)] if scored]
    names = {name for name, score in today if score in said}
    return names.pop() if len(names) == 1 else None


def items_sentence(name: str, notable: Sequence[ReadItem]) -> str:
    said = "; ".join(f'"{r.item.rstrip("?.")}" - "{_answer_quoted(r.answer)}"' for r in notable)
    return f"{name} read aloud item by item; notable item answers, as given: {said}."


def notable_ids(notable: Sequence[ReadItem]) -> list[int]:
    return sorted({i for r in notable for i in r.ids})


# A model sentence telling an item as the client's own report ("The client reported feeling like a failure
# and having trouble concentrating.") may cite other lines than the item's: it is known by its words,
# most of them the items' and said by the client nowhere but in the answers.
_REPORT_WORDS = {"client", "report", "reported", "reports", "feel", "feeling", "feelings", "felt", "state", "stated", "said",
                 "describe", "described", "experience", "experienced", "experiencing", "also", "having", "week", "weeks"}
RETOLD_MIN_WORDS = 2
RETOLD_SHARE = 0.5


def retells_items(text: str, utterances: Sequence[Utterance], read: Sequence[ReadItem] | None = None) -> bool:
    """True when most of a sentence's words are the questionnaire items' and the client said them nowhere
    else (nor did anyone on the client's side): an item read aloud told as a symptom reported."""
    read = items_read(utterances) if read is None else read
    if not read:
        return False
    bag = content_words(QUOTED_SPAN.sub(" ", text)) - _REPORT_WORDS
    item_words = {w for r in read for w in content_words(r.item)}
    answers = {r.ids[-1] for r in read}
    elsewhere = {w for u in utterances if u.speaker and is_client(u.speaker) and u.id not in answers
                 for w in content_words(u.text)}
    from_items = (bag & item_words) - elsewhere
    # The answers' words ("often", "at night when her breathing changes") are the item retold too, its own
    # answer or, as in unseen 111, one item's answer attached to four others: they count for neither side.
    answer_words = {w for r in read for w in content_words(r.answer)} - item_words
    rest = bag - answer_words
    # a one-word item ("I have felt unhappy.") is retold whole by its one word
    whole = any(words and words <= from_items for words in (content_words(r.item) - _REPORT_WORDS for r in read))
    enough = len(from_items) >= RETOLD_MIN_WORDS or whole
    return enough and len(from_items) >= RETOLD_SHARE * len(rest)
