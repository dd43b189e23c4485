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


def test_a_programme_offered_then_asked_about_takes_the_answer_after_the_question_back():
    # Unseen 116 in other words: the client asks what the programme is before agreeing; the question back is
    # no answer, and "programme" (British spelling) names a referral as "program" does.
    [(said, answer, ids)] = _found("Clinician: And there's the carers' programme at the library, the evening one. "
                                   "Would you consider a referral?\nClient: Is it all talking about feelings?\n"
                                   "Clinician: Some of it. Most of it is practical, and people in the same boat.\n"
                                   "Client: Okay then. Sign me up.\nClinician: Good.\nClient: Right.")
    assert "carers' programme" in said and "Would you consider a referral?" in said
    assert answer == "Okay then. Sign me up." and ids == [6, 7, 9]


def test_a_letter_to_the_gp_offered_is_a_referral():
    [(said, answer, _)] = _found("Clinician: I could write to your GP about how the nights have been, if you agree.\n"
                                 "Client: Yes. Do that.\nClinician: Okay.\nClient: Thanks.")
    assert "write to your GP" in said and answer == "Yes. Do that."


def test_a_question_back_left_unanswered_gives_no_answer():
    [(said, answer, ids)] = _found("Clinician: There's a walking group on Fridays. Would you consider a referral?\n"
                                   "Client: What time is it?\nClinician: Ten in the morning.\nClient: Where is it, though?")
    assert "walking group" in said and answer is None and ids == [6]
    # the clinician's letter to the client is nobody outside the therapy
    assert _found("Clinician: I'll write to you with the new times.\nClient: Okay.\nClinician: Good.\nClient: Bye.") == []
