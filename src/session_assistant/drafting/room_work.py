"""What the clinician did in the room, read from what the clinician's lines do rather than from the
approach's name (issue 16, Objective): a memory revisited with distress ratings asked while it runs
(imaginal exposure), a belief rated before and after it is examined, a stretch of teaching
(psychoeducation, with its topic when it is named), and the steps of structured problem solving
(problem defined, options listed, pros and cons weighed, one chosen, an action plan).

Why by structure: the rules that wait for a phrase fired on the sessions their writers had read and
on none of four sessions they had not (37-40): clinicians rarely say "imaginal exposure" or
"problem-solving therapy", but every manual's protocol has the same moves (eyes closed, the present
tense, "what number now?"; "what else could you do?", "what's good about that one?", "which will you
try?", "what if it doesn't work?"). A finding needs two or more of an approach's moves, each said by
the clinician; the client's words never make one. Each finding cites its lines; numbers are the
client's own answers, as said.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from session_assistant.drafting.analysis_said import exercise_ratings
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.session_done import rating_changes
from session_assistant.drafting.session_said import rating_answers
from session_assistant.drafting.transcript_input import Utterance

_SENTENCES = re.compile(r"(?<=[.!?])(?<!\bDr\.)(?<!\bMr\.)(?<!\bMs\.)(?<!\bMrs\.)\s+")
_NUM = (r"(?:\d{1,3}|zero|nought|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|"
        r"eighty|ninety|a hundred|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")
_SCALE = r"(?:(?:nought|zero|0|one|1) to (?:a )?(?:hundred|100|ten|10)|out of (?:a )?(?:hundred|100|ten|10)|SUDS?\b)"
# A rating asked: a scale named in a question, or asked again in a few words while an exercise runs.
_RATING_ASK = re.compile(r"\b" + _SCALE, re.I)
_REASK = re.compile(r"^(?:(?:and|okay|so|good),?\s+)*(?:(?:what(?:'s the| is the)?|and the) (?:number|rating|suds)(?: now)?|"
                    r"suds(?: now)?|number(?: now)?|now|where are you now|how (?:high|strong|bad|anxious|distressed|scared) (?:now|is it now))\?$",
                    re.I)
REASK_MAX_WORDS = 6
# The client's answer opens with the number: "Fifty.", "About ninety.", "Eighty, maybe."
_ANSWER = re.compile(r"^(?:(?:about|maybe|like|um,?|uh,?|probably|around|still|it's|it is|i'd say|a)\s+)*(?:a |an )?(" + _NUM
                     + r")\b(?!\s*(?:%|percent)?\s*(?:days?|times|hours|minutes|weeks|o'?clock|pounds|quid|years?)\b)", re.I)

# A memory revisited: the protocol's own words for imaginal exposure (prolonged exposure, imagery-based
# trauma work), not the word "memory" alone.
_MEMORY = re.compile(r"\b(?:present tense|hot ?spots?|imaginal|revisit\w*|as (?:if|though) (?:it(?:'s| is)|you(?:'re| are)) "
                     r"(?:happening|there|back there)|(?:go|going|take me|come) back (?:in)?to (?:the|that) (?:memory|moment|night|day|"
                     r"morning|evening|afternoon|scene)|(?:tell|walk) me (?:through )?(?:the|that) memory)\b", re.I)
_EYES = re.compile(r"\b(?:close your eyes|eyes closed)\b", re.I)
IMAGINAL_SPAN = 60  # lines from the memory's first cue to its last rating
IMAGINAL_MIN_RATINGS = 2
RATINGS_SHOWN = 6

# A belief rated: "How much do you believe that, out of a hundred?", "How true does it feel now?"
_BELIEF_ASK = re.compile(r"\bhow (?:much|strongly) (?:do|did) you (?:still )?believe\b|\bhow (?:true|believable) does (?:it|that|the thought) "
                         r"(?:feel|seem|sound)\b|\bhow much (?:do|did) you believe\b", re.I)
BELIEF_SPAN = 80
BELIEFS_SHOWN = 4

# Teaching: a clinician turn that explains how something works, read in its statements (a question
# such as "what did we call it?" teaches nothing).
_EXPLAINS = tuple(re.compile(p, re.I) for p in (
    r"\bwhat happens (?:is|when)\b", r"\bthat'?s (?:why|how|because)\b", r"\bthat'?s what (?:happens|practice does|\w+ does)\b",
    r"\bthe reason\b",
    r"\b(?:your|the) (?:body|brain|nervous system|mind|alarm)(?:'s| is| does| goes| tries| reacts| wants| gets| can| has| will| was| learns)\b",
    r"\bit'?s (?:a |an |your |the |very )?(?:normal|natural|common|survival|protective|automatic|built-in|hard-wired|treatable)\b",
    r"\b(?:most|many|lots of|a lot of) people\b", r"\bin the (?:short|long) (?:term|run)\b",
    r"\bthe more (?:you|we)\b[^.?!]*\bthe more\b", r"\bresearch\b", r"\bnot (?:a sign of )?(?:weakness|your fault|a choice)\b",
    r"\bit (?:works|goes) like this\b", r"\bthe way (?:it|anxiety|depression|sleep|trauma|memory|panic) works\b",
    r"\bit'?s uncomfortable,? but\b", r"\b(?:isn'?t|not) dangerous\b", r"\bfeeds itself\b", r"\bafter (?:a|any) (?:trauma|loss|shock)\b"))
# One of these is teaching on its own: a name given, a system described.
_STRONG = tuple(re.compile(p, re.I) for p in (
    r"\bit'?s called\b|(?<!did )\bwe call (?:it|this|that)\b|\bknown as\b", r"\b(?:is|are|was|were) designed (?:to|for)\b",
    r"\badrenaline\b", r"\bfight[- ](?:or|and)[- ]flight\b", r"\b(?:fight|flight|freeze|survival|stress|threat) (?:response|system|mode|reaction)\b",
    r"\bresearch (?:shows|suggests|says)\b"))
TEACH_MIN_WORDS, TEACH_MIN_CUES = 25, 2
# The topic taught, in the terms a note uses: a named response, a named process.
_TOPIC = re.compile(r"\b(?:(?P<ffr>fight(?:,|[- ]or[- ]|[- ]and[- ])\s?flight(?:(?:,|[- ]or[- ]|[- ]and[- ])\s?freeze)?)|"
                    r"(?P<resp>(?:freeze|fight|flight|stress|startle|threat|alarm|survival|trauma) (?:response|reaction|system))|"
                    r"(?P<proc>sleep pressure|body clock|sleep drive|habituation|avoidance cycle|vicious (?:circle|cycle)|"
                    r"safety behaviou?rs?|the panic cycle|fear of fear|tonic immobility))\b", re.I)

# Structured problem solving, its steps in order (D'Zurilla and Nezu; PST manuals).
_STEPS: dict[str, tuple[str, ...]] = {
    "problem defined": (r"\b(?:define|defining|pin (?:it|that) down)\b[^.?!]{0,40}\bproblem\b", r"\bproblem\b[^.?!]{0,30}\bin one sentence\b",
                        r"\bwhat(?:'s| is) the (?:actual |real |main )?problem\b", r"\bwhat exactly is the problem\b",
                        r"\bif we (?:put|write|say) (?:the|it|that) (?:problem )?(?:as|like)\b", r"\bthe problem(?: is|'s),? then\b"),
    "options listed": (r"\bbrainstorm\w*", r"\b(?:any )?(?:other|more) (?:ideas|options|solutions|possibilities)\b",
                       r"\bwhat else (?:could|can|might) you\b", r"\bas many (?:ideas|options|solutions)\b",
                       r"\b(?:don'?t|no) (?:judg\w+|rul\w+ (?:anything|them) out)\b", r"\beven (?:the )?(?:silly|daft|crazy|wild) ones\b",
                       r"\banother (?:idea|option|solution|possibility)\b", r"\bwrite (?:them|it|that|those) (?:all )?down\b[^.?!]{0,20}\b(?:list|ideas?|options?)\b",
                       r"\b(?:what|which) (?:ideas|options|solutions) (?:do|have|can)\b", r"\bhow many (?:ideas|options|solutions)\b"),
    "pros and cons weighed": (r"\bpros and cons\b", r"\bupsides?\b", r"\bdownsides?\b", r"\badvantages?\b",
                              r"\bwhat(?:'s| is) (?:good|bad|the catch|hard) about\b", r"\bwhat (?:might|could) go wrong\b",
                              r"\bgood (?:points|side)\b", r"\bweigh (?:them|it|these|those)\b"),
    "a solution chosen": (r"\bwhich (?:one|of (?:these|them|those)|option|solution|idea)s?\b[^.?!]{0,30}\b(?:pick|choose|go with|try|do|best)\b",
                          r"\b(?:pick|choose|go with) (?:one|the one|which)\b"),
    "action plan": (r"\bplan b\b", r"\bwhat if (?:it|that|she|he|they)\b[^.?!]{0,20}\b(?:doesn'?t|don'?t|won'?t|can'?t|says? no|fails?)\b",
                    r"\bwhat (?:could|might|would) get in the way\b", r"\b(?:the )?first step\b", r"\bwhen exactly\b",
                    r"\bwhat day (?:will|would|could)\b", r"\bstep by step\b"),
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
RATING_QUESTION_WORDS, RATINGS_LISTED = 14, 4
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
_PREDICT = re.compile(r"\bwhat (?:do|would) you predict\b|\bwhat do you think (?:will|is going to) happen\b|\byour prediction\b", re.I)
_OUTCOME = re.compile(r"\bwhat (?:actually )?happened\b|\bwhat did you (?:find|notice|learn)\b|\bwas (?:it|that) (?:as bad|what you)\b", re.I)
EXPERIMENT_SPAN = 30
# Progress over treatment looked back on: two of these in the clinician's lines.
_LOOKS_BACK = tuple(re.compile(p, re.I) for p in (
    r"\blook(?:ing)? back (?:over|at|on)\b", r"\bsince (?:we|you) (?:started|first (?:met|came))\b", r"\bwhen you first (?:came|started)\b",
    r"\bwhat(?:'s| has) (?:helped|changed|made the difference|been most helpful)\b", r"\bwhat have you learn(?:ed|t)\b",
    r"\b(?:your|the|our) (?:treatment )?goals\b[^.?!]{0,40}\b(?:review|look|where|met|reached)\b"))


@dataclass
class RoomWork:
    label: str  # how the note names it
    evidence: list[int]


def _clinician(utterances: Sequence[Utterance]) -> list[tuple[int, Utterance]]:
    lines = [u for u in utterances if u.speaker]
    return [(n, u) for n, u in enumerate(lines) if not is_client(u.speaker)]


def _sentences(text: str) -> list[str]:
    return _SENTENCES.split(" ".join(text.split()))


def _answer(lines: Sequence[Utterance], n: int) -> tuple[str, int] | None:
    """The number the client's next line opens with, and that line's id."""
    nxt = lines[n + 1] if n + 1 < len(lines) else None
    if nxt is None or not is_client(nxt.speaker):
        return None
    first = re.sub(r"^(?:\([^)]*\)\s*)+", "", _sentences(nxt.text)[0])
    match = _ANSWER.match(first)
    if match is None:
        return None
    unit = re.match(r"\s*(?:%|percent\b)", first[match.end():])
    return match.group(1).lower() + (" percent" if unit else ""), nxt.id


def _asks_rating(text: str) -> bool:
    last = re.sub(r"^(?:\([^)]*\)\s*)+", "", _sentences(text)[-1])
    asked = any(s.endswith("?") and _RATING_ASK.search(s) for s in _sentences(text))
    return asked or (len(last.split()) <= REASK_MAX_WORDS and bool(_REASK.match(last)))


def imaginal_exposure(utterances: Sequence[Utterance]) -> RoomWork | None:
    """A memory revisited in the protocol's words, with two or more distress ratings asked while it
    runs (the client answering with a number)."""
    lines = [u for u in utterances if u.speaker]
    start = next((n for n, u in _clinician(utterances) if _MEMORY.search(u.text)), None)
    if start is None:
        return None
    cues = [u for n, u in _clinician(utterances) if start <= n <= start + IMAGINAL_SPAN and (_MEMORY.search(u.text) or _EYES.search(u.text))]
    ratings: list[tuple[str, int, int]] = []
    for n, utt in _clinician(utterances):
        if start <= n <= start + IMAGINAL_SPAN and _asks_rating(utt.text):
            answer = _answer(lines, n)
            if answer:
                ratings.append((answer[0], utt.id, answer[1]))
    if len(ratings) < IMAGINAL_MIN_RATINGS:
        return None
    how = [w for w, p in (("in the present tense", r"\bpresent tense\b"), ("eyes closed", r"\b(?:close your eyes|eyes closed)\b"),
                          ("hotspots", r"\bhot ?spots?\b")) if any(re.search(p, u.text, re.I) for u in cues)]
    said = ", ".join(r for r, *_ in ratings[:RATINGS_SHOWN])
    label = ("imaginal exposure (the memory revisited" + (", " + ", ".join(how) if how else "")
             + f"; distress rated during it: {said})")
    return RoomWork(label, sorted({u.id for u in cues} | {i for _, *ids in ratings[:RATINGS_SHOWN] for i in ids}))


def belief_ratings(utterances: Sequence[Utterance]) -> RoomWork | None:
    """A belief rated more than once (before and after it is examined): cognitive restructuring."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, int, int]] = []
    first = None
    for n, utt in _clinician(utterances):
        if not any(s.endswith("?") and _BELIEF_ASK.search(s) for s in _sentences(utt.text)):
            continue
        if first is not None and n - first > BELIEF_SPAN:
            break
        answer = _answer(lines, n)
        if answer:
            first = n if first is None else first
            found.append((answer[0], utt.id, answer[1]))
    if len(found) < 2 or len({r for r, *_ in found}) < 2:
        return None
    said = ", ".join(r for r, *_ in found[:BELIEFS_SHOWN])
    return RoomWork(f"cognitive restructuring (beliefs rated when asked: {said})",
                    sorted({i for _, *ids in found[:BELIEFS_SHOWN] for i in ids}))


def psychoeducation(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Long clinician turns that explain how something works (two or more explaining cues), with the
    topics they name."""
    ids: list[int] = []
    topics: list[str] = []
    for _, utt in _clinician(utterances):
        text = " ".join(s for s in _sentences(utt.text) if not s.endswith("?"))
        cues = sum(1 for p in _EXPLAINS if p.search(text))
        if len(utt.text.split()) < TEACH_MIN_WORDS or (cues < TEACH_MIN_CUES and not any(p.search(text) for p in _STRONG)):
            continue
        ids.append(utt.id)
        for match in _TOPIC.finditer(text):
            topic = match.group(0).lower()
            topic = re.sub(r"\s*(?:,|[- ]or[- ]|[- ]and[- ])\s*", lambda m: ", " if "," in m.group(0) else m.group(0).replace("-", " "), topic)
            if match.group("resp") or match.group("ffr"):
                topic = topic if match.group("resp") else topic + " response"
            if not any(topic in t or t in topic for t in topics):
                topics.append(topic)
    if not ids:
        return None
    label = "psychoeducation" + (f" (on the {', '.join(topics[:3])})" if topics else "")
    return RoomWork(label, ids)


def problem_solving(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Three or more steps of structured problem solving in the clinician's lines, options among them."""
    steps: dict[str, list[int]] = {}
    for _, utt in _clinician(utterances):
        for step, patterns in _STEP_PATTERNS.items():
            if any(p.search(s) for s in _sentences(utt.text) for p in patterns):
                steps.setdefault(step, []).append(utt.id)
    if "options listed" not in steps or len(steps) < PS_MIN_STEPS:
        return None
    return RoomWork("problem solving (" + ", ".join(s for s in _STEPS if s in steps) + ")",
                    sorted({i for ids in steps.values() for i in ids}))


def rehearsal(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Practice in the room: a rehearsal or role-play set up for now, a breathing or grounding
    exercise led step by step."""
    rehearsed = [u.id for _, u in _clinician(utterances)
                 if not _NOT_NOW.search(u.text) and any(_REHEARSE.search(s) and (s.endswith("?") or _HERE_NOW.search(u.text))
                                                        for s in _sentences(u.text))]
    breathed = [u.id for _, u in _clinician(utterances)
                if any(_BREATHE.search(s) and not _NOT_NOW.search(s) for s in _sentences(u.text))]
    parts = (["behavioural rehearsal in session"] if rehearsed else []) + (["breathing or grounding exercise led in session"]
                                                                         if breathed else [])
    return RoomWork("; ".join(parts), sorted(set(rehearsed + breathed))) if parts else None


def activity_scheduling(utterances: Sequence[Utterance]) -> RoomWork | None:
    """An activity given a day and a time in the room: the clinician asks which day and what time
    within a few lines."""
    asks = [(n, u) for n, u in _clinician(utterances) if not _NOT_NOW.search(u.text) or _WHEN_DAY.search(u.text)]
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
    for _, utt in _clinician(utterances):
        for sentence in _sentences(utt.text):
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
    turns = _clinician(utterances)
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
    turns = _clinician(utterances)
    for n, utt in turns:
        if not any(s.endswith("?") and _PREDICT.search(s) for s in _sentences(utt.text)) or _NOT_NOW.search(utt.text):
            continue
        after = next((u for m, u in turns if n < m <= n + EXPERIMENT_SPAN and not _NOT_NOW.search(u.text)
                      and any(s.endswith("?") and _OUTCOME.search(s) and not _PREDICT.search(s) for s in _sentences(u.text))), None)
        if after is not None:
            return RoomWork("behavioural experiment (prediction asked before, outcome after)", [utt.id, after.id])
    return None


def progress_review(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Progress over treatment looked back on: two different cues in the clinician's lines."""
    hits = {k: u.id for _, u in _clinician(utterances) for k, p in enumerate(_LOOKS_BACK) if p.search(u.text)}
    return RoomWork("review of progress since the start of treatment", sorted(set(hits.values()))) if len(hits) >= 2 else None


def scale_ratings(utterances: Sequence[Utterance], quoted: Sequence[int] = ()) -> RoomWork | None:
    """Ratings the clinician asked for on a named scale (nought to ten, out of a hundred, SUDS) and
    the client gave as a number: the question and the answer as said. ``quoted``: lines other rule
    lines already quote (a rating said once in the note)."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, str, int, int]] = []
    for n, utt in _clinician(utterances):
        asked = next((s for s in _sentences(utt.text) if s.endswith("?") and _RATING_ASK.search(s)), None)
        answer = _answer(lines, n) if asked else None
        if answer is None or utt.id in quoted or answer[1] in quoted:
            continue
        words = asked.split()
        question = asked if len(words) <= RATING_QUESTION_WORDS else "... " + " ".join(words[-RATING_QUESTION_WORDS:])
        found.append((question, answer[0], utt.id, answer[1]))
        if len(found) == RATINGS_LISTED:
            break
    if not found:
        return None
    said = "; ".join(f'"{q}": {a}' for q, a, *_ in found)
    return RoomWork(f"ratings asked on a scale, with the answers ({said})", sorted({i for *_, a, b in found for i in (a, b)}))


def quoted_elsewhere(utterances: Sequence[Utterance]) -> set[int]:
    """Lines whose ratings other rule lines quote (the Assessment's response to interventions)."""
    return ({i for *_, ids in rating_answers(utterances) for i in ids} | {i for _, ids in exercise_ratings(utterances) for i in ids}
            | {i for *_, ids in rating_changes(utterances) for i in ids})


# Work whose label says no more than an approach the interventions line already names.
_SAME_AS = {"behavioural rehearsal in session": "role-play",
            "behavioural experiment (prediction asked before, outcome after)": "behavioural experiment"}


def room_work(utterances: Sequence[Utterance], named: Sequence[str] = (), quoted: Sequence[int] = ()) -> list[RoomWork]:
    """The work found, in a fixed order. ``named``: the approaches the interventions line already
    names; work that would only say one of them again is left out. ``quoted``: lines other rule
    lines quote, whose ratings are not listed again."""
    found = [w for w in (imaginal_exposure(utterances), belief_ratings(utterances), psychoeducation(utterances),
                         problem_solving(utterances), rehearsal(utterances), activity_scheduling(utterances), record_review(utterances),
                                             thought_record(utterances), behavioural_experiment(utterances), progress_review(utterances))
             if w is not None]
    ratings = scale_ratings(utterances, sorted(set(quoted) | quoted_elsewhere(utterances) | {i for w in found for i in w.evidence}))
    found += [ratings] if ratings else []
    return [w for w in found if w.label not in named and not (w.label in _SAME_AS and _SAME_AS[w.label] in named)]


def room_work_sentence(found: Sequence[RoomWork]) -> str:
    return "Work done in session, from the clinician's lines: " + "; ".join(w.label for w in found) + "."


def room_work_ids(found: Sequence[RoomWork]) -> list[int]:
    return sorted({i for w in found for i in w.evidence})
