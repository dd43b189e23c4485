"""What a client's answer to a risk screen says beyond its yes or no: that the risk lies in the past, and
whether a yes endorses an active or a passive wish.

Why: "Any urges to hurt yourself now?" - "No. Not since I was twenty." was listed and written as
"self-harm denied", when the client told past self-harm and denied it now; the note must say both
("current self-harm denied; past self-harm reported"), in the client's words. And a yes to "have you
been thinking about killing yourself?" was written "suicidal ideation endorsed" like a yes to "do you
ever wish you weren't here?": the clinician needs the kind.

The words that place a finding in the past are shared with ``risk_note`` (which writes an endorsement
told in the past as "past ..., reported"). A "last time" only days ago ("Not since Sunday") denies no
current risk: the answer is left for the clinician (answer unclear).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from session_assistant.drafting.risk_choice import asks_passive
from session_assistant.drafting.risk_words import PASSIVE_SI, RISK_RULES, SCREENING_TOPICS
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import LEADING_STAGE_DIRECTION
from session_assistant.drafting.wording import split_sentences

# "In the past fortnight, ...?" asks about now (a questionnaire's span), not a time gone
_RECENT_SPAN = r"(?!,? (?:few |two |three |couple of |\d+ )?(?:days?|weeks?|fortnight|month)\b)"
_AGE = r"(?:(?:twenty|thirty|forty|fifty)(?:[- ]\w+)?|\w+teen|\d{1,2})"
# The client places the thoughts or acts in the past ("I used to ...", "not since I was twenty", "years ago").
IN_THE_PAST = re.compile((r"\b(?:i|we) used to\b|\bused to (?:do|cut|hurt|harm|burn|happen|be (?:what|how|when) i)\b|"
                          r"\bnot since\b|\bback then\b|\bin the past\b%s|\b(?:years?|months?) ago\b|"
                          r"\ba (?:long|good) (?:time|while) ago\b|\bnot for (?:years|ages|a long time|a (?:good |long )?while|"
                          r"(?:\w+ )?(?:months|years))\b|\byears back\b|\bthe last time was\b|\bsince I was\b|"
                          r"\blast (?:winter|spring|summer|fall|autumn|year)\b|\bin my (?:teens|twenties|thirties)\b|"
                          r"\bwhen I was (?:younger|a kid|a child|little|a teen\w*|%s|at (?:school|uni\w*|college)|"
                          r"in (?:school|college|year \w+))\b") % (_RECENT_SPAN, _AGE), re.I)
# ... or the answer tells of a time gone ("There were a few weeks where I thought ..."), or the question
# asked about one ("during that bad winter in college, did you ever ...").
TIME_GONE = re.compile(r"^\s*there (?:were|was) (?:a few |some |a couple of |a )?(?:weeks?|days?|months?|times?|"
                       r"period|stretch|while)\b", re.I)
PAST_QUESTION = re.compile((r"\bduring that\b|\bback then\b|\bat that time\b|\bin college\b|\bwhen you were\b|"
                            r"\bin the past\b%s|\bthat (?:winter|spring|summer|fall|autumn|year|time)\b") % _RECENT_SPAN, re.I)
# A last time only days ago: "Not since Sunday", "the last time was last week".
_DAYS = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_RECENT = re.compile(r"\b(?:not since|the last time was|last time was)\s+(?:on |last |this |the )?(?:%s|yesterday|weekend|"
                     r"week|night|morning|(?:a |one |two |three |four |five |six |a few |a couple of )?(?:days?|nights?) ago|"
                     r"earlier)\b" % _DAYS, re.I)
# Beside a no, the past is told bare ("Not since I was twenty.", "That was years ago.", "I used to, but ...") or with
# the risk's own words: "No. I used to play rugby." tells a pastime, no past risk.
_BARE_PAST = re.compile(r"^\W*(?:(?:but|well|and|no|oh),?\s+)*(?:not (?:since|for)|nothing like|(?:the )?last time|that was|"
                        r"(?:only )?(?:back )?(?:then|when)|when I was|a long time ago|years ago|I used to(?:,|\.| but| when| back| years)|"
                        r"there (?:were|was))(?!\w)", re.I)
_DENIES = re.compile(r"^\s*(?:no|nope|nah|never|not|none)\b", re.I)
# "It was never that, even back then.": the past named to deny it too
_NEVER_THEN = re.compile(r"\bnever\b|\beven (?:back )?then\b", re.I)

_SUICIDE_KINDS = {"suicidal_ideation", "self_harm"}
_PAST_KINDS = ("self_harm", "suicidal_ideation")
# A question about ending one's life; "not just wishing you weren't here" contrasts the passive wish, asks not about it.
_ACTIVE_ASK = re.compile(r"\b(?:kill(?:ing)? yourself|end(?:ing)? your (?:own )?life|suicid\w*|take your (?:own )?life)\b", re.I)
_CONTRASTED = re.compile(r"\b(?:not just|rather than|not only|more than just)\b[^?.!]*", re.I)


def told_in_the_past(answer: str, question: str = "") -> str:
    """The client's words that place the finding in the past ("Not since I was twenty."), "" for none."""
    said = LEADING_STAGE_DIRECTION.sub("", answer)
    match = IN_THE_PAST.search(said) or TIME_GONE.search(said)
    sentence = _sentence_with(said, match.group(0)) if match else ""
    return "" if _NEVER_THEN.search(sentence) else sentence


def _sentence_with(text: str, words: str) -> str:
    """The sentence of ``text`` that holds ``words`` (the list quotes it whole; the note shortens it)."""
    # each sentence apart, "No." too: "No. Not since I was twenty." quotes the past, the no is the denial's
    return next((s for s in re.split(r"(?<=[.!?])\s+", " ".join(text.split())) if words.lower() in s.lower()), words)


def before_the_past(answer: str, past: str) -> str:
    """The answer's words before the sentence that tells the past ("No." of "No. Not since I was twenty."): what
    denies the current risk; the whole answer when the past comes first."""
    said = " ".join(LEADING_STAGE_DIRECTION.sub("", answer).split())
    at = said.find(past.split(" ... ")[0])
    return said[:at].strip() if at > 0 else said


def _names_risk(words: str) -> bool:
    return any(re.search(p, words, re.I) for c in _PAST_KINDS for p in RISK_RULES[c])


def past_label(item, question: str = "") -> str:
    """The note's words for the past an item tells: the kind its words name ("I used to cut", "I sometimes wished I
    wouldn't wake up"), else the kind the question recalls ("you told me about cutting yourself when ..."), else
    each kind the screen asked about ("past self-harm or suicidal ideation")."""
    told = [c for c in _PAST_KINDS if any(re.search(p, item.past, re.I) for p in RISK_RULES[c])]
    if told == ["suicidal_ideation"] and any(re.search(p, item.past, re.I) for p in PASSIVE_SI):
        return f"passive {item.words('suicidal_ideation')}"
    recalled = [c for c in _PAST_KINDS for sentence in split_sentences(question) if not sentence.rstrip().endswith("?")
                for p in SCREENING_TOPICS[c] if re.search(p, sentence, re.I)]
    kinds = told or recalled[:1] or [c for c in (item.categories or [item.category]) if c in _PAST_KINDS] or [item.category]
    return " or ".join(dict.fromkeys(item.words(c) for c in kinds))


def last_time_recent(answer: str) -> bool:
    """True when the answer's last time was only days ago ("No. Not since Sunday night.")."""
    return bool(_RECENT.search(answer))


def asks_active_only(question: str) -> bool:
    """True when a question asks about ending one's life and not about a passive wish."""
    asked = _CONTRASTED.sub("", question)
    return bool(_ACTIVE_ASK.search(asked)) and not asks_passive(asked)


def with_what_was_told(items: Sequence, lines: Sequence[Utterance], denied: str, endorsed: str, unclear: str) -> list:
    """The items of suicide and self-harm screens with the past the client told (``past``), a recent last time
    left unclear, and a yes to an active-only question marked ``active``."""
    by_id = {u.id: u for u in lines}
    out = []
    for item in items:
        answer, question = by_id.get(item.segment_id), by_id.get(item.evidence[0]) if len(item.evidence) > 1 else None
        if (item.status == unclear and answer is not None and question is not None
                and set(item.categories or [item.category]) & _SUICIDE_KINDS):
            # "Me? Um. I used to. When I was fourteen, till about fifteen or sixteen." (unseen 112): no yes, no no,
            # a past told bare: past risk reported, for the clinician as the client put it
            past = told_in_the_past(answer.text)
            bare = past and _BARE_PAST.search(past) and not _DENIES.search(LEADING_STAGE_DIRECTION.sub("", answer.text))
            out.append(replace(item, status=endorsed, past=past) if bare and not last_time_recent(answer.text) else item)
            continue
        if answer is None or not set(item.categories or [item.category]) & _SUICIDE_KINDS or item.status not in (denied, endorsed):
            out.append(item)
            continue
        if question is None:  # the client's own words, no question: "I used to think everyone would be better off"
            told = _sentence_with(LEADING_STAGE_DIRECTION.sub("", answer.text), item.phrase)
            past = item.status == endorsed and IN_THE_PAST.search(told) and not _NEVER_THEN.search(told)
            out.append(replace(item, past=told) if past else item)
            continue
        if item.status == denied and last_time_recent(answer.text):
            out.append(replace(item, status=unclear))
            continue
        past = told_in_the_past(answer.text)
        if item.status == endorsed and past and _DENIES.search(LEADING_STAGE_DIRECTION.sub("", answer.text)):
            # "No. None. Not since the first month. I said I sometimes wished I wouldn't wake up.": the wish told is the past
            words = _sentence_with(answer.text, item.phrase)
            past = past if words in past or words == item.phrase else f"{past} ... {words}"
            out.append(replace(item, status=denied, detail="", past=past))
            continue
        if item.status == denied:
            # a past told beside the no: "No. Not since I was twenty." (the no must begin the answer)
            bare = past and (_BARE_PAST.search(past) or _names_risk(past))
            out.append(replace(item, past=past) if bare and _DENIES.search(LEADING_STAGE_DIRECTION.sub("", answer.text)) else item)
            continue
        if not past and PAST_QUESTION.search(question.text):  # "during that winter, did you ...?" - "Yes. A few times."
            past = " ".join(LEADING_STAGE_DIRECTION.sub("", answer.text).split())
        if not item.detail and item.category == "suicidal_ideation" and not past and asks_active_only(question.text):
            item = replace(item, detail="active")
        out.append(replace(item, past=past) if past else item)
    return out
