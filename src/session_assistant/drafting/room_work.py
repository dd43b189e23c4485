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
from typing import Sequence

from session_assistant.drafting.analysis_said import exercise_ratings
from session_assistant.drafting.done_lexicon import MORE_WAYS, PERSPECTIVE
from session_assistant.drafting.grounding import numbers_in
from session_assistant.drafting.ladder_said import hierarchy_steps, rated_in_turn, ruler_answers
from session_assistant.drafting.rating_course import course_values, rating_courses
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.room_steps import (RoomWork, activity_scheduling, behavioural_experiment, card_written, clinician_turns,
                                                   timed_exercise,
                                                   dear_man, named_exercise, problem_solving, progress_review, proposed_exercises, record_review,
                                                   rehearsal, ruler_follow_up, sentences_of, thought_record)
from session_assistant.drafting.room_now import drawn, repeated_exposure, rupture_repair, steps_taken
from session_assistant.drafting.joint_session import is_joint
from session_assistant.drafting.room_joint import joint_work
from session_assistant.drafting.room_practice import applied_tension, barrier_solving, held_exposure, script_offered
from session_assistant.drafting.session_done import rating_changes
from session_assistant.drafting.session_said import rating_answers
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import RATING_ASK, SCALE, without_leading_stage
from session_assistant.drafting.wording import SENTENCE_BREAK

__all__ = ["RoomWork", "activity_scheduling", "behavioural_experiment", "belief_ratings", "dear_man", "ruler_follow_up", "imaginal_exposure", "problem_solving",
           "named_exercise", "progress_review", "proposed_exercises", "psychoeducation", "record_review", "rehearsal", "room_work", "room_work_ids",
           "room_work_sentence", "scale_ratings", "thought_record"]

_SENTENCES = SENTENCE_BREAK
_NUM = (r"(?:\d{1,3}|zero|nought|one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|"
        r"eighty|ninety|a hundred|hundred)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?")
_RATING_ASK = RATING_ASK
# How much a thought is believed is the restructuring's rating, never the distress a memory raises.
_ABOUT_BELIEF = re.compile(r"\bbeliev\w*|\bbelief\b|\bhow true\b", re.I)
_REASK = re.compile(r"^(?:(?:and|okay|so|good),?\s+)*(?:(?:what(?:'s| is)? (?:the|your)|and the|and your) (?:number|rating|suds)(?: now)?|"
                    r"suds(?: now)?|number(?: now)?|now|where are you now|how (?:high|strong|bad|anxious|distressed|scared) (?:now|is it now))\?$",
                    re.I)
REASK_MAX_WORDS = 6
_YOUR_NUMBER = re.compile(r"\bwhat(?:'s| is) (?:your|the) (?:number|rating|suds)\b", re.I)  # in a longer question, during an exercise
# The client's answer opens with the number: "Fifty.", "About ninety.", "Eighty, maybe."
# Also after a word naming which time ("The first one, seventy.", "It was a nine in the parking lot.").
_ANSWER = re.compile(r"^(?:(?:about|maybe|like,?|um,?|uh,?|probably|around|still|it's|it is|it was|i'd say|a|the (?:first|second|last) (?:one|time),?)\s+)*"
                     r"(?:a |an )?(" + _NUM
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
# The same belief asked again without "believe": "So if you rerate it now?", "So if you look at that, useless out of a hundred?"
_BELIEF_AGAIN = re.compile(r"\bre-?rate\b|\brate (?:it|that) again\b|\bif you look at (?:that|it|all that)\b[^?]*\b(?:out of|nought to|zero to) (?:a )?(?:hundred|100)\b",
                           re.I)
BELIEF_SPAN = 80
BELIEFS_SHOWN = 4
RATING_QUESTION_WORDS, RATINGS_LISTED = 14, 4  # a rating's question quoted up to its last 14 words

# Teaching: a clinician turn that explains how something works, read in its statements (a question
# such as "what did we call it?" teaches nothing).
_EXPLAINS = tuple(re.compile(p, re.I) for p in (
    r"\bwhat happens (?:is|when)\b", r"\bthat'?s (?:why|how|because)\b", r"\bthat'?s what (?:happens|practice does|\w+ does)\b",
    r"\bthe reason\b",
    r"\b(?:your|the) (?:body|brain|nervous system|mind|alarm)(?:'s| is| does| goes| tries| reacts| wants| gets| can| has| will| was| learns)\b",
    r"\bit'?s (?:a |an |your |the |very )?(?:normal|natural|common|survival|protective|automatic|built-in|hard-wired|treatable)\b",
    r"\b(?:most|many|lots of|a lot of) people\b", r"\bin the (?:short|long) (?:term|run)\b",
    r"\bthe (?:more|harder) (?:you|we)\b[^.?!]*\bthe (?:more|less|worse)\b",
    # normalising: "It doesn't mean something is wrong with your mind."
    r"\b(?:doesn'?t|does not) mean (?:something|anything)(?:'s| is) wrong\b|\b(?:doesn'?t|does not) mean you(?:'re| are) (?:going mad|crazy|mad|weak|a bad)\b", r"\bresearch\b", r"\bnot (?:a sign of )?(?:weakness|your fault|a choice)\b",
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


def _answer(lines: Sequence[Utterance], n: int) -> tuple[str, int] | None:
    """The number the client's next line opens with, and that line's id."""
    nxt = lines[n + 1] if n + 1 < len(lines) else None
    if nxt is None or not is_client(nxt.speaker):
        return None
    said = [without_leading_stage(x) for x in sentences_of(nxt.text)]
    first = said[0]
    match = _ANSWER.match(first)
    # The number after a short question back ("Now? Forty.", "Honestly? Seventy percent.", "With Mom? Forty.")
    # ... or after one word first ("Less. Like, twenty.")
    if match is None and len(said) > 1 and (first.endswith("?") and len(first.split()) <= ECHO_MAX_WORDS or len(first.split()) == 1):
        first = said[1]
        match = _ANSWER.match(first)
    if match is None:
        return None
    unit = re.match(r"\s*(?:%|percent\b)", first[match.end():])
    return _digits(match.group(1)) + ("%" if unit else ""), nxt.id


ECHO_MAX_WORDS = 4  # "Right now, sitting here? Eighty."


def _digits(number: str) -> str:
    """A rating in digits, as notes write it ("fifty-five" -> "55", "nought" -> "0"): number words side by
    side ("fifty, eighty") would otherwise read as one number."""
    if number.lower() in ("nought", "zero"):
        return "0"
    if number.lower() in ("hundred", "a hundred"):
        return "100"
    found = numbers_in(number)
    return next(iter(found)) if len(found) == 1 else number


def _asks_rating(text: str) -> bool:
    last = without_leading_stage(sentences_of(text)[-1])
    asked = any(s.endswith("?") and (_RATING_ASK.search(s) or _YOUR_NUMBER.search(s)) for s in sentences_of(text))
    return asked or (len(last.split()) <= REASK_MAX_WORDS and bool(_REASK.match(last)))


def imaginal_exposure(utterances: Sequence[Utterance]) -> RoomWork | None:
    """A memory revisited in the protocol's words, with two or more distress ratings asked while it
    runs (the client answering with a number)."""
    lines = [u for u in utterances if u.speaker]
    start = next((n for n, u in clinician_turns(utterances) if _MEMORY.search(u.text)), None)
    if start is None:
        return None
    cues = [u for n, u in clinician_turns(utterances) if start <= n <= start + IMAGINAL_SPAN and (_MEMORY.search(u.text) or _EYES.search(u.text))]
    ratings: list[tuple[str, int, int]] = []
    for n, utt in clinician_turns(utterances):
        if start <= n <= start + IMAGINAL_SPAN and _asks_rating(utt.text) and not _ABOUT_BELIEF.search(utt.text):
            answer = _answer(lines, n)
            if answer:
                ratings.append((answer[0], utt.id, answer[1]))
    if len(ratings) < IMAGINAL_MIN_RATINGS:
        return None
    cues = [u for u in cues if u.id <= ratings[-1][2]]  # not the homework set after it ("listen to the hotspot daily")
    how = [w for w, p in (("in the present tense", r"\bpresent tense\b"), ("eyes closed", r"\b(?:close your eyes|eyes closed)\b"),
                          ("hotspots", r"\bhot ?spots?\b")) if any(re.search(p, u.text, re.I) for u in cues)]
    said = ", ".join(r for r, *_ in ratings[:RATINGS_SHOWN])
    label = ("imaginal exposure (the memory revisited" + (", " + ", ".join(how) if how else "")
             + f"; distress ratings asked: {said})")
    return RoomWork(label, sorted({u.id for u in cues} | {i for _, *ids in ratings[:RATINGS_SHOWN] for i in ids}))


def belief_ratings(utterances: Sequence[Utterance]) -> RoomWork | None:
    """A belief rated more than once (before and after it is examined): cognitive restructuring."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, int, int]] = []
    first = None
    for n, utt in clinician_turns(utterances):
        if not any(s.endswith("?") and (_BELIEF_ASK.search(s) or (first is not None and _BELIEF_AGAIN.search(s)))
                   for s in sentences_of(utt.text)):
            continue
        if first is not None and n - first > BELIEF_SPAN:
            break
        answer = _answer(lines, n)
        if answer:
            first = n if first is None else first
            found.append((answer[0], utt.id, answer[1]))
    if len(found) < 2 or len({r for r, *_ in found}) < 2:
        return told_belief(utterances)
    said = ", ".join(r for r, *_ in found[:BELIEFS_SHOWN])
    ids = sorted({i for _, *ids in found[:BELIEFS_SHOWN] for i in ids})
    # ... and the clinician's line just after the last rating ("What would be a more balanced way of putting it?")
    after = next((u for u in lines if u.id > ids[-1] and not is_client(u.speaker)), None)
    between = [u for u in lines if ids[0] <= u.id <= ids[-1] and not is_client(u.speaker)] + ([after] if after else [])
    if any(_RESTRUCTURES.search(u.text) for u in between):
        return RoomWork(f"cognitive restructuring (beliefs rated when asked: {said})", ids)
    # Ratings around other work (compassionate imagery, a chair exercise) are not restructuring.
    return RoomWork(f"belief in the thought rated when asked: {said}", ids)


RESTRUCTURE_LOOKBACK = 8  # lines before a belief's first rating where the thought's examining may begin


def told_belief(utterances: Sequence[Utterance]) -> RoomWork | None:
    """A belief whose course the client's own numbers complete: rated when asked and again unasked as
    the thought is examined ("Sixty, maybe."), or rated for last week and for now in one line."""
    lines = [u for u in utterances if u.speaker]
    at = {u.id: n for n, u in enumerate(lines)}
    for course in rating_courses(utterances):
        if course.label != "belief" or not (course.when or "" in course.asked[1:]):
            continue
        values = course_values(course)
        if course.when:
            said = f"{values[0]} {course.when[0]}, {values[-1]} {course.when[-1]}"
        else:
            said = ", then ".join(v + (" when asked" if asked else " as the client rated it again")
                                  for v, asked in zip(values[:BELIEFS_SHOWN], course.asked))
        first, last = at[course.evidence[0]], at[course.evidence[-1]]
        examined = any(_RESTRUCTURES.search(u.text) for u in lines[max(0, first - RESTRUCTURE_LOOKBACK):last + 1] if not is_client(u.speaker))
        return RoomWork(("cognitive restructuring (belief in the thought rated {})" if examined else "belief in the thought rated {}").format(said),
                        course.evidence)
    return None


# What the clinician does between the ratings when the thought is examined (CBT manuals' moves).
_RESTRUCTURES = re.compile(
    r"\bevidence\b|\balternative\b|\banother way of (?:seeing|looking at)\b|\bmore (?:balanced|helpful|realistic)\b|\bbalanced\b"
    r"|\bthinking (?:trap|error|style)s?\b|\b(?:say|tell) (?:to )?a (?:good )?friend\b|\b(?:a )?fact\b|\bother explanations?\b"
    r"|\bwhat else could\b|\bcatastroph\w*|\bmind[- ]?reading\b|\bfortune[- ]telling\b|\bwhat does that tell you\b"
    r"|\bhow (?:likely|true) is (?:it|that)\b|\bdouble standard\b|\bpie chart\b|\bwhat would (?:you|it) mean\b"
    r"|\bwhat would (?:(?-i:[A-Z][a-z]+)|he|she|they|your \w+) say\b(?! to)"  # the other side's view of it ("What would Martin say, if he were here?")
    r"|\bdownward arrow\b|\bbehaviou?ral experiment\b|\bprediction\b|\bpredicted\b|\btest (?:it|that|the thought)\b"
    # the thought held against what happened ("Does that fit with nobody wants you?"), or seen from another's place
    r"|\b(?:does|do|did) (?:that|this|it|they|those) (?:fit|square)\b|\bdoesn'?t fit\b|\bhow (?:do )?(?:the two|they|those|both) fit\b"
    r"|" + "|".join(MORE_WAYS["cognitive restructuring (CBT)"][PERSPECTIVE]), re.I)


def psychoeducation(utterances: Sequence[Utterance]) -> RoomWork | None:
    """Long clinician turns that explain how something works (two or more explaining cues), with the
    topics they name."""
    ids: list[int] = []
    topics: list[str] = []
    for _, utt in clinician_turns(utterances):
        text = " ".join(s for s in sentences_of(utt.text) if not s.endswith("?"))
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


def scale_ratings(utterances: Sequence[Utterance], quoted: Sequence[int] = ()) -> RoomWork | None:
    """Ratings the clinician asked for on a named scale (nought to ten, out of a hundred, SUDS) and
    the client gave as a number: the question and the answer as said. ``quoted``: lines other rule
    lines already quote (a rating said once in the note)."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, str, int, int]] = []
    for n, utt in clinician_turns(utterances):
        asked = _rating_question(sentences_of(utt.text), bool(found))
        answer = _answer(lines, n) if asked else None
        if answer is None or utt.id in quoted or answer[1] in quoted:
            continue
        words = asked.split()
        question = asked if len(words) <= RATING_QUESTION_WORDS else "... " + " ".join(words[-RATING_QUESTION_WORDS:])
        # The answer's first sentence as said ("Ninety the first time."), not its number alone; after a
        # short question back, both ("With Mom? Forty.").
        said = [without_leading_stage(x) for x in sentences_of(lines[n + 1].text)]
        reply = " ".join(said[:2]) if not _ANSWER.match(said[0]) and len(said) > 1 else said[0]
        second = _ANSWER.match(said[1]) if len(said) > 1 and reply == said[0] else None
        # "It was a nine ... Maybe a seven now.": both; "Eighty. Eighty percent." says one number, once
        if second is not None and _digits(second.group(1)) != _digits(_ANSWER.match(said[0]).group(1)):
            reply = " ".join(said[:2])
        found.append((question, reply, utt.id, answer[1]))
        if len(found) == RATINGS_LISTED:
            break
    if not found:
        return None
    said = "; ".join(f'"{q}", answered "{a}"' for q, a, *_ in found)
    return RoomWork(f"ratings asked on a scale, with the answers ({said})", sorted({i for *_, a, b in found for i in (a, b)}))


def quoted_elsewhere(utterances: Sequence[Utterance]) -> set[int]:
    """Lines whose ratings other rule lines quote (the Assessment's response to interventions)."""
    return ({i for *_, ids in rating_answers(utterances) for i in ids} | {i for _, ids in exercise_ratings(utterances) for i in ids}
            | {i for *_, ids in rating_changes(utterances) for i in ids})


# Work whose label says no more than an approach the interventions line already names.
_SAME_AS = {"behavioural rehearsal in session": "role-play",
            "behavioural experiment (prediction asked before, outcome after)": "behavioural experiment"}


# The scale named just after the question ("How sure are you that you could do that? Zero to a hundred."),
# and, once a rating has been asked on a scale, the same rating asked again in short ("How high is the upset now?").
_SCALE_AFTER = re.compile(r"^(?:(?:on a |from )?" + SCALE + r")[.?]?$", re.I)
_ASKED_AGAIN = re.compile(r"\bhow (?:high|bad|big|strong)\b[^?]{0,30}\bnow\b", re.I)


def _rating_question(sentences: Sequence[str], asked_before: bool) -> str | None:
    """The sentence asking for a rating in a clinician's turn, with the scale said after it, or None."""
    for n, sentence in enumerate(sentences):
        if not sentence.endswith("?"):
            continue
        if _RATING_ASK.search(sentence) or (asked_before and _ASKED_AGAIN.search(sentence)):
            return sentence
        after = sentences[n + 1] if n + 1 < len(sentences) else ""
        if after and len(after.split()) <= 6 and _SCALE_AFTER.match(after):
            return f"{sentence} {after}"
    return None


def room_work(utterances: Sequence[Utterance], named: Sequence[str] = (), quoted: Sequence[int] = ()) -> list[RoomWork]:
    """The work found, in a fixed order. ``named``: the approaches the interventions line already
    names; work that would only say one of them again is left out. ``quoted``: lines other rule
    lines quote, whose ratings are not listed again."""
    found = [w for w in (named_exercise(utterances), imaginal_exposure(utterances), belief_ratings(utterances), psychoeducation(utterances),
                         problem_solving(utterances), rehearsal(utterances), activity_scheduling(utterances), record_review(utterances),
                                             thought_record(utterances), behavioural_experiment(utterances), progress_review(utterances),
                                             ruler_follow_up(utterances), dear_man(utterances), proposed_exercises(utterances),
                                             card_written(utterances), timed_exercise(utterances), steps_taken(utterances),
                                             drawn(utterances), rupture_repair(utterances))
             if w is not None]
    if not any(w.label.startswith("imaginal exposure") for w in found):  # a memory's ratings are listed once
        repeated = repeated_exposure(utterances, "exposure" in named)
        # a feared thing looked at or held, not repeated
        found += [w for w in [repeated or held_exposure(utterances, named)] if w is not None]
    found += [w for w in [applied_tension(utterances), script_offered(utterances)] if w is not None]
    found += joint_work(utterances, is_joint(utterances))
    if not any(w.label.startswith("problem solving") for w in found):
        found += [w for w in [barrier_solving(utterances)] if w is not None]
    # Work with numbers read out in the room: a ladder's steps, situations rated in turn, the rulers.
    ladder = hierarchy_steps(utterances)
    turns = rated_in_turn(utterances, ladder.evidence if ladder else ())
    elsewhere = quoted_elsewhere(utterances)
    found += [RoomWork(w.label, w.evidence) for w in (ladder, turns, ruler_answers(utterances, elsewhere)) if w is not None]
    ratings = scale_ratings(utterances, sorted(set(quoted) | elsewhere | {i for w in found for i in w.evidence}))
    found += [ratings] if ratings else []
    found = [w for w in found if w.label not in named and not (w.label in _SAME_AS and _SAME_AS[w.label] in named)]
    return [RoomWork(_without_named(w.label, named), w.evidence) for w in found]


def _without_named(label: str, named: Sequence[str]) -> str:
    """The work without the approach's name the interventions line gives just before it: "cognitive
    restructuring (beliefs rated when asked: 90%, 40%)" reads "beliefs rated when asked: 90%, 40%"
    after "Interventions used in session: cognitive restructuring (CBT) (...)" (01, 05, 97 said it twice)."""
    for approach in (a.split(" (")[0] for a in named):  # "cognitive restructuring (CBT)" names it
        inner = label[len(approach) + 2:-1]
        # only a list of what was done ("...: 90%, 40%"); "psychoeducation (on the trauma response)" needs its name
        if label.startswith(approach + " (") and label.endswith(")") and ":" in inner:
            return inner
    return label


def room_work_sentence(found: Sequence[RoomWork]) -> str:
    return "Work done in session, from the clinician's lines: " + "; ".join(w.label for w in found) + "."


def room_work_ids(found: Sequence[RoomWork]) -> list[int]:
    return sorted({i for w in found for i in w.evidence})
