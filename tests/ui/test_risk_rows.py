"""The risk list names a screening outcome when the draft gives one ("screened: denied"), so a
documented screen never reads as "No risk phrases found"; items without a status read as before."""

from __future__ import annotations

from session_assistant.drafting import RiskItem
from session_assistant.ui.session.draft_review import NO_RISK, risk_rows


def test_a_screened_item_leads_with_its_outcome():
    screened = {"category": "suicidal_ideation", "segment_id": 12, "speaker": "client", "phrase": "suicide",
                "text": "No, I have never thought about suicide.", "status": "screened: denied"}
    endorsed = {**screened, "segment_id": 14, "status": "endorsed", "phrase": "hurting myself"}
    assert risk_rows([screened, endorsed]) == [
        "Risk screened: denied (line 12): suicidal ideation “suicide”",
        "Risk endorsed (line 14): suicidal ideation “hurting myself”"]


def test_items_without_a_status_and_an_empty_list_read_as_before():
    stored = {"category": "self_harm", "segment_id": 3, "speaker": "client", "phrase": "cutting",
              "text": "I started cutting again."}  # a draft saved before risk items had a status
    assert risk_rows([stored]) == ["self_harm: line 3 “cutting”"]
    assert risk_rows([]) == [NO_RISK]


def test_a_rule_item_says_how_the_risk_came_up():
    plain = RiskItem("self_harm", 3, "client", "cutting", "I started cutting again.")
    assert risk_rows([plain]) == ["Risk mentioned (line 3): self harm “cutting”"]
