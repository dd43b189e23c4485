"""Two risk errors a therapist caught in new sessions, written here in other words.

* A questionnaire item read aloud ("thoughts you'd be better off dead ...") was answered with a score,
  then followed up ("I'd like to go back to that one. What are those thoughts like?") and the client
  told a passive death wish. The list held only "answer unclear" and a later denial of a plan, and the
  note said "denied suicidal ideation" beside what the client had endorsed.
* A client in exposure work for harm OCD said his obsession out loud ("what if I strangle him"); it was listed as endorsed harm to others, "he'll kill me if I'm late" as abuse, and the
  real screen ("Have you ever hurt Sam, or anyone?" - "No, never.") was not listed.
"""

from __future__ import annotations

from session_assistant.drafting.risk_findings import risk_findings
from session_assistant.drafting.risk import (DENIED, ENDORSED, INTRUSIVE, is_passive_ideation,
                                             scan_transcript)
from session_assistant.drafting.risk_note import risk_note
from session_assistant.drafting.transcript_input import parse_transcript

_ITEM_FOLLOWED_UP = """Clinician: Next on the form. Thoughts that you would be better off dead, or of hurting yourself?
Client: Er. Two, probably.
Clinician: More than half the days. Okay, we're at fourteen. I want to go back to that one if that's okay. What are those thoughts like for you?
Client: I wouldn't act on it. But most evenings, when the pain is bad and I've been lying there for hours, I think if I just didn't wake up, it would be simpler for everyone.
Clinician: How often has that been, this fortnight?
Client: Five or six nights.
Clinician: Have you thought about ending your life, or made any plan?
Client: No. Never. Not with my daughter.
"""


def test_a_score_above_nought_for_a_read_aloud_item_endorses_it():
    items = scan_transcript(parse_transcript(_ITEM_FOLLOWED_UP))
    first = items[0]
    assert first.evidence == [0, 1] and first.status == ENDORSED


def test_the_follow_up_of_a_questionnaire_item_lists_the_passive_wish_it_drew():
    items = scan_transcript(parse_transcript(_ITEM_FOLLOWED_UP))
    follow_up = [i for i in items if 3 in i.evidence]
    assert follow_up and follow_up[0].evidence == [2, 3]
    assert (follow_up[0].category, follow_up[0].status, follow_up[0].detail) == ("suicidal_ideation", ENDORSED, "passive")
    how_often = [i for i in items if 5 in i.evidence]
    assert how_often and how_often[0].status == ENDORSED


def test_no_denial_of_suicidal_ideation_stands_beside_the_endorsed_wish():
    lines = parse_transcript(_ITEM_FOLLOWED_UP)
    items = scan_transcript(lines)
    findings = risk_findings(items)
    assert "denied suicidal ideation" not in findings and "endorsed" in findings
    note = risk_note(lines, items)
    assert note is not None
    text = f"{note.text} {note.account[0] if note.account else ''}".lower()
    assert "didn't wake up" in text  # the quote holds the wish, not the start of a long sentence
    assert "passive" in text and "denied suicidal ideation" not in text and "suicidal ideation denied" not in text.replace(
        "active suicidal ideation denied", "")


def test_not_waking_told_as_easier_for_everyone_is_a_passive_wish_and_an_alarm_clock_is_not():
    assert is_passive_ideation("Some nights I think if I just didn't wake up, it'd be easier on everyone.")
    assert is_passive_ideation("If I never woke up things would be better for them.")
    assert not is_passive_ideation("If I don't wake up early, I miss the bus and it's a nightmare.")
    assert not is_passive_ideation("If I didn't wake up at six it would be easier to sleep through the night.")


_HARM_OCD = """Clinician: Last week you logged how often the obsession came. What was the thought on Monday?
Client: He was at the top of the stairs and it came again. What if I strangle him and push him down.
Clinician: And how strongly did you believe you might?
Client: Then, maybe thirty percent. That's the thing, I don't want to. It's the last thing I want.
Clinician: That horror at the thought is what we see in OCD. I ask everyone with these thoughts. Have you ever hurt Sam, or anyone?
Client: No, never. I've never hit anybody.
Clinician: Any wish to harm him when the thought isn't there?
Client: No. He's my brother.
Clinician: Keep the tally this week, under five checks.
Client: Fine. He'll kill me if I ask him more than that anyway.
"""


def test_an_obsession_framed_as_ocd_is_listed_as_an_intrusive_thought_not_endorsed_harm():
    items = scan_transcript(parse_transcript(_HARM_OCD))
    told = [i for i in items if i.evidence == [1]]
    assert told and told[0].status == INTRUSIVE and told[0].category == "harm_to_others"
    assert not any(i.status == ENDORSED for i in items)
    findings = risk_findings(items)
    assert "harming others" not in findings.split("denied")[0] or "endorsed" not in findings


def test_the_harm_screens_in_an_ocd_session_are_listed_with_their_denials():
    items = scan_transcript(parse_transcript(_HARM_OCD))
    screens = [(i.evidence, i.status) for i in items if i.category == "harm_to_others" and len(i.evidence) == 2]
    assert screens == [([4, 5], DENIED), ([6, 7], DENIED)]


def test_someone_will_kill_me_over_a_small_thing_is_a_figure_of_speech():
    items = scan_transcript(parse_transcript(_HARM_OCD))
    assert not any(i.category == "abuse" for i in items)
    for said in ("Mum'll kill me if I'm late again.", "She will kill me if I forget the milk, honestly."):
        assert not scan_transcript(parse_transcript(f"Client: {said}"))


def test_a_threat_told_and_harm_without_ocd_framing_stay_risk():
    threat = scan_transcript(parse_transcript("Client: He said he'll kill me if I leave."))
    assert [(i.category, i.status) for i in threat] == [("abuse", "reported")]
    plain = scan_transcript(parse_transcript("Client: When he shouts I think I could stab him."))
    assert [(i.category, i.status) for i in plain] == [("harm_to_others", ENDORSED)]


def test_a_later_death_wish_overrides_an_earlier_no_in_the_note():
    lines = parse_transcript("Clinician: Have you had thoughts that life isn't worth living?\nClient: No.\n"
                             "Clinician: And your sleep?\nClient: Awful. Some nights I wish I'd go to sleep and not wake up.\n")
    note = risk_note(lines, scan_transcript(lines))
    assert note is not None
    written = f"{note.text} {note.account[0] if note.account else ''}".lower()
    assert "passive suicidal ideation" in written and "denied" not in written


def test_a_past_wish_leaves_todays_denial_standing():
    lines = parse_transcript("Client: Years ago I used to wish I could disappear.\n"
                             "Clinician: And now, any thoughts that life isn't worth living?\nClient: No. Not now.\n")
    note = risk_note(lines, scan_transcript(lines))
    assert note is not None and "denied" in note.text
