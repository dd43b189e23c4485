"""What a therapist would have struck or missed in unseen 114's draft (a young carer), written here in
other words: the closing "So, A, B, and C. Does that sound okay?" read-back of the week's tasks reached
no Plan line, and "I could make a referral, if you were okay with that." lost the service named in the
clinician's line before the client's question."""

from __future__ import annotations

from session_assistant.drafting.plan_recap import recap_agreed
from session_assistant.drafting.plan_said import referrals_offered
from session_assistant.drafting.transcript_input import parse_transcript

OPENING = "\n".join(["Clinician: How was the week?", "Client: Busy.", "Clinician: Tell me more.",
                     "Client: Work, mostly.", "Clinician: Okay.", "Client: Yeah."] * 3)


def _recap(closing: str):
    return recap_agreed(parse_transcript(OPENING + "\n" + closing))


def test_a_closing_list_of_tasks_put_to_the_client_and_agreed_is_a_read_back():
    found = _recap("Clinician: Right. So, the breathing twice a day, write down the worry times, and ring the dentist. "
                   "Does that sound doable?\nClient: Yeah. Doable.\nClinician: Great. See you Friday.")
    assert found is not None
    items, ids = found
    assert items == ["The breathing twice a day", "Write down the worry times", "Ring the dentist"] and ids == [18]


def test_a_summary_of_the_week_or_a_list_refused_is_no_read_back():
    assert _recap("Clinician: So, the week's been hard, your dad's been ill, and work was busy. Does that sound right?\n"
                  "Client: Yeah, that's it.\nClinician: Okay.") is None
    assert _recap("Clinician: So, the diary, ring the dentist, and the walk. Does that sound okay?\n"
                  "Client: Not really. It's a lot.\nClinician: Okay, let's cut it down.") is None


def test_a_referral_offered_without_whom_takes_the_service_named_before_the_clients_question():
    [(said, answer, ids)] = referrals_offered(parse_transcript(
        OPENING + "\nClinician: There's a bereavement service at the hospice. They run drop-ins on Tuesdays.\n"
        "Client: Is it religious?\nClinician: No, not at all. I could make a referral, if you'd like.\n"
        "Client: Maybe. Yes, go on.\nClinician: Okay.\nClient: Thanks."))
    assert said.startswith("There's a bereavement service at the hospice.") and "make a referral" in said
    assert answer == "Maybe. Yes, go on." and ids == [18, 20, 21]
    # "a referral" with nobody named before stays none
    assert referrals_offered(parse_transcript(
        OPENING + "\nClinician: How are the nights?\nClient: Bad.\nClinician: I could make a referral, if you'd like.\n"
        "Client: Maybe.\nClinician: Okay.\nClient: Thanks.")) == []
