"""A referral offered as a question of the clinician's own act ("Would it help if I wrote to ...?",
"Could I refer you?", "Would you be willing for me to let her know ...?") is a referral, with the
client's answer.

Unseen 102, 103, 109, 110: a stroke group, a letter to the student support service, a letter to the
fertility nurses, a word with the diabetes nurse were each agreed, and none reached the Plan. Written
here in other words."""

from __future__ import annotations

from session_assistant.drafting.plan_said import referrals_offered
from session_assistant.drafting.transcript_input import parse_transcript

OPENING = ("Clinician: How has the week been?\nClient: Long.\nClinician: Tell me about it.\nClient: Work mostly.\n"
           "Clinician: And the sleep?\nClient: Bad.\n")


def _found(closing: str):
    return referrals_offered(parse_transcript(OPENING + closing))


def test_would_it_help_if_i_wrote_is_a_referral_with_its_answer():
    [(said, answer, ids)] = _found("Clinician: Would it help if I wrote a short note to the housing officer?\n"
                                   "Client: Yes please. That would help.\nClinician: Okay.\nClient: Thanks.")
    assert "housing officer" in said and answer and ids == [6, 7]
    [(said, answer, _)] = _found("Clinician: Now, the hospital. Would it help if I wrote to the ward nurses?\n"
                                 "Client: Yeah, go on.\nClinician: Okay.\nClient: Thanks.")
    assert "ward nurses" in said and answer


def test_could_i_refer_you_takes_the_service_from_the_sentence_before():
    [(said, answer, _)] = _found("Clinician: There's also a walking group on Fridays, run by the Heart Foundation. "
                                 "Could I refer you?\nClient: Maybe. I'll think about it.\nClinician: Sure.\nClient: Okay.")
    assert "walking group" in said and "refer you" in said and answer


def test_willing_for_me_to_let_her_know_is_consent_to_tell_the_nurse():
    [(said, answer, _)] = _found("Clinician: Your practice nurse, Ann, is running the clinic. Would you be willing for me "
                                 "to let her know what we've talked about?\nClient: Yeah, tell her.\nClinician: Okay.\nClient: Fine.")
    assert "let her know" in said and "nurse" in said and answer


def test_a_question_about_the_clients_own_plan_is_no_referral():
    assert _found("Clinician: Would it help if you wrote it down first?\nClient: Maybe.\n"
                  "Clinician: Could I ask what you'd say to a friend?\nClient: Be kind.") == []
    # Asking about a doctor already seen is no referral (84: "Can I ask about the GP?").
    assert _found("Clinician: Can I ask about the GP?\nClient: Didn't go back.\nClinician: Okay.\nClient: Yeah.") == []
