"""An errand the clinician offers by asking leave ("would you mind me phoning your GP?", "are you happy for
me to write to the college?") is the clinician's: a model sentence giving it to the client, by name or as
"the client", is withheld; the client's own errand stays. Hand-written session and sentences (no model)."""

from __future__ import annotations

from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.task_doer import clinician_errand_given_to_client
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.who_did import WRONG_PERSON, who_inverted

SESSION = parse_transcript("""Clinician: Come in. How has the fortnight been, Priya?
Client: Mixed. The panic at lectures is still there.
Clinician: Would you be happy for me to write to the college, to your course tutor, about sitting near the door?
Client: Yes, please. That would help.
Clinician: And would you mind me phoning your GP about the sleep?
Client: That's fine.
Clinician: What will you do before next time?
Client: I'll email my tutor the timetable myself, and I'll call my sister on Sunday.""")


def test_an_errand_offered_by_asking_leave_given_to_the_client_is_found():
    assert clinician_errand_given_to_client("Priya will be asked to write to the college, to the course tutor.",
                                            SESSION) == ["write"]
    assert clinician_errand_given_to_client("The client will phone the GP about the sleep.", SESSION) == ["call"]


def test_the_clients_own_errands_are_left_alone():
    assert clinician_errand_given_to_client("Priya will email the tutor the timetable.", SESSION) == []
    assert clinician_errand_given_to_client("The client will call her sister on Sunday.", SESSION) == []


def test_the_wrong_doer_withholds_the_sentence():
    flags = who_inverted("Priya will be asked to write to the college about sitting near the door.", SourceIndex(SESSION))
    assert any(f.startswith(WRONG_PERSON) for f in flags)
