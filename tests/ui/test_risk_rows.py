"""The risk list says what was asked and the answer ("Asked about ..., client denied"), so a denied
screen never reads at a glance like a finding, and never as "No risk phrases found"; items without a
status read as before."""

from __future__ import annotations

from session_assistant.drafting import RiskItem
from session_assistant.ui.session.draft_review import NO_RISK, risk_rows


def test_a_screened_item_leads_with_its_outcome():
    screened = {"category": "suicidal_ideation", "segment_id": 12, "speaker": "client", "phrase": "suicide",
                "text": "No, I have never thought about suicide.", "status": "screened: denied"}
    endorsed = {**screened, "segment_id": 14, "status": "endorsed", "phrase": "hurting myself",
                "text": "Sometimes I think about hurting myself."}
    assert risk_rows([screened, endorsed]) == [
        "Asked about suicidal ideation (“suicide”), client denied (line 12)",
        "Client endorsed suicidal ideation (“Sometimes I think about hurting myself.”) (line 14)"]


def test_a_denial_without_a_question_leads_with_the_denial():
    denied = {"category": "harm_to_others", "segment_id": 7, "speaker": "client", "phrase": "hurt anyone",
              "text": "I would never hurt anyone.", "status": "denied"}
    assert risk_rows([denied]) == ["Client denied harm to others (“hurt anyone”) (line 7)"]


def test_an_unclear_answer_says_what_was_asked_and_that_the_answer_was_unclear():
    unclear = {"category": "self_harm", "segment_id": 5, "speaker": "client", "phrase": "hurt yourself",
               "text": "I don't know.", "status": "screened: answer unclear"}
    assert risk_rows([unclear]) == ["Asked about self harm (“hurt yourself”), answer unclear (line 5)"]


def test_items_without_a_status_and_an_empty_list_read_as_before():
    stored = {"category": "self_harm", "segment_id": 3, "speaker": "client", "phrase": "cutting",
              "text": "I started cutting again."}  # a draft saved before risk items had a status
    assert risk_rows([stored]) == ["self_harm: line 3 “cutting”"]
    assert risk_rows([]) == [NO_RISK]


def test_a_rule_item_says_how_the_risk_came_up():
    plain = RiskItem("self_harm", 3, "client", "cutting", "I started cutting again.")
    assert risk_rows([plain]) == ["Risk mentioned (line 3): self harm “cutting”"]


def test_the_follow_ups_of_a_screen_read_as_their_own_kind():
    means = {"category": "means", "segment_id": 33, "speaker": "client", "phrase": "tablets",
             "text": "I've got the box the GP gave me.", "status": "screened: means named"}
    step = {"category": "safety_steps", "segment_id": 37, "speaker": "client", "phrase": "coping card",
            "text": "Yeah. Okay.", "status": "agreed"}
    assert risk_rows([means, step]) == ["Asked about access to means (“tablets”), means named (line 33)",
                                        "Safety step agreed (“coping card”) (line 37)"]


def test_an_endorsed_row_names_the_kind_and_quotes_the_client_not_the_question():
    passive = RiskItem("suicidal_ideation", 51, "client", "that you wouldn't wake up",
                       "Not wake up. Aye. Sometimes. When I go to bed.", "endorsed", "passive", [50, 51], ["suicidal_ideation"])
    assert risk_rows([passive]) == [
        "Asked about suicidal ideation (“that you wouldn't wake up”), "
        "client endorsed passive suicidal ideation (“Not wake up. Aye. Sometimes. When I go to bed.”) (line 51)"]
    own = RiskItem("self_harm", 9, "client", "cut", "Yeah. I used to cut. When I was at school.", "endorsed", "", [8, 9],
                   ["self_harm"], past="I used to cut.")
    assert risk_rows([own]) == ["Client told past self harm (“I used to cut.”) (line 9)"]


def test_a_past_told_beside_a_denial_reads_current_denied_and_past():
    past = RiskItem("self_harm", 44, "client", "hurt yourself", "No. Not since I was twenty. A bad patch.",
                    "screened: denied", "", [43, 44], ["self_harm"], past="Not since I was twenty.")
    assert risk_rows([past]) == ["Asked about self harm (“hurt yourself”), client denied current self harm; "
                                 "told past self harm (“Not since I was twenty.”) (line 44)"]


def test_with_the_transcript_times_a_row_says_when_it_was_said_not_a_line_number():
    """The transcript beside the list shows "[00:56] Client: ...", never line numbers (ui30)."""
    denied = {"category": "self_harm", "segment_id": 12, "speaker": "client", "phrase": "hurting yourself",
              "text": "No, not at all.", "status": "screened: denied"}
    assert risk_rows([denied], {11: "00:50", 12: "00:56"}) == [
        "Asked about self harm (“hurting yourself”), client denied (at 00:56)"]
    assert risk_rows([denied], {}) == ["Asked about self harm (“hurting yourself”), client denied (line 12)"]
