"""A family session's ordinary words: a brother's "if he does that one more time I swear I'll kill him"
about a small thing done again is exasperation, not harm to others; a named harm stays risk; and a
holiday ending the clinician's question ("by, say, Christmas?") is a time, not the name of whoever
answers (121)."""

from __future__ import annotations

from session_assistant.drafting.joint_session import names_by_role
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.transcript_input import parse_transcript


def test_a_small_thing_done_again_is_not_harm_to_others():
    session = parse_transcript(
        "Clinician: How are mornings for you, Theo?\n"
        "Brother: She takes the bathroom for an hour. If she does that one more time I swear I'll kill her.\n"
        "Client: It's not an hour.\n")
    assert [i.category for i in scan_transcript(session) if i.category == "harm_to_others"] == []


def test_a_threat_that_names_a_harm_is_still_listed():
    session = parse_transcript(
        "Clinician: What happened after the party?\n"
        "Client: He shoved my sister into the wall. If he touches her again I'll kill him.\n"
        "Clinician: That sounds frightening.\n")
    assert "harm_to_others" in [i.category for i in scan_transcript(session)]


def test_a_holiday_that_ends_a_question_is_not_a_name():
    session = parse_transcript(
        "Clinician: Welcome, all of you. Priya, you said mornings are the worst?\n"
        "Client: Yeah. Getting out the door.\n"
        "Clinician: And what would you both like to be different by, say, Christmas?\n"
        "Father: Her out the door by eight without a fight.\n"
        "Clinician: Thank you. Is that how you see it too?\n"
        "Father: It is. Eight at the latest.\n"
        "Clinician: And, Priya, what about you?\n"
        "Client: Not being shouted at.\n")
    assert "Christmas" not in names_by_role(session).values()


def test_a_task_asked_of_one_of_the_family_and_taken_is_agreed_for_the_week():
    from session_assistant.drafting.homework_agreed import agreed_sentence, homework_agreed

    lines = ["Clinician: Let's hear how the week went for everyone.", "Mother: Mornings were hard again.",
             "Client: I didn't want to go.", "Father: We ended up driving her twice."] * 6
    lines += ["Clinician: Could one of you write down, each school morning, what time she got in the car? Just a line in the diary.",
              "Mother: I'll do that. I'm the one driving.", "Clinician: Thank you. Same time in two weeks?", "Father: Fine."]
    said = agreed_sentence(homework_agreed(parse_transcript("\n".join(lines) + "\n")))
    assert "what time she got in the car" in said and "(mother: \"I'll do that." in said
