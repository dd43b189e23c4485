"""Facts a model sentence of a therapy note carries, checked against the transcript lines it cites.

Read in drafts of sessions nobody tuned on (issue 16, sessions 13-18), the 1.5B model's own
sentences put a word from elsewhere into a fact: "alcohol" for cannabis (alcohol came up once, as a
trigger), "using ... for the past 3 years" (the three years were when his brother quit), "a low
EPDS score of 16 out of 20" (20 was a date), "drugs" in a session with no substance at all, "it
didn't work" where the client's urge fell from six to two. Each of those words or spans is said in
the session or nowhere; none is said where the sentence points. So for the few kinds of word that
carry a fact a clinician would sign (a substance, a span of time with its number, a frequency, a
failed outcome) the word, or one of its own forms, must stand in the cited lines or near them
(``AROUND_LINES``, ``PAIR_LINES``). A sentence without valid citations is checked against the whole
session, so that a weaker check still holds it.

Each check returns what it found unsupported; ``claim_support`` turns that into a withholding flag.
"""

from __future__ import annotations

import re
from typing import Iterable

from session_assistant.drafting.grounding import SourceIndex, numbers_in
from session_assistant.drafting.vocabulary import QUOTED_SPAN

# The model often cites a line beside the one that holds the fact (a question, the clinician's
# reflection, a line a few turns on), so a word is looked for within ``AROUND_LINES`` of a cited line;
# a number and its unit asked in one line and answered in the next ("how many times a day?"
# "Around twenty-five") may stand apart, in one cited line and the lines beside it (``PAIR_LINES``).
AROUND_LINES = 10
PAIR_LINES = 1
UNCITED_SUBSTANCE = "uncited_substance"
UNCITED_SPAN = "uncited_span"
UNCITED_FREQUENCY = "uncited_frequency"
UNSAID_FAILURE = "unsaid_failure"

_QUOTED = QUOTED_SPAN


def near_text(source: SourceIndex, evidence: Iterable, lines: int = AROUND_LINES) -> str:
    """The cited lines and ``lines`` either side, as one text; all lines when none is valid."""
    near = source.around(evidence, lines)
    return "\n".join(source.by_id[i].text for i in near) if near else source.text


def _said(stems: Iterable[str], text: str) -> bool:
    low = " ".join(text.lower().split())
    return any(re.search(r"\b" + stem, low) for stem in stems)


# --- substances ------------------------------------------------------------------------------------
# A substance named in a note must be the one the cited lines speak of, in any of its everyday names;
# "substance" or "drugs" alone needs some substance named there. Stems match at a word start.
_SUBSTANCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"alcohol\w*|drinking(?! (?:water|coffee|tea|juice|soda|milk|caffeine|energy))|drunk|booze|beers?|wine|liquor|vodka|"
     r"whiske?y", (
        "alcohol", "drink", "drank", "drunk", "booze", "beer", "wine", "liquor", "vodka", "whisk", "pint", "shots?\\b",
        "hungover", "hangover", "tipsy", "bottle")),
    (r"cannabis|marijuana|weed|thc", ("cannabis", "marijuana", "weed", "pot\\b", "thc", "smok", "high\\b",
                                           "joint", "blunt", "edible", "bake", "hits?\\b", "stoned", "dab")),
    (r"cocaine|heroin|opioids?|opiates?|fentanyl|meth(?:amphetamine)?|amphetamines?|benzodiazepines?|benzos?|mdma|ecstasy",
     ("cocaine", "coke\\b", "crack", "heroin", "opioid", "opiate", "fentanyl", "meth", "amphetamine", "speed\\b", "benzo",
      "xanax", "valium", "mdma", "ecstasy", "molly", "pills")),
    (r"nicotine|cigarettes?|tobacco|vap(?:e|es|ing)", ("nicotine", "cigarette", "tobacco", "vap", "smok", "fag", "pack")),
)
# Not "use" or "clean" alone: "use the calendar", "clean the kitchen" name no substance (46).
_ANY_SUBSTANCE = tuple(s for _, stems in _SUBSTANCES for s in stems) + ("drug", "substance", "sober", "relapse", "lapse",
                                                                        "craving")
_GENERIC_SUBSTANCE = re.compile(r"\b(?:drugs?|substances?(?: use| abuse)?|recreational)\b", re.I)


def uncited_substances(text: str, near: str) -> list[str]:
    """Substance words of ``text`` that the lines in ``near`` do not speak of."""
    plain = _QUOTED.sub(" ", text)
    found = []
    for pattern, stems in _SUBSTANCES:
        for match in re.finditer(r"\b(?:%s)\b" % pattern, plain, re.I):
            if not _said(stems, near):
                found.append(match.group(0).lower())
    for match in _GENERIC_SUBSTANCE.finditer(plain):
        if not _said(_ANY_SUBSTANCE, near):
            found.append(match.group(0).lower())
    return list(dict.fromkeys(found))


# --- a span of time or a count, with its number ------------------------------------------------------
_NUMBER = (r"\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
           r"sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred")
_UNIT = r"minutes?|hours?|days?|nights?|weeks?|months?|years?|times|sessions?"
# An age ("a 34-year-old", "11 weeks old") is the age checks' (``wording.without_invented_ages``), not a span.
# "four and a half months" is a span too (45: "on the ward for four and a half months", said of the time since).
_SPAN = re.compile(r"\b((?:%s)(?:[- ](?:%s))?)(?P<half> and a half)?[- ](%s)\b(?![- ]old)" % (_NUMBER, _NUMBER, _UNIT), re.I)
_VAGUE_SPAN = re.compile(r"\b(?:the past|the last|for)\s+(?:few|several|couple of|many)\s+(%s)\b" % _UNIT, re.I)
_OUT_OF = re.compile(r"\bout of\s+(%s)\b" % _NUMBER, re.I)


# Spoken spans a note writes with a number: "a couple of years ago" is "two years", "half an hour"
# is "thirty minutes", "an hour" is "one hour", "a fortnight" is "two weeks".
_SPOKEN = ((r"\bhalf an hour\b", "thirty minutes"), (r"\ban hour and a half\b", "ninety minutes"),
           (r"\ba fortnight\b", "two weeks"), (r"\ba couple(?: of)?\b", "two"),
           (r"\ba dozen\b", "twelve"), (r"\b(?:an|a|one) (?=(?:whole |full )?(?:%s)\b)" % _UNIT, "one "),
           (r"\btwice\b", "two times"), (r"\bonce\b", "one time"))


def _spoken(text: str) -> str:
    for pattern, number in _SPOKEN:
        text = re.sub(pattern, number, text, flags=re.I)
    return text


def _unit_stem(unit: str) -> str:
    unit = unit.lower()
    return unit if unit == "times" else unit.rstrip("s")


def _numbers(said: str) -> set[str]:
    """The numbers of a run like "two, three" or "four or five" each on its own, and as one
    ("twenty-five")."""
    found = numbers_in(said)
    for piece in re.split(r"[,]|\bor\b|\bto\b|\band\b", said):
        found |= numbers_in(piece)
    return found


def _span_said(number: str, unit: str, around: str, pairs: list[str], half: bool = False) -> bool:
    """The same number stands before the same unit in ``around`` ("eight years"), or the number
    and the unit both stand in one of ``pairs`` (asked and answered: "how many times?" "Like forty.")."""
    wanted = numbers_in(number)
    stem = _unit_stem(unit)
    for match in re.finditer(r"((?:(?:%s)[-, ]+(?:and |or |to )?){1,3})(?:(?:more|of|a|an|whole|full|half)\s+){0,2}%s"
                             % (_NUMBER, stem), around, re.I):
        if _numbers(match.group(1)) & wanted and (not half or "half" in match.group(0).lower()):
            return True
    return any(wanted & _numbers(pair) and re.search(r"\b" + stem, pair, re.I) and (not half or "half" in pair.lower())
               for pair in pairs)


# A scale the session uses ("zero to ten", "out of ten", "on a scale of ten").
_SCALE_SAID = r"(?:out of|zero to|0 to|0-|scale of|scale to)\s*(?:a\s+)?(%s)\b" % _NUMBER


def _scale_said(number: str, around: str, session: str) -> bool:
    wanted = numbers_in(number)
    return bool(wanted & _numbers(around)) or any(numbers_in(m.group(1)) & wanted
                                                   for m in re.finditer(_SCALE_SAID, session, re.I))


def uncited_spans(text: str, around: str, pairs: list[str], session: str) -> list[str]:
    """Spans ("8 years", "2 weeks", "out of 20", "the past few weeks") of ``text`` whose number and
    unit the lines ``around`` its citations do not say together (nor one of its ``pairs``); the
    top of a scale ("out of 20") is either said there or is a scale the session uses."""
    plain = _QUOTED.sub(" ", text)
    around, pairs = _spoken(around), [_spoken(pair) for pair in pairs]
    found = [m.group(0) for m in _SPAN.finditer(plain)
             if not _span_said(m.group(1), m.group(3), around, pairs, bool(m.group("half")))]
    found += [m.group(0) for m in _VAGUE_SPAN.finditer(plain)
              if not re.search(r"\b" + _unit_stem(m.group(1)), around, re.I)]
    found += [m.group(0) for m in _OUT_OF.finditer(plain) if not _scale_said(m.group(1), around, session)]
    return list(dict.fromkeys(found))


# --- a frequency -------------------------------------------------------------------------------------
# "a history of frequent verbal warnings" where one warning was given (the first in twenty years):
# a frequency word states a fact of its own, so the cited lines must say something like it.
_FREQUENCY: tuple[tuple[str, tuple[str, ...]], ...] = (
    (r"frequent(?:ly)?|repeatedly|numerous|recurr\w+", (
        "frequen", "often", "lots of times", "all the time", "again", "times\\b", "every\\b", "always", "constant",
        "repeat", "multiple", "many", "several", "couple of", "daily", "most days", "most nights")),
    # "daily life", "daily activities" name no frequency.
    (r"daily(?! (?:life|lives|living|activities|activity|routines?|functioning|tasks|chores|responsibilities|"
     r"schedule|stressors?|demands))|every day|each day|nightly|every night", (
        "daily", "every\\b", "each day", "each night", "a day", "a night", "per day", "always", "most days", "most nights",
        "nightly")),
    (r"always|constantly|all the time", ("always", "constant", "all the time", "every\\b", "never", "each time", "whenever")),
)


def uncited_frequencies(text: str, near: str) -> list[str]:
    """Frequency words of ``text`` that the lines in ``near`` give nothing like."""
    plain = _QUOTED.sub(" ", text)
    return list(dict.fromkeys(m.group(0).lower() for pattern, stems in _FREQUENCY
                              for m in re.finditer(r"\b(?:%s)\b" % pattern, plain, re.I) if not _said(stems, near)))


# --- an outcome turned into a failure -------------------------------------------------------------
# "They used ice and the butterfly ..., but it didn't work" where the urge went from six to two (15);
# "but they didn't use their skills" where the client told her mother "But I used my skills". A
# failure, or a task not done, must be said as one in the cited lines or beside them.
_FAILED = re.compile(r"\b(?:(?:did not|didn't|does not|doesn't|was not|wasn't|were not|weren't|had not|hadn't)\s+"
                     r"(?:really\s+|even\s+)?(?:work|help|effective|successful|succeed|complete|completed|do|done|"
                     # "did not use cannabis" is abstinence, not a failure: only a skill or tool not used counts.
                     r"(?:use|used|practi[cs]e|try|tried)\s+(?:their|his|her|the|any|a|these|those)\s+(?:[\w-]+\s+)?"
                     r"(?:skills?|strateg\w+|tools?|techniques?|coping|exercises?|plan|breathing))|to no avail|"
                     r"without success|unsuccessful(?:ly)?|failed to)\b", re.I)
_FAILURE_SAID = re.compile(r"(?:\b(?:not|never|no)\b|n't\b)[^.?!]{0,25}\b(?:work|help|success|succeed|effective|use|"
                           r"practi|try|tri|complet|do\b|did\b|done|get (?:to|round|around)|manage)|"
                           r"\b(?:nothing|no use|useless|pointless|fail|gave up|give up|couldn't|could not|worse|forgot|"
                           r"skipp|missed)|"
                           # "Did it help?" "Not really." The question holds the verb, the answer the "no".
                           r"\b(?:help|work)\w*[^\n?]*\?\s*\n\s*(?:no|nope|not really|not much|not at all|meh)\b", re.I)


def unsaid_failure(text: str, near: str) -> str | None:
    """The failure ``text`` reports ("it didn't work", "didn't use their skills") when the lines in
    ``near`` say nothing of one."""
    match = _FAILED.search(_QUOTED.sub(" ", text))
    if match is None or _FAILURE_SAID.search(near):
        return None
    return match.group(0).lower()


def uncited_facts(text: str, source: SourceIndex, evidence: Iterable = (), chart_text: str = "") -> list[str]:
    """Every flag above ``text`` earns against the lines it cites and the chart's text (the last
    plan's "next session in two weeks" is a fact a sentence may carry); each withholds it."""
    around = near_text(source, evidence) + "\n" + chart_text
    pairs = [near_text(source, [seg], PAIR_LINES) for seg in source.valid_ids(evidence)] or [source.text]
    flags = [f"{UNCITED_SUBSTANCE}:{w}" for w in uncited_substances(text, around)]
    flags += [f"{UNCITED_SPAN}:{w}" for w in uncited_spans(text, around, pairs + [chart_text],
                                                         source.text + "\n" + chart_text)]
    flags += [f"{UNCITED_FREQUENCY}:{w}" for w in uncited_frequencies(text, around)]
    failure = unsaid_failure(text, "\n".join(pairs))
    if failure:
        flags.append(f"{UNSAID_FAILURE}:{failure}")
    return flags


WITHHOLDING = (UNCITED_SUBSTANCE, UNCITED_SPAN, UNCITED_FREQUENCY, UNSAID_FAILURE)
