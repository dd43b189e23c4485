"""The review panel's words under the risk line of a session where nothing of risk was asked: not "No
transcript line supports this sentence" (as if it were made up) but what the clinician should do."""

from __future__ import annotations

from types import SimpleNamespace

from session_assistant.drafting.risk_note import NOT_SCREENED
from session_assistant.ui.note.evidence_text import NONE_ASKED, NOTHING_CITED, evidence_text


def test_the_not_screened_line_says_what_to_do_and_another_uncited_line_still_warns():
    assert evidence_text(SimpleNamespace(text=NOT_SCREENED, evidence=[]), [], [], {}) == NONE_ASKED
    assert evidence_text(SimpleNamespace(text="The client is well.", evidence=[]), [], [], {}) == NOTHING_CITED
