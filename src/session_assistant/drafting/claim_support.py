"""Checks that a model sentence of a therapy note states only what the session supports, for the
kinds of claim the 1.5B model invents most (issue 16, read in the therapy set's drafts):

- an observation given to the clinician that the clinician never voiced ("The clinician observed
  that the client's mood was low": nobody spoke of mood);
- an absence asserted as a finding ("with no signs of anxiety": nobody said so);
- a review of homework from last time that neither the session nor the chart's last plan holds
  ("The homework from last time was to write down the safety plan": no homework was reviewed);
- a task the clinician will do stated as done ("The clinician wrote to Dr. Lee": asked permission to);
- another person's score given to the client (the partner's relationship score, in a couple session);
- access to means stated by the model ("access to firearms at home" where the client said "No guns"):
  the risk line documents it from the lines;
- the section's own instructions read back as a finding ("The clinician's assessment: the client's
  symptoms and any diagnosis named; triggers identified; ...");
- a substance, a span with its number, a scale's top, a frequency or a failure that the lines the
  sentence cites do not hold ("alcohol" for cannabis, "for the past 3 years"): ``cited_support``.

Each returns the flag that withholds the sentence (``sections.INVENTED_VALUE``): the clinician sees
it beside the note, the note never asserts it. Withholding, not rewriting: a rule cannot know what
the true sentence would have been. All of them read the transcript's own lines, never the model.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from typing import Sequence
from session_assistant.drafting.cited_support import WITHHOLDING as CITED_WITHHELD, uncited_facts
from session_assistant.drafting.event_days import WRONG_DAY, wrong_day_flags
from session_assistant.drafting.clinician_label import UNSAID_CLINICIAN_LABEL, unsaid_clinician_labels
from session_assistant.drafting.counted_events import STRAY_COUNT, WRONG_COUNT, stray_count_flags, wrong_count_flags
from session_assistant.drafting.measure_scores import WRONG_MEASURE, wrong_measures
from session_assistant.drafting.negated_act import NEGATED_ACT, negated_acts
from session_assistant.drafting.grounding import SourceIndex, content_stems, numbers_in, words
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.vocabulary import WEEKDAY

UNSAID_OBSERVATION = "unsaid_observation"
ASSUMED_ABSENCE = "assumed_absence"
UNSAID_HOMEWORK_REVIEW = "unsaid_homework_review"
PLANNED_AS_DONE = "planned_as_done"
SCORE_OF_OTHER = "score_of_other"
MEANS_STATEMENT = "risk_statement:means"
ECHOED_INSTRUCTIONS = "echoed_instructions"

# --- an observation given to the clinician -------------------------------------------------------
# The mental-status words a note uses for what the clinician saw; the claim stands only when the
# clinician's own lines use the word (or its stem): "you look tired", "your mood seems low", "I
# noticed you were tearful". The client's own "I feel low" is a report, not the clinician's finding.
_MSE_TERMS = ("mood", "affect", "appearance", "demeanou?r", "behaviou?r", "eye contact", "speech", "posture", "groom\\w*",
              "tearful", "teary", "psychomotor", "agitat\\w*", "restless\\w*", "withdrawn", "guarded", "flat", "blunted",
              "euthymic", "dysphoric", "irritable", "engaged", "attentive", "cooperative")
_OBSERVER = re.compile(r"\b(?:clinician|therapist|counsell?or)\b[^.;]{0,20}?\b(?:observed|noted|noticed|saw|"
                       r"(?:was|were) (?:observed|noted))\b|\b(?:was|were) observed\b|\bobserved to\b", re.I)
_APPEARED = re.compile(r"\b(?:client|he|she|they)\s+(?:appeared|presented as|presented with|seemed|looked)\s+(?:to be\s+)?"
                       r"(?:(?:very|quite|somewhat|slightly|more|less|a bit)\s+)?([a-z-]+)", re.I)
_MSE = re.compile(r"\b(?:%s)\b" % "|".join(_MSE_TERMS), re.I)
# Mood or affect stated in the note's own voice, with no observer named: a finding all the same (76).
_STATED = re.compile(r"\b(?:client'?s|their|his|her)\s+(?:mood|affect)\s+(?:was|were|is|seemed|appeared)\s+"
                     r"(?:(?:very|quite|somewhat|slightly|a bit)\s+)?([a-z-]+)(?:\s+and\s+([a-z-]+))?", re.I)


def _said_by_clinician(stem: str, source: SourceIndex) -> bool:
    pattern = re.compile(r"\b" + re.escape(stem), re.I)
    return any(pattern.search(u.text) for u in source.utterances if u.speaker and not is_client(u.speaker))


def unsaid_observation(text: str, source: SourceIndex) -> list[str]:
    """The mental-status words of a claimed observation that no clinician line uses."""
    if not (source.utterances and source.utterances[0].speaker):
        return []  # no speakers: whose words they were is unknown
    unsaid: list[str] = []
    if _OBSERVER.search(text):
        for match in _MSE.finditer(text):
            term = match.group(0).lower()
            if not _said_by_clinician(term.split()[0][:5], source):
                unsaid.append(term)
    for match in _APPEARED.finditer(text):
        state = match.group(1).lower()
        if len(state) > 3 and not _said_by_clinician(state[:5], source):
            unsaid.append(state)
    for match in _STATED.finditer(text):
        unsaid += [state.lower() for state in match.groups() if state and not _said_by_clinician(state[:5], source)]
    return list(dict.fromkeys(unsaid))


# --- the client's report given to the clinician as an observation -----------------------------------
# "The clinician noted that the client had been missing out on walking the dog" (24, where he walks the
# dog every morning): the Objective holds what was done and seen in the room; the client's week told
# as the clinician's finding is a report restated, and the small model's restatements invert the
# report as often as not. Past perfect or a time outside the session marks it.
REPORT_AS_OBSERVATION = "report_as_observation"
_OUTSIDE_SESSION = re.compile(r"\bhad (?:not |never |been |\w+ed\b)|\bhadn'?t\b|\b(?:this|last|past|previous) (?:week|weekend|month|night)\b"
                              r"|\bevery (?:day|morning|night|evening)\b|\bat home\b|\bsince (?:the|last|his|her|their)\b"
                              r"|\bon (?:" + WEEKDAY + r")\b", re.I)


# "The clinician observed that the client reported feeling anxious before work meetings" (the README's
# own session picture): what the client reported is a report whatever its tense, and Subjective holds it.
_OBSERVED_REPORT = re.compile(r"\b(?:observed|noted|noticed|saw)\b(?: that)? (?:the )?client (?:had )?(?:reported|said|stated|"
                              r"described|mentioned|shared|expressed|indicated|told|explained|complained)\b", re.I)


def report_as_observation(text: str, source: SourceIndex | None = None, evidence: Sequence[int] = ()) -> bool:
    """True when an observation given to the clinician states the client's life outside the session,
    or is itself the client's report: also when every line it cites is the client's own ("The clinician
    observed that the client was sad and nervous", citing two of the client's answers, 34; "noted that
    the client had a history of ...", 29): what the client said, not what the clinician saw."""
    if not _OBSERVER.search(text):
        return False
    cited = [source.by_id[i] for i in evidence if i in source.by_id] if source is not None else []
    return bool(_OUTSIDE_SESSION.search(text) or _OBSERVED_REPORT.search(text)
                or (cited and all(u.speaker and is_client(u.speaker) for u in cited)))


# --- a history nobody told ---------------------------------------------------------------------------
# "with a history of driving accidents" (20: one crash, "accident" never said), "a history of anger
# management issues" (18): the small model's stock phrase for a past it fills in. The history's own
# words (its nouns, by their first four letters) must be said in the session or the chart.
UNSAID_HISTORY = "unsaid_history"
_HISTORY = re.compile(r"\bhistory of ((?:[a-z-]+ ){0,3}?[a-z-]+)(?=\s+(?:in|at|with|since|for|and|which|that|who|when|,)|[.,;]|$)",
                      re.I)
_HISTORY_FILLER = {"a", "an", "the", "some", "any", "past", "previous", "prior", "recent", "repeated", "several", "frequent",
                   "occasional", "chronic", "long", "longstanding", "multiple", "his", "her", "their", "issues", "problems",
                   "difficulties", "episodes", "use"}


def unsaid_history(text: str, source: SourceIndex, chart_text: str = "") -> list[str]:
    """The head noun of a "history of ..." (its last word but filler: "heavy alcohol use" is alcohol)
    that neither the session nor the chart says; a note's heading "History of present illness" is none."""
    said = {w[:4] for w in words(source.text + " " + chart_text)}
    unsaid: list[str] = []
    for match in _HISTORY.finditer(text):
        if re.match(r"present illness", match.group(1), re.I):
            continue
        nouns = [w for w in match.group(1).lower().replace("-", " ").split() if w not in _HISTORY_FILLER and len(w) > 3]
        if nouns and nouns[-1][:4] not in said:
            unsaid.append(nouns[-1])
    return unsaid


# --- an absence asserted as a finding ----------------------------------------------------------
_ABSENCE = re.compile(r"\b(?:no|without (?:any )?|did not (?:show|display|exhibit|demonstrate) (?:any )?)\s*"
                      r"(?:(?:apparent|observable|obvious|visible|acute)\s+)?(?:signs?|evidence|indications?|symptoms?)\s+of\s+(\w+)",
                      re.I)


def assumed_absence(text: str, source: SourceIndex) -> list[str]:
    """What a sentence says there was no sign of, when nobody in the session said so: the words
    "sign(s) of", "evidence of" and the thing itself must stand together in one line."""
    found: list[str] = []
    for match in _ABSENCE.finditer(text):
        thing = match.group(1).lower()
        said = any(re.search(r"\b(?:signs?|evidence|indications?|symptoms?) of\b[^.?!]{0,30}\b" + re.escape(thing[:5]),
                             u.text, re.I) for u in source.utterances)
        if not said:
            found.append(thing)
    return found


# --- a homework review nobody held ----------------------------------------------------------------
_HOMEWORK = re.compile(r"\b(?:homework|assignment|assigned|practice|practise|worksheet|exercise)\b", re.I)
_BEFORE = re.compile(r"\b(?:last (?:time|session|week|visit)|previous (?:session|visit|week)|prior session|from before|"
                     r"since the last)\b", re.I)
# Lines where a session looks back at what was to be done: "you were going to", "how did the log go".
# "Homework" alone looks back only as a question ("And the homework?"): "not big homework" sets this week's (74).
_LOOKS_BACK = re.compile(r"\b(?:last (?:time|session|week)|since we (?:last )?(?:met|spoke)|you were going to|did you (?:get a "
                         r"chance|manage|try|do)|how did (?:the|your|it)|(?:homework|practice assignments?)(?=\s*\?))", re.I)
_GENERIC = content_stems("homework assignment assigned practice practise worksheet exercise last time session week "
                         "previous prior before since client clinician reported stated said complete completed done "
                         "did was were from task tasks given agreed")
REVIEW_SUPPORT_SHARE = 0.5
REVIEW_ANSWER_LINES = 3


def unsaid_homework_review(text: str, source: SourceIndex, last_plan: str = "") -> bool:
    """True when a sentence reviews homework from last time ("The homework from last time was to
    write down the safety plan") and fewer than half of its own words are in the chart's last plan
    or in the lines that look back (and the answers after them): no such review was held."""
    if not (_HOMEWORK.search(text) and _BEFORE.search(text)):
        return False
    specific = content_stems(text) - _GENERIC
    if not specific:
        return False
    lines = list(source.utterances)
    looked: set[str] = set()
    for n, utt in enumerate(lines):
        if _LOOKS_BACK.search(utt.text):
            for later in lines[n:n + 1 + REVIEW_ANSWER_LINES]:
                looked |= content_stems(later.text)
    looked |= content_stems(last_plan)
    return sum(w in looked for w in specific) < REVIEW_SUPPORT_SHARE * len(specific)


# --- a clinician's task stated as done -------------------------------------------------------------
# "The clinician wrote to Dr. Lee" where the clinician only asked "Would you be okay with me writing to
# Dr. Lee?": a task for after the session is not done. It stands when a clinician line says it was
# ("I wrote to her last week", "I've called the school").
# Only contact outside the room counts: "wrote to", "called the school", "sent an update", not what
# clinician and client did together in session ("Clinician and client wrote a safety plan").
_OUTSIDE = (r"(?:Dr\.?\s+[A-Z]\w*|[A-Z][a-z]+\b|(?:the|her|his|their|a) (?:\w+ )?(?:school|doctor|pharmacy|psychiatrist|"
            r"physician|GP|counsell?or|prescriber|teacher|team|clinic|office|nurse|social worker|lawyer|employer))")
_DONE_BY_CLINICIAN = re.compile(r"\b(?:clinician|therapist|counsell?or)\b(?! and)[^.;]{0,25}?\b(?:"
                                r"(?P<wrote>wrote)(?: (?:a|an|the) (?:short )?(?:letter|note|email|message|update|report))? to\b|"
                                r"(?P<called>called|phoned) " + _OUTSIDE + r"|"
                                r"(?P<sent>sent)(?: \w+)? (?:a |an |the )?(?:short )?(?:letter|note|email|update|referral|report|"
                                r"message|form|records?)\b|"
                                r"(?P<other>emailed|contacted|faxed|notified|referred)\b)", re.I)
_PAST_FORMS = {"wrote": "wr(?:ote|itten)", "called": "called", "phoned": "phoned", "sent": "sent", "emailed": "emailed",
               "contacted": "contacted", "referred": "referred", "faxed": "faxed", "notified": "notified"}


def planned_as_done(text: str, source: SourceIndex) -> str | None:
    """The verb of a clinician's action the sentence states as done when no clinician line says it
    was done ("I wrote", "I've called"), else None."""
    match = _DONE_BY_CLINICIAN.search(text)
    if match is None or not (source.utterances and source.utterances[0].speaker):
        return None
    verb = next(v for v in match.groupdict().values() if v).lower()
    said = re.compile(r"\bI(?:'ve| have| had|'d)?\s+(?:already\s+|just\s+)?" + _PAST_FORMS[verb] + r"\b", re.I)
    if any(said.search(u.text) for u in source.utterances if u.speaker and not is_client(u.speaker)):
        return None
    return verb


# --- another person's score given to the client ------------------------------------------------
# A joint session's chart lists a measure per person ("Relationship satisfaction (0-10), partner total
# 5"); "the client ... with a score of five out of ten" gives the partner's score to the client (06).
_OTHER_PERSON = r"partner|spouse|wife|husband|mother|father|parent|mom|dad|teen|child|son|daughter|sibling"
_PER_PERSON = re.compile(r"^(?P<name>.*?),?\s*\b(?P<who>client|%s)\s+total\s+(?P<score>\d+)\b" % _OTHER_PERSON, re.I)
_SCORE_CUE = re.compile(r"\b(?:score[ds]?|scored|rated|rating)\b", re.I)


def score_of_other(text: str, measures: Sequence[str]) -> str | None:
    """The person whose chart score a sentence about the client states, when the client's own score
    on that measure differs and the sentence does not name that person; else None."""
    if not _SCORE_CUE.search(text):
        return None
    stated = numbers_in(text)
    mine: set[str] = set()
    theirs: dict[str, str] = {}
    for measure in measures:
        match = _PER_PERSON.search(measure)
        if match is None:
            continue
        if match.group("who").lower() == "client":
            mine.add(match.group("score"))
        else:
            theirs.setdefault(match.group("score"), match.group("who").lower())
    for number, who in theirs.items():
        if number in stated and number not in mine and not re.search(r"\b(?:%s)" % _OTHER_PERSON, text, re.I):
            return who
    return None


# --- access to means, the risk line's -------------------------------------------------------------
# "They have also reported having access to firearms at home" (08, where the client said "No. No
# guns."): what was asked and answered about means is documented by the risk line from the lines
# themselves; a model sentence about it is withheld like any other risk statement.
_MEANS = re.compile(r"\baccess to (?:any |a |the )?(?:firearms?|guns?|weapons?|rifles?|lethal means)\b"
                    r"|\b(?:owns?|owned|ha(?:s|ve|d)) (?:any |a |an )?(?:firearms?|guns?|weapons?|rifles?)\b"
                    # "he had never used a weapon at home and ... never sold his hunting rifle" (he sold it)
                    r"|\b(?:used|sold|kept|bought|stored|carried) (?:any |a |an |the |his |her |their )?(?:\w+ )?"
                    r"(?:firearms?|guns?|weapons?|rifles?|shotguns?)\b", re.I)


# --- the instructions read back ---------------------------------------------------------------------
ECHO_RUN = 7  # words in a row: a sentence sharing this many with the prompt copied it


def _runs(text: str) -> set[tuple[str, ...]]:
    said = words(text)
    return {tuple(said[i:i + ECHO_RUN]) for i in range(len(said) - ECHO_RUN + 1)}


@lru_cache(maxsize=1)
def _instruction_texts() -> tuple[str, ...]:
    from session_assistant.drafting.formats import prompt_text  # the prompts are data (resources/)
    from session_assistant.paths import resource
    texts = [prompt_text(name) for name in ("draft_section", "draft_system", "goal_thread")]
    formats = json.loads(resource("prompts", "formats.json").read_text(encoding="utf-8"))
    return tuple(texts + [str(v) for spec in formats.values() for v in _strings(spec)])


@lru_cache(maxsize=1)
def _instruction_runs() -> frozenset:
    return frozenset(run for t in _instruction_texts() for run in _runs(t))


@lru_cache(maxsize=1)
def _instruction_sentences() -> frozenset:
    """Each whole sentence of the instructions, as its words: "Do not repeat the history." read back
    alone is shorter than a run."""
    return frozenset(tuple(words(s)) for t in _instruction_texts() for s in re.split(r"(?<=[.!?:])\s+", t)
                     if len(words(s)) >= 3)


def _strings(value) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def echoes_prompt(text: str, source: SourceIndex) -> bool:
    """True when a sentence copies seven or more words in a row from the drafting instructions, or is
    one of their sentences whole, and the transcript does not also say it."""
    copied = _runs(text) & _instruction_runs()
    if tuple(words(text)) in _instruction_sentences() and " ".join(words(text)) not in " ".join(words(source.text)):
        return True
    return bool(copied) and bool(copied - source.once(_source_runs))


def _source_runs(source: SourceIndex) -> frozenset:
    return frozenset(_runs(source.text))


# --- a referral nobody made ---------------------------------------------------------------------------
# "The client will be referred to Childline for further help." where the client only named Childline as
# someone he might tell (unseen 124): a referral stands only when a clinician's line speaks of one.
UNSAID_REFERRAL = "unsaid_referral"
_REFERRAL_CLAIM = re.compile(r"\b(?:referr(?:ed|al|ing)|refer)\b", re.I)
_REFERRAL_SAID = re.compile(r"\b(?:refer\w*|referral|put you in touch|sign ?post\w*)\b", re.I)


_REFERRED_TO = re.compile(r"\b(?:referr(?:ed|al|ing)|refer)\b(?: \w+)?(?: on)? to (?:the |a |an )?((?:[\w'-]+ ?){1,4})", re.I)


def unsaid_referral(text: str, source: SourceIndex) -> bool:
    """True when ``text`` states a referral that no clinician line of the session speaks of: none says
    "refer", and none names where to (the clinician's "The Blue Cross has a support line" is a resource
    given; the client's "Or Childline" is not)."""
    if not _REFERRAL_CLAIM.search(text):
        return False
    clinician = [u.text for u in source.utterances if u.speaker and not is_client(u.speaker)]
    if any(_REFERRAL_SAID.search(line) for line in clinician):
        return False
    target = _REFERRED_TO.search(text)
    named = {w for w in words(target.group(1)) if len(w) > 3} if target else set()
    # a referral line that names nowhere ("Referral: book a visit with his doctor") is the Plan's own label
    return bool(named) and not any(named & set(words(line)) for line in clinician)


# --- a figure of speech retold as a fact ------------------------------------------------------------
# "Dad nearly killed me." (about missing the bus) retold "his dad nearly killed him" reads as abuse in a
# note (unseen 124). The risk list reads the client's words; a model sentence with a hyperbole of killing
# is withheld (a real threat or harm is the risk rules' to write).
FIGURE_RETOLD = "figure_of_speech_retold"
_HYPERBOLE = re.compile(r"\b(?:nearly|almost|would(?: have)?|'d(?: have)?|could(?: have)?|will|'ll|going to|gonna|about to)"
                        r" (?:kill(?:ed)?|murder(?:ed)?|strangle[d]?)\b", re.I)


def unsupported_claims(text: str, source: SourceIndex, last_plan: str = "", measures: Sequence[str] = (),
                       evidence: Sequence[int] = ()) -> list[str]:
    """Every flag above that ``text`` earns (each withholds it); ``last_plan`` and ``measures``: the
    chart's (texts); ``evidence``: the lines the sentence cites, against which ``cited_support``
    checks the facts it carries (none: the whole session)."""
    flags = uncited_facts(text, source, evidence, "\n".join([last_plan, *measures]))
    flags += [f"{UNSAID_OBSERVATION}:{w}" for w in unsaid_observation(text, source)]
    flags += [f"{ASSUMED_ABSENCE}:{w}" for w in assumed_absence(text, source)]
    flags += [f"{UNSAID_HISTORY}:{w}" for w in unsaid_history(text, source, "\n".join([last_plan, *measures]))]
    if unsaid_homework_review(text, source, last_plan):
        flags.append(UNSAID_HOMEWORK_REVIEW)
    other = score_of_other(text, measures)
    if other:
        flags.append(f"{SCORE_OF_OTHER}:{other}")
    if _MEANS.search(text):
        flags.append(MEANS_STATEMENT)
    done = planned_as_done(text, source)
    if done:
        flags.append(f"{PLANNED_AS_DONE}:{done}")
    if echoes_prompt(text, source):
        flags.append(ECHOED_INSTRUCTIONS)
    if unsaid_referral(text, source):
        flags.append(UNSAID_REFERRAL)
    if _HYPERBOLE.search(text):
        flags.append(FIGURE_RETOLD)
    flags += [f"{UNSAID_CLINICIAN_LABEL}:{w}" for w in unsaid_clinician_labels(text, source)]
    flags += [f"{WRONG_MEASURE}:{pair}" for pair in wrong_measures(text, source, measures)]
    flags += negated_acts(text, source.utterances)
    return flags + wrong_day_flags(text, source) + wrong_count_flags(text, source) + stray_count_flags(text, source)


WITHHOLDING = (UNSAID_REFERRAL, FIGURE_RETOLD, UNSAID_OBSERVATION, REPORT_AS_OBSERVATION, UNSAID_HISTORY, ASSUMED_ABSENCE, UNSAID_HOMEWORK_REVIEW, PLANNED_AS_DONE, SCORE_OF_OTHER,
               MEANS_STATEMENT, ECHOED_INSTRUCTIONS, WRONG_DAY, UNSAID_CLINICIAN_LABEL, WRONG_COUNT, STRAY_COUNT, WRONG_MEASURE, NEGATED_ACT,
               *CITED_WITHHELD)
