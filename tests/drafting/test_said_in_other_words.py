"""Rule lines for what other clinicians say in other words: triggers the clinician formulates, an
observation said to the client ("You sound very tearful"), a telephone session, a homework review
asked by the task's name, goals set together, a referral wondered about or worth asking for, and a
response asked as "how does that land?"."""

from __future__ import annotations

from session_assistant.drafting.client_account import homework_review
from session_assistant.drafting.plan_said import referrals_offered
from session_assistant.drafting.response_said import response_answers
from session_assistant.drafting.session_said import goals_said, spoken_observations
from session_assistant.drafting.session_setting import held_by_phone, held_by_video
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.triggers_said import triggers_formulated

FILLER = "\n".join(["Clinician: Tell me more.", "Client: Work, mostly."] * 6)


def test_triggers_the_clinician_formulates_are_quoted_and_a_question_about_them_is_not():
    utts = parse_transcript("Clinician: So Monday is a different kind of trigger. Not tiredness. Being left out.\n"
                            "Client: Yes.\nClinician: Two triggers: skipped lunches, and the group chat.\n"
                            "Client: Right.\nClinician: What normally triggers the headaches, would you say\nClient: Stress.")
    assert [t for t, _ in triggers_formulated(utts)] == [
        "Monday is a different kind of trigger. Not tiredness. Being left out.",
        "Two triggers: skipped lunches, and the group chat."]


def test_an_observation_said_to_the_client_is_the_clinicians():
    utts = parse_transcript("Clinician: You sound very tearful, and that's okay.\nClient: Sorry.\n"
                            "Clinician: If you look back over the year, what changed?\nClient: Not much.\n"
                            "Clinician: Okay. I see that. Your hands are shaking.\nClient: Yeah.")
    assert [t for t, _ in spoken_observations(utts)] == ["You sound very tearful, and that's okay.",
                                                         "I see that. Your hands are shaking."]


def test_a_telephone_session_says_so_and_a_video_one_stays_video():
    phone = parse_transcript("Clinician: Hello, can you hear me all right?\nClient: Yes.\n"
                             "Clinician: I'll hold the phone closer.\nClient: Better.")
    assert held_by_phone(phone) == [0, 2]
    video = parse_transcript("Clinician: Can you hear me?\nClient: You froze there.\nClinician: I'll put you on speaker.")
    assert held_by_video(video) and held_by_phone(video) == []
    assert held_by_phone(parse_transcript("Clinician: Can you hear me?\nClient: Yes.")) == []


def test_a_homework_review_asked_by_the_tasks_name_needs_no_last_time():
    utts = parse_transcript("Clinician: Come sit. Did you bring the diary?\nClient: I did. Sunday is from memory.\n"
                            + FILLER)
    assert homework_review(utts) == ("I did. Sunday is from memory.", [0, 1])
    assert homework_review(parse_transcript("Clinician: Did you bring a coat?\nClient: No.\n" + FILLER)) is None


def test_goals_set_together_are_the_clients_goals():
    utts = parse_transcript("Clinician: When we set the goals at the start, it was walking to the shop alone.\nClient: Yes.")
    assert goals_said(utts) == [("When we set the goals at the start, it was walking to the shop alone.", 0)]


def test_a_referral_wondered_about_or_worth_asking_for_is_offered_and_a_task_is_not_taken_again():
    utts = parse_transcript(FILLER + "\nClinician: I wondered about the bereavement group at St. Anne's on Fridays.\n"
                            "Client: Maybe once.\nClinician: Your GP, it'd be worth you asking for the blood tests. "
                            "I'll send her a letter too.\nClient: Fine.")
    found = referrals_offered(utts, tasks=["I'll send her a letter too"])
    assert [t for t, _, _ in found] == ["I wondered about the bereavement group at St. Anne's on Fridays.",
                                        "Your GP, it'd be worth you asking for the blood tests."]


def test_how_does_that_land_asks_for_the_response():
    utts = parse_transcript("Clinician: Say it to the chair. How does that land?\nClient: Shaky, but a bit true.")
    assert [t for t, _ in response_answers(utts)] == ["Shaky, but a bit true."]


def test_an_amount_reflected_after_a_filler_and_a_short_one_with_what_it_counts():
    from session_assistant.drafting.client_account import reflected_amounts
    utts = parse_transcript("Clinician: How was the week?\n"
                            "Client: I've been sleeping about five hours most nights, honestly.\n"
                            "Clinician: Mm. Five hours most nights. That's not a lot.\n"
                            "Client: The panic is back. It never left. Three, four times.\n"
                            "Clinician: Three or four times. Where?\n" + FILLER)
    assert [t for t, _ in reflected_amounts(utts)] == ["I've been sleeping about five hours most nights, honestly.",
                                                       "The panic is back. It never left. Three, four times."]


def test_everyone_else_present_is_recorded_and_one_who_joins_later_says_so():
    from session_assistant.drafting.session_setting import others_present, others_sentence
    utts = parse_transcript(FILLER + "\nClinician: Would she like to join?\nClient: Sure.\nDaughter: Hello, it's me.")
    assert others_sentence(others_present(utts)) == "Also present in session: daughter (joined partway)."
    couple = parse_transcript("Clinician: Welcome both.\nClient: Thanks.\nPartner: Hi.\n" + FILLER)
    assert others_sentence(others_present(couple)) == "Joint session, also present: partner."
    assert others_present(parse_transcript("Clinician: Hi.\nMother: Hi.\nTeen: Hey.")) == []  # no "Client": who is?


def test_a_voice_the_client_speaks_in_quotation_marks_is_not_their_quote_and_an_observation_ends_with_it():
    from session_assistant.drafting.session_said import client_quotes
    utts = parse_transcript('Clinician: Be the critic. What does it say?\n'
                            'Client: "If you just work harder nobody can ever say anything. I feel ashamed of you."\n'
                            'Clinician: Nobody can ever say anything.\nClient: I feel ashamed when it talks like that.\n'
                            "Clinician: I see that. Your breathing went up too. Build the container.")
    assert [q for q, _ in client_quotes(utts)] == ["I feel ashamed when it talks like that."]
    assert [t for t, _ in spoken_observations(utts)] == ["I see that. Your breathing went up too."]


def test_a_family_member_on_the_call_is_never_the_clinician_and_ring_is_a_task():
    from session_assistant.drafting.session_said import clinician_tasks
    utts = parse_transcript(FILLER + "\nClinician: Would you make an appointment with Dr. Carter?\n"
                            "Daughter: I'll ring them tomorrow.\nClinician: And I'll ring again next Thursday at ten.\n"
                            "Client: All right.")
    assert [t for t, _ in clinician_tasks(utts)] == ["I'll ring again next Thursday at ten"]


def test_a_family_members_answer_to_a_referral_is_not_the_clients():
    # therapy21a: the daughter's answer is kept as hers (a joint session keeps each person's task), never the client's
    from session_assistant.drafting.joint_session import who_answered
    from session_assistant.drafting.referral_words import referrals_sentence
    utts = parse_transcript(FILLER + "\nClinician: I'd like you to see Dr. Carter about the sleep.\n"
                            "Daughter: I'll ring them tomorrow.\nClient: All right.")
    found = referrals_offered(utts)
    assert found == [("I'd like you to see Dr. Carter about the sleep.", "I'll ring them tomorrow.", [12, 13])]
    assert referrals_sentence(found, who_answered(utts)).endswith('(daughter: "I\'ll ring them tomorrow.")')
