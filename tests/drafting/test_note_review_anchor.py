"""The review list's items are found in the note by their text, also after the clinician's edits (no Qt)."""

from __future__ import annotations

from session_assistant.drafting import Draft, DraftSentence, get_format
from session_assistant.drafting.formats import NOT_DISCUSSED
from session_assistant.drafting.note_review import anchor, empty_state, locate, review_items, state_of, without

SOAP = [{"name": n, "label": n.title()} for n in ("subjective", "objective", "assessment", "plan")]


def _draft() -> Draft:
    return Draft(get_format("soap"), [DraftSentence("subjective", "Client slept five hours a night.", [1]),
                                      DraftSentence("subjective", "Client felt anxious before meetings.", [2]),
                                      DraftSentence("objective", NOT_DISCUSSED, [], [], "system"),
                                      DraftSentence("assessment", NOT_DISCUSSED, [], [], "system"),
                                      DraftSentence("plan", "Practise breathing each evening.", [4], ["ungrounded"])])


def test_a_reworded_sentence_is_found_again_and_a_deleted_one_is_gone():
    fields = {"subjective": "Client slept only five hours a night. Work is busy.", "objective": NOT_DISCUSSED,
              "assessment": NOT_DISCUSSED, "plan": ""}
    items = review_items(_draft(), SOAP, fields, empty_state())
    assert [(i.field, i.text) for i in items] == [("subjective", "Client slept only five hours a night."),
                                                   ("objective", NOT_DISCUSSED), ("assessment", NOT_DISCUSSED)]
    assert state_of(items, [])["anchors"] == {"Client slept five hours a night.":
                                              "Client slept only five hours a night."}


def test_identical_sentences_in_one_field_are_two_places():
    text = f"SUBJECTIVE\nA.\n\nOBJECTIVE\n{NOT_DISCUSSED}\n\nASSESSMENT\n{NOT_DISCUSSED}"
    fields = {"body": text}
    draft = _draft()
    items = review_items(draft, [{"name": "body", "label": "Note", "ai_summary": True}], fields, empty_state())
    same = [i for i in items if i.text == NOT_DISCUSSED]
    assert len(same) == 2 and locate(same[0], fields, items) != locate(same[1], fields, items)


def test_an_accepted_sentence_stays_accepted_and_removal_leaves_no_double_space():
    fields = {"subjective": "Client slept five hours a night. Client felt anxious before meetings.",
              "objective": "", "assessment": "", "plan": "Practise breathing each evening."}
    state = {**empty_state(), "accepted": ["Practise breathing each evening."]}
    items = review_items(_draft(), SOAP, fields, state)
    assert [i.accepted for i in items] == [False, False, True]
    start, end = locate(items[0], fields, items)
    assert without(fields["subjective"], start, end) == "Client felt anxious before meetings."
    assert anchor("Nothing like it at all here.", "plan", fields) is None
