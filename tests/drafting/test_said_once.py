"""Nothing said twice (issue 16): a fact is told once, in its rightful part. A crisis call made from the
room is the Objective's (done in session); the Plan says only what the service will do next, and the
clinician's "I'll ring them now" before the call is no task to follow up. A homework item the Plan quotes
is not told again in the Subjective as what the client wants to do, while what the client did last week
stays there. Hand-written session (not from the evaluation set); no model."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

CALL = parse_transcript("""Clinician: Thanks for coming in early. How has the week been?
Client: Bad. I haven't really slept since Tuesday.
Clinician: You said on the phone you'd been thinking of walking into the river.
Client: Last night I went down to the bridge and stood there a long time.
Clinician: I'm very worried about you being on your own tonight. I'd like to ring the home treatment team, with you here.
Client: Okay. I don't want to go to hospital though.
Clinician: I'll call them now, and you can hear what I say.
Clinician: (on the phone) Hello, it's the counsellor at Millbrook surgery. I have a young man with me who went to the bridge last night meaning to end his life. Can someone see him today? ... Six o'clock at his flat. Thank you.
Clinician: They'll visit you at your flat at six o'clock this evening. Two nurses.
Client: Six. All right.
Clinician: I'll phone you tomorrow morning at nine to see how the night was.
Client: Okay.""")


def _draft(utterances, raw=None):
    raw = raw or {}
    return assemble(get_format("soap", "client"), raw, SourceIndex(utterances), scan_transcript(utterances), model="m",
                    mode="direct", warnings=[], subject="client")


def _part(draft, key: str) -> list[str]:
    return [s.text for s in draft.section_sentences(key)]


def test_a_crisis_call_from_the_room_is_told_once_as_done_and_the_plan_says_what_comes_next():
    draft = _draft(CALL)
    objective, plan = _part(draft, "objective"), _part(draft, "plan")
    # the rightful part keeps it: the call, made in the room, in the Objective
    assert any("the clinician rang the home treatment team" in t for t in objective), objective
    # the Plan: what the team will do, not that the call was made
    follow = [t for t in plan if "six o'clock this evening" in t]
    assert len(follow) == 1, plan
    assert "contacted" not in follow[0] and "rang" not in follow[0]
    # "I'll call them now" was done in the room (the next line is the call): no task to follow up;
    # tomorrow's call is
    tasks = " ".join(t for t in plan if t.startswith("Clinician to follow up"))
    assert "I'll call them now" not in tasks
    assert "I'll phone you tomorrow morning at nine" in tasks


def test_a_bare_crisis_call_with_nothing_reported_after_it_is_the_objectives_alone():
    bare = parse_transcript("\n".join(f"{u.speaker}: {u.text}" for u in CALL if not u.text.startswith("They'll visit")))
    draft = _draft(bare)
    assert any("rang the home treatment team" in t for t in _part(draft, "objective"))
    assert not any(t.startswith("Crisis team") for t in _part(draft, "plan")), _part(draft, "plan")


HOMEWORK = parse_transcript("""Clinician: How did the walking go this week?
Client: I walked to the park twice, on Monday and Thursday. It helped a bit.
Clinician: That's good. What about ringing your brother?
Client: I didn't manage that. I kept putting it off.
Clinician: For this week, walk to the park every morning before work, and ring your brother on Sunday.
Client: Okay, I can try that.
Clinician: Same time next Wednesday, then.
Client: Yes, see you then.""")


def test_a_homework_item_the_plan_quotes_is_not_told_again_as_the_clients_wish_and_last_weeks_walks_stay():
    raw = {"subjective": [
        {"text": "The client walked to the park twice last week, on Monday and Thursday.", "evidence": [1]},
        {"text": "The client wants to try going to the park in the mornings and ringing their brother on Sunday.",
         "evidence": [5]}],
        "objective": [], "assessment": [], "plan": []}
    draft = _draft(HOMEWORK, raw)
    subjective, plan = _part(draft, "subjective"), _part(draft, "plan")
    homework = [t for t in plan if "park every morning" in t]
    assert len(homework) == 1, plan  # the Plan owns what will happen
    assert not any("in the mornings" in t for t in subjective), subjective
    assert any(t.startswith("The client walked to the park twice last week") for t in subjective), subjective


RULERS = parse_transcript("""Clinician: Last time you said the drinking was creeping up. How has it been?
Client: Most nights, three or four cans. More at weekends.
Clinician: On a scale of nought to ten, how important is it to you to cut down?
Client: About an eight.
Clinician: And how confident are you that you could, nought to ten?
Client: Maybe a five.
Clinician: Why a five and not a two?
Client: I stopped for Lent once. I know I can.""")


def test_a_rulers_answers_are_quoted_once_as_the_response_and_the_objective_names_the_rulers_asked():
    draft = _draft(RULERS)
    note = [s.text for s in draft.sentences]
    assert sum('"About an eight."' in t for t in note) == 1, note
    assert sum('"Maybe a five."' in t for t in note) == 1, note
    assert any('"About an eight."' in t for t in _part(draft, "assessment"))  # the client's response
    assert any("rulers asked (importance; confidence)" in t for t in _part(draft, "objective")), _part(draft, "objective")


def test_a_report_retold_in_a_later_part_from_the_same_lines_is_said_once_in_the_first():
    raw = {"subjective": [{"text": "The client reported drinking three or four cans most nights, and more at weekends.",
                           "evidence": [1]}],
           "objective": [],
           "assessment": [{"text": "They also described having three or four cans on most nights, with more drinking at weekends and less in the week.",
                           "evidence": [1]}],
           "plan": []}
    draft = _draft(RULERS, raw)
    told = [(s.section, s.text) for s in draft.sentences if "cans" in s.text and s.origin == "model"]
    assert [section for section, _ in told] == ["subjective"], told


PHONE_NEXT = parse_transcript("""Clinician: Hi Dev, it's Sam from the clinic. Is now still a good time to talk?
Client: Yes, I'm at home.
Clinician: How did the sleep diary go this week?
Client: I filled it in most nights. Bed by eleven four times.
Clinician: That's a real change. Keep the diary going and keep the eleven o'clock bedtime.
Client: Okay, I will.
Clinician: Lovely. Next time, same time, I'll ring you on Friday the ninth at half past four.
Client: Friday the ninth. Half four. Thanks.""")


def test_the_next_call_said_as_the_clinicians_errand_is_told_once_as_the_next_session():
    plan = _part(_draft(PHONE_NEXT), "plan")
    assert sum("Friday" in t and "ninth" in t for t in plan) == 1, plan
    assert any(t.startswith("Next session:") and "ninth" in t for t in plan), plan
