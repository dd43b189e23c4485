"""Risk lines, Plan lines and model sentences read wrong on unseen sessions 55-60, each written here
in other words (no model): a self-harm disclosure broken into fragments ("I cut. My arm.") missing from
the list, and its follow-ups (how long, the last time, what was used, where the blades are) missing from
the note; a wish to be where a dead brother is listed as plain, not passive, ideation; a no after "Oh,"
or "Goodness," read as unclear; "The client also mentioned." kept; an abbreviation spelled out with
words nobody said ("SUDS (Self-Understand, ...)"); a duty to tell the safeguarding lead and a declined
referral missing from the Plan; a remark ("that made it less sad") taken as progress on a goal."""

from __future__ import annotations

import pytest

from session_assistant.drafting.repetition import is_unfinished
from session_assistant.drafting.risk import DENIED, ENDORSED, scan_transcript
from session_assistant.drafting.said_terms import strip_unsaid_expansions
from session_assistant.drafting.transcript_input import parse_transcript


def _items(text: str):
    return scan_transcript(parse_transcript(text))


@pytest.mark.parametrize("disclosure", [
    "(looks down) I cut. My arm. Just the top bit.",
    "I've been cutting again. Since the exams.",
    "I burn. On my legs, with a lighter.",
    "I have been cutting my thighs, where no one looks.",
])
def test_a_self_harm_disclosure_in_fragments_is_endorsed(disclosure):
    items = _items(f"Clinician: You said there was something you wanted to tell me.\nClient: {disclosure}")
    assert [(i.category, i.status) for i in items] == [("self_harm", ENDORSED)]


@pytest.mark.parametrize("line", [
    "I cut the grass on Sunday and my arm ached after.",
    "I cut back on the coffee, like you said.",
    "She said I cut her off mid-sentence.",
])
def test_everyday_cutting_is_not_self_harm(line):
    assert _items(f"Clinician: How was the weekend?\nClient: {line}") == []


@pytest.mark.parametrize("answer", [
    "Some nights I just want to be where she is. Not to do anything.",
    "(quiet) I'd like to go where he is, honestly. That's all.",
])
def test_a_wish_to_be_where_the_dead_person_is_is_passive_ideation(answer):
    items = _items("Clinician: Since your mum died, have you had thoughts of ending your life or of not being "
                   f"here?\nClient: {answer}")
    assert [(i.status, i.detail) for i in items] == [(ENDORSED, "passive")]


@pytest.mark.parametrize("answer", [
    "Oh, no, dear. No. I've too much to see yet.",
    "Goodness, no. I'm scared of dying, if anything.",
    "Well, no. Not like that.",
    "Um, no. No.",
])
def test_a_no_after_an_oh_or_a_well_is_a_denial(answer):
    items = _items(f"Clinician: Do you ever have thoughts of ending your life?\nClient: {answer}")
    assert [i.status for i in items] == [DENIED]


def test_a_yes_after_a_well_is_still_endorsed():
    items = _items("Clinician: Have you had thoughts of killing yourself?\nClient: Well, yes. Sometimes, at night.")
    assert [i.status for i in items] == [ENDORSED]


@pytest.mark.parametrize("text,unfinished", [
    ("The client also mentioned.", True),
    ("Client then reported.", True),
    ("She briefly described.", True),
    ("The client also mentioned her sister's visit.", False),
    ("The client said it quietly.", False),
])
def test_a_reporting_verb_after_an_adverb_still_needs_what_was_reported(text, unfinished):
    assert is_unfinished(text) is unfinished


def test_an_expansion_nobody_said_is_taken_out_and_the_abbreviation_kept():
    text, removed = strip_unsaid_expansions(
        "Her distress fell, as rated on the SUDS (Stress Under Duress Score), from 70 to 30.", "What's your SUDS now?")
    assert (text, removed) == ("Her distress fell, as rated on the SUDS, from 70 to 30.", ["SUDS"])


@pytest.mark.parametrize("text,said", [
    ("The GAD-7 (Generalized Anxiety Disorder scale) was 12.", "the Generalized Anxiety Disorder scale, the GAD-7"),
    ("She practised ACT (at home) twice.", "we did ACT"),
    ("Her mood was OK (mostly fine).", "ok"),
])
def test_a_said_expansion_or_a_remark_in_brackets_stays(text, said):
    assert strip_unsaid_expansions(text, said) == (text, [])


def _risk_note(text: str):
    from session_assistant.drafting.risk_note import risk_note

    lines = parse_transcript(text)
    return risk_note(lines, scan_transcript(lines))


def test_a_self_harm_disclosure_keeps_how_long_the_last_time_what_was_used_and_where_it_is():
    note = _risk_note(
        "Client: I burn. On my legs, with a lighter.\n"
        "Clinician: Is that the first time, or has it happened before?\n"
        "Client: Since Easter. Most weekends.\n"
        "Clinician: And when was the last time it happened?\n"
        "Client: Saturday night, after the party.\n"
        "Clinician: What do you use?\n"
        "Client: My brother's lighter, the silver one.\n"
        "Clinician: Where are the lighters now?\n"
        "Client: One's in my coat and the other is by the cooker.\n")
    account = note.account[0]
    for said in ('how long: "Since Easter.', 'most recent: "Saturday night', 'method: "My brother\'s lighter'):
        assert said in account
    assert 'access to means: lighter' not in note.assessment[0]  # a lighter is no means the rules know; nothing invented
    blades = _risk_note(
        "Client: I've been cutting again.\n"
        "Clinician: Where are the blades now?\n"
        "Client: There's one in my pencil tin and one under the bed.\n")
    assert 'access to means: blades ("There\'s one in my pencil tin' in blades.assessment[0]


def test_a_question_back_about_means_is_no_answer():
    note = _risk_note(
        "Client: I've thought about killing myself, yes.\n"
        "Clinician: Do you have pills at home?\n"
        "Client: Today?\n")
    assert "access to means" not in note.assessment[0]


def test_a_duty_to_tell_is_in_the_plan_with_who_the_person_is_and_no_consent_read_into_the_next_answer():
    from session_assistant.drafting.plan_said import referrals_offered

    lines = parse_transcript(
        "Clinician: How was the week?\nClient: Fine.\nClinician: And school?\nClient: Okay.\n"
        "Clinician: Because you've told me you're being hurt at home, I have to tell Mr Okoro. He's our "
        "designated safeguarding lead. And we should think about your aunt.\n"
        "Client: No. She'll go mad.\n")
    [(said, answer, _ids)] = referrals_offered(lines)
    assert said.endswith("I have to tell Mr Okoro. He's our designated safeguarding lead.")
    assert answer is None


def test_a_referral_the_client_does_not_want_is_in_the_plan_with_the_no():
    from session_assistant.drafting.plan_said import referrals_offered

    lines = parse_transcript(
        "Clinician: How has the week been?\nClient: Long.\nClinician: And the eating?\nClient: Better.\n"
        "Clinician: So, to check I've got it: you don't want a referral to the eating disorders service for now.\n"
        "Client: No. Not yet.\n")
    [(said, answer, _ids)] = referrals_offered(lines)
    assert "you don't want a referral to the eating disorders service" in said and answer == "No. Not yet."


def test_a_remark_that_made_something_feel_a_way_is_no_progress_but_making_it_somewhere_is():
    from session_assistant.drafting.assessment_said import goal_progress

    def terms_said(terms, text):
        return {t for t in terms if t in text.lower()}

    remark = parse_transcript("Client: My cousin said, well, she was old, like that made it less sad for the family.")
    assert goal_progress({"family"}, terms_said, remark) is None
    went = parse_transcript("Client: I made it to the pool twice this week, with the family.")
    assert goal_progress({"pool"}, terms_said, went) == ("I made it to the pool twice this week, with the family.", went[0].id)


@pytest.mark.parametrize("transcript,said", [
    ("Clinician: Good to see you. Shall we start with the week, then go through your sleep log?\n"
     "Client: Honestly, I only filled it in twice.\n", "Honestly, I only filled it in twice."),
    ("Clinician: Hi, come in.\nClient: (sighs) I didn't do the thought record. Work was mad.\n"
     "Clinician: Okay, let's see what got in the way.\nClient: Just no time.\n",
     "(sighs) I didn't do the thought record."),
])
def test_last_times_task_brought_up_without_a_question_is_a_homework_review(transcript, said):
    from session_assistant.drafting.client_account import homework_review

    found = homework_review(parse_transcript(transcript + "Clinician: Right.\nClient: Yes.\n" * 2))
    assert found is not None and found[0].startswith(said)


def test_a_task_set_today_is_no_review():
    from session_assistant.drafting.client_account import homework_review

    lines = parse_transcript("Clinician: How's the week been?\nClient: Busy. I did my best.\n"
                             "Clinician: Let's try something new today.\nClient: Okay.\n" * 2)
    assert homework_review(lines) is None


@pytest.mark.parametrize("answer", ["On and off. Not as bad as last week.", "Now and then, in the evenings.",
                                    "From time to time. It passes."])
def test_thoughts_that_come_on_and_off_are_endorsed(answer):
    # unseen 64: "On and off. Not like Friday. More like in the background." was an answer needing review
    items = _items(f"Clinician: Are the thoughts of killing yourself still there this week?\nClient: {answer}")
    assert [i.status for i in items] == [ENDORSED]
