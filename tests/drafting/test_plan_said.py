"""The Plan of a therapy note by rule, on fixed transcripts and hand-made drafts (no model): the
homework the clinician gave with the client's answer, the next session as arranged, a referral
offered, each quoted once; a model sentence that retells them is dropped; a medical visit gets none."""

from __future__ import annotations

from pathlib import Path

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.plan_said import homework_given, next_session_sentence, referrals_offered
from session_assistant.drafting.record_plan import next_session_rule
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSIONS = Path(__file__).resolve().parents[2] / "bench" / "therapy_eval" / "sessions"

HOMEWORK_SESSION = parse_transcript("""Clinician: How did the breathing practice go?
Client: I did it most days. It helped on the bus.
Clinician: That's good to hear. What got in the way on the other days?
Client: Work ran late and I forgot.
Clinician: Let's think about what could help you remember.
Client: Maybe an alarm on my phone.
Clinician: For this week, I'd like you to do the breathing twice a day with an alarm, and ride the bus two stops on Saturday.
Client: Okay. I can do that.
Clinician: And please talk to Dr. Patel about your sleep.
Client: I will. Thanks.
Clinician: Let's meet next Monday at four.
Client: Monday at four works.""")


def _assemble(raw, utterances=HOMEWORK_SESSION):
    return assemble(get_format("soap"), raw, SourceIndex(utterances), scan_transcript(utterances), model="m",
                    mode="direct", warnings=[], subject="client")


def test_homework_is_quoted_from_the_clinician_with_the_clients_agreement():
    draft = _assemble({})
    plan = draft.section_sentences("plan")
    homework = next(s for s in plan if s.text.startswith("Homework given"))
    assert homework.text == ('Homework given, as said in session: "I\'d like you to do the breathing twice a day with an '
                             'alarm, and ride the bus two stops on Saturday." (client: "Okay. I can do that.")')
    assert homework.evidence == [6, 7] and homework.origin == "rule"
    assert any(s.text == "Next session: next Monday at four." and s.evidence == [10] for s in plan)
    assert any(s.text == 'Referral offered, as said in session: "Please talk to Dr. Patel about your sleep." '
                         '(client: "I will. Thanks.")' for s in plan)


def test_a_model_plan_sentence_that_retells_the_homework_or_the_next_visit_is_dropped():
    raw = {"plan": [{"text": "The client will do the breathing twice a day with an alarm and ride the bus on Saturday.",
                     "evidence": [6]},
                    {"text": "The next session will be on Tuesday evening at 4 PM.", "evidence": [10]},
                    {"text": "The client will bring the sleep diary to the doctor.", "evidence": [8]}]}
    draft = _assemble(raw)
    plan = [s.text for s in draft.section_sentences("plan")]
    assert "The client will bring the sleep diary to the doctor." in plan
    assert not any("Tuesday" in t or t.startswith("The client will do the breathing") for t in plan)
    assert {s.text for s in draft.dropped if "repeats:plan_rule" in s.flags} == {
        "The client will do the breathing twice a day with an alarm and ride the bus on Saturday.",
        "The next session will be on Tuesday evening at 4 PM."}


def test_no_homework_and_no_referral_when_none_was_given():
    utterances = parse_transcript("""Clinician: How was this week for you?
Client: This week was hard. My doctor changed my pills.
Clinician: What was hardest?
Client: Sleeping. I kept waking up.
Clinician: That sounds exhausting. Would you be open to telling me more about the nights?
Client: Sure.""")
    assert homework_given(utterances) is None
    assert referrals_offered(utterances) == []  # "open to" with no one outside the therapy named


def test_the_next_session_said_as_next_time_is_found_and_never_the_last():
    # 11_grief: "Next time, in two weeks, Tuesday at five, we can start working on the story of the last night"
    utterances = parse_transcript((SESSIONS / "11_grief.txt").read_text(encoding="utf-8"))
    assert next_session_rule(utterances).text == "in two weeks, Tuesday at five."
    assert next_session_sentence(utterances) == ("Next session: in two weeks, Tuesday at five.", [80])


def test_a_referral_keeps_the_doctors_title_in_one_sentence():
    utterances = parse_transcript((SESSIONS / "02_ba_depression.txt").read_text(encoding="utf-8"))
    assert referrals_offered(utterances) == [
        ("Please talk to Dr. Patel about your sleep and your weight.", "I will. Thanks.", [98, 99])]


def test_the_plan_rules_never_fire_on_a_medical_visit():
    utterances = parse_transcript("""Doctor: Your blood pressure is a little high today.
Patient: I've been stressed at work.
Doctor: For this week, I'd like you to check your blood pressure every morning and write it down.
Patient: Okay. I can do that.
Doctor: And please see Dr. Shah about the knee.
Patient: I will.
Doctor: Let's meet next Monday at four.""")
    raw = {"plan": [{"text": "The patient will check blood pressure every morning.", "evidence": [2]}]}
    draft = assemble(get_format("soap", "patient"), raw, SourceIndex(utterances), [], model="m", mode="direct",
                     warnings=[], subject="patient")
    assert draft.sections["plan"] == "The patient will check blood pressure every morning."
    assert not any(s.origin == "rule" for s in draft.sentences)


def test_the_clients_steps_to_put_means_away_are_in_the_plan_once_and_named_by_the_risk_line():
    # 09: "I could ask Mike to keep the rifle at his place." (line 58), "I could give most of them to my sister."
    utterances = parse_transcript((SESSIONS / "09_passive_si_safety.txt").read_text(encoding="utf-8"))
    draft = assemble(get_format("soap"), {}, SourceIndex(utterances), scan_transcript(utterances), model="m",
                     mode="direct", warnings=[], subject="client")
    means = [s for s in draft.section_sentences("plan") if s.text.startswith("Means restriction steps")]
    assert len(means) == 1 and means[0].origin == "rule"
    assert 'rifle to be put away ("I could ask Mike to keep the rifle at his place.")' in means[0].text
    assert "sister" in means[0].text
    assert "means restriction agreed (rifle, pills: see Plan)" in draft.sections["assessment"]
    assert draft.as_text().count("keep the rifle at his place") == 1


def test_a_short_quote_of_how_the_client_feels_goes_to_the_subjective():
    utterances = parse_transcript("""Clinician: How did the week go?
Client: I did the exposure twice. I was proud of myself.
Clinician: You sound proud. What about the meeting?
Client: I skipped it. Shame was a five. You know how it is.
Partner: I felt like nobody listened to me at all.
Clinician: What went through your mind before the meeting?
Client: Honestly, I felt like I wanted to die.""")
    draft = assemble(get_format("soap"), {}, SourceIndex(utterances), scan_transcript(utterances), model="m",
                     mode="direct", warnings=[], subject="client")
    quotes = [s for s in draft.section_sentences("subjective") if s.text.startswith("In the client's words")]
    # Not the rating ("Shame was a five"), not the partner's words, not the risk line (the risk account's).
    assert [(q.text, q.evidence) for q in quotes] == [('In the client\'s words: "I was proud of myself."', [1])]


def test_the_clients_answer_to_what_sets_it_off_is_the_assessments_triggers_line():
    utterances = parse_transcript("""Clinician: Cutting back is a real change. What might get in the way?
Client: Fridays with the guys. And stress.
Clinician: What do you do on Fridays?
Client: I don't know, just hang out.""")
    draft = assemble(get_format("soap"), {}, SourceIndex(utterances), scan_transcript(utterances), model="m",
                     mode="direct", warnings=[], subject="client")
    triggers = [s for s in draft.sentences if s.text.startswith("Triggers")]
    assert [(s.section, s.text, s.evidence) for s in triggers] == [
        ("assessment", 'Triggers named by the client: "Fridays with the guys. And stress."', [0, 1])]


def test_a_half_hour_stays_with_its_hour():
    utterances = parse_transcript("Clinician: Good work today.\nClient: Thanks.\n"
                                  "Clinician: Next week, same time, Wednesday at four-thirty. Can you make it?")
    assert next_session_rule(utterances).text == "next week, same time, Wednesday at four-thirty."


def test_planned_work_is_quoted_only_when_it_names_the_work():
    from session_assistant.drafting.planned_said import planned_work
    lines = "\n".join(["Clinician: How was the week?", "Client: Fine."] * 3)
    utterances = parse_transcript(lines + "\nClinician: We can work on that together.\nClient: Okay.\n"
                                  "Clinician: Next time we can start working on the story of the last night.\nClient: Okay.")
    assert [text for text, _ in planned_work(utterances)] == ["we can start working on the story of the last night."]


def test_work_for_later_in_this_session_is_not_the_plan():
    # 31: "We'll do that in a minute." (the safety plan, written in the room) was quoted as planned work.
    from session_assistant.drafting.planned_said import planned_work
    lines = "\n".join(["Clinician: How was the week?", "Client: Fine."] * 3)
    utterances = parse_transcript(lines + "\nClinician: We'll do that in a minute.\nClient: Okay.\n"
                                  "Clinician: We'll start the safety plan right now, together.\nClient: Okay.\n"
                                  "Clinician: I'd like to check in on this next time, every time for now.\nClient: Fine.")
    assert [text for text, _ in planned_work(utterances)] == ["I'd like to check in on this next time, every time for now."]


def test_a_retelling_wrapped_in_plan_words_is_still_a_retelling():
    # 02: "Clinician and client will continue with the plan of walking 3 times a week, dishes, guitar, ..."
    from session_assistant.drafting.plan_said import retells_plan
    homework = ('Homework given, as said in session: "Walk Monday, Wednesday, Friday at ten. Dishes Tuesday. Guitar '
                'Thursday, fifteen minutes. Text your friend about a coffee this weekend."')
    assert retells_plan("Clinician and client will continue with the plan of walking 3 times a week, dishes, guitar, "
                        "and a coffee with the client's friend.", [homework], False)
    assert not retells_plan("Clinician will send the client the sleep handout.", [homework], False)


def test_work_named_for_the_next_session_is_planned_whatever_its_verb():
    from session_assistant.drafting.planned_said import planned_work
    lines = "\n".join(["Clinician: How was the week?", "Client: Fine."] * 7)
    utterances = parse_transcript(lines + "\nClinician: Good. I think next time we look at the mornings, when it starts.\n"
                                  "Client: Okay.\nClinician: Next time you feel it, write it down.\nClient: Sure.\n"
                                  "Clinician: If the routine holds, we begin the memory work next session. Choosing the image first.\n"
                                  "Client: Okay.\nClinician: See you next week, same time.")
    assert [text for text, _ in planned_work(utterances)] == [
        "next time we look at the mornings, when it starts.",
        "If the routine holds, we begin the memory work next session. Choosing the image first."]
