"""Plan lines a therapist would strike: a "planned" quote that stops on its preposition, a clinician's
follow-up that is a joke of three words, and a model sentence giving the clinician's own follow-up to
the client (lead, session 21; read in the re-made drafts of 65, 28 and 67)."""

from __future__ import annotations

from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.planned_said import planned_work
from session_assistant.drafting.session_said import clinician_tasks
from session_assistant.drafting.therapy_checks import therapy_inventions
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.who_did import WRONG_PERSON

_OPENING = "\n".join(["Clinician: How has the fortnight been?", "Client: Up and down."] * 4)


def _session(ending: str):
    return parse_transcript(_OPENING + "\n" + ending)


def test_planned_work_that_stops_on_its_preposition_is_not_quoted():
    utterances = _session("Clinician: That's a habit we can look at. Not today though.\nClient: Fair enough.\n"
                          "Clinician: That's a rule we can talk about.\nClient: Okay.")
    assert planned_work(utterances) == []


def test_planned_work_with_its_object_is_still_quoted():
    utterances = _session("Clinician: We can look at the evening routine properly next week.\nClient: Okay.")
    assert [text for text, _ in planned_work(utterances)] == ["We can look at the evening routine properly next week."]


def test_a_clinician_follow_up_of_three_words_is_not_a_task():
    utterances = _session("Client: Maybe I'll need ten of those sheets.\nClinician: (laughs) I'll send ten. Okay. "
                          "Anything else from the week?\nClient: No.\n"
                          "Clinician: I'll email you the breathing recording tonight.\nClient: Thanks.")
    assert [text for text, _ in clinician_tasks(utterances)] == ["I'll email you the breathing recording tonight"]


def test_a_short_follow_up_that_names_when_is_a_task():
    utterances = _session("Clinician: I'll ring you Friday.\nClient: Okay, thanks.")
    assert [text for text, _ in clinician_tasks(utterances)] == ["I'll ring you Friday"]


def _source(text: str) -> SourceIndex:
    return SourceIndex(parse_transcript(text))


_SESSION = (_OPENING + "\nClinician: There's a carers' group on Thursdays at the library. I'll also send you the "
            "leaflet for the carers' group with the times.\nClient: Thank you, I'd like that.\n"
            "Clinician: And you'll text your brother about Sunday?\nClient: Yes, I'll text him tonight.")


def test_the_clinicians_follow_up_given_to_the_client_is_withheld():
    flags = therapy_inventions("The client will be asked to send the leaflet for the carers' group with the times.",
                               _source(_SESSION), [], None)
    assert any(f.startswith(WRONG_PERSON) for f in flags), flags


def test_the_clients_own_task_and_the_clinicians_are_left_alone():
    source = _source(_SESSION)
    for sentence in ("The client will text their brother about Sunday.",
                     "The clinician will send the client the leaflet for the carers' group.",
                     "The client will be sent the leaflet for the carers' group."):
        assert not any(f.startswith(WRONG_PERSON) for f in therapy_inventions(sentence, source, [], None)), sentence
