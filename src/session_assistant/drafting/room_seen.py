"""What the transcript shows the client doing in the room: tears, laughter, a sigh, a long silence
before an answer, words said quietly. The Objective's observed behaviour, read from what is on the
page, never from the model and never assumed (mental status stays the clinician's checklist).

Why: "what the clinician observed" was the Objective's most missed rubric item (39 of 64 sessions):
the rules quoted an observation only when the clinician said it aloud ("You look tired today"). A
transcript marks much of what was seen: a transcriber's stage direction on the client's line
("(tearful) Really?", "(laughs)", "(long pause, looks at the floor)"), the client naming it ("Sorry.
I'm crying."), or the clinician answering it ("There are tissues right there."). Each finding cites
its lines; a tearful line is quoted when it is short and says no risk (the risk list has those).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Sequence

from session_assistant.drafting.person_voice import Pronouns
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import LEADING_STAGE_DIRECTION, STAGE_DIRECTION, without_stage

# What a stage direction on the client's line shows, in the order a note says it.
_SHOWN: tuple[tuple[str, re.Pattern], ...] = (
    ("tearful", re.compile(r"\b(?:tearful|teary|tears|cry|cries|crying|sob\w*|wipes? (?:her|his|their) eyes)\b", re.I)),
    ("laughed", re.compile(r"\b(?:laugh\w*|smil\w*|chuckl\w*|giggl\w*)\b", re.I)),
    ("sighed", re.compile(r"\b(?:sigh\w*|groan\w*|exhal\w*|long breath)\b", re.I)),
    # A plain "(pause)" is how a transcriber marks a breath; a long one, or no answer, is seen.
    ("a long pause", re.compile(r"\b(?:long pause|long silence|no answer|(?:pause|silence), several minutes)\b", re.I)),
    ("looked down", re.compile(r"\b(?:stares? at|staring at|looks? (?:at the floor|down|away))\b", re.I)),
    ("spoke quietly", re.compile(r"\b(?:quiet|quietly|whisper\w*|barely audible)\b", re.I)),
)
# Said in the room, of the room: the client naming tears ("Sorry. I'm crying.", "I don't know why I'm
# crying about ...", "Can I have a tissue"), the clinician answering them ("There's tissues right there").
_CLIENT_TEARS = re.compile(r"\bI'?m (?:crying|tearing up|welling up|getting (?:teary|emotional))\b|\b(?:can I|could I) (?:have|get|grab) a tissue",
                           re.I)
_CLINICIAN_TEARS = re.compile(r"\btissues? (?:are |is )?(?:right )?(?:there|here|beside|next to|on)\b|\bthere(?:'s| are| is) tissues\b",
                              re.I)
_TISSUE = re.compile(r"\btissue", re.I)
QUOTE_WORDS = (6, 18)
_FEW = 2  # a laugh or a sigh once is nothing to note; twice or more "laughed at times"
_ONCE_NOTHING = ("laughed", "sighed")
_WHO = ("client", "patient")  # the client's own lines: a parent's or partner's sigh is not the client's


@dataclass
class Seen:
    """One kind of thing seen, the lines it was seen on, and a short quote of a tearful line."""

    what: str
    lines: list[int] = field(default_factory=list)
    quote: str = ""
    leading: int = 0  # long pauses that open the client's answer


def _quotable(text: str, risky) -> str:
    """The client's own sentence naming the tears ("I don't know why I'm crying about a test from
    1999."), when short and saying no risk: it says what they were about. A line only marked
    "(crying)" is not quoted: out of its talk a note cannot tell what it was about."""
    for said in re.split(r"(?<=[.!?])\s+", without_stage(text)):
        size = len(said.split())
        if (_CLIENT_TEARS.search(said) and not _TISSUE.search(said) and QUOTE_WORDS[0] <= size <= QUOTE_WORDS[1]
                and not said.endswith("?") and not risky(said)):
            return said
    return ""


def seen_in_room(utterances: Sequence[Utterance], risky=lambda text: False, quoted: Sequence[str] = ()) -> list[Seen]:
    """What the transcript shows the client (or another client-side speaker) doing in the room, in
    ``_SHOWN``'s order; ``risky``: the risk screen; ``quoted``: text the note quotes already."""
    lines = [u for u in utterances if u.speaker]
    found: dict[str, Seen] = {}

    def add(what: str, utt: Utterance) -> None:
        seen = found.setdefault(what, Seen(what))
        if utt.id not in seen.lines:
            seen.lines.append(utt.id)
        if what == "tearful" and not seen.quote:
            quote = _quotable(utt.text, risky)
            if quote and not any(quote in q for q in quoted):
                seen.quote = quote

    for n, utt in enumerate(lines):
        if not is_client(utt.speaker):
            before = lines[n - 1] if n else None
            if _CLINICIAN_TEARS.search(utt.text) and before is not None and before.speaker.strip().lower() in _WHO:
                add("tearful", before)
            continue
        if utt.speaker.strip().lower() not in _WHO:
            continue
        directions = " ".join(m.group(0) for m in STAGE_DIRECTION.finditer(utt.text) if m.group(0).lstrip()[:1] in "([")
        for what, pattern in _SHOWN:
            if directions and pattern.search(directions):
                add(what, utt)
                if what == "a long pause" and LEADING_STAGE_DIRECTION.match(utt.text) and pattern.search(
                        LEADING_STAGE_DIRECTION.match(utt.text).group(0)):
                    found[what].leading += 1
        if _CLIENT_TEARS.search(without_stage(utt.text)):
            add("tearful", utt)
    return [found[what] for what, _ in _SHOWN
            if what in found and (what not in _ONCE_NOTHING or len(found[what].lines) >= _FEW)]


def seen_ids(found: Sequence[Seen]) -> list[int]:
    return sorted({i for seen in found for i in seen.lines})


def seen_sentence(found: Sequence[Seen]) -> str:
    """"Seen in session, as the transcript marks it: tearful ("..."); laughed at times; sighed."."""
    parts = []
    for seen in found:
        text = seen.what
        if seen.what in _ONCE_NOTHING:
            text += " at times"
        elif seen.what == "a long pause" and len(seen.lines) >= _FEW:
            text = "long pauses" + (" before some answers" if seen.leading else "")
        elif seen.what == "a long pause" and seen.leading:
            text += " before answering"
        if seen.quote:
            text += f' ("{seen.quote}")'
        parts.append(text)
    return "Seen in session, as the transcript marks it: " + "; ".join(parts) + "."


# How the client said they were, in the room and in the present: "I'm nervous." before an exercise,
# "Shattered." or "Bit shaky. Bit lighter, maybe." answering "How are you feeling now?". Said, not
# inferred: the client's own word, quoted (never an affect the note assigns).
_STATE = (r"(?:nervous|anxious|scared|shaky|shaking|wobbly|shattered|exhausted|knackered|tired|lighter|calmer|relieved"
          r"|embarrassed|overwhelmed|numb|on edge|all over the place)")
_DEGREE = r"(?:(?:a )?bit |a little |so |really |very |quite |pretty |still |more |much )?"
_I_AM = re.compile(r"^(?:(?:okay|ok|honestly|well|um|yeah|sorry)[,.]?\s+)*(?:I'?m|I am|I feel|feeling)\s+" + _DEGREE + _STATE
                   + r"(?:\s+(?:now|today|right now|again))?[.!]?$", re.I)
_BARE = re.compile(r"^(?:honestly[,?]?\s+)?" + _DEGREE + _STATE + r"(?:,?\s+(?:maybe|I think|actually|now|though|honestly))?[.!]$", re.I)
_HOW_ARE_YOU = re.compile(r"\bhow (?:are|do) you (?:doing|feeling|feel)\b|\bhow are you\b[^?]{0,20}\?|\bhow'?s that (?:feel|feeling)\b", re.I)
STATE_SENTENCES = 2  # the answer's opening sentences ("Honestly? Shattered. Ruby's got a cold ...": "Shattered.")
STATES_QUOTED = 3


def states_said(utterances: Sequence[Utterance], risky=lambda text: False, quoted: Sequence[str] = ()) -> list[tuple[str, int]]:
    """(the client's sentence naming how they were, line): said of the present, short, no risk, and
    not quoted already by another line (``quoted``: their texts; an answer quoted as the response)."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, int]] = []
    for n, utt in enumerate(lines):
        if not is_client(utt.speaker) or utt.speaker.strip().lower() not in _WHO:
            continue
        asked = n and not is_client(lines[n - 1].speaker) and _HOW_ARE_YOU.search(lines[n - 1].text)
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", without_stage(utt.text).strip()) if s]
        opening = [s for s in sentences[:STATE_SENTENCES + 1] if not s.endswith("?")][:STATE_SENTENCES]
        said = next((s for s in opening if _I_AM.match(s) or (asked and _BARE.match(s))), None)
        # "Bit shaky. Bit lighter, maybe.": both halves of one answer
        if said and asked and len(opening) > 1 and said == opening[0] and _BARE.match(opening[1]):
            said = f"{opening[0]} {opening[1]}"
        if said and not risky(said) and all(said != s for s, _ in found) and not any(said in q for q in quoted):
            found.append((said, utt.id))
    return found[:STATES_QUOTED]


def states_sentence(found: Sequence[tuple[str, int]], pronouns: str | None = None) -> str:
    """``pronouns``: the chart's ("she/her"); none charted, "they"."""
    quoted = "; ".join(f'"{said}"' for said, _ in found)
    person = Pronouns.parse(pronouns)
    said = f"{person.subject} {'were' if person.plural_verb else 'was'}"
    return f"How the client said {said}, in the room: " + quoted + ("" if quoted.endswith('."') else ".")
