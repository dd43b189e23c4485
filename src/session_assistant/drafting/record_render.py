"""Render a therapy note from the session record, by rule: each slot's facts go to the one part of
the format where that rubric item belongs (homework given to the Plan, homework reviewed to the
Subjective), each fact is stated once across the whole note, and an empty slot writes nothing.

The model wrote each fact as a short sentence; here it is checked as a whole draft's sentences are
(therapy voice, numbers nobody said, risk statements withheld for the clinician), and the
transparent rule lines (interventions, stage of change, chart facts) join it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Sequence

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.draft_result import Draft, DraftSentence
from session_assistant.drafting.fact_lines import RULE_FACT, fact_lines
from session_assistant.drafting.formats import NOT_DISCUSSED, NoteFormat
from session_assistant.drafting.grounding import SourceIndex, content_words, numbers_in
from session_assistant.drafting.record_extract import FACT_MAX_CHARS
from session_assistant.drafting.repetition import KeptSentence, clean_loop, finished, is_unfinished, repeated_sentence
from session_assistant.drafting.risk import RiskItem, mentions_risk
from session_assistant.drafting.risk_note import risk_line_at, risk_sentences
from session_assistant.drafting.therapy_checks import INVENTED_VALUE, therapy_checked
from session_assistant.drafting.slot_evidence import NEGATION_LOST, UNLABELLED, fitting_slot, negation_lost
from session_assistant.drafting.session_facts import Intervention, detect_interventions
from session_assistant.drafting.session_record import QUOTE_SLOT, SLOT_BY_KEY, SessionRecord, SlotFact
from session_assistant.drafting.therapy_voice import therapy_voice
from session_assistant.drafting.wording import clinical_wording, quote_ends_sentence

# SOAP part -> the format's section, with the slots that sit elsewhere in that format.
PART_SECTIONS: dict[str, dict[str, str]] = {
    "soap": {"subjective": "subjective", "objective": "objective", "assessment": "assessment", "plan": "plan"},
    "dap": {"subjective": "data", "objective": "data", "assessment": "assessment", "plan": "plan"},
    "birp": {"subjective": "behavior", "objective": "behavior", "assessment": "response", "plan": "plan"},
    "girp": {"subjective": "response", "objective": "response", "assessment": "response", "plan": "plan"},
}
SLOT_SECTIONS: dict[str, dict[str, str]] = {
    "birp": {"activities": "intervention"},
    "girp": {"activities": "intervention", "goals": "goals", "concern": "goals"},
}
# Which slot claims a fact the model put in two slots: the specific one ("homework") before the
# general ones ("account", "response"), so homework given is never filed as the client's response.
# The Plan's slots claim first: they come from the pass over the lines where the plan is made, so
# a new plan the window pass misfiled as "homework review" is stated once, in the Plan.
CLAIM_ORDER = ("homework", "safety_plan", "next_session", "referrals", "plan_changes", "planned_interventions",
               "homework_review", QUOTE_SLOT, "measures", "observations", "activities", "concern", "goals", "history",
               "triggers", "account", "symptoms", "response", "progress")
WITHHELD_FLAGS = INVENTED_VALUE
PLAN_SLOTS = [key for key, slot in SLOT_BY_KEY.items() if slot.part == "plan"]
_LEADING_PRONOUN = re.compile(r"^(?:He|She)\b(?=\s+\w+(?:ed|s)\b)")
_INSTRUMENT = re.compile(r"\b[A-Z][A-Z0-9-]{2,}\b")


def slot_section(fmt: NoteFormat, slot_key: str) -> str:
    part = SLOT_BY_KEY[slot_key].part
    return SLOT_SECTIONS.get(fmt.key, {}).get(slot_key) or PART_SECTIONS.get(fmt.key, PART_SECTIONS["soap"])[part]


def fact_sentence(slot_key: str, fact: SlotFact, labelled: bool = True) -> str:
    """The note's sentence for a fact: the slot's lead-in, then the fact; a quote in quotation marks."""
    label = SLOT_BY_KEY[slot_key].label if labelled else ""
    if slot_key == QUOTE_SLOT:
        return f'{label}"{fact.text.strip().strip(chr(34))}"'
    text = _LEADING_PRONOUN.sub("Client", clinical_wording(_without_own_label(slot_key, " ".join(fact.text.split()))))
    if len(text) >= FACT_MAX_CHARS - 4 and not text.endswith((".", "!", "?", '"')):
        # The length limit cut the fact: keep its complete sentences, or let is_unfinished drop it.
        end = max(text.rfind(". "), text.rfind("? "), text.rfind("! "))
        text = text[:end + 1] if end >= 20 else text.rstrip(" ,;:") + " and"
    return label + finished(text)


def _without_own_label(slot_key: str, text: str) -> str:
    """The fact without a copy of its slot's name, which the label says already: the model wrote
    "homework: please skills" and "next session: next Monday at four" (04), read "Homework: homework: ..."."""
    names = {slot_key.replace("_", " "), SLOT_BY_KEY[slot_key].label.strip().rstrip(":").lower()} - {""}
    pattern = r"^(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")s?\s*:\s*"
    stripped = re.sub(pattern, "", text, flags=re.I)
    return stripped[:1].upper() + stripped[1:] if stripped != text else text


def _scores(text: str) -> set[tuple[str, str]]:
    """(instrument, number) pairs a sentence states, e.g. ("AUDIT", "17")."""
    return {(name, n) for name in _INSTRUMENT.findall(text) for n in numbers_in(text)}


def _restates_chart_scores(text: str, chart_scores: set[str]) -> bool:
    """A score sentence whose every number the chart's measures line already gives: "Client scored
    38 today. When clinician and client started it was 49." beside "SPIN total 38 ...; 49" (10)."""
    said = numbers_in(text)
    return bool(said) and said <= chart_scores and bool(re.search(r"\bscor|" + _INSTRUMENT.pattern, text, re.I))


_SCORE_BY_TIME = re.compile(r"\b(?:\d+|one|two|three|four|five|six|a few|several)\s+(?:days?|weeks?|months?|years?)\s+"
                            r"(?:lower|higher|less|more|better|worse|up|down)\b", re.I)
_SCORE_COMPARED = re.compile(r"\b(\d+)\b[^.\d]*?\b(lower|less|higher|more)\s+than\b[^.\d]*?\b(\d+)\b", re.I)
GARBLED_SCORE = "garbled_score"


def garbled_score(text: str) -> bool:
    """A score sentence that measures a score in time or compares it the wrong way: "a PHQ-9 score of
    19, which is three weeks lower than the previous score of 13" (09, record draft; line 10: "Your
    score is 19. Three weeks ago it was 13."). The chart's measures line states the scores."""
    if not re.search(r"\bscor|" + _INSTRUMENT.pattern, text, re.I):
        return False
    if _SCORE_BY_TIME.search(text):
        return True
    compared = _SCORE_COMPARED.search(text)
    if compared is None:
        return False
    first, last = int(compared.group(1)), int(compared.group(3))
    lower = compared.group(2).lower() in ("lower", "less")
    return (first > last) if lower else (first < last)


def check_fact(text: str, section: str, source: SourceIndex, interventions: Sequence[Intervention] = (),
               chart: ChartContext | None = None, evidence: Sequence[int] = (),
               pronouns: str | None = None) -> tuple[str, list[str], bool]:
    """(text, flags, withhold) for one model-written fact, with the checks a drafted sentence gets:
    a number, feeling or intervention the session does not support withholds it."""
    text, loop = clean_loop(text)
    flags = [loop] if loop else []
    written = text
    voice = therapy_voice(text, section, source, objective_key=None, report_key=None, plan_key=None,
                          evidence=evidence, pronouns=pronouns)
    text, flags = voice.text, flags + voice.flags
    text, invented = therapy_checked(text, source, interventions, chart, source.valid_ids(evidence), written=written,
                                     pronouns=pronouns)
    flags += source.unsupported(text) + invented
    withhold = voice.withhold or any(f.startswith(WITHHELD_FLAGS) for f in flags)
    if mentions_risk(re.sub(r'"[^"]*"', " ", text)) or (mentions_risk(text) and '"' in text):
        flags.append("risk_statement:withheld")
        withhold = True
    return text, flags, withhold


def render_note(fmt: NoteFormat, record: SessionRecord, source: SourceIndex, risk: Sequence[RiskItem], *,
                model: str, chart: ChartContext | None = None, subject: str = "client",
                warnings: Sequence[str] = (), pronouns: str | None = None) -> Draft:
    """The note as a Draft: rule lines and slot facts, each in its section, each stated once."""
    # A goal is addressed when a fact of the record rests on lines naming its topic.
    support = [(f.text, f.evidence) for key in record.slots if key != QUOTE_SLOT for f in record.facts(key)
               if not f.by_rule]
    rules, facts = fact_lines(fmt, source, chart, subject, support, plan_said=False, pronouns=pronouns)  # the record has its Plan
    facts["record"] = record.to_dict()
    kept: list[KeptSentence] = [KeptSentence(r.section, r.text, content_words(r.text)) for r in rules]
    stated_scores = {pair for r in rules for pair in _scores(r.text)}
    chart_scores = {number for _, number in stated_scores}
    placed: dict[str, list[tuple[int, DraftSentence]]] = {key: [] for key in fmt.keys}
    withheld: list[DraftSentence] = []
    dropped: list[DraftSentence] = []
    render_rank = {key: n for n, key in enumerate(SLOT_BY_KEY)}
    speakers = bool(source.utterances and source.utterances[0].speaker)
    interventions = detect_interventions(source.utterances) if speakers else []
    plan_evidence = {i for key in PLAN_SLOTS for f in record.facts(key) if not f.by_rule for i in f.evidence}
    # Last session's homework is reviewed before the new work; a "review" resting on the second
    # half of the session is this session's plan misfiled (03, record after1: lines 60-62 of 89),
    # and goes to the Plan as homework.
    ids = sorted(source.by_id)
    review_until = ids[len(ids) // 2] if ids else 0
    for claimed in CLAIM_ORDER:
        for fact in record.facts(claimed):
            slot_key = claimed
            if claimed == "homework_review" and plan_evidence & set(fact.evidence):
                # The lines where this session's plan is made are not last session's homework: the
                # window pass filed the new plan (or a referral) as a review (sessions 02 and 03).
                dropped.append(DraftSentence(slot_section(fmt, claimed), fact_sentence(claimed, fact),
                                             list(fact.evidence), ["repeats:plan"]))
                continue
            if claimed == "homework_review" and min(fact.evidence) > review_until:
                slot_key = "homework"
            fitted = fitting_slot(slot_key, fact, source)
            slot_key = fitted or slot_key
            section = slot_section(fmt, slot_key)
            sentence = fact_sentence(slot_key, fact, labelled=fitted != UNLABELLED)
            if is_unfinished(sentence):
                dropped.append(DraftSentence(section, sentence, list(fact.evidence), ["unfinished"]))
                continue
            text, flags, withhold = check_fact(sentence, section, source, interventions, chart, fact.evidence, pronouns)
            if not fact.by_rule and negation_lost(fact.text, fact, source):
                flags, withhold = flags + [NEGATION_LOST], True
            if withhold:
                withheld.append(DraftSentence(section, text, list(fact.evidence), flags))
                continue
            if not fact.by_rule and garbled_score(text):
                dropped.append(DraftSentence(section, text, list(fact.evidence), [GARBLED_SCORE]))
                continue
            bag = content_words(re.sub(r"^[A-Z][\w' ]{0,30}: ", "", text))
            # A fact moved to another slot joins facts of that kind: "Client stopped for a whole
            # month" (03, moved to History) is two thirds of the History line already there.
            repeat = repeated_sentence(bag, kept, contained=0.6 if fitted != claimed else 0.8) if bag else None
            scores = _scores(text)
            if repeat is None and _restates_chart_scores(text, chart_scores):
                repeat = KeptSentence(slot_section(fmt, "measures"), "", set())
            if repeat is not None or (scores and scores & stated_scores and slot_key != "measures"):
                where = repeat.section if repeat else "measures"
                dropped.append(DraftSentence(section, text, list(fact.evidence), [f"repeats:{where}"]))
                continue
            kept.append(KeptSentence(section, text, bag))
            stated_scores |= scores
            origin = ("rule", [RULE_FACT]) if fact.by_rule else ("model", [])
            placed[section].append((render_rank[slot_key],
                                    DraftSentence(section, text, list(fact.evidence), flags + origin[1], origin[0])))
    by_section: dict[str, list[DraftSentence]] = {
        key: [s for _, s in sorted(placed[key], key=lambda pair: pair[0])] for key in fmt.keys}
    for line in rules:
        by_section[line.section].append(line)
    # What risk was asked and answered, documented by rule from the classified lines; nothing when
    # the session has none (the risk list is the clinician's review, the note says what was said).
    if risk:
        planned = {i for s in by_section.get(slot_section(fmt, "homework"), []) for i in s.evidence}
        for line in risk_sentences(fmt.key, fmt.risk_section, source.utterances, risk, subject, planned):
            by_section[line.section].insert(risk_line_at(by_section[line.section], line, fmt.risk_section), line)
    sentences: list[DraftSentence] = []
    for key in fmt.keys:
        sentences += by_section[key] or [DraftSentence(key, NOT_DISCUSSED, [], [], "system")]
    sentences = [replace(s, text=quote_ends_sentence(s.text)) for s in sentences]
    return Draft(fmt, sentences, list(risk), withheld, list(warnings), model, "record", dropped=dropped, facts=facts)
