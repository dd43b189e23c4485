"""What the client's answer says beyond yes or no, in the list and the note: a screen answered "No. Not
since I was at school." denies current risk and tells a past one (never "denied" alone, never
"endorsed"); a yes to a question about ending one's life is active ideation, a yes to "if you were
dead?" passive; the review row quotes the client's own words with the kind, not the question's option.
"""

from __future__ import annotations

from session_assistant.drafting.risk import DENIED, ENDORSED, UNCLEAR, scan_transcript
from session_assistant.drafting.risk_note import risk_note
from session_assistant.drafting.transcript_input import parse_transcript


def _scan(text: str):
    lines = parse_transcript(text)
    return lines, scan_transcript(lines)


_PAST_CUTTING = """Clinician: Last winter you mentioned burning yourself as a teenager. Any urges to harm yourself these days?
Client: No. Not since I was at school. That was years ago, when my parents split.
Clinician: Good. And how has the sleep been?
Client: Better, mostly."""


def test_no_now_but_a_past_told_is_current_denied_and_past_reported():
    lines, items = _scan(_PAST_CUTTING)
    screen = next(i for i in items if i.category == "self_harm")
    assert screen.status == DENIED and "Not since I was at school" in screen.past, screen
    note = risk_note(lines, items)
    assert "current self-harm denied" in note.assessment[0], note
    assert "past self-harm reported" in note.assessment[0], note
    assert "Not since I was at school" in note.account[0], note  # the client's words
    assert "endorsed" not in note.assessment[0]
    assert screen.label().startswith("current self-harm: screened: denied") and "past told: “Not since" in screen.label()


def test_the_other_ways_of_saying_it_was_long_ago():
    for answer in ("Not for years. I stopped in my twenties.", "No. I used to, but that's a long time ago.",
                   "No. That was when I was at university."):
        _, items = _scan(f"Clinician: Any thoughts of cutting yourself at the moment?\nClient: {answer}\n")
        screen = next(i for i in items if i.category == "self_harm")
        assert screen.status == DENIED and screen.past, (answer, screen)


def test_a_plain_no_tells_no_past_and_a_recent_last_time_is_for_the_clinician():
    _, items = _scan("Clinician: Any thoughts of hurting yourself?\nClient: No. Never.\n")
    assert items[0].status == DENIED and not items[0].past
    _, items = _scan("Clinician: Any urges to hurt yourself this week?\nClient: No. Not since Sunday night.\n")
    assert items[0].status == UNCLEAR, items  # Sunday is days ago: no denial of current risk


def test_a_yes_to_ending_your_life_is_active_and_to_if_you_were_dead_passive():
    lines, items = _scan("""Clinician: When you say they'd manage, do you mean without you around, as in, if you were dead?
Client: Yeah. That's what I mean.
Clinician: Have you been thinking about actually killing yourself, not just wishing you weren't here?
Client: Yes. Most of this week. Properly thinking about it.""")
    assert [(i.status, i.detail) for i in items[:2]] == [(ENDORSED, "passive"), (ENDORSED, "active")], items
    note = risk_note(lines, items)
    assert "active suicidal ideation endorsed" in note.assessment[0], note
    assert "Properly thinking about it" in note.account[0], note  # the active answer is never lost behind the passive one


def test_how_often_asked_after_an_endorsed_wish_is_listed():
    _, items = _scan("""Clinician: Do you ever wish you could go to sleep and not wake up?
Client: Aye. Sometimes.
Clinician: How often, would you say?
Client: Two or three nights a month. Worse in winter.""")
    assert any(i.segment_id == 3 and i.status == ENDORSED and i.detail == "passive" for i in items), items


def test_the_fixed_risk_sentence_says_current_denied_and_the_past_told():
    from session_assistant.drafting.risk_findings import risk_findings

    _, items = _scan(_PAST_CUTTING)
    said = risk_findings(items)
    assert "denied current self-harm" in said and "past self-harm (“Not since I was at school.”)" in said, said


def test_a_no_that_goes_on_to_tell_the_old_wish_is_no_endorsement():
    lines, items = _scan("""Clinician: The question I always ask: any thoughts of not wanting to be here?
Client: No. None. Not for months now. Back in the spring I said I sometimes wished I could disappear.""")
    assert items[0].status == DENIED and "disappear" in items[0].past, items
    note = risk_note(lines, items)
    assert "past passive suicidal ideation reported" in note.assessment[0], note
    assert '("No. None.")' in note.account[0], note


def test_a_plan_asked_after_a_screen_is_listed_once_and_the_note_words_it_once():
    from session_assistant.drafting.risk_after_screen import PLAN

    lines, items = _scan("""Clinician: Have you had any thoughts of ending your life?
Client: Sometimes. Late at night.
Clinician: Have you made any plans, or thought about how?
Client: No. Nothing like that.
Clinician: Any plans for the weekend?
Client: My sister's coming.""")
    plans = [i for i in items if i.category == PLAN]
    assert [(i.evidence, i.status) for i in plans] == [([2, 3], DENIED)], items  # the weekend is no plan
    note = risk_note(lines, items)
    assert note.assessment[0].count("plan") == 1, note


def test_a_way_told_to_how_you_would_do_it_is_a_plan_told_and_a_step_is_no_plan():
    from session_assistant.drafting.risk_after_screen import PLAN, SAFETY_STEPS

    _, items = _scan("""Clinician: Are you having thoughts of killing yourself?
Client: Yes.
Clinician: Have you thought about how you would do it?
Client: The pills in the drawer.
Clinician: And if the thoughts got stronger, or you started thinking about how you'd do it, what would you do?
Client: Ring my brother.""")
    assert [i.status for i in items if i.category == PLAN] == [ENDORSED], items
    assert [i.evidence for i in items if i.category == SAFETY_STEPS] == [[4, 5]], items


def test_a_pastime_told_after_the_no_is_no_past_risk():
    _, items = _scan("Clinician: Any thoughts of hurting yourself lately?\nClient: No. I used to play rugby, that helped.\n")
    assert items[0].status == DENIED and not items[0].past, items


def test_how_often_after_an_option_chosen_takes_up_the_wish_chosen():
    _, items = _scan("""Clinician: Do you ever wish you could just disappear, or that you wouldn't wake up?
Client: The second. Yeah.
Clinician: How often, would you say?
Client: A couple of nights a week.""")
    assert [(i.evidence, i.status, i.detail) for i in items] == [([0, 1], ENDORSED, "passive"), ([2, 3], ENDORSED, "passive")], items


def test_the_past_beside_a_no_is_the_risk_line_s_not_a_history_line_as_well():
    from session_assistant.drafting.fact_lines import fact_lines
    from session_assistant.drafting.formats import get_format
    from session_assistant.drafting.grounding import SourceIndex

    lines, _ = _scan(_PAST_CUTTING.replace("Better, mostly.", "Better. When I was at school I slept ten hours a night."))
    said, _ = fact_lines(get_format("soap", "client"), SourceIndex(lines), None, "client")
    history = " ".join(x.text for x in said if x.text.startswith("Past history as the client told it"))
    assert "ten hours" in history and "Not since I was at school" not in history, history  # said once, with its question


def test_the_urge_rated_after_a_screen_is_listed_with_the_client_s_number_and_a_mood_rating_is_not():
    from session_assistant.drafting.risk_after_screen import RATED, RATING
    from session_assistant.ui.session.draft_review import risk_rows

    _, items = _scan("""Clinician: Any urges to hurt yourself since last week?
Client: Yeah. Thursday.
Clinician: How strong was it, out of ten?
Client: Maybe a six at the worst.
Clinician: And your mood overall, nought to ten?
Client: A four.""")
    rated = [i for i in items if i.category == RATING]
    assert [(i.evidence, i.status) for i in rated] == [([2, 3], RATED)], items
    assert "rated (“Maybe a six at the worst.”)" in risk_rows(rated)[0]
