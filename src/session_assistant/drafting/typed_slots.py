"""Typed slots the model fills, for a therapy note: the homework agreed, the interventions done and
the risk screens asked, each citing the transcript lines it rests on (issue 16).

Why: the phrase rules (``plan_said``, ``homework_agreed``, ``therapy_lexicon``, ``risk``) find what a
session says in the words they know and miss the same thing said otherwise (unseen sessions 25-29:
a school pickup agreed in back-and-forth, a DBT chain analysis, a violence screen). A 1.5B model
fills short typed slots far better than it writes prose; what it fills is never shown as written:
``typed_check`` keeps a slot only when the lines it cites bear it out.

One grammar-constrained request after the section requests, with the same system prompt and
transcript block as they have (``transcript_input.source_block``), so llama.cpp keeps the transcript
it has read and reads only the request. The evidence of each slot is an enum of line ids, as in
``record_extract.part_schema`` (a slot cannot cite a line that does not exist); an intervention can
cite only clinician lines, a screen's question only a clinician line and its answer only a client's.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Sequence

from session_assistant.drafting.formats import prompt_text
from session_assistant.drafting.json_salvage import salvage_items
from session_assistant.drafting.note_model import NoteModel
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.session_facts import INTERVENTIONS
from session_assistant.drafting.therapy_lexicon import WIDER_INTERVENTIONS
from session_assistant.drafting.transcript_input import Utterance, source_block
from session_assistant.jobs.progress import CancelToken

log = logging.getLogger(__name__)

TYPED_FORMAT = "session-assistant typed slots v1"
HOMEWORK_MAX, INTERVENTIONS_MAX, SCREENS_MAX = 3, 2, 2  # greedy decoding fills a list to its end (25: one screen three times)
TEXT_MAX_CHARS = 80
EVIDENCE_MAX = 3
OTHER = "other"
APPROACHES = tuple(a for a in (*INTERVENTIONS, *WIDER_INTERVENTIONS) if a != "homework review") + (OTHER,)
# The screen topics and the risk category (``risk.CATEGORY_WORDS``) each stands for.
TOPICS = {"suicidal ideation": "suicidal_ideation", "self-harm": "self_harm", "harm to others": "harm_to_others",
          "violence or safety at home": "abuse"}
ANSWERS = ("denied", "endorsed", "not clear")
LISTS = ("homework", "interventions", "risk_screens")
# Words that name each topic in a question, in other words than ``risk.SCREENING_TOPICS`` ("has
# anything got physical between you", 28; "Suicidal thoughts, zero, zero", 27). A screen's question
# must be a clinician line with one of them (the schema offers no other line; ``typed_check`` checks
# the topic the model chose).
TOPIC_WORDS = {
    "suicidal_ideation": r"\bsuicid\w*|\bkill(?:ing)? (?:yourself|myself)\b|\bend(?:ing)? (?:your|my|it)\b|\bdead\b|\bdie\b|"
                         r"\bdying\b|\balive\b|\bwake up\b|\bbetter off\b|\btake your (?:own )?life\b",
    "self_harm": r"\bself[- ]?harm\w*|\b(?:hurt|harm|cut|cutting|burn)\w* (?:yourself|myself)\b|\burges? to (?:cut|hurt|harm)\b|"
                 r"\bcut\b|\bcutting\b",
    "harm_to_others": r"\b(?:hurt|harm|hit|kill)\w* (?:anyone|someone|others|him|her|them|somebody|anybody)\b|\bviolen\w*|"
                      r"\bweapons?\b|\bguns?\b",
    "abuse": r"\b(?:afraid|scared|frightened) (?:at home|of (?:him|her|them|your \w+|each other))\b|\bsafe (?:at home|with)\b|"
             r"\b(?:got|get|gets|getting) physical\b|\bphysical (?:between|with) you\b|\b(?:push|shov|grabb?|hit|slap)\w* "
             r"(?:you|her|him|each other)\b|\bthings thrown\b|\bthrew things\b|\bviolen\w*|\bhurt(?:ing)? you\b|"
             r"\bthreaten\w* (?:you|her|him)\b",
}
TOPIC_ASKED = {k: re.compile(p, re.I) for k, p in TOPIC_WORDS.items()}
BUDGET = 40 + 45 * HOMEWORK_MAX + 55 * INTERVENTIONS_MAX + 40 * SCREENS_MAX


def wants_typed_slots(subject: str, utterances: Sequence[Utterance]) -> bool:
    """Typed slots are for client (therapy) notes of a dialogue with speakers; a patient note is unchanged."""
    return subject == "client" and bool(utterances) and bool(utterances[0].speaker)


def _ids(values: Sequence[int]) -> dict:
    return {"enum": sorted(set(values))}


def typed_schema(utterances: Sequence[Utterance]) -> dict:
    """The JSON schema of the three lists; every line id is one the transcript has."""
    ids = [u.id for u in utterances]
    clinician = [u.id for u in utterances if not is_client(u.speaker)] or ids
    client = [u.id for u in utterances if is_client(u.speaker)] or ids

    text = {"type": "string", "minLength": 4, "maxLength": TEXT_MAX_CHARS}

    def evidence(values: Sequence[int]) -> dict:
        return {"type": "array", "items": _ids(values), "minItems": 1, "maxItems": EVIDENCE_MAX}

    asked = [u.id for u in utterances if not is_client(u.speaker) and any(p.search(u.text) for p in TOPIC_ASKED.values())]
    homework = {"type": "object", "properties": {"evidence": evidence(ids), "task": text},
                "required": ["evidence", "task"]}
    done = {"type": "object", "properties": {"evidence": evidence(clinician), "done": text,
                                             "approach": {"enum": list(APPROACHES)}},
            "required": ["evidence", "done", "approach"]}
    screen = {"type": "object", "properties": {"question": _ids(asked or clinician), "answer_line": _ids(client),
                                               "topic": {"enum": list(TOPICS)}, "answer": {"enum": list(ANSWERS)}},
              "required": ["question", "answer_line", "topic", "answer"]}
    return {"type": "object",
            # Each list asks for one item at least: with all optional the 1.5B model wrote three empty
            # lists (25, first try), as record_extract found for its slots. An item with nothing to
            # cite fails its check and is dropped; screens are asked only where a line could be one.
            "properties": {"homework": {"type": "array", "items": homework, "minItems": 1, "maxItems": HOMEWORK_MAX},
                           "interventions": {"type": "array", "items": done, "minItems": 1,
                                             "maxItems": INTERVENTIONS_MAX},
                           "risk_screens": {"type": "array", "items": screen, "minItems": 1 if asked else 0,
                                            "maxItems": SCREENS_MAX if asked else 0}},
            "required": ["homework", "interventions", "risk_screens"]}


def typed_request() -> str:
    return prompt_text("typed_slots").format(homework_max=HOMEWORK_MAX, interventions_max=INTERVENTIONS_MAX,
                                              screens_max=SCREENS_MAX)


def typed_messages(utterances: Sequence[Utterance], system: str) -> list[dict]:
    """The request, after the same system prompt and transcript block as the section requests."""

    block = source_block(utterances, "Transcript")
    return [{"role": "system", "content": system}, {"role": "user", "content": f"{block}\n\n{typed_request()}"}]


def fill_typed(model: NoteModel, utterances: Sequence[Utterance], system: str, *,
               cancel: CancelToken | None = None) -> dict:
    """Run the one typed-slot request; returns the raw output to keep in ``model_raw["typed"]``
    (the text as generated, unchecked: ``typed_check`` checks it when the note is assembled)."""
    gen = model.generate_json(typed_messages(utterances, system), typed_schema(utterances), BUDGET, cancel=cancel)
    if gen.finish_reason == "length":
        log.info("typed slots hit their length limit (%d tokens)", gen.tokens)
    return {"format_version": TYPED_FORMAT, "text": gen.text, "finish_reason": gen.finish_reason,
            "tokens": gen.tokens, "seconds": round(gen.seconds, 2)}


def parsed(kept: dict | None) -> dict:
    """The lists of kept typed output; a cut-off generation keeps its complete items."""
    if not kept or kept.get("format_version") != TYPED_FORMAT:
        return {}
    text = str(kept.get("text") or "")
    try:
        data = json.loads(text)
        return data if isinstance(data, dict) else {}
    except ValueError:
        return _salvaged(text)


def _salvaged(text: str) -> dict:
    found: dict[str, list] = {}
    for owner, obj in salvage_items(text, LISTS, needs_text=False):
        if owner:  # an object before the first list is the cut-off whole, never an item
            found.setdefault(owner, []).append(obj)
    return found
