"""What unseen 122-124 (as drafted by main 21f56d6) showed, mended by general rules; every transcript here
is written for the test, in other words than the sessions'. Each test fails on 21f56d6."""

from __future__ import annotations

from session_assistant.drafting.claim_support import UNSAID_REFERRAL, unsupported_claims
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.homework_agreed import homework_agreed
from session_assistant.drafting.joint_attribution import ANOTHER_PERSONS_WORDS, attributed_right
from session_assistant.drafting.joint_session import names_by_role
from session_assistant.drafting.transcript_input import parse_transcript

_TEEN = parse_transcript("""Clinician: Hello Zac, can you hear me?
Client: Yeah.
Clinician: And the first night, how was that?
Client: About the same, late again.
Clinician: And the second night, how was that?
Client: About the same, late again.
Clinician: And the third night, how was that?
Client: About the same, late again.
Clinician: And the fourth night, how was that?
Client: About the same, late again.
Clinician: And the fifth night, how was that?
Client: About the same, late again.
Clinician: And the sixth night, how was that?
Client: About the same, late again.
Clinician: What keeps you going when it feels pointless?
Client: My sister, Poppy. She's five. And the gym.
Clinician: Poppy, the gym. Would you tell someone if that changed?
Client: Probably you.
Clinician: So, what would you like to try with the phone?
Client: Off at eleven on school nights. If it's later than that I'll just scroll in bed.
Clinician: And your dad?
Client: He'll moan if I don't, but I'll tell him I'm doing it.
Mother: I'll put the charger in the hall tonight.
Clinician: Good. See you next Tuesday.""")


def test_a_name_the_client_says_of_someone_else_is_not_the_clients_name():
    """"My sister, Poppy." then the clinician's echo "Poppy, the gym." named the client Poppy ("In the
    client's (Alfie's) words", 124)."""
    assert names_by_role(_TEEN).get("client") != "Poppy"


def test_an_ill_after_a_condition_is_no_commitment_and_a_parents_ill_is_the_familys_plan():
    agreed = homework_agreed(_TEEN)
    said = {(text, who) for text, who, *_ in agreed}
    assert not any("scroll in bed" in text for text, _ in said)
    assert ("I'll put the charger in the hall tonight", "mother") in said
    assert ("I'll tell him I'm doing it", "client") in said  # a condition, then "but" commits again


def test_a_referral_no_clinician_line_speaks_of_is_withheld():
    source = SourceIndex(_TEEN)
    assert UNSAID_REFERRAL in unsupported_claims("The client will be referred to a youth service for support.", source)
    offered = SourceIndex(parse_transcript("Clinician: I'd like to refer you to the sleep clinic, is that okay?\nClient: Yeah."))
    assert UNSAID_REFERRAL not in unsupported_claims("The client will be referred to the sleep clinic.", offered)
    resource = SourceIndex(parse_transcript("Clinician: The Hartley Trust runs a carers' line, it's free.\nClient: Thanks."))
    assert UNSAID_REFERRAL not in unsupported_claims("The referral is to the Hartley Trust carers' line.", resource)


def test_a_he_sentence_retelling_the_partners_line_is_withheld():
    """"He had been ... crying in the car after work." was the partner's line (123)."""
    couple = parse_transcript("""Clinician: How have you been in yourself, Ann?
Partner: Rough. I've been sobbing on the bus home from the office most days.
Client: I hadn't noticed that.
Clinician: Thank you both.""")
    _, flags = attributed_right("He had been sobbing on the bus home from the office most days.", couple)
    assert any(flag.startswith(ANOTHER_PERSONS_WORDS) for flag in flags)


def test_a_hyperbole_of_killing_retold_by_the_model_is_withheld():
    """"Dad nearly killed me." (the missed bus) became "his dad nearly killed him" (124)."""
    from session_assistant.drafting.claim_support import FIGURE_RETOLD
    source = SourceIndex(parse_transcript("Client: Missed the train again. Mum nearly killed me.\nClinician: Ha. Okay."))
    assert FIGURE_RETOLD in unsupported_claims("He said his mum nearly killed him for missing the train.", source)
    assert FIGURE_RETOLD not in unsupported_claims("He said his mum was cross about the train.", source)


def test_a_card_whose_content_the_clinician_just_listed_is_not_the_clients_reply():
    """"... ring your brother, or the Samaritans ... I'll write it on a card for your wallet." - "Dean would come round
    if I rang him." read 'card written in session, as the client gave it ("Dean would come round ...")' (122)."""
    from session_assistant.drafting.room_steps import card_written
    listed = parse_transcript("Clinician: So if the urge comes: step outside, text your sister, and if it's still there ring the "
                              "crisis line. I'll write it on a card for your purse.\nClient: My sister would answer, to be fair.")
    assert card_written(listed) is None
    asked = parse_transcript("Clinician: So there's a plan B and a plan C now. Shall we put them on a card for your wallet?\n"
                             "Client: Yes. Plan A the corner seat. Plan B the quiet room.")
    assert card_written(asked) is not None and "Plan A the corner seat" in card_written(asked).label
