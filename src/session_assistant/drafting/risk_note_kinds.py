"""The note's facts of the risk list's kinds that ``risk_note``'s item loop does not word: acting on the
thoughts and the means asked after a screen (``risk_after_screen``), and an obsession the list reads as
intrusive. Apart from ``risk_note`` so that module stays the one that decides where each fact goes."""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.risk import DENIED, ENDORSED, INTRUSIVE, RiskItem, is_clinician
from session_assistant.drafting.risk_after_screen import KIND_WORDS, MEANS, PLAN, RATING, SAFETY_STEPS
from session_assistant.drafting.risk_asked_again import how_framed
from session_assistant.drafting.risk_follow_ups import quote
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import split_sentences


def after_screen_facts(items: Sequence[RiskItem], by_id: dict, add) -> set[tuple[int, int]]:
    """Acting on the thoughts asked after a screen, as its own kind with the client's answer ("acting on the
    thoughts denied ("No. Never.")"); returns the question-answer pairs used, which the follow-up readers leave
    alone (one line, one fact: "Did you act on it?" - "No." is not also "intent denied")."""
    used: set[tuple[int, int]] = set()
    for item in items:
        if item.category not in KIND_WORDS or item.category == SAFETY_STEPS or item.segment_id not in by_id:
            continue
        if item.category in (MEANS, PLAN, RATING):
            continue  # the follow-up readers name the means and the plan (a rating is the list's); ``_means_answered`` keeps what they cannot
        used.add((item.evidence[0], item.evidence[-1]))
        name, words = KIND_WORDS[item.category], quote(by_id[item.segment_id].text)
        if item.status == DENIED:
            add(f"{name}:denied", f"{name} denied ({words})", item.evidence)
        elif item.status == ENDORSED:
            add(f"{name}:reported", f"{name} reported ({words})", item.evidence)
        else:
            add(f"{name}:asked", f"{name} asked about, client answered ({words})", item.evidence)
    return used


def means_answered(items: Sequence[RiskItem], by_id: dict, said: dict, put_away: list[list[int]]) -> None:
    """The means asked after a screen, as the list reads the answer: "No. I've got the amitriptyline ..." names
    means, so the note quotes it ("access to means asked about, client answered (...)"), never "access to means
    denied"; a means question the readers missed is documented the same way."""
    for item in items:
        if item.category != MEANS or item.segment_id not in by_id or by_id[item.segment_id].text.rstrip().endswith("?"):
            continue  # "Today?" asks back: no answer to document
        if item.evidence in put_away or any(ids == item.evidence for key, (_, ids) in said.items() if key != "means"):
            continue  # "I could give it to Jess" (the Plan's step), "I took the twelve-bore up" (preparation) say it
        words = _with_use_denied(by_id[item.segment_id].text)
        fact = (f"access to means denied ({words})" if item.status == DENIED
                else f"access to means asked about, client answered ({words})")
        earlier = said.get("means")
        # a later answer that names means ("There's a box of co-codamol") is never hidden by an earlier "No."
        if earlier is None or (item.status != DENIED and earlier[0].startswith("access to means denied")):
            said["means"] = (fact, item.evidence)


# "There are. They're in the box ... I do the doses. I've never, I've not thought about them like that.": what the client
# says of using them is the answer's point, often past the quote's length
_USE_DENIED = re.compile(r"\b(?:never|not|n'?t)\b[^.!?]*\b(?:thought|considered|looked at|like that|that way|use|using)\b", re.I)


MEANS_QUOTE_WORDS = 35  # where the means are and what the client says of them, whole when short


def _with_use_denied(answer: str) -> str:
    if len(answer.split()) <= MEANS_QUOTE_WORDS:
        return f'"{" ".join(answer.split())}"'
    words = quote(answer)
    said = [s for s in split_sentences(" ".join(answer.split())) if _USE_DENIED.search(s)]
    if said and said[-1] not in words:
        words = words[:-1].removesuffix(" ...") + " ... " + said[-1] + '"'
    return words


def obsession_told(lines: Sequence[Utterance], items: Sequence[RiskItem], by_id: dict) -> tuple[str, str, list[int]] | None:
    """An obsession the risk list reads as intrusive (never intent): the Assessment's words for it, the
    client's account (the thought and their not wanting it, quoted) and its lines; None when none is listed."""
    told = [i for i in items if i.status == INTRUSIVE and i.segment_id in by_id]
    if not told:
        return None
    word, unwanted = how_framed(lines, is_clinician)
    thought = quote(by_id[told[0].segment_id].text, told[0].phrase)
    account = f"intrusive harm thoughts ({word}), told as a thought ({thought})"
    if unwanted is not None and unwanted.id != told[0].segment_id:
        account += f", unwanted ({quote(unwanted.text, 'want')})"
    ids = [told[0].segment_id] + ([unwanted.id] if unwanted is not None else [])
    return f"intrusive harm thoughts ({word}), ego-dystonic, not intent", account, ids
