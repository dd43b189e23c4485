"""A note's checks read what the whole transcript says once, not once per model sentence.

Composing the note after Stop (every model sentence checked against the transcript) took 38 s for a
50-minute session because each sentence's checks read the names, the days events are tied to and the
counts of the whole transcript again (bench/README.md, "Composition time", session 23). Counted here
on a kept draft with its real transcript, not timed.
"""

from __future__ import annotations

import json

from sa_testing import REPO

from session_assistant.drafting import counted_events, event_days, kin_said, load_transcript, require_words
from session_assistant.drafting.model_raw import assemble_again

KEPT = REPO / "bench" / "therapy_eval" / "drafts" / "0303d5c" / "05_cpt_trauma.json"
TRANSCRIPT = REPO / "bench" / "therapy_eval" / "sessions" / "05_cpt_trauma.txt"


def _counting(monkeypatch, module, name: str, calls: dict) -> None:
    real = getattr(module, name)

    def counted(*args, **kwargs):
        calls[name] = calls.get(name, 0) + 1
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counted)


def test_the_transcript_wide_readings_run_once_per_note(monkeypatch):
    kept = json.loads(KEPT.read_text(encoding="utf-8"))["model_raw"]
    lines = require_words(load_transcript(TRANSCRIPT))
    calls: dict[str, int] = {}
    _counting(monkeypatch, kin_said, "name_ties", calls)
    _counting(monkeypatch, event_days, "bound_days", calls)
    _counting(monkeypatch, counted_events, "_session_counts", calls)
    checked = sum(len(items) for items in kept["sections"].values())
    assert checked > 20  # many model sentences, each checked against the transcript
    assemble_again(kept, lines)  # the same note as before: the 27 kept drafts re-render identically
    assert calls == {"name_ties": 1, "bound_days": 1, "_session_counts": 1}
