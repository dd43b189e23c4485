"""Fill the session record window by window: for each window of the transcript, one short
grammar-constrained request per note part, asking only for that part's slots, each fact citing
lines of that window (the schema's evidence is an enum of the window's line ids, so a slot cannot
cite a line that does not exist). The requests of one window share the window as their prompt
prefix, so llama.cpp reads the window once.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Sequence

from session_assistant.drafting.formats import prompt_text
from session_assistant.drafting.note_model import NoteModel
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.json_salvage import salvage_items
from session_assistant.drafting.record_plan import add_next_session_rule, plan_lines
from session_assistant.drafting.session_record import (PARTS, PLAN_WINDOW, QUOTE_MAX_WORDS, QUOTE_MIN_WORDS, QUOTE_SLOT,
                                                       SLOTS, SessionRecord, SlotFact)
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress

log = logging.getLogger(__name__)

WINDOW_TOKENS = 1200  # a 10-minute stretch of talk; a 50-minute session is four or five windows
FACT_MAX_CHARS = 160
EVIDENCE_MAX = 3
TOKENS_PER_FACT = 55
# Slots a window with client lines must fill: the client's account, and the problem it shows (left
# optional, the 1.5B model wrote no Assessment fact at all on session 02, record v2).
REQUIRED_SLOTS = ("account", "symptoms")
PART_TITLES = {"subjective": "Subjective", "objective": "Objective", "assessment": "Assessment", "plan": "Plan"}
WINDOW_PARTS = tuple(p for p in PARTS if p != "plan")  # the Plan has its own pass (record_plan)


def windows_of(model: NoteModel, utterances: Sequence[Utterance], window_tokens: int = WINDOW_TOKENS) -> list[list[Utterance]]:
    """Consecutive windows of about ``window_tokens`` tokens; every utterance in exactly one."""
    windows: list[list[Utterance]] = [[]]
    used = 0
    for utt in utterances:
        size = model.count_tokens(utt.line()) + 1
        if windows[-1] and used + size > window_tokens:
            windows.append([])
            used = 0
        windows[-1].append(utt)
        used += size
    return [w for w in windows if w]


def part_slots(part: str, has_client_lines: bool) -> list:
    return [s for s in SLOTS if s.part == part and (s.key != QUOTE_SLOT or has_client_lines)]


def part_schema(part: str, ids: Sequence[int], client_ids: Sequence[int], quote_ids: Sequence[int] | None = None) -> dict:
    """``{slot: [{"evidence": [id], "text": str}]}`` for the part's slots; the quote slot lists the
    ids of ``quote_ids`` (default: the client lines)."""
    fact = {"type": "object",
            "properties": {"evidence": {"type": "array", "items": {"enum": sorted(set(ids))}, "minItems": 1,
                                        "maxItems": EVIDENCE_MAX},
                           "text": {"type": "string", "minLength": 8, "maxLength": FACT_MAX_CHARS}},
            "required": ["evidence", "text"]}
    properties = {}
    for slot in part_slots(part, bool(client_ids)):
        if slot.key == QUOTE_SLOT:
            quotable = sorted(set(client_ids if quote_ids is None else quote_ids))
            if not quotable:
                continue
            properties[slot.key] = {"type": "array", "items": {"enum": quotable}, "maxItems": 1}
        else:
            # A window with client lines always holds some of the client's account; required, the
            # 1.5B model writes it instead of leaving every list empty (as it did when all were optional).
            least = 1 if slot.key in REQUIRED_SLOTS and client_ids else 0
            properties[slot.key] = {"type": "array", "items": fact, "minItems": least, "maxItems": slot.max_items}
    return {"type": "object", "properties": properties, "required": list(properties)}


def part_request(part: str, has_client_lines: bool) -> str:
    asks = []
    for slot in part_slots(part, has_client_lines):
        what = "the line number of " + slot.ask if slot.key == QUOTE_SLOT else slot.ask
        asks.append(f'- "{slot.key}": {what} (at most {slot.max_items})')
    return prompt_text("extract_record_part").format(part_title=PART_TITLES[part], asks="\n".join(asks))


def quote_text(utt: Utterance) -> str:
    """The client's words, cut at a sentence end (or a word limit) so a note can hold them."""
    words = utt.text.split()
    if len(words) <= QUOTE_MAX_WORDS:
        return utt.text.strip()
    sentences = re.split(r"(?<=[.!?])\s+", utt.text.strip())
    kept = ""
    for sentence in sentences:
        if len((kept + " " + sentence).split()) > QUOTE_MAX_WORDS:
            break
        kept = (kept + " " + sentence).strip()
    return kept or " ".join(words[:QUOTE_MAX_WORDS]) + " ..."


def _parse(text: str, keys: Sequence[str]) -> dict:
    try:
        data = json.loads(text)
        return data if isinstance(data, dict) else {}
    except ValueError:
        found: dict = {}
        for owner, obj in salvage_items(text, keys):
            if owner:
                found.setdefault(owner, []).append(obj)
        return found


def quotable_ids(lines: Sequence[Utterance]) -> list[int]:
    """Client lines long enough to carry the client's words and tone (never "Sure.")."""
    return [u.id for u in lines if u.speaker and is_client(u.speaker) and len(u.text.split()) >= QUOTE_MIN_WORDS]


def extract_part(model: NoteModel, record: SessionRecord, lines: Sequence[Utterance], part: str, number: int, *,
                 system: str, cancel: CancelToken | None = None) -> None:
    """One grammar-constrained request filling ``part``'s slots from ``lines``; facts cite those lines."""
    ids = [u.id for u in lines]
    by_id = {u.id: u for u in lines}
    client_ids = [u.id for u in lines if u.speaker and is_client(u.speaker)]
    quote_ids = quotable_ids(lines)
    block = "Transcript lines (line number, speaker, words):\n" + "\n".join(u.line() for u in lines)
    slots = [s for s in part_slots(part, bool(client_ids)) if s.key != QUOTE_SLOT or quote_ids]
    schema = part_schema(part, ids, client_ids, quote_ids)
    budget = 30 + TOKENS_PER_FACT * sum(s.max_items for s in slots if s.key != QUOTE_SLOT)
    request = part_request(part, bool(quote_ids))
    messages = [{"role": "system", "content": system}, {"role": "user", "content": f"{block}\n\n{request}"}]
    gen = model.generate_json(messages, schema, budget, cancel=cancel)
    if gen.finish_reason == "length":
        log.info("record window %d part %s hit its length limit (%d tokens)", number, part, gen.tokens)
    data = _parse(gen.text, [s.key for s in slots])
    for slot in slots:
        for item in data.get(slot.key) or []:
            if slot.key == QUOTE_SLOT:
                if isinstance(item, int) and item in quote_ids:
                    record.add(slot.key, SlotFact(quote_text(by_id[item]), [item], number), ids)
                continue
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                evidence = [i for i in item.get("evidence") or [] if isinstance(i, int)]
                record.add(slot.key, SlotFact(item["text"], evidence, number), ids)


def extract_window(model: NoteModel, record: SessionRecord, window: Sequence[Utterance], number: int, *,
                   system: str, cancel: CancelToken | None = None,
                   on_part: ProgressFn = no_progress) -> None:
    """Fill ``record`` from one window, one part at a time (all parts but the Plan)."""
    for index, part in enumerate(WINDOW_PARTS):
        on_part(index / len(WINDOW_PARTS), f"Window {number + 1}: {PART_TITLES[part]}")
        extract_part(model, record, window, part, number, system=system, cancel=cancel)
    on_part(1.0, f"Window {number + 1}: done")


def extract_plan(model: NoteModel, record: SessionRecord, utterances: Sequence[Utterance], *, system: str,
                 cancel: CancelToken | None = None) -> None:
    """The Plan from the lines where it is made (``record_plan.plan_lines``), then the next-session
    rule where the model named none."""
    lines = plan_lines(model, utterances)
    record.plan_lines = [u.id for u in lines]
    if lines:
        extract_part(model, record, lines, "plan", PLAN_WINDOW, system=system, cancel=cancel)
    add_next_session_rule(record, utterances)


def extract_record(model: NoteModel, utterances: Sequence[Utterance], *, window_tokens: int = WINDOW_TOKENS,
                   on_progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> SessionRecord:
    """The session record of a whole transcript: Subjective, Objective and Assessment window by
    window, then the Plan in one pass over the lines where it is made."""
    system = prompt_text("extract_record_system")
    record = SessionRecord()
    windows = windows_of(model, utterances, window_tokens)
    steps = len(windows) + 1
    for number, window in enumerate(windows):
        extract_window(model, record, window, number, system=system, cancel=cancel,
                       on_part=lambda f, m, n=number: on_progress((n + f) / steps, m))
        record.windows.append([u.id for u in window])
    on_progress(len(windows) / steps, "Plan")
    extract_plan(model, record, utterances, system=system, cancel=cancel)
    return record
