"""The steps of the work done in the room that a clinician's lines show by their structure (issue 16,
Objective): structured problem solving, a rehearsal or breathing exercise led for now, an activity given a day
and a time, a record gone through, a thought record's columns asked in turn, a prediction tested, progress
looked back on, an exercise set up in a manual's proposing words. Used by ``room_work``, which says why
these are read from structure; each finding cites the clinician's lines that show it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import SENTENCE_BREAK

_SENTENCES = SENTENCE_BREAK

# Structured problem solving, its steps in order (D'Zurilla and Nezu; PST manuals).
_STEPS: dict[str, tuple[str, ...]] = {
    "problem defined": (r"\b(?:define|defining|pin (?:it|that) down)\b[^.?!]{0,40}\bproblem\b", r"\bproblem\b[^.?!]{0,30}\bin one sentence\b",
                        r"\bwhat(?:'s| is) the (?:actual |real |main )?problem\b", r"\bwhat exactly is the problem\b",
                        r"\bif we (?:put|write|say) (?:the|it|that) (?:problem )?(?:as|like)\b", r"\bthe problem(?: is|'s),? then\b",
                        r"^(?:so,? |okay,? |right,? )*the problem is\b"),
    "options listed": (r"\bbrainstorm\w*", r"\b(?:any )?(?:other|more) (?:ideas|options|solutions|possibilities)\b",
                       r"\bwhat else (?:could|can|might) you\b", r"\bas many (?:ideas|options|solutions)\b",
                       r"\b(?:don'?t|no) (?:judg\w+|rul\w+ (?:anything|them) out)\b", r"\beven (?:the )?(?:silly|daft|crazy|wild) ones\b",
                       r"\banother (?:idea|option|solution|possibility)\b", r"\bwrite (?:them|it|that|those) (?:all )?down\b[^.?!]{0,20}\b(?:list|ideas?|options?)\b",
                       r"\b(?:what|which) (?:ideas|options|solutions) (?:do|have|can)\b", r"\bhow many (?:ideas|options|solutions)\b"),
    "pros and cons weighed": (r"\bpros and cons\b", r"\bupsides?\b", r"\bdownsides?\b", r"\badvantages?\b",
                              r"\bwhat(?:'s| is) (?:good|bad|the catch|hard) about\b", r"\bwhat (?:might|could) go wrong\b",
                              r"\bgood (?:points|side)\b", r"\bweigh (?:them|it|these|those)\b",
                              r"\bwhat'?s good and what'?s (?:not|bad)\b", r"\bfor and against\b"),
    "a solution chosen": (r"\bwhich (?:one|of (?:these|them|those)|option|solution|idea)s?\b[^.?!]{0,30}\b(?:pick|choose|go with|try|do|best)\b",
                          r"\b(?:pick|choose|go with) (?:one|the one|which)\b", r"\bif you had to (?:pick|choose)\b",
                          r"\bwhich (?:would|will|do) you (?:pick|choose|go for|try)\b"),
    "action plan": (r"\bplan b\b", r"\bwhat if (?:it|that|she|he|they)\b[^.?!]{0,20}\b(?:doesn'?t|don'?t|won'?t|can'?t|says? no|fails?)\b",
                    r"\bwhat (?:could|might|would) get in the way\b", r"\b(?:the )?first step\b", r"\bwhen exactly\b",
                    r"\bwhat day (?:will|would|could)\b", r"\bstep by step\b", r"\baction plan\b", r"\bwhat exactly,? and when\b",
                    r"^(?:and )?if (?:he|she|they|it|that) (?:says? no|doesn'?t work|falls through)\b"),
}
_STEP_PATTERNS = {s: [re.compile(p, re.I) for p in ps] for s, ps in _STEPS.items()}
PS_MIN_STEPS = 3  # "options listed" and two more: one "what else could you do?" is ordinary talk


# Practised in the room, now: the clinician sets it up ("Let's practise it now, I'll be your boss", "Say it
# to me as if I'm her"), or leads a breathing or grounding exercise step by step.
_REHEARSE = re.compile(r"\b(?:let'?s|how about we|can we|could we|shall we|we could|would you be willing to|are you up for|"
                       r"I'?d like (?:us |you )?to|want to)\s+(?:\w+\s+){0,2}?(?:practi[sc]e|rehearse|role[- ]?play|run through|try)\s+"
                       r"(?:it|that|this|the \w+|saying|what you)\b|\bsay it to (?:me|him|her|them|[A-Z][a-z]+) now\b"
                       r"|\b(?:as if|pretend) I'?m (?:him|her|them|your \w+|[A-Z][a-z]+)\b", re.I)
_HERE_NOW = re.compile(r"\b(?:here|now|right now|with me|I'?ll be|I will be|I'?ll play|as your)\b", re.I)
_BREATHE = re.compile(r"\bbreathe? in\b[^.?!]{0,40}\b(?:count|for (?:two|three|four|five|2|3|4|5)|through your nose)\b"
                      r"|\b(?:hold|and out|breathe out)\b[^.?!]{0,30}\b(?:for|count of) (?:two|three|four|five|six|seven|eight|2|3|4|5|6|7|8)\b"
                      r"|\b(?:name|tell me|notice) (?:five|5|three|3) things you can (?:see|hear)\b|\bfeel your feet (?:on|against) the floor\b", re.I)
# What the client would say to someone, just said aloud in the room and asked about at once: "How did it
# feel to say it?" (a rehearsal the clinician did not announce as one); not of words said to them last week.
_SAID_IT = re.compile(r"\bhow (?:did|does|was) (?:it|that) (?:feel|sound|go),? (?:to say|saying)(?: (?:it|that|those words))?(?: out loud| aloud)?\?", re.I)
_TOLD_BEFORE = re.compile(r"\bI (?:said|told|asked)\b|\b(?:last|this) (?:week|time)\b|\byesterday\b", re.I)
_NOT_NOW = re.compile(r"\b(?:this week|every (?:day|morning|evening|night)|at home|before (?:we|you) (?:next )?meet|next (?:week|time)|"
                      r"tonight|tomorrow|homework|(?:once|twice) a day)\b", re.I)
# An activity given a day and a time (activity scheduling, behavioural activation): the clinician asks
# for both about the same activity.
_WHEN_DAY = re.compile(r"\bwhich day\b|\bwhat day\b|\bwhen (?:exactly|this week)\b", re.I)
_WHEN_TIME = re.compile(r"\bwhat time\b|\bwhich time\b|\bmorning or (?:afternoon|evening)\b", re.I)
SCHEDULE_SPAN = 6
# A record the client kept, gone through together: "Let's look at your diary", "Did you bring the log?"
_RECORD = r"(?:diary|diaries|log|record|chart|card|sheet|worksheet|questionnaire|form|tracker)"
_REVIEWS = re.compile(r"\b(?:let'?s|can we|could we|shall we|I'?d like to|want to)\s+(?:\w+\s+)?(?:look at|go through|go over|review|"
                      r"start with|have a look at)\s+(?:the |your |this |that )?((?:[\w-]+ ){0,2}" + _RECORD + r")\b"
                      r"|\b(?:did|have) you (?:bring|brought|got|fill(?:ed)? in|fill(?:ed)? out|complete(?:d)?) (?:the |your )?((?:[\w-]+ ){0,2}"
                      + _RECORD + r")\b", re.I)
# An exercise the clinician sets up for now, in a manual's proposing words: "Let's do a chain analysis
# on it", "Today I'd like to do an exposure together in session", "Shall we try the breathing?".
_PROPOSES = re.compile(r"\b(?:let'?s|today I'?d like (?:us )?to|I'?d like (?:us )?to (?:now )?|shall we|could we|can we)\s+(?:now\s+)?"
                       r"((?:do|try|practi[sc]e|draw|map|write|make|build|go through|work through|work on|fill in|rate|list)\s+"
                       r"(?:a|an|the|some|one|this|that|your)\s+[^.?!]{3,80})", re.I)
_EXERCISE_WORDS = re.compile(r"\b(?:exercise|exposure|experiment|practice|analysis|chain|plan|list|ladder|hierarchy|role[- ]?play|rehears\w*|"
                             r"breathing|grounding|relaxation|imagery|worksheet|record|diary|map|diagram|circle|formulation|timeline|letter|"
                             r"budget|schedule|steps?|script|chair|scan|rating|ratings|weighing|values|cards?)\b", re.I)
_NOT_AN_EXERCISE = re.compile(r"\b(?:homework|last week|this week|next (?:week|time|session)|at home|appointment|tonight|tomorrow)\b", re.I)
PROPOSED_MAX, PROPOSED_WORDS = 3, 12
# A thought record worked through aloud: the clinician asks for its columns in turn.
_COLUMNS: dict[str, re.Pattern] = {k: re.compile(p, re.I) for k, p in {
    "situation": r"\b(?:the|what was the|what's the) situation\b|\bwhere were you\b[^.?!]{0,30}\bwhat (?:was|were) you doing\b",
    "automatic thought": r"\b(?:automatic )?thoughts?\b[^.?!]{0,30}\?|\bwent through your (?:mind|head)\b|\bgoing through your (?:mind|head)\b"
                         r"|\bautomatic thought\b",
    "emotion": r"\b(?:the|what) (?:emotion|feeling)s?\b|\bwhat did you feel\b|\bhow did (?:that|it) make you feel\b",
    "evidence": r"\bevidence\b|\bdoesn'?t fit\b",
    "alternative thought": r"\b(?:alternative|balanced|more helpful|another way)\b[^.?!]{0,30}\b(?:thought|looking|see)\w*\b|\bwhat would you say to a friend\b"}.items()}
RECORD_SPAN, RECORD_MIN_COLUMNS = 12, 3
# A prediction asked before something is tried and the outcome after it: a behavioural experiment.
_PREDICT = re.compile(r"\bwhat (?:do|would|did) you predict\b|\bwhat was your prediction\b|\bwhat do you think (?:will|is going to) happen\b|\byour prediction\b", re.I)
_OUTCOME = re.compile(r"\bwhat (?:actually )?happened\b|\bwhat did you (?:find|notice|learn)\b|\bwas (?:it|that) (?:as bad|what you)\b", re.I)
EXPERIMENT_SPAN = 30
# Progress over treatment looked back on: two of these in the clinician's lines.
_LOOKS_BACK = tuple(re.compile(p, re.I) for p in (
    r"\blook(?:ing)? back (?:over|at|on)\b", r"\bsince (?:we|you) (?:started|first (?:met|came))\b", r"\bwhen you first (?:came|started)\b",
    r"\bwhat(?:'s| has) (?:helped|changed|made the difference|been most helpful)\b", r"\bwhat have you learn(?:ed|t)\b",
    r"\b(?:your|the|our) (?:treatment )?goals\b[^.?!]{0,40}\b(?:review|look|where|met|reached)\b"))


# Motivational interviewing's ruler followed up: "Why a seven and not a four?", "What would it take to
# move from a four to a five?" (the follow-up is what elicits change talk; the ruler alone is a number).
_RULER_FOLLOW_UP = {
    "why not lower": re.compile(r"\b(?:why|what makes it) (?:a|an) [\w-]+,? (?:and not|rather than|not) (?:a|an|zero|nought) ?[\w-]*", re.I),
    "what would move it up": re.compile(r"\bwhat would (?:it take|need to happen|have to happen) (?:for you )?to (?:move|get|go)\b"
                                        r"[^.?!]{0,25}\b(?:from|to) (?:a|an) [\w-]+", re.I)}
# DBT's DEAR MAN worked through: three or more of its steps named by the clinician.
_DEAR_MAN = {k: re.compile(p, re.I) for k, p in {
    "describe": r"\bdescribe (?:the|what)\b", "express": r"\bexpress (?:how|your|what)\b", "assert": r"\bassert\b|\bask (?:for|clearly)\b",
    "reinforce": r"\breinforce\b", "stay mindful": r"\b(?:stay|staying) mindful\b|\bbroken record\b",
    "appear confident": r"\bappear confident\b", "negotiate": r"\bnegotiate\b"}.items()}
DEAR_MAN_MIN = 3


# An exercise planned for today and put off: "I had planned for us to try the ... today. ... save the
# exercise for next time?", "Let's leave the breathing until next week".
PUT_OFF = re.compile(r"\b(?:save|leave|keep|put off|postpone|move|hold (?:off|over)|push)\b[^.?!]{0,40}\b(?:for|to|until|till|til)\s+"
                     r"(?:next (?:time|session|week)|another (?:time|day|session)|the next session)\b", re.I)
PUT_OFF_LINES = 2  # the same clinician line or the one after it


@dataclass
class RoomWork:
    label: str  # how the note names it
    evidence: list[int]


def clinician_turns(utterances: Sequence[Utterance]) -> list[tuple[int, Utterance]]:
    lines = [u for u in utterances if u.speaker]
    return [(n, u) for n, u in enumerate(lines) if not is_client(u.speaker)]


def sentences_of(text: str) -> list[str]:
    return _SENTENCES.split(" ".join(text.split()))


def problem_solving(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Three or more steps of structured problem solving in the clinician's lines, options among them."""
    steps: dict[str, list[int]] = {}
    for _, utt in clinician_turns(utterances):
        for step, patterns in _STEP_PATTERNS.items():
            if any(p.search(s) for s in sentences_of(utt.text) for p in patterns):
                steps.setdefault(step, []).append(utt.id)
    if "options listed" not in steps or len(steps) < PS_MIN_STEPS:
        return None
    return RoomWork("problem solving (" + ", ".join(s for s in _STEPS if s in steps) + ")",
                    sorted({i for ids in steps.values() for i in ids}))


def rehearsal(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Practice in the room: a rehearsal or role-play set up for now, a breathing or grounding
    exercise led step by step."""
    rehearsed = [u.id for _, u in clinician_turns(utterances)
                 if not _NOT_NOW.search(u.text) and any(_REHEARSE.search(s) and (s.endswith("?") or _HERE_NOW.search(u.text))
                                                        for s in sentences_of(u.text))]
    lines = [u for u in utterances if u.speaker]
    rehearsed += [i for n, u in clinician_turns(utterances) if n > 0 and is_client(lines[n - 1].speaker)
                  and _SAID_IT.search(u.text) and not _TOLD_BEFORE.search(lines[n - 1].text) for i in (lines[n - 1].id, u.id)]
    breathed = [u.id for _, u in clinician_turns(utterances)
                if any(_BREATHE.search(s) and not _NOT_NOW.search(s) for s in sentences_of(u.text))]
    parts = (["behavioural rehearsal in session"] if rehearsed else []) + (["breathing or grounding exercise led in session"]
                                                                         if breathed else [])
    return RoomWork("; ".join(parts), sorted(set(rehearsed + breathed))) if parts else None


def activity_scheduling(utterances: Sequence[Utterance]) -> RoomWork | None:
    """An activity given a day and a time in the room: the clinician asks which day and what time
    within a few lines."""
    asks = [(n, u) for n, u in clinician_turns(utterances) if not _NOT_NOW.search(u.text) or _WHEN_DAY.search(u.text)]
    for n, utt in asks:
        if not _WHEN_DAY.search(utt.text):
            continue
        time = next((v for m, v in asks if n <= m <= n + SCHEDULE_SPAN and _WHEN_TIME.search(v.text)), None)
        if time is not None:
            return RoomWork("activity scheduling (a day and a time set in session)", sorted({utt.id, time.id}))
    return None


def record_review(utterances: Sequence[Utterance]) -> RoomWork | None:
    """A record the client kept (a diary, a log, a worksheet) gone through in session, as the
    clinician names it."""
    names: list[str] = []
    ids: list[int] = []
    for _, utt in clinician_turns(utterances):
        for sentence in sentences_of(utt.text):
            match = _REVIEWS.search(sentence)
            if match is None or re.search(r"\b(?:this week|next (?:week|time)|at home|every)\b", sentence, re.I):
                continue
            name = re.sub(r"^(?:the|your|this|that|a|it|at|through|over|with)\s+", "", (match.group(1) or match.group(2)).lower())
            if name not in names and len(names) < 3:
                names.append(name)
                ids.append(utt.id)
    return RoomWork(f"review of the client's {' and '.join(names)} in session", ids) if names else None


def thought_record(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Three or more of a thought record's columns asked for within a few clinician lines."""
    turns = clinician_turns(utterances)
    for k, (n, _) in enumerate(turns):
        window = [u for m, u in turns[k:] if m - n <= RECORD_SPAN]
        columns = {c: [u.id for u in window if p.search(u.text)] for c, p in _COLUMNS.items()}
        columns = {c: ids for c, ids in columns.items() if ids}
        if len(columns) >= RECORD_MIN_COLUMNS and {"situation", "automatic thought"} <= set(columns):
            return RoomWork("thought record worked through in session (" + ", ".join(columns) + ")",
                            sorted({i for ids in columns.values() for i in ids}))
    return None


def behavioural_experiment(utterances: Sequence[Utterance]) -> RoomWork | None:
    """A prediction asked for, and later, in another line, what actually happened."""
    turns = clinician_turns(utterances)
    for n, utt in turns:
        if not any(s.endswith("?") and _PREDICT.search(s) for s in sentences_of(utt.text)) or _NOT_NOW.search(utt.text):
            continue
        after = next((u for m, u in turns if n < m <= n + EXPERIMENT_SPAN and not _NOT_NOW.search(u.text)
                      and any(s.endswith("?") and _OUTCOME.search(s) and not _PREDICT.search(s) for s in sentences_of(u.text))), None)
        if after is not None:
            return RoomWork("behavioural experiment (prediction asked before, outcome after)", [utt.id, after.id])
    return None


def progress_review(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Progress over treatment looked back on: two different cues in the clinician's lines."""
    hits = {k: u.id for _, u in clinician_turns(utterances) for k, p in enumerate(_LOOKS_BACK) if p.search(u.text)}
    return RoomWork("review of progress since the start of treatment", sorted(set(hits.values()))) if len(hits) >= 2 else None


def proposed_exercises(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Up to three exercises the clinician set up for now, quoted as proposed ("do a chain analysis on
    it"): the proposing words and an exercise's name in the same clause."""
    said: list[str] = []
    ids: list[int] = []
    for _, utt in clinician_turns(utterances):
        for sentence in sentences_of(utt.text):
            match = _PROPOSES.search(sentence)
            if match is None or _NOT_AN_EXERCISE.search(sentence):
                continue
            clause = re.split(r"[,;:]\s|\s(?:and then|then|because|so that|if)\s", match.group(1))[0]
            words = clause.split()
            if not _EXERCISE_WORDS.search(" ".join(words[1:])) or len(words) > PROPOSED_WORDS:
                continue
            if clause not in said:
                said.append(clause)
                ids.append(utt.id)
            break
        if len(said) == PROPOSED_MAX:
            break
    if not said:
        return None
    return RoomWork("exercises set up by the clinician: " + ", ".join(f'"{c}"' for c in said), ids)


def ruler_follow_up(utterances: Sequence[Utterance]) -> RoomWork | None:
    """A rating ruler followed up by asking why it is not lower or what would move it up."""
    asked = {k: [u.id for _, u in clinician_turns(utterances) if any(s.endswith("?") and p.search(s) for s in sentences_of(u.text))]
             for k, p in _RULER_FOLLOW_UP.items()}
    asked = {k: ids for k, ids in asked.items() if ids}
    if not asked:
        return None
    return RoomWork(f"scaling ruler with follow-up questions ({', '.join(asked)})", sorted({i for ids in asked.values() for i in ids}))


def dear_man(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Three or more of DEAR MAN's steps in the clinician's lines."""
    steps = {k: [u.id for _, u in clinician_turns(utterances) if p.search(u.text)] for k, p in _DEAR_MAN.items()}
    steps = {k: ids for k, ids in steps.items() if ids}
    if len(steps) < DEAR_MAN_MIN:
        return None
    return RoomWork("DEAR MAN interpersonal effectiveness steps (" + ", ".join(steps) + ")",
                    sorted({i for ids in steps.values() for i in ids}))


# An exercise the clinician names and leads now, in the clinician's own name for it ("today I wanted to
# try something new, which is the mirror retraining I told you about. Are you up for it?", 44): work a
# manual may call otherwise, named as the clinician named it, with the clinician's set-up quoted.
_FOR_NOW = re.compile(r"\b(?:today|now|right now|in here|this session)\b|\bare you up for (?:it|that|this)\b"
                      r"|\bif you(?:'re| are) (?:willing|up for it)\b|\bshall we\b|\bwould you be up for\b", re.I)
_HEADS = (r"retraining|training|exercise|work|dialogue|exposure|experiment|imagery|technique|rehearsal|role-?play|practice|meditation|scan"
          r"|visuali[sz]ation|drill")
_NAMED = re.compile(r"\b(?:which is|it'?s called|called|known as|we call it|(?:do|try|practi[sc]e|start))\s+(?:the |a |an |some )?"
                    r"((?:[a-z-]+ ){0,2}(?:" + _HEADS + r"))\b", re.I)
_PLAIN = {"new", "little", "quick", "short", "different", "small", "other", "this", "that", "an", "a", "the", "some", "same",
          "first", "next", "bit", "of", "together", "another", "one", "easy", "simple", "whole",
          "piece", "kind", "sort", "main", "usual", "planned", "big", "hard", "proper"}  # "the piece of work we planned"
# The set-up: what the client is to do, said to the client ("You stand about two metres back", "Close your eyes").
_SET_UP = re.compile(r"^(?:and |so |then )?(?:you(?:'ll| will)? (?:stand|sit|describe|close|look|imagine|breathe|hold|say|start|keep"
                     r"|notice|write|pick|put|picture|read|tell|go|walk|move|rate)|(?:stand|describe|close|imagine|breathe|hold|picture"
                     r"|notice|start|keep|tell me|say)\b)", re.I)
SET_UP_LINES, SET_UP_SENTENCES, SET_UP_WORDS = 3, 2, 45


def named_exercise(utterances: Sequence[Utterance]) -> RoomWork | None:
    """The first exercise the clinician names and proposes for now, with up to two sentences of its
    set-up said to the client in the same or a following clinician line."""
    turns = clinician_turns(utterances)
    for k, (n, utt) in enumerate(turns):
        if not _FOR_NOW.search(utt.text):
            continue
        for sentence in sentences_of(utt.text):
            match = _NAMED.search(sentence)
            if match is None or _NOT_AN_EXERCISE.search(sentence) or _NOT_NOW.search(sentence):
                continue
            name = match.group(1).lower()
            if all(w in _PLAIN for w in name.split()[:-1]):  # "an exercise", "something new": no name of its own
                continue
            if any(PUT_OFF.search(t.text) for _, t in turns[k:k + PUT_OFF_LINES]):
                break  # planned for today and put off ("save the exercise for next time"): not done, the Plan's
            said, ids = [], [utt.id]
            for m, later in [(n, utt)] + [t for t in turns[k + 1:] if t[0] - n <= SET_UP_LINES]:
                steps = [s for s in sentences_of(later.text) if _SET_UP.search(s) and not s.endswith("?")]
                if steps:
                    said = steps[:SET_UP_SENTENCES]
                    ids.append(later.id)
                    break
            quote = " ".join(said)
            if len(quote.split()) > SET_UP_WORDS:
                quote = " ".join(quote.split()[:SET_UP_WORDS]) + " ..."
            label = f"{name}, named by the clinician and led in session" + (f' (set up as: "{quote}")' if quote else "")
            return RoomWork(label, sorted(set(ids)))
    return None


# A card written in the room (a coping card): the clinician offers to write it and the client says what
# goes on it ("Yes. A card is good. Plan A corner. Plan B quiet room."), quoted without the agreeing.
_CARD_OFFERED = re.compile(r"\bcoping cards?\b|\b(?:write|put) (?:it|them|that|this|those)(?: down)? on a (?:card|flashcard)\b", re.I)
_AGREEING = re.compile(r"^(?:yes|yeah|yep|okay|ok|sure|fine|good|great|right|go on|please)\b|\b(?:yes|yeah|okay|ok|fine|good)[.!]?$"
                       r"|^an? \w+ (?:is|would be|sounds) (?:good|great|fine|helpful)\b", re.I)
CARD_MAX_WORDS = 25
CARD_SAID_BEFORE = 16  # words the clinician says before offering the card: what goes on it, said already (122)


def card_written(utterances: Sequence[Utterance]) -> RoomWork | None:
    """What the client said goes on a card the clinician offered to write now, in the client's words."""
    lines = [u for u in utterances if u.speaker]
    for n, utt in clinician_turns(utterances):
        offered = _CARD_OFFERED.search(utt.text)
        if not offered or n + 1 >= len(lines) or not is_client(lines[n + 1].speaker):
            continue
        if len(utt.text[:offered.start()].split()) >= CARD_SAID_BEFORE:
            continue  # "So when the thought comes: the back door, ... I'll write it on a card": the clinician's list is the card
        said = [s for s in sentences_of(lines[n + 1].text) if not _AGREEING.search(s)]
        if said and len(" ".join(said).split()) <= CARD_MAX_WORDS:
            return RoomWork(f'card written in session, as the client gave it ("{" ".join(said)}")', [utt.id, lines[n + 1].id])
    return None


# An exercise led now for a set time, in the clinician's instruction: "Spin for thirty seconds, at a steady
# pace, and I'll count." (interoceptive), "Hold the photo and look at it for two minutes." (exposure); not
# the same set as homework ("do the spinning at home, three sets of thirty seconds").
_TIMED = re.compile(r"^(?:(?:okay|ok|right|so|now|good|and),?\s+)*(?:spin|breathe|hold|run|jog|look|stare|shake|sit|stand|keep|touch|"
                    r"stay|walk|climb|step|press|tense|squeeze|hyperventilate|swallow)\b[^.?!]*\bfor (?:about |another )?"
                    r"(?:\d+|a|one|two|three|four|five|ten|fifteen|twenty|thirty|forty|forty-five|sixty|ninety)\s+(?:seconds|minutes?)\b",
                    re.I)
TIMED_MAX_WORDS = 20


def timed_exercise(utterances: Sequence[Utterance]) -> RoomWork | None:
    """The first exercise the clinician leads now for a set time, quoted as instructed."""
    for _, utt in clinician_turns(utterances):
        for sentence in sentences_of(utt.text):
            if _TIMED.search(sentence) and not _NOT_NOW.search(utt.text) and len(sentence.split()) <= TIMED_MAX_WORDS:
                return RoomWork(f'exercise led in session, as the clinician set it ("{sentence}")', [utt.id])
    return None
