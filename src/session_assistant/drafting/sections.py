"""Section-by-section generation with a token budget that never silently empties or cuts a section,
and the assembly of generated sentences into a grounded, risk-screened Draft."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from typing import Callable

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.claim_support import REPORT_AS_OBSERVATION, report_as_observation
from session_assistant.drafting.model_observation import MODEL_OBSERVATION, SEEN_ONLY, model_observation
from session_assistant.drafting.draft_result import Draft, DraftSentence
from session_assistant.drafting.fact_lines import RULE_FACT, fact_lines
from session_assistant.drafting.measures_said import SCORES_LINE
from session_assistant.drafting.length_limit import unglued
from session_assistant.drafting.formats import NOT_DISCUSSED, SENTENCE_MAX_CHARS, NoteFormat, Section
from session_assistant.drafting.json_salvage import salvage_items
from session_assistant.drafting.grounding import SourceIndex, content_words, numbers_in
from session_assistant.drafting.note_model import NoteModel
from session_assistant.drafting.plan_said import PLAN_RULE_OPENINGS, retells_plan
from session_assistant.drafting.questionnaire_read import QUESTIONNAIRE_ITEM, questionnaire_lines, retells_items
from session_assistant.drafting.read_aloud import READ_ALOUD_RETOLD, retells_read_aloud
from session_assistant.drafting.questionnaire_read import items_read as questionnaire_items
from session_assistant.drafting.repetition import (CROSS_PART_RUN, GARBLED, KeptSentence, clean_loop, finished,
                                                   garbled_sentences, is_unfinished, repeated_sentence,
                                                   repeats_topic_frame, retells_same_lines, shares_run)
from session_assistant.drafting.risk import RiskItem, mentions_risk
from session_assistant.drafting.risk_findings import risk_summary
from session_assistant.drafting.risk_note import means_plan_line, risk_line_at, risk_sentences
from session_assistant.drafting.formulation_shared import FORMULATION_OPENING
from session_assistant.drafting.session_done import RETOLD_OPENINGS, retells_done
from session_assistant.drafting.sentence_shape import struck_shape
from session_assistant.drafting.subjective_retold import (JUDGEMENT_REMOVED, subjective_without_retelling,
                                                          without_unsaid_verdict)
from session_assistant.drafting.session_facts import detect_interventions
from session_assistant.drafting.therapy_checks import CAUSE_CUT, INVENTED_VALUE, therapy_checked
from session_assistant.drafting.therapy_voice import follows_report, therapy_voice
from session_assistant.drafting.told_by_clinician import told_by_clinician
from session_assistant.drafting.typed_check import checked_slots, merged_risk, typed_lines
from session_assistant.drafting.typed_slots import parsed as typed_parsed
from session_assistant.drafting.wording import clinical_wording, split_sentences, without_invented_ages, quote_ends_sentence
from session_assistant.jobs.progress import CancelToken

log = logging.getLogger(__name__)

RawSentence = dict  # {"text": str, "evidence": [int]} as the model wrote it
AGE_REMOVED = "age_removed"  # kept, flagged: the guessed age was taken out, the clinician adds the real one
ECHO = "echoes_instructions"  # withheld too: the prompt's own list read back as a finding
INCOMPLETE = "Not drafted: the model could not complete this section within its length limit; please write it."


def incomplete_marker() -> RawSentence:
    """Stands in for a section whose generation failed: never shown as "Not discussed in session."."""
    return {"text": INCOMPLETE, "evidence": [], "system": True}


def generate_section(model: NoteModel, messages: list[dict], section: Section, schema_for: Callable[[int], dict],
                     *, cancel: CancelToken | None = None, on_token: Callable[[int], None] | None = None,
                     budget: int | None = None) -> tuple[list[RawSentence], str | None]:
    """Generate one section's sentences. Returns (sentences, warning or None).

    A length stop or invalid JSON triggers one retry asking for half as many sentences with a
    larger budget; if that fails too, the complete sentences already written are kept and the
    warning says so. The caller turns an empty result into "Not discussed in session.".
    """
    budget = budget or section.max_tokens
    attempts = [(section.max_sentences, budget), (max(2, section.max_sentences // 2), int(budget * 1.5))]
    best: list[RawSentence] = []
    for number, (max_items, max_tokens) in enumerate(attempts, 1):
        asked = [*messages[:-1], {"role": "user",
                                  "content": messages[-1]["content"].replace(
                                      f"at most {section.max_sentences} sentences", f"at most {max_items} sentences")}]
        gen = model.generate_json(asked, schema_for(max_items), max_tokens, cancel=cancel, on_token=on_token)
        if gen.finish_reason != "length":
            try:
                return list(json.loads(gen.text).get("sentences", [])), None
            except (ValueError, AttributeError):
                pass
        log.info("section %s attempt %d ended %s after %d tokens", section.key, number, gen.finish_reason, gen.tokens)
        kept = [obj for _, obj in salvage_items(gen.text)]
        if len(kept) > len(best):
            best = kept
    return best, (f"{section.title}: the model hit its length limit twice; {len(best)} complete sentence(s) "
                  "kept. Review this section.")


def complete_sentence(text: str) -> tuple[str, bool]:
    """A sentence the length limit cut off is trimmed back to its last complete sentence; with
    none, it is kept, marked with an ellipsis, and reported as cut (True) for the clinician."""
    if len(text) < SENTENCE_MAX_CHARS - 4 or text.endswith((".", "!", "?", '"', ")")):
        return text, False
    end = max(text.rfind(". "), text.rfind("? "), text.rfind("! "))
    if end >= 20:
        return text[:end + 1], False
    return text.rstrip(" ,;:-") + "…", True


def join_continuations(items: list[RawSentence]) -> list[RawSentence]:
    """Rejoin a sentence the length limit split across two items: the second starts in lower case
    (or with a letter or two like "s orders.") right after a first that did not end a sentence."""
    joined: list[RawSentence] = []
    for item in items:
        text = str(item.get("text", "")).strip()
        previous = joined[-1] if joined else None
        if (previous is not None and not previous.get("system") and text[:1].islower()
                and not str(previous["text"]).rstrip().endswith((".", "!", "?"))):
            glue = "" if re.match(r"^[a-z]{1,2}\b", text) and str(previous["text"]).endswith("'") else " "
            previous["text"] = str(previous["text"]).rstrip() + glue + text
            previous["evidence"] = list(previous.get("evidence") or []) + list(item.get("evidence") or [])
            continue
        joined.append(dict(item))
    return joined


def one_sentence_each(items: list[RawSentence]) -> list[RawSentence]:
    """Split items holding several sentences (the model often packs two or three into one) so
    each sentence is checked, de-duplicated and flagged on its own; each keeps the item's evidence.
    An item the length limit cut off loses its unfinished tail first (``complete_sentence``)."""
    split: list[RawSentence] = []
    for item in items:
        if item.get("system"):
            split.append(item)
            continue
        text, cut = complete_sentence(clinical_wording(" ".join(str(item.get("text", "")).split())))
        parts = [part for part in split_sentences(text) if part]
        split.extend({**item, "text": part, "cut": cut and n == len(parts) - 1, "goes_on": n > 0} for n, part in enumerate(parts))
    return split


_INSTRUMENT = re.compile(r"\b[A-Z][A-Z0-9-]{2,}\b")




def stated_scores(text: str) -> set[tuple[str, str]]:
    """(instrument, number) pairs a sentence states, e.g. ("PHQ-9", "19"); the 9 of "PHQ-9" is a name."""
    names = _INSTRUMENT.findall(text)
    return {(name, n) for name in names for n in numbers_in(_INSTRUMENT.sub(" ", text))}


HEADING_MAX_WORDS = 4
_PROMPT_NOUNS = {"client", "clinician", "chart", "session", "note"}


def echoes_instructions(bag: set[str], instructions: set[str], source: SourceIndex) -> bool:
    """True when a sentence is mostly words of the section's instructions that nobody said, as in
    "No changes in appearance, affect, speech, examination findings, vital signs or lab results.":
    a small model reads its checklist back as a normal finding, which the note must never invent."""
    echoed = {w for w in bag & instructions if w not in source.vocab}
    # ... or a heading of the instructions read back as a sentence: "The client's response to the
    # interventions.", "Readiness for change.", "The client's chart." (48's Assessment), with no finding in it.
    # A sentence mostly of the session's own words is a finding, however short ("Lungs are clear to
    # auscultation.", the medical voice's instructions name lungs and auscultation).
    words = bag - _PROMPT_NOUNS
    heading = (0 < len(bag) <= HEADING_MAX_WORDS and bag <= instructions | _PROMPT_NOUNS
               and len(words - source.vocab) >= 0.5 * len(words))
    return heading or (len(echoed) >= 3 and len(echoed) >= 0.4 * len(bag))


def plan_without_retelling(plan: list[DraftSentence], dropped: list[DraftSentence]) -> list[DraftSentence]:
    """The Plan with each model sentence that retells a Plan rule line (the homework or next visit
    quoted from the session) moved to ``dropped``: a fact is said once, in the clinician's words."""
    rule_texts = [s.text for s in plan if s.origin == "rule" and s.text.startswith(PLAN_RULE_OPENINGS)]
    next_known = any(t.startswith("Next session: ") for t in rule_texts)
    kept: list[DraftSentence] = []
    for sentence in plan:
        if sentence.origin == "model" and retells_plan(sentence.text, rule_texts, next_known):
            dropped.append(DraftSentence(sentence.section, sentence.text, sentence.evidence, ["repeats:plan_rule"]))
            continue
        kept.append(sentence)
    return kept


def without_done_retold(by_section: dict[str, list[DraftSentence]],
                        dropped: list[DraftSentence]) -> dict[str, list[DraftSentence]]:
    """Each part with the model sentences that retell a quoting rule line (the clinician's summary
    of what was done today, the client's goals) moved to ``dropped``, in whatever part they stand."""
    rule_texts = [s.text for part in by_section.values() for s in part if s.origin == "rule"
                  and s.text.startswith(RETOLD_OPENINGS) and not s.text.startswith(FORMULATION_OPENING)]
    if not rule_texts and not any(s.text.startswith(FORMULATION_OPENING) for part in by_section.values() for s in part):
        return by_section
    kept: dict[str, list[DraftSentence]] = {}
    for key, part in by_section.items():
        kept[key] = []
        beside = [s.text for s in part if s.origin == "rule"]
        # the formulation retold in its own part; the client's symptoms it sums up stay the Subjective's
        own = [t for t in beside if t.startswith(FORMULATION_OPENING)]
        for sentence in part:
            if sentence.origin == "model" and retells_done(sentence.text, rule_texts + own, beside):
                dropped.append(DraftSentence(sentence.section, sentence.text, sentence.evidence, ["repeats:rule_line"]))
                continue
            kept[key].append(sentence)
    return kept


# Per format: the section whose reported statements move out (and where to), the plan section, and
# the assessment (with all four known, a sentence written in the wrong part moves: ``placement``).
VOICE_SECTIONS = {"soap": ("objective", "subjective", "plan", "assessment")}
UNFINISHED = "unfinished"
QUESTION = "question"


def assemble(fmt: NoteFormat, raw: dict[str, list[RawSentence]], source: SourceIndex, risk: list[RiskItem], *,
             model: str, mode: str, warnings: list[str], allow_risk_from_source: bool = False,
             subject: str = "patient", chart: ChartContext | None = None, pronouns: str | None = None,
             typed: dict | None = None) -> Draft:
    """Ground, flag and screen raw sentences into a Draft; a section with nothing says so.

    Risk policy: sentences the model wrote about suicide, self-harm, harm to others, abuse or
    neglect are withheld from the note (listed in ``Draft.withheld``); instead the format's risk
    section gets a fixed sentence built from the transcript's risk items (what was screened, what
    was denied or endorsed) for the clinician to document.
    In enhancement (``allow_risk_from_source``) the clinician's own risk statements stay, flagged.

    Invention policy: a sentence with a number or dose the source never states (a follow-up
    interval, a score, a dose the model filled in), or one that reads the section's instructions
    back as a finding (``echoes_instructions``), is withheld too, with its flags, so the
    clinician sees it beside the draft but the note never asserts it. The one exception is a guessed
    age ("a 55-year-old male"): only the age is taken out, and the sentence is kept, flagged.

    Nothing said twice: a sentence repeating one already in the note (any section) is dropped and
    listed in ``Draft.dropped`` with the section it repeats; so is an unfinished sentence. A loop
    inside a sentence ("X and X") is said once. For a "client" note the therapy voice applies too
    (``therapy_voice``), and rule lines (interventions, stage of change, chart facts) are added.
    The medical voice ("patient") keeps a lone repeat rather than leave its section empty, and
    keeps a sentence the length limit cut, marked with an ellipsis and flagged. Callers pass the
    ``subject``; the default is the medical voice, whose rules this function had first.
    ``typed``: the kept output of the typed-slot request (``typed_slots``); its slots that pass
    ``typed_check`` add homework, interventions and risk screens the rules did not find.
    """
    pronouns = pronouns or (chart.pronouns if chart is not None else None) or None  # the CLI's chart may carry them alone
    therapy = subject == "client" and mode != "enhance"
    voice_keys = VOICE_SECTIONS.get(fmt.key, (None, None, "plan", None))
    # A goal is addressed when the model's own sentences rest on lines naming its topic.
    support = [(str(i.get("text") or ""), source.valid_ids(i.get("evidence") or []))
               for items in raw.values() for i in items if not i.get("system")]
    rules, facts = fact_lines(fmt, source, chart, subject, support, pronouns=pronouns) if mode != "enhance" else ([], {})
    speakers = bool(source.utterances and source.utterances[0].speaker)
    interventions = detect_interventions(source.utterances) if therapy and speakers else []
    items_read = questionnaire_lines(source.utterances) if therapy and speakers else set()
    read_items = questionnaire_items(source.utterances) if items_read else []
    slots = checked_slots(typed_parsed(typed), source) if therapy and speakers and typed else []
    risk = merged_risk(risk, slots, source) if slots else risk
    if slots:
        facts = {**facts, "typed_slots": [s.to_dict() for s in slots]}
    by_section: dict[str, list[DraftSentence]] = {key: [] for key in fmt.keys}
    withheld: list[DraftSentence] = []
    dropped: list[DraftSentence] = []
    kept: list[KeptSentence] = []  # across sections: a fact belongs to the first section that states it
    scores_said: set[tuple[str, str]] = set()  # a score is stated once (09 said "PHQ-9 13 to 19" four times)
    for rule in rules:  # a score the rule quotes in Objective (as said, or the chart's), each name with its own number
        scores_said |= {p for part in rule.text.split(";") for p in stated_scores(part)} if SCORES_LINE.match(rule.text) else set()
    for sec in fmt.sections:
        repeated: list[RawSentence] = []  # written here but already stated in an earlier section
        instructions = content_words(" ".join(p.guidance for p in fmt.passes if p.key == sec.key))
        items = one_sentence_each(join_continuations(unglued(raw.get(sec.key, []), source.text)))
        if therapy:  # "asked a the pond", "had a dishes" and the list loop around it: dropped, said why
            bad = garbled_sentences([str(i["text"]) for i in items], source.vocab)
            dropped += [DraftSentence(sec.key, str(items[n]["text"]), list(items[n].get("evidence") or []),
                                      [f"{GARBLED}:{why}"]) for n, why in bad.items()]
            items = [i for n, i in enumerate(items) if n not in bad]
        report: str | None = None  # the last sentence moved out of Objective as a report, for the next of its item
        while items:
            item = items.pop(0)
            if item.get("system"):
                by_section[sec.key].append(DraftSentence(sec.key, str(item["text"]), [], ["section_incomplete"], "system"))
                continue
            text, guessed_ages = without_invented_ages(item["text"], source.numbers)
            text, loop = clean_loop(text)
            cut, home = item["cut"], sec.key
            flags = [loop] if loop else []
            if (cut and therapy) or (not cut and is_unfinished(text)):
                dropped.append(DraftSentence(sec.key, text, list(item.get("evidence") or []), [UNFINISHED]))
                continue
            if therapy and text.rstrip().endswith("?"):  # the clinician's "Is that right?" copied: a note asks nothing
                dropped.append(DraftSentence(sec.key, text, list(item.get("evidence") or []), [QUESTION]))
                continue
            shape = struck_shape(text) if therapy else None
            if shape:  # "No. Never.", "In a good way.", "hours being about ...": no sentence a note says
                dropped.append(DraftSentence(sec.key, text, list(item.get("evidence") or []), [shape]))
                continue
            text = text if cut else finished(text)
            if therapy:
                voice = therapy_voice(text, sec.key, source, objective_key=voice_keys[0], report_key=voice_keys[1],
                                      plan_key=voice_keys[2], evidence=source.valid_ids(item.get("evidence") or []),
                                      pronouns=pronouns, assessment_key=voice_keys[3])
                report = follows_report(voice, sec.key, report if item.get("goes_on") else None,
                                        objective_key=voice_keys[0], report_key=voice_keys[1])
                text, home, flags = voice.text, voice.section or sec.key, flags + voice.flags
                if voice.withhold:
                    withheld.append(DraftSentence(home, text, source.ground_evidence(text, item.get("evidence") or []),
                                                  flags))
                    continue
            invented: list[str] = []
            if therapy:
                if home == voice_keys[1]:  # the client's account carries no verdict nobody voiced
                    text, judged = without_unsaid_verdict(text, source)
                    flags += [JUDGEMENT_REMOVED] if judged else []
                text, invented = therapy_checked(text, source, interventions, chart,
                                                 source.valid_ids(item.get("evidence") or []),
                                                 written=str(item["text"]), pronouns=pronouns)
                if home == voice_keys[1]:  # the clinician's words given to the client as a report
                    # read against the lines the sentence rests on: the model cites its window's lines
                    invented += told_by_clinician(text, source,
                                                  source.ground_evidence(text, item.get("evidence") or []))
                if home == voice_keys[0] and report_as_observation(text, source, source.ground_evidence(text, item.get("evidence") or [])):
                    invented.append(REPORT_AS_OBSERVATION)  # the week told as the clinician's finding
                if (home == voice_keys[0] or (home == voice_keys[3] and "observ" in text.lower())
                        or (home == voice_keys[1] and SEEN_ONLY.search(text))):
                    invented += [f"{MODEL_OBSERVATION}:{w}" for w in model_observation(text, source)]
            bag = content_words(text) | (content_words(str(item["text"])) if any(f.startswith(CAUSE_CUT) for f in invented) else set())
            if len(text) < 8 or not bag:
                continue
            repeat = repeated_sentence(bag, kept)
            evidence = source.ground_evidence(text, item.get("evidence") or [])
            grounded = frozenset(evidence) if therapy else frozenset()
            if therapy and repeat is None:  # a clause carried into the next sentence of the same part
                # the same lines retold in other words are a repeat in any part: the first part keeps it
                repeat = next((k for k in kept if (k.section == home and shares_run(text, k.text))
                               or repeats_topic_frame(text, k, home)
                               or retells_same_lines(text, grounded, k) or shares_run(text, k.text, CROSS_PART_RUN)), None)
            scores = stated_scores(text) if therapy else set()
            if therapy and scores and scores <= scores_said and repeat is None:
                dropped.append(DraftSentence(home, text, list(item.get("evidence") or []), ["repeats:score"]))
                continue
            scores_said |= scores
            if repeat is not None and not item.get("keep"):
                if therapy:
                    dropped.append(DraftSentence(home, text, list(item.get("evidence") or []),
                                                 [f"repeats:{repeat.section}"]))
                    continue
                repeated.append(item)
                if not items and repeated and not by_section[sec.key]:
                    items.append({**repeated[0], "keep": True})  # never "Not discussed" for a repeat
                continue
            if not therapy:
                kept.append(KeptSentence(home, text, bag))
            flags += (source.unsupported(text) + ([] if evidence else ["ungrounded"]) + (["cut_short"] if cut else [])
                      + [f"{AGE_REMOVED}:{age}" for age in guessed_ages])
            flags += invented
            if (evidence and set(evidence) <= items_read) or (read_items and retells_items(text, source.utterances, read_items)):
                flags.append(QUESTIONNAIRE_ITEM)  # an item read aloud retold as a finding
            if therapy and home == voice_keys[3] and any(retells_read_aloud(said, source.utterances)
                                                         for said in (text, str(item["text"]))):
                flags.append(READ_ALOUD_RETOLD)  # a letter read in session copied as the analysis
            if echoes_instructions(bag, instructions, source):
                flags.append(ECHO)
            sentence = DraftSentence(home, text, evidence, flags)
            if (any(flag.startswith(INVENTED_VALUE) for flag in flags) or ECHO in flags or QUESTIONNAIRE_ITEM in flags
                    or READ_ALOUD_RETOLD in flags):
                withheld.append(sentence)
                continue
            if mentions_risk(text):
                if not allow_risk_from_source:
                    sentence.flags.append("risk_statement:withheld")
                    withheld.append(sentence)
                    continue
                sentence.flags.append("risk_statement:review")
            if therapy:
                # Only what the note says counts as said: a withheld sentence ("a score of five", the
                # partner's) must not make the true one after it ("a score of six") a repeat.
                kept.append(KeptSentence(home, text, bag, grounded))
            by_section[home].append(sentence)
    for line in rules:
        by_section[line.section].append(line)
    for line in typed_lines(fmt.key, slots, by_section, source, pronouns):
        by_section[line.section].append(line)
    if therapy:
        by_section[voice_keys[2]] = plan_without_retelling(by_section[voice_keys[2]], dropped)
        by_section = without_done_retold(by_section, dropped)
        if voice_keys[1]:
            by_section[voice_keys[1]] = subjective_without_retelling(by_section[voice_keys[1]],
                                                                     by_section[voice_keys[2]], dropped, source)
    # What risk was asked and answered, documented by rule from the classified lines; nothing when
    # the session has none (the risk list is the clinician's review, the note says what was said).
    # A clinician's own note (enhance) keeps the pointer: its lines are not a dialogue to quote.
    if risk and mode == "enhance":
        by_section[fmt.risk_section].append(DraftSentence(fmt.risk_section, risk_summary(risk, subject),
                                                          sorted({r.segment_id for r in risk}),
                                                          ["clinician_review_required"], "system"))
    if risk and therapy and speakers:
        means = means_plan_line(source.utterances, risk, subject)  # the client's steps, said once: in the Plan
        if means:
            by_section[voice_keys[2]].append(DraftSentence(voice_keys[2], means[0], means[1], [RULE_FACT], "rule"))
    if (risk or (therapy and speakers)) and mode != "enhance":
        planned = {i for s in by_section.get("plan", []) for i in s.evidence}
        for line in risk_sentences(fmt.key, fmt.risk_section, source.utterances, risk, subject, planned):
            by_section[line.section].insert(risk_line_at(by_section[line.section], line, fmt.risk_section), line)
    sentences: list[DraftSentence] = []
    for key in fmt.keys:
        sentences += by_section[key] or [DraftSentence(key, NOT_DISCUSSED, [], [], "system")]
    sentences = [replace(s, text=quote_ends_sentence(s.text)) for s in sentences]
    # A model caught in a loop writes the same sentence many times: list each drop once, and each
    # withheld one (a withheld sentence is not said, so its copies are withheld, not dropped as repeats).
    dropped = list({(s.section, s.text): s for s in dropped}.values())
    withheld = list({(s.section, s.text): s for s in withheld}.values())
    return Draft(fmt, sentences, risk, withheld, warnings, model, mode, dropped=dropped, facts=facts)
