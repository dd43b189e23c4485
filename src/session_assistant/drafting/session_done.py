"""What was done in session and how the client's ratings moved, in the clinician's own words, found
by rule: the sentences of the clinician's closing summary that say what was done today ("Today we
did two rounds of interoceptive exposure ...", "In session, you practised the stand-up twice ..."),
and the clinician's reflections of a rating that moved ("From eighty-five down to forty in about
thirty minutes, without washing.").

Why by rule: Objective was the weakest part of the default drafter on sessions the rules were not
written on (45 % of its rubric items), and the 1.5B model rarely states what was practised in the
room or the numbers that show the response. Clinicians say both aloud: a closing summary is part of
a structured session, and a reflected change ("from a six to a three") is how they mark a response.
Each finding quotes its line and cites it; the direction word (lower, higher) is computed from the
two numbers said, never from the model.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.grounding import content_stems, numbers_in
from session_assistant.drafting.formulation_shared import FORMULATION_OPENING
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import SENTENCE_BREAK

_SENTENCES = SENTENCE_BREAK
# A verb of something done together in the room, in the past tense.
_DONE = re.compile(r"\b(?:did|practi[sc]ed|worked (?:on|through)|looked at|went (?:through|over)|tried|rehearsed|role[- ]?played|"
                   r"started|reviewed|identified|filled (?:in|out)|mapped|made|wrote|read|planned|scheduled|used)\b", re.I)
_TODAY = re.compile(r"\b(?:today|in (?:this |today's )?session|just now)\b", re.I)
_RECAP = re.compile(r"\b(?:summari[sz]e|sum up|to recap|recap|pull together)\b", re.I)
# In a closing summary, a sentence opening "We ..." (or "Today", "In session") tells what was done here.
_RECAP_OPENS = re.compile(r"^(?:and\s+|so\s+)?(?:today|in session|we(?:'ve)?(?:\s+also)?)\b", re.I)
# The week's homework or the plan, not the session: "I'd like you to ... like we did here".
_NOT_THE_ROOM = re.compile(r"\b(?:this week|last week|homework|i'?d like you to|next (?:week|time|session)|"
                           r"(?:once|twice) a day|every (?:day|morning|evening))\b", re.I)
# A step still ahead, said in the same breath as the summary: "I'm also going to let Dr. Okafor know
# today", "We'll pick this up next time", "I will write to the school". Quoted as done, it would tell
# the clinician's plan as a fact of the session; it belongs to the Plan's own rules.
_AHEAD_OF_NOW = re.compile(r"\b(?:(?:i|we)(?:'m| am|'re| are)(?: also| just| then)? (?:going to|gonna)|(?:i|we)(?:'ll| will| shall)|"
                           r"(?:i|we)(?:'d| would) like to|let'?s|(?:i|we) (?:need|plan|want|hope) to|later today|after (?:this|the session)|"
                           r"before (?:we|you) (?:next )?(?:meet|see)|tomorrow|tonight)\b", re.I)
DONE_MIN_WORDS, DONE_MAX_WORDS = 9, 45
DONE_MAX = 2


def _unquoted(sentence: str) -> str:
    """The sentence without what it quotes ("You said, 'I'll never manage it', and we ...")."""
    return re.sub(r'"[^"]*"|\u201c[^\u201d]*\u201d', " ", sentence)


def done_in_session(utterances: Sequence[Utterance]) -> list[tuple[str, int]]:
    """(the clinician's sentence, line) for up to two sentences of the second half that say what was
    done in this session: the sentence names today or the session and a verb of doing, or opens a
    closing summary's account ("We worked on ..."); the sentence after one, naming who did what
    ("Sam practised the first line ..."), goes with it."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, int]] = []
    for utt in lines[len(lines) // 2:]:
        if is_client(utt.speaker):
            continue
        recap = bool(_RECAP.search(utt.text))
        sentences = _SENTENCES.split(" ".join(utt.text.split()))
        taken: list[str] = []
        for n, sentence in enumerate(sentences):
            if sentence.endswith("?") or _NOT_THE_ROOM.search(sentence) or _AHEAD_OF_NOW.search(_unquoted(sentence)) \
                    or not _DONE.search(sentence):
                continue
            marked = _TODAY.search(sentence) or (recap and _RECAP_OPENS.search(sentence))
            follows = bool(taken) and sentences[n - 1] == taken[-1]
            if (marked or follows) and DONE_MIN_WORDS <= len(sentence.split()) <= DONE_MAX_WORDS:
                taken.append(sentence)
        if taken:
            found.append((" ".join(taken), utt.id))
        if len(found) == DONE_MAX:
            break
    return found


def done_sentence(found: Sequence[tuple[str, int]]) -> str:
    return "In session, as the clinician summarised: " + "; ".join(f'"{text}"' for text, _ in found)


# "one hundred" before "one": "From one hundred to twenty." fell from 100, it did not rise from 1.
_NUMBER_WORD = (r"(?:\d{1,3}|(?:a |one )hundred|zero|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|"
                r"eighty|ninety|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")
# "From ninety down to forty.", "So peak went from sixty-five to forty-five in just two tries.", "From a
# nine or ten when you imagined it to a six when you did it." A unit after the second number makes it a
# count, not a rating ("So from one day to three days").
_MOVED = re.compile(r"^(?:so,?\s+|and\s+)?(?:(?:the |your )?(?:peak|it|that|anxiety|belief|mood|urge|distress|rating)\s+"
                    r"(?:went|came|dropped|fell|rose)\s+(?:down\s+|up\s+)?)?from (?:a |an )?(" + _NUMBER_WORD
                    + r")(?: or (?:a |an )?" + _NUMBER_WORD + r")?\b[^.?!]{0,40}?\s(?:down |up )?to (?:a |an )?("
                    + _NUMBER_WORD + r")\b(?!\s*(?:%|percent\b)?\s*(?:days?|times|drinks|hours|minutes|weeks|nights|sessions|cigarettes|beers)\b)",
                    re.I)
MOVED_MAX = 3
_UNIT_AFTER = r"(?!\s*(?:%|percent\b)?\s*(?:days?|times|drinks|hours|minutes|weeks|nights|sessions|cigarettes|beers|o'?clock|am|pm|years?)\b)"
# The two ratings said back as the whole sentence, without "from": "Nine down to five.", "Seventy to thirty."
_BACK_TO = re.compile(r"^(?:so,?\s+)?(" + _NUMBER_WORD + r")(?: (?:down|up))? to (?:a |an )?(" + _NUMBER_WORD + r")\b"
                      + _UNIT_AFTER + r"[.!]$", re.I)
# Without "from", a count said back reads the same ("So, five down to three." of binges a week): the pair is
# a rating only when a rating was asked just before ("How anxious were you before, and after?").
_RATING_ASKED = re.compile(r"\bout of (?:ten|10|a hundred|100)\b|\b(?:zero|nought|0|one|1) to (?:ten|10|a hundred|100)\b"
                           r"|\bhow (?:anxious|distressing|distressed|bad|sure|scared|upset|nervous|strong|intense|much do you believe)\b"
                           r"|\brat(?:e|ing)\b|\b(?:mood|anxiety|distress|belief|urge)\b|\bpercent\b", re.I)
RATING_ASKED_LOOKBACK = 4
# The rating just given, said back, then where it started: "Twenty. From sixty."
_BARE = re.compile(r"^(?:so,?\s+)?(" + _NUMBER_WORD + r")[.!]$", re.I)
_FROM_BARE = re.compile(r"^(?:down |up )?from (?:a |an )?(" + _NUMBER_WORD + r")\b" + _UNIT_AFTER + r"[.!]?$", re.I)
# The clinician's recap of an exercise's ratings: "You started at seventy, you went up to eighty-five
# when he came towards you, and now you're at forty-five."
_RECAP_MOVED = re.compile(r"\byou started (?:at|on) (?:a |an |about |around )?(" + _NUMBER_WORD + r")\b" + _UNIT_AFTER
                          + r"[^.?!]{0,120}?\bnow (?:you'?re|you are|it'?s|it is) (?:at |down to |up to )?(?:a |an |about |around )?("
                          + _NUMBER_WORD + r")\b" + _UNIT_AFTER, re.I)


def _value(word: str) -> int | None:
    found = numbers_in(word)
    return int(next(iter(found))) if len(found) == 1 and next(iter(found)).isdigit() else None


def rating_changes(utterances: Sequence[Utterance]) -> list[tuple[str, str, list[int]]]:
    """(the clinician's sentence, "lower" or "higher", [the rating's line, the reflection]) for each
    clinician line that opens by reflecting a rating the client has just given ("From a six to a
    three."): the line before is someone else's and says a number."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, str, list[int]]] = []
    for n, utt in enumerate(lines[1:], 1):
        before = lines[n - 1]
        if is_client(utt.speaker) or before.speaker == utt.speaker or not numbers_in(before.text):
            continue
        sentences = _SENTENCES.split(" ".join(utt.text.split()))
        sentence = sentences[0]
        match = _MOVED.search(sentence)
        if match is None and any(_RATING_ASKED.search(u.text) for u in lines[max(0, n - RATING_ASKED_LOOKBACK):n]
                                 if not is_client(u.speaker)):
            match = _BACK_TO.match(sentence)
        bare = _BARE.match(sentence)
        back = _FROM_BARE.match(sentences[1]) if bare and len(sentences) > 1 else None
        if back is not None:
            sentence = f"{sentence} {sentences[1]}"
            start, end = _value(back.group(1)), _value(bare.group(1))
        elif match is None or sentence.endswith("?"):
            continue
        else:
            start, end = _value(match.group(1)), _value(match.group(2))
        if start is None or end is None or start == end:
            continue
        found.append((sentence, "lower" if end < start else "higher", [before.id, utt.id]))
        if len(found) == MOVED_MAX:
            return found
    return found + _recaps(lines, MOVED_MAX - len(found))


def _recaps(lines: Sequence[Utterance], room: int) -> list[tuple[str, str, list[int]]]:
    """The clinician's recap of where a rating started and where it is now, sentence by sentence."""
    found: list[tuple[str, str, list[int]]] = []
    for utt in lines:
        if is_client(utt.speaker) or len(found) >= room:
            continue
        for sentence in _SENTENCES.split(" ".join(utt.text.split())):
            match = _RECAP_MOVED.search(sentence)
            if match is None or sentence.endswith("?"):
                continue
            start, end = _value(match.group(1)), _value(match.group(2))
            if start is not None and end is not None and start != end:
                found.append((sentence, "lower" if end < start else "higher", [utt.id]))
                break
    return found[:room]


def changes_sentence(found: Sequence[tuple[str, str, list[int]]]) -> str:
    said = "; ".join(f'"{text}" ({"decreased" if way == "lower" else "increased"})' for text, way, _ in found)
    return f"Response to interventions, ratings reflected in session: {said}."


DONE_OPENING = "In session, as the clinician summarised: "
# Rule lines quoting the session that a model sentence may tell again in its own words.
HOMEWORK_OPENING = "Homework given, as said in session: "
AGREED_OPENING = "Agreed for the coming week, as said in session: "
# Last time's tasks reviewed in the client's words (``homework_reviewed``): a model sentence telling the
# same review again looks back.
REVIEW_OPENING = "Homework from last time, in the client's words: "
# The clinician's formulation quoted: the model's retelling of it is the clinician's words said twice.
RETOLD_OPENINGS = (DONE_OPENING, "Client's goals, as said in session: ", "Planned, as said in session: ", HOMEWORK_OPENING,
                   AGREED_OPENING, REVIEW_OPENING, FORMULATION_OPENING)
# The homework retold looks ahead ("doing the homework for the next week", 12); a review looks back.
_AHEAD = re.compile(r"\b(?:will|next|coming|upcoming|assigned|going to)\b", re.I)
SAME_PART_MIN_WORDS = 3  # beside a quote in its own part, a short sentence all of whose words it says retells it
RETELL_SHARE, RETELL_MIN_WORDS = 0.7, 6
_GENERIC = content_stems("clinician client session sessions reported used also they their the client's in-session today")


def retells_done(text: str, rule_texts: Sequence[str], same_part: Sequence[str] = ()) -> bool:
    """True when a model sentence says again what a quoting rule line (what was done in session, the
    client's goals) says: six or more of its own words, seven in ten of them (by
    stem) in those quotes ("The clinician used cognitive restructuring on the fear of fainting, and
    two rounds of interoceptive exposure ...", beside the clinician's "Today we did cognitive
    restructuring on the fear of fainting, ..."). A short sentence sharing a few words ("The client
    wrote a page of the letter") is its own fact."""
    bag = content_stems(text) - _GENERIC
    for quote in (t for t in rule_texts if t.startswith(RETOLD_OPENINGS)):  # one quote at a time, never their union
        if quote.startswith((HOMEWORK_OPENING, AGREED_OPENING)) and not _AHEAD.search(text):
            continue  # last week's homework reviewed shares the words of this week's ("two of three conversations", 06)
        if quote.startswith(REVIEW_OPENING) and _AHEAD.search(text):
            continue  # and this week's homework those of last week's review
        quoted = content_stems(quote)
        if len(bag) >= RETELL_MIN_WORDS and len(bag & quoted) >= RETELL_SHARE * len(bag):
            return True
    # "Clinician and client will keep working on the grief about the marriage." beside the Plan's
    # "Planned, as said in session: "We'll also keep working on the grief about the marriage."" (09).
    return any(len(bag) >= SAME_PART_MIN_WORDS and bag <= content_stems(t)
               for t in same_part if t.startswith(RETOLD_OPENINGS))
