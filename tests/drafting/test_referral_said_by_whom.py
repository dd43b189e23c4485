"""A referral is the clinician's offer, in the sentence that offers it.

Unseen 81: the client's support worker said "I'll tell the staff to leave him be in his room", and the
Plan read "Referral offered" with her words. Unseen 80: the clinician asked "So where does that leave
us, with the doctor question? I'd still like you to see your GP ...", and the Plan quoted the question
instead of the offer. Written here in other words."""

from __future__ import annotations

from session_assistant.drafting.plan_said import referrals_offered
from session_assistant.drafting.transcript_input import parse_transcript


def _found(text: str):
    return referrals_offered(parse_transcript(text))


def test_a_support_workers_errand_is_no_referral():
    text = ("Clinician: How did the week go?\nClient: Okay.\nClinician: And the stickers?\nClient: Did them.\n"
            "Supporter: I'll let the house manager know he needs quiet time after work.\n"
            "Clinician: That sounds helpful. Same time next week?\nClient: Yeah.")
    assert _found(text) == []


def test_the_offer_is_quoted_not_the_question_before_it():
    text = ("Clinician: How have things been?\nClient: Up and down.\nClinician: Anything else this week?\n"
            "Client: Not really.\n"
            "Clinician: Right. So what about the GP question, then? I'd still like you to see your GP about the sleep. "
            "You can take the letter.\nClient: Fine. I'll ring them.")
    [(said, answer, ids)] = _found(text)
    assert said.startswith("I'd still like you to see your GP") and answer and ids[0] == 4


def test_a_duty_to_tell_is_written_as_such_not_as_an_offer():
    from session_assistant.drafting.referral_words import referrals_sentence

    text = ("Clinician: How are you sleeping?\nClient: Badly.\nClinician: And the shotgun licence?\nClient: Still got it.\n"
            "Clinician: With a firearms licence, the practice has to let the licensing officer know when there's a "
            "concern like this.\nClient: I understand.\nClinician: I'd also like you to see your doctor this week.\n"
            "Client: Fine.")
    line = referrals_sentence(_found(text))
    assert "To be told, as the clinician said in session:" in line and "licensing officer" in line.split("To be told")[1]
    assert line.startswith("Referral offered, as said in session: \"I'd also like you to see your doctor")
