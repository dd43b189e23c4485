"""A draft sentence gone from the note stays gone: a sentence typed later in its words is the clinician's,
and one reworded in place counts as reviewed (no Qt)."""

from __future__ import annotations

from session_assistant.drafting import Draft, DraftSentence, get_format
from session_assistant.drafting.note_review import empty_state, gone_from_note, review_items, state_of

SOAP = [{"name": n, "label": n.title()} for n in ("subjective", "objective", "assessment", "plan")]
FLAGGED = "Client said the exercise helped a great deal at work."


def _draft() -> Draft:
    return Draft(get_format("soap"), [DraftSentence("subjective", "Client slept five hours a night.", [1]),
                                      DraftSentence("subjective", FLAGGED, [], ["ungrounded"])])


def test_a_sentence_typed_after_the_draft_sentence_was_deleted_is_not_the_drafts():
    draft, fields = _draft(), {"subjective": "Client slept five hours a night.", "objective": "", "assessment": "",
                               "plan": ""}
    items = review_items(draft, SOAP, fields, empty_state())
    gone = gone_from_note(draft, SOAP, items, empty_state())
    assert gone == [FLAGGED]
    state = state_of(items, [], gone)
    fields["subjective"] += " Client said the exercise helped at work on Tuesday."
    items = review_items(draft, SOAP, fields, state)
    assert [i.text for i in items] == ["Client slept five hours a night."]
    fields["subjective"] += " " + FLAGGED  # the very sentence put back (undo): the draft's again
    items = review_items(draft, SOAP, fields, state)
    assert [i.text for i in items][-1] == FLAGGED and gone_from_note(draft, SOAP, items, state) == []


def test_a_sentence_reworded_in_place_is_reviewed():
    fields = {"subjective": "Client slept five hours a night. Client said the exercise helped a bit at work.",
              "objective": "", "assessment": "", "plan": ""}
    items = review_items(_draft(), SOAP, fields, empty_state())
    assert [(i.text, i.accepted) for i in items] == [("Client slept five hours a night.", False),
                                                      ("Client said the exercise helped a bit at work.", True)]
