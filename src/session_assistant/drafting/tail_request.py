"""The tail of a session (what is left at Stop, less than a full window) drafted in one request.

Why: after Stop the tail's four section requests are the floor of Stop-to-draft (speed24-26: ~12 s
each at one thread, whatever the tail's size), since each reads its own request and writes its own
answer. One request that asks for every section at once reads the sections' guidance once and is
answered once. A full window keeps its section requests (``section_drafting``): the sections of a
long stretch of talk are written better one at a time, and while recording there is time for them.

The system prompt and the transcript part are the start every section's prompt shares, so what the
recording read ahead (``DraftAccumulator.read_ahead``) is used here as well. Evidence is the same
enum of the part's line ids (``formats.parts_schema``). An answer that stops on length or is not JSON
gives None, as does a context too small for it: the caller drafts the sections one by one instead,
never a partial note.
"""

from __future__ import annotations

import json
import logging
from typing import Sequence

from session_assistant.drafting.formats import NoteFormat, parts_schema, prompt_text
from session_assistant.drafting.note_model import ContextExceeded, NoteModel
from session_assistant.drafting.transcript_input import Utterance, source_block
from session_assistant.jobs.progress import CancelToken, ProgressFn

log = logging.getLogger(__name__)

TAIL_PROMPT = "draft_tail"
MOST_A_SECTION: int | None = None  # a measuring cap on each section's items (speed27's lever 3), off by default


def tail_request(fmt: NoteFormat, most: int | None = None) -> str:
    """The one request for all of ``fmt``'s sections, each capped as ``fmt`` caps it (the same cap)."""
    sections = "\n".join(f"- {sec.key} ({sec.title}): {sec.guidance}" for sec in fmt.sections)
    lists = ", ".join(f'"{key}": [sentences]' for key in fmt.keys)
    return prompt_text(TAIL_PROMPT).format(format_title=fmt.title, sections=sections, lists=lists,
                                           max_sentences=min(fmt.sections[0].max_sentences, most or 99))


def draft_tail_at_once(model: NoteModel, fmt: NoteFormat, utterances: Sequence[Utterance], *, system: str,
                       heading: str, on_progress: ProgressFn, cancel: CancelToken | None,
                       stage: str) -> dict[str, list[dict]] | None:
    """Every section of ``fmt`` over ``utterances`` from one request, or None when the answer is unusable.

    Raises: Cancelled (``cancel``)."""
    block = source_block(utterances, heading)
    messages = [{"role": "system", "content": system},
                {"role": "user", "content": f"{block}\n\n{tail_request(fmt, MOST_A_SECTION)}"}]
    # At least one item a section: allowed none, the 1.5B model answered every section with an empty
    # list (session 01's tail, speed27); what a section's item says beyond the lines, the checks withhold.
    most = min(fmt.sections[0].max_sentences, MOST_A_SECTION or fmt.sections[0].max_sentences)
    schema = parts_schema(fmt.keys, most, [u.id for u in utterances], least=1)
    budget = sum(sec.max_tokens for sec in fmt.sections)
    on_progress(0.0, f"{stage}: reading")
    try:
        gen = model.generate_json(messages, schema, budget, cancel=cancel,
                                  on_token=lambda n: on_progress(min(n / budget, 0.99), f"{stage}: {n} tokens"))
    except ContextExceeded:  # a small context holds the section requests, shorter each, but not this one
        return None
    try:
        answer = json.loads(gen.text) if gen.finish_reason != "length" else None
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        log.info("the tail's one request ended %s after %d tokens; drafting its sections one by one",
                 gen.finish_reason, gen.tokens)
        return None
    on_progress(1.0, f"{stage}: done")
    return {key: [item for item in answer.get(key) or [] if isinstance(item, dict)] for key in fmt.keys}
