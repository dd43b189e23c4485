"""The Assessment's clinical content found from the structure of the talk, not from one writer's
phrasing (issue 16: the client's response to the interventions, progress toward each active goal,
triggers): each finding quotes what was said and cites its lines, and says nothing the lines do not.

- ``goal_progress``: a count set against an earlier one on a chart goal's topic ("Binges down from five
  to three.", "nine out of ten pickups on time"), quoted with the goal (the golden thread: the goal is
  chart evidence, the sentence segment evidence);
- ``triggers_reported``: the client's answer to a question asking when the problem comes or what came
  just before it, or the client's own "... That's when I'd always smoke.";
- ``learning_answers``: the client's answer to the processing question that closes a piece of work
  ("What does that tell you?", "What are you learning?", "What do you make of that?");
- ``rating_course.rating_courses``: a rating asked more than once, from its first to its last.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.barriers_said import barriers_said, barriers_sentence
from session_assistant.drafting.rating_course import (_NUM_WORD, _SENTENCES, _question, new_courses, rating_courses,
                                                      rating_courses_sentence)
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import words_up_to


# --- progress toward a chart goal -----------------------------------------------------------------
# A line reports progress when it tells a change or an attainment, in the standard forms: a count or
# comparison ("three this week, down from five", "fewer", "less", "more"), something done ("I went",
# "I managed", "I stayed", "for the first time"), or not done any more ("haven't", "stopped").
_PROGRESS_CUE = re.compile(
    r"\b(?:down from|up from|from (?:a |an )?" + _NUM_WORD + r" (?:down |up )?to|fewer|more than|less than|first time|managed"
    # "made it to the gym"; not "like that made it less sad" (unseen 55, a remark someone made)
    r"|made it (?:to|through|into|in|out|back|home|all|every|on time)"
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
# "That's down from sixteen": what is down is in the sentence before (a score), not named here.
_POINTS_BACK = re.compile(r"^(?:so,?\s+)?(?:that'?s|that is|it'?s|it is|this is)\b", re.I)
_FUTURE = re.compile(r"\b(?:will|'ll|going to|gonna|want to|would like|hope to|could|might|should|try to|plan to)\b", re.I)
# Topic words too common to tie a sentence to a goal alone.
_WEAK_TERMS = {"time", "les", "back", "way", "other", "after", "while", "within", "through", "most", "feel", "keep", "one",
               "new", "full", "when", "come", "act", "well", "stay", "rather", "including", "enough", "despite", "thought",
               "plan", "week", "day", "part", "two", "three", "four", "five", "used", "using", "first", "minut", "hour",
               # direction words: "down from sixteen" is no progress on "worn down"
               "down", "up", "over", "off", "out", "high", "higher", "lower"}


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
    asked = ""
    for utt in utterances:
        if not utt.speaker:
            continue
        client = is_client(utt.speaker)
        asked, was_asked = ("" if client else utt.text), asked
        step = ladder_step(was_asked, utt.text) if client else None
        if step and not risky(step):  # "Where are we on the ladder?" - "Step six. Being in the same room as a calm dog."
            named = terms_said(strong, step)
            if named and (best is None or (len(named), 1) > best[0]):
                best = ((len(named), 1), step, utt.id)
        for sentence in _SENTENCES.split(" ".join(utt.text.split())):
            if _ASKING.search(sentence) or len(sentence.split()) > PROGRESS_MAX_WORDS or _FUTURE.search(sentence):
                continue
            named = terms_said(strong, sentence)
            if not named or _NOT_PROGRESS.search(sentence) or _MEASURE_NAME.search(sentence) or risky(sentence):
                continue
            if not (_PROGRESS_CUE.search(sentence) if client else _COMPARED.search(sentence) and not _POINTS_BACK.match(sentence)):
                continue
            score = (len(named), 1 if _HAS_NUMBER.search(sentence) else 0)
            if best is None or score > best[0]:
                best = (score, sentence, utt.id)
    return (best[1], best[2]) if best else None


# A step reached on an exposure ladder (hierarchy), said by the client when asked where the work stands.
_LADDER = re.compile(r"\b(?:ladder|hierarchy)\b", re.I)
_STEP_SAID = re.compile(r"^(?:(?:we'?re |I'?m )?(?:on |at )?)?step (?:" + _NUM_WORD + r")\b", re.I)


def ladder_step(asked: str, answer: str) -> str | None:
    """The client's answer naming the step reached ("Step six. Being in the same room as a calm dog on a
    lead.") to a question about the ladder; None otherwise. Up to 30 words, cut at a sentence end."""
    if not _LADDER.search(_question(asked)):
        return None
    sentences = _SENTENCES.split(" ".join(answer.split()))
    if not sentences or not _STEP_SAID.match(sentences[0]) or _FUTURE.search(sentences[0]):
        return None
    return words_up_to(sentences, PROGRESS_MAX_WORDS) or None


# --- triggers the client names ----------------------------------------------------------------------
# The clinician asking when a recurring problem comes (functional analysis in any approach): "When
# does it tend to happen?", "When is it worst?", "What time of day?", "What was going on just before?"
_WHEN_ASK = re.compile(
    r"\bwhen (?:does|do|is|are|did) (?:it|that|this|they|these|those|the \w+|you(?:r \w+)?)\b[^?]{0,30}\b(?:happen\w*|come|comes|start|get|gets|hit|"
    r"kick|show up|tend|usually|most|worst|hardest|strongest|bad|worse|high\w*|go up)\b[^?]*\?"
    r"|\bwhat time of (?:the )?day\b[^?]*\?|\bwhat (?:was|is) (?:going on|happening) (?:just |right )?(?:before|when|at the time)\b[^?]*\?"
    r"|\bwhat were you doing (?:just |right )?(?:before|when)\b[^?]*\?|\bwhat happened (?:just |right )?before\b[^?]*\?"
    r"|\bis there a (?:time|pattern|situation)\b[^?]*\?|\bwhat (?:sets|set|brings|brought|kicks|kicked) (?:it|that|them|this) (?:off|on)\b[^?]*\?"
    # "Is that still the worst bit?"; "You said that's when the cravings hit." (the prompting event: triggers_said)
    r"|\b(?:is|was|are|were) (?:that|it|this|those|these) (?:still )?the (?:worst|hardest) (?:bit|part|time|thing)s?\b[^?]*\?"
    r"|\bthat'?s when (?:the|your) \w+ (?:hit|hits|come|comes|start|starts|kick in|kicks in|get worse|gets worse)\b",
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
# The client naming it unasked: "The nights are the worst bit.", "Payday weekend's always the worst.", "I'm always
# worse when I don't sleep." A pronoun subject points back ("That's the worst of it."), "got worse" tells the onset.
_WORST_IS = re.compile(r"^(?:and |but |so )?(?!(?:that|this|it|which|what|there|he|she|they|you|i|the worst)\b)((?:the |my |our )?[a-z]+(?:[ -][a-z]+){0,2})"
                       r"(?:'s| is| are)(?: always| usually| mostly)? (?:(?:the )?(?:worst|hardest)|worse)(?: bit| part| time| times| day| days)?[.!]$", re.I)
_WORSE_WHEN = re.compile(r"\b(?:I'?m|I am|it'?s|it is|it gets|I get|things get|I feel)(?: always| usually| mostly| much| even)? worse (?:when|after|if|on|at)\b"
                         r"[^?]*[.!]$", re.I)
# "It's always when it's quiet. Or when someone's had a go at me.": when it comes, said outright, with the
# second time it names after "Or when".
_ALWAYS_WHEN = re.compile(r"^(?:and |but )?(?:it'?s|it is|that'?s) (?:always|usually|mostly|only ever|nearly always) when\b[^?]*[.!]$", re.I)
# "Every time she doesn't pick up the phone I'm already picturing her on the floor.", "Whenever he shouts, I freeze."
_EVERY_TIME = re.compile(r"\b(?:every time|whenever) (?!I\b)(?:she|he|they|someone|somebody|my \w+|the \w+|\w+)(?:'s|'re|'d)? [^.?!]{3,50}?,? I(?:'m| am| get| feel"
                         r"| start| go| just)\b[^?]*[.!]$", re.I)
_OR_WHEN = re.compile(r"^or (?:when|if|after)\b[^?]*[.!]$", re.I)
_THATS_WHEN = re.compile(r"^(?:and |but )?that'?s (?:usually |always |mostly )?when\b\s+(?:i|it|the|my)\b", re.I)
TRIGGER_MAX_WORDS = 25
TRIGGER_SHORT_MAX_WORDS = 40
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
            else:
                for k, sentence in enumerate(sentences):
                    if _ALWAYS_WHEN.match(sentence) and k + 1 < len(sentences) and _OR_WHEN.match(sentences[k + 1]):
                        sentence = f"{sentence} {sentences[k + 1]}"
                    if ((_WORST_IS.match(sentence) or _WORSE_WHEN.search(sentence) or _ALWAYS_WHEN.match(sentence) or _EVERY_TIME.search(sentence))
                            and len(sentence.split()) <= TRIGGER_MAX_WORDS and not risky(sentence) and not _NOT_TRIGGER.search(sentence)):
                        who = _EVERY_TIME.search(sentence) and re.search(r"\b(?:every time|whenever) (?:she|he|they)(?:'s|'re|'d)?\b", sentence, re.I)
                        if who and k and len(f"{sentences[k - 1]} {sentence}".split()) <= TRIGGER_SHORT_MAX_WORDS:
                            sentence = f"{sentences[k - 1]} {sentence}"  # who "she" is: "My mom's seventy-four, ..."
                        found.append((sentence, [utt.id]))
                        break
                else:
                    kind, said = onset_said(sentences)
                    if kind == "trigger" and not risky(said):
                        found.append((said, [utt.id]))
        elif n + 1 < len(lines) and is_client(lines[n + 1].speaker):
            asked = _question(utt.text)
            ask = _WHEN_ASK.search(asked)
            if ask is None or _NOT_WHEN.search(ask.group(0)):
                continue
            answer = lines[n + 1]
            sentences = _SENTENCES.split(" ".join(answer.text.split()))
            said = words_up_to(sentences, TRIGGER_MAX_WORDS)
            if len(said.split()) < 4:  # "Maths, yeah." names it; the next sentence says what happened there
                said = words_up_to(sentences, TRIGGER_SHORT_MAX_WORDS)
            if (said and len(said.split()) >= 2 and not _NO_ANSWER.match(said)
                    and not said.endswith("?") and not risky(said)):
                found.append((said, [utt.id, answer.id]))
        if len(found) == CLIENT_TRIGGERS_MAX:
            break
    return found


_NOT_TRIGGER = re.compile(r"\b(?:will|'ll|going to|gonna|want to|try to)\b", re.I)
# The client telling what set it off in other standard forms, each quoted with the sentence that says what:
# - since when it got worse: "It's just gone downhill since the move. The letter came, and that was it.";
# - the start pointed back to: "I got a twinge in my chest. That's how it started with Dad." (the sentences before);
# - what sets it off: "And then something hits me, like a smell, and I'm back there.", "Little things set me off.";
# - the worst of it, then what it is: "That's the worst of it. I sit up on my phone after midnight.";
# - the client's own label: "Trigger, my boss in the meeting."
_SINCE = re.compile(r"\b(?:(?:gone|went|going|got|been|getting|it'?s been) (?:downhill|worse|bad|harder|really bad)"
                    r"|(?:it|this|that|it all|all this|all of this|everything) (?:all )?(?:started|began|kicked off))"
                    r" (?:ever )?(?:since|when|after)\b(?!\s+(?:I was|we were)\b)(?!,)(?:\W+\w+){2}[^?]*[.!]$", re.I)
_STARTED_BACK = re.compile(r"^(?:and )?(?:that'?s|that is|this is) (?:how|when) (?:it|this|all this|it all) (?:started|starts|began|begins)\b[^?]*[.!]$",
                           re.I)
_SETS_OFF = re.compile(r"\b(?:sets? (?:me|it|them) off|set (?:me|it|them) off|something (?:hits|gets|catches) me|that'?s what (?:gets|sets) me"
                       r"|triggers? (?:me|it)\b)(?:\W+\w+){3}[^?]*[.!]$", re.I)  # and what: "Then something sets it off." says nothing
_WORST_OF_IT = re.compile(r"^(?:and |but )?(?:that'?s|that is) (?:the|always the) (?:worst|hardest)(?: of it| bit| part| thing)?[.!]$", re.I)
_OWN_LABEL = re.compile(r"^(?:the )?triggers?(?: was| is)?\s*[,:]\s*\S[^?]*[.!]$", re.I)
ONSET_MAX_WORDS = 30


def onset_said(sentences: Sequence[str]) -> tuple[str, str]:
    """("trigger" or "onset", the client's words) for what sets the problem off or what it started or got
    worse with, in the forms above (one client line's sentences), or ("", ""): at most ``ONSET_MAX_WORDS``
    words, never a plan or a question. An onset ("since the redundancy") is no trigger of the episodes:
    the note says it apart."""
    for k, sentence in enumerate(sentences):
        kind = "onset" if _STARTED_BACK.match(sentence) or _SINCE.search(sentence) else "trigger"
        if _NOT_TRIGGER.search(sentence) or sentence.endswith("?"):
            continue
        if _STARTED_BACK.match(sentence) and k:
            said = " ".join(sentences[max(0, k - 2):k + 1])
            if len(said.split()) > ONSET_MAX_WORDS:
                said = " ".join(sentences[k - 1:k + 1])
        elif _WORST_OF_IT.match(sentence) and k + 1 < len(sentences) and not sentences[k + 1].endswith("?"):
            said = f"{sentence} {sentences[k + 1]}"
        elif _SINCE.search(sentence) or _SETS_OFF.search(sentence) or _OWN_LABEL.match(sentence):
            said = sentence
            if k + 1 < len(sentences) and re.search(r"\bthat was it\b", sentences[k + 1], re.I):
                said = f"{sentence} {sentences[k + 1]}"  # "... the final letter came, and that was it really." says what
        else:
            continue
        if len(said.split()) <= ONSET_MAX_WORDS and not _NOT_TRIGGER.search(said):
            return kind, said
    return "", ""


def onsets_reported(utterances: Sequence[Utterance], risky=lambda text: False) -> list[tuple[str, list[int]]]:
    """(the client's words, [line]) for the first place the client says what the problem started or got
    worse with ("It's gone downhill since ...", "... That's how it started with ..."); none about risk."""
    for utt in utterances:
        if utt.speaker and is_client(utt.speaker):
            kind, said = onset_said(_SENTENCES.split(" ".join(utt.text.split())))
            if kind == "onset" and not risky(said):
                return [(said, [utt.id])]
    return []


def onsets_sentence(found: Sequence[tuple[str, list[int]]]) -> str:
    return "Onset or worsening, as the client described it: " + "; ".join(f'"{text}"' for text, _ in found)


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


# --- the goals reviewed one by one ------------------------------------------------------------------
# A review of the treatment goals (at an ending or a review): the clinician reads each goal out ("The first
# one was getting back to choir.", "And the third goal was about Mark.") and the client says where it
# stands ("Done. Every Tuesday.", "That's the half-done one."). Goals must have been named in the talk.
_GOAL_READ = re.compile(r"^(?:and |so |okay,? )?(?:the |your )(?:first|second|third|fourth|fifth) (?:one|goal)"
                        r" (?:was|is)\b[^?]*[.!]$", re.I)
_GOALS_NAMED = re.compile(r"\bgoals?\b", re.I)
_NOT_KNOWN = re.compile(r"^(?:i don'?t know|not sure|no idea|dunno)\b", re.I)  # "Yes. That's the half-done one." answers
GOAL_REVIEW_LOOKBACK = 12  # lines since the goals were named
GOAL_ANSWER_MAX_WORDS = 20
GOALS_REVIEWED_MAX = 4


def goals_reviewed(utterances: Sequence[Utterance], risky=lambda text: False) -> list[tuple[str, str, list[int]]]:
    """(the goal as the clinician read it, the client's answer, [both lines]) for each goal read out in a
    review of the goals."""
    lines = [u for u in utterances if u.speaker]
    found: list[tuple[str, str, list[int]]] = []
    for n, utt in enumerate(lines[:-1]):
        answer = lines[n + 1]
        if is_client(utt.speaker) or not is_client(answer.speaker):
            continue
        if not any(_GOALS_NAMED.search(x.text) for x in lines[max(0, n - GOAL_REVIEW_LOOKBACK):n + 1]):
            continue
        read = [x for x in _SENTENCES.split(" ".join(utt.text.split())) if _GOAL_READ.match(x)]
        said = words_up_to(_SENTENCES.split(" ".join(answer.text.split())), GOAL_ANSWER_MAX_WORDS)
        if read and said and not _NOT_KNOWN.match(said) and not said.endswith("?") and not risky(read[-1] + " " + said):
            found.append((read[-1], said, [utt.id, answer.id]))
        if len(found) == GOALS_REVIEWED_MAX:
            break
    return found


def goals_reviewed_sentence(found: Sequence[tuple[str, str, list[int]]]) -> str:
    return "Progress on the treatment goals, as reviewed in session: " + "; ".join(
        f'"{goal}" - client: "{said}"' for goal, said, _ in found)


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
                     risky=lambda text: False, assessed: Sequence[str] | None = None) -> list[tuple[str, str, list[int]]]:
    """(kind, text, cited lines) for the Assessment: the course of each rating asked more than once,
    and the triggers the client described. ``said``: the rule lines already made (text, cited lines);
    a trigger answer already quoted is left out. ``assessed``: the texts of those lines that stand in
    the Assessment (None: all of ``said``); a course whose numbers one of them already gives is left
    out. The Objective listing the same answers among the work done does not: it says what was asked,
    the course which way it went (the response to the intervention)."""
    found: list[tuple[str, str, list[int]]] = []
    courses = new_courses(rating_courses(utterances), [text for text, _ in said] if assessed is None else list(assessed))
    if courses:
        found.append(("stage", rating_courses_sentence(courses), sorted({i for c in courses for i in c.evidence})))
    cited = {i for _, ids in said for i in ids}
    learned = [t for t in learning_answers(utterances, risky) if t[1][-1] not in cited]
    if learned:
        found.append(("stage", learning_sentence(learned), sorted({i for _, ids in learned for i in ids})))
    reviewed = [t for t in goals_reviewed(utterances, risky) if t[2][-1] not in cited]
    if reviewed:
        found.append(("stage", goals_reviewed_sentence(reviewed), sorted({i for *_, ids in reviewed for i in ids})))
    barriers = [t for t in barriers_said(utterances, risky) if t[1][-1] not in cited]
    if barriers:
        found.append(("stage", barriers_sentence(barriers), sorted({i for _, ids in barriers for i in ids})))
    triggers = [t for t in triggers_reported(utterances, risky) if t[1][-1] not in cited]
    if triggers:
        found.append(("stage", triggers_reported_sentence(triggers), sorted({i for _, ids in triggers for i in ids})))
    onsets = [t for t in onsets_reported(utterances, risky) if t[1][-1] not in cited]
    if onsets:
        found.append(("stage", onsets_sentence(onsets), sorted({i for _, ids in onsets for i in ids})))
    return found
