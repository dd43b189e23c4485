"""The interventions line names what was done: an activity record reviewed is behavioural activation; a
family or a couple asked what would be different is goal setting, not motivational interviewing's
change talk; a clinician introducing themselves ("I'm Jo.") takes no role in a role-play; a reaction
called common after someone dies is psychoeducation."""

from __future__ import annotations

from session_assistant.drafting.session_facts import detect_interventions
from session_assistant.drafting.transcript_input import parse_transcript


def _approaches(text: str) -> list[str]:
    return [i.approach for i in detect_interventions(parse_transcript(text))]


def test_an_activity_record_reviewed_is_behavioural_activation():
    assert "behavioural activation" in _approaches(
        "Clinician: Shall we look at your activity record from the week?\nClient: I did the garden twice.\n")


def test_a_family_asked_what_would_be_different_is_not_motivational_interviewing():
    family = ("Clinician: It sounds like mornings are the hardest part for all of you.\n"
              "Mother: They are.\n"
              "Clinician: So what would be different by the summer holidays, for each of you?\n"
              "Father: Breakfast without a row.\n"
              "Son: Being allowed to walk to school on my own.\n")
    assert "motivational interviewing" not in _approaches(family)


def test_one_client_asked_what_would_be_different_can_still_be_change_talk():
    single = ("Clinician: It sounds like the drinking is costing you a lot.\n"
              "Client: It is.\n"
              "Clinician: What would be different if you cut down?\n"
              "Client: I'd have some money left at the end of the month.\n")
    assert "motivational interviewing" in _approaches(single)


def test_a_clinician_introducing_themselves_is_no_role_play():
    assert "role-play" not in _approaches(
        "Clinician: Hello everyone. I'm Jo. My job is to help families who feel stuck.\nFather: Hello.\n")


def test_taking_a_named_role_is_still_role_play():
    assert "role-play" in _approaches("Clinician: Okay, I'm Gary. Go ahead and ask me for the day off.\n"
                                      "Client: Gary, can I have Friday off?\n")


def test_a_reaction_called_common_after_someone_dies_is_psychoeducation():
    assert "psychoeducation" in _approaches(
        "Clinician: Not wanting to be apart from a parent at night is really common after someone dies.\nMother: Oh.\n")
