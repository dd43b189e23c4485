"""The week's homework settled over several lines after the clinician opens it, found by rule.

Why: clinicians often open the week's planning with one line ("So for this week, what feels
doable?", "Okay, let's plan the week.", "the thing that makes this stick is doing it again without
me") and then settle the items in back-and-forth: the client names them ("The tally again. And the
shop ... Twice."), the clinician repeats them back with the details ("Once a day, two metres back
... Five minutes, no more."), the client answers a question with an item ("Fill it up myself. At
the Shell."). The one-line rules (``homework_agreed``) took one exchange at a time and kept, in a
body dysmorphia session, the in-session request to look in the mirror once more with the cap off
while every real item (mirror practice, the tally, the shop) was lost.

What counts: from a clinician's line in the session's second half that opens the week's planning,
up to the line that arranges the next visit, turns to the safety plan or risk, or ``BLOCK_MAX_LINES``
later: the clinician's sentences that say what to do or when (never a bare question, never one about
the room), and the client's sentences that answer a planning question or commit ("I'll", "I could").
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.answers import AGREES_FIRST
from session_assistant.drafting.homework_in_room import AT_CONVENIENCE
from session_assistant.drafting.risk import is_client, mentions_risk
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import ASKED_IN_ROOM, STAGE_DIRECTION, WEEKDAY
from session_assistant.drafting.wording import SENTENCE_BREAK, words_up_to

_SENTENCES = SENTENCE_BREAK
# A line that opens the planning of the time until the next visit.
_OPENS = re.compile(r"\b(?:(?:let'?s|we can|we could) (?:plan|think about|set up|sort out) (?:the|this|your|next) week"
                    r"|for (?:this|the coming|the next) week\b[^.!?]*\?"
                    r"|what (?:feels|seems|sounds|would (?:be|feel)) (?:doable|realistic|reasonable|manageable)"
                    r"|what would an? (?:realistic|reasonable|doable|manageable)\b"
                    r"|(?:doing|do|practi[sc]e) (?:it|this|that) (?:again )?without me"
                    r"|(?:for|in|over) the next (?:couple of |few |two |three )?(?:weeks?|days)\b"
                    r"|between now and (?:next time|then|our next \w+)|before (?:next time|we meet again|I see you)"
                    r"|tell (?:her|him|them|your \w+) the plan)", re.I)
# The block ends at the next visit, the safety plan or the goodbye.
_ENDS = re.compile(r"\b(?:next (?:time|session|appointment|week)|week after next|I'?ll (?:text|email|ring|call) you|see you(?! both| all)|same time|suit you|safety plan|crisis"
                   r"|anything else|anything (?:we|you) haven'?t)\b", re.I)
# A clinician's sentence that says what to do or when.
_DOES = re.compile(r"\b(?:(?:write|keep|try|use|shut|close|turn|go|practi[sc]e|rate|record|log|tally|add|stay|fill|ring|call|text|ask|tell"
                   r"|read|listen|walk|bring|step|stand|leave|set|book|check|diary|diaries|sheet|again|once|twice|every|each|daily|day|night|morning"
                   r"|evening|minute|" + WEEKDAY + r")s?|before|after|until"
                   # a time the client sets: "Console off at midnight.", "Phone off at one."
                   r"|at (?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|midnight|noon|half \w+|\d{1,2}(?::\d\d)?))\b", re.I)
_IN_ROOM = re.compile(ASKED_IN_ROOM.pattern + r"|\b(?:one more thing|let me|we'?ve got \w+ minutes)\b", re.I)
_COMMITS = re.compile(r"\b(?:I'?ll|I will|I can|I could|I'?m going to|will do)\b", re.I)
_BARE = re.compile(r"^(?:(?:okay|ok|yeah|yes|yep|good|great|right|sure|alright|fine|deal|cool|try|go on|perfect|"
                   r"got it|that'?s (?:fine|good|great)|(?:but |and )?I(?:'ll| will| can| could) (?:try|do that|do it))[,.!]?\s*)+$", re.I)
# The clinician's comment on what was said ("That's a big drop already, from twelve a night to four.") is no item.
_COMMENT = re.compile(r"^(?:(?:okay|good|great|right),?\s+)?(?:that'?s|that is|it'?s|it is|this is)\b", re.I)
_STAGE = STAGE_DIRECTION  # "(laughs)", "(pause)"
# A client's question that asks rather than offers ("What's the one more thing?"); "Maybe Wednesday
# and Saturday?" and "And write down the numbers?" offer an item.
_ASKS = re.compile(r"^(?:and |so |but )?(?:what|how|why|who|where|when|can|could|would|is|are|do|does|did|just)\b", re.I)
BLOCK_MAX_LINES = 14
QUOTE_MAX_WORDS = 45
ANSWER_MAX_WORDS = 16

# (the words, who said them, the answer or None, who answered, lines): homework_agreed's item
WeekItem = tuple[str, str, "str | None", str, list[int]]


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCES.split(" ".join(_STAGE.sub("", text).split())) if s]


# A question that proposes an item ("And the log, would it be useful to keep it again, just this
# week?"), never one that only asks ("What do you reckon?", "And the mirror?").
_PROPOSES = re.compile(r"\b(?:keep|write|try|use|practi[sc]e|rate|record|log|add|fill|ring|call|text|tell|read|listen|walk"
                       r"|bring)\b", re.I)
_WH = re.compile(r"^(?:and |so )?(?:what|how|why|who|where|when)\b|\b(?:do you want to|shall I|shall we)\b", re.I)


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']+", text.lower()) if len(w) > 2 or w.isdigit()}


# The client asked for a target ("What would be a realistic bedtime?"): the lines before the question
# recall the problem ("Up till two before the exam."), and only an order among them is an item.
_ASKS_TARGET = re.compile(r"\bwhat(?:'s| is| would be| feels| seems)? (?:a |an |the )?(?:more )?(?:realistic|reasonable|doable|manageable)\b",
                          re.I)
_ORDER = re.compile(r"^(?:(?:and|so|okay|then|just)[,.]?\s+)*(?:keep|write|try|use|practi[sc]e|rate|record|log|add|fill|ring|call|text"
                    r"|tell|read|listen|walk|bring|shut|close|turn|go|set|book|check|leave|stay|stand|step)\b", re.I)


def _clinician_says(text: str, heard: str = "") -> str:
    """``heard``: the client's line just before; a sentence that only says it back ("Three nights,
    half six." after "Laptop shut by half six. Three nights.") adds nothing."""
    kept = []
    sentences = _sentences(text)
    if sentences and sentences[-1].endswith("?") and _ASKS_TARGET.search(sentences[-1]):
        sentences = [s for s in sentences[:-1] if _ORDER.match(s)]
    for sentence in sentences:
        if _words(sentence) and _words(sentence) <= _words(heard):
            continue
        if _ENDS.search(sentence) or mentions_risk(sentence):
            break
        asks = sentence.endswith("?") and not (_PROPOSES.search(sentence) and not _WH.match(sentence))
        if (asks or (sentence.endswith("?") and _WH.search(sentence)) or _COMMENT.match(sentence) or _BARE.match(sentence)
                or _IN_ROOM.search(sentence) or not _DOES.search(sentence) or _GENERIC.match(sentence)
                or AT_CONVENIENCE.search(sentence)):
            continue
        kept.append(sentence)
    return words_up_to(kept, QUOTE_MAX_WORDS) if kept else ""


# A question that gathers ideas ("If the urge comes, what might help instead?", "What else helps?") is
# answered with options, not with what the client takes on: only a commitment in the answer is an item.
_GATHERS = re.compile(r"\bwhat (?:(?:else )?(?:might|could|would|can|does|do|did) (?:\w+ )?help|(?:else )?helps|sort of things|kinds? of things|things)\b", re.I)
# An answer that opens unsure ("I don't know. Music, sometimes.") names what might be, not what will be.
_UNSURE = re.compile(r"^(?:(?:um|uh|er|well|hmm)[,.]?\s+)*(?:I don'?t know|not sure|I'?m not sure|no idea|dunno)\b", re.I)
# Said of anyone, not of the client's week: "Anything that gets you through fifteen minutes.", "Some people hold ice."
_GENERIC = re.compile(r"^(?:(?:and|but|or|so)\s+)?(?:anything|something|whatever|some people|people|most people|a lot of people)\b", re.I)


def _client_says(text: str, asked: bool) -> str:
    opens_unsure = bool(_UNSURE.match(_STAGE.sub("", text).strip()))
    kept = [s for s in _sentences(text) if not (s.endswith("?") and _ASKS.match(s)) and not _BARE.match(s) and not mentions_risk(s)
            and ((asked and not opens_unsure) or _COMMITS.search(s)) and (len(s.split()) >= 2 or _DOES.search(s))]  # "Twice." counts
    # "She's coming." answers nothing about the week: a line counts when it names something to do or when
    return words_up_to(kept, QUOTE_MAX_WORDS) if kept and _DOES.search(" ".join(kept)) else ""


def week_items(lines: Sequence[Utterance]) -> list[WeekItem]:
    """The items settled after the week's planning is opened (see the module), in session order."""
    start = next((n for n in range(len(lines) // 2, len(lines))
                  if not is_client(lines[n].speaker) and _OPENS.search(lines[n].text)), None)
    if start is None:
        return []
    found: list[WeekItem] = []
    for n in range(start, min(len(lines), start + BLOCK_MAX_LINES)):
        utt = lines[n]
        if is_client(utt.speaker):
            before = lines[n - 1]
            said = _client_says(utt.text, not is_client(before.speaker) and "?" in before.text
                                and not _GATHERS.search(_sentences(before.text)[-1] if _sentences(before.text) else ""))
            if said:
                found.append((said, utt.speaker.strip().lower(), None, "", [utt.id]))
            continue
        opening = _sentences(utt.text)
        if n == start:  # what the opening line says after it opens the week
            opening = opening[next(k for k, s in enumerate(opening) if _OPENS.search(s)):]
        said = _clinician_says(" ".join(opening), lines[n - 1].text if n and is_client(lines[n - 1].speaker) else "")
        answer = lines[n + 1] if n + 1 < len(lines) and lines[n + 1].speaker.strip().lower() == "client" else None
        if said and answer is not None and AGREES_FIRST.search(answer.text) and not _client_says(answer.text, True):
            # "Can you keep putting the sleep hours in the app?" - "Yeah, there's a field for it.": quoted with it
            found.append((said, "clinician", words_up_to(_sentences(answer.text), ANSWER_MAX_WORDS) or None, "client",
                          [utt.id, answer.id]))
        elif said:
            found.append((said, "clinician", None, "", [utt.id]))
        if any(_ENDS.search(s) for s in opening if not _OPENS.search(s)):
            break
    return found


# The same question asked about the time ahead ("Between now and next time, if the urge comes, what might
# help instead?"): the client's answer names ideas for coping, which the Plan gives as ideas, never as agreed.
_AHEAD = re.compile(r"\b(?:between now and|this week|next time|before (?:next|we meet|I see you)|if (?:the|an?) \w+ comes?|when (?:the|an?) \w+ comes?"
                    r"|instead)\b", re.I)
IDEAS_MAX_WORDS = 20


def ideas_named(lines: Sequence[Utterance]) -> list[tuple[str, list[int]]]:
    """(the client's ideas, [question, answer]) for the first question in the session's second half that
    gathers ideas for the time ahead; the answer less an unsure opening ("I don't know.") and less any
    sentence about risk or asking back."""
    for n in range(len(lines) // 2, len(lines) - 1):
        utt, answer = lines[n], lines[n + 1]
        if is_client(utt.speaker) or answer.speaker.strip().lower() != "client":
            continue
        asked = _sentences(utt.text)
        if not asked or not asked[-1].endswith("?") or not _GATHERS.search(asked[-1]) or not _AHEAD.search(asked[-1]):
            continue
        kept = [x for x in _sentences(answer.text) if not _UNSURE.match(x) and not x.endswith("?") and not mentions_risk(x)]
        said = words_up_to(kept, IDEAS_MAX_WORDS)
        return [(said, [utt.id, answer.id])] if len(said.split()) >= 1 and kept else []
    return []


def ideas_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return ("Ideas for coping before the next session, as the client named them when asked what might help (not agreed as tasks): "
            + "; ".join(f'"{text}"' for text, _ in found))
