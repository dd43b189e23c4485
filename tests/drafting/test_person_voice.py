"""First- and second-person sentences the model copied from the session are rewritten in the third
person from who said the line (issue 16 follow-up): withheld, they took 10's new homework and 09's
means restriction out of the note. Real lines of the team's therapy set (bench/therapy_eval), hand-made
model output: nothing here depends on what a model writes."""

from __future__ import annotations

from pathlib import Path

import pytest

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.record_render import render_note
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.session_record import SessionRecord, SlotFact
from session_assistant.drafting.transcript_input import parse_transcript

SESSIONS = Path(__file__).resolve().parents[2] / "bench" / "therapy_eval" / "sessions"


def _source(session_id: str) -> SourceIndex:
    return SourceIndex(parse_transcript((SESSIONS / f"{session_id}.txt").read_text(encoding="utf-8")))


def _render(session_id: str, facts: dict[str, list[tuple[str, list[int]]]], **kw):
    source = _source(session_id)
    record = SessionRecord({key: [SlotFact(text, ids) for text, ids in items] for key, items in facts.items()})
    return render_note(get_format("soap", "client"), record, source, [], model="m", subject="client", **kw)


def test_homework_and_session_count_copied_from_the_clinician_are_rewritten_not_withheld():
    # 10, record after1: the new homework list and "session eight" were withheld as first person.
    draft = _render("10_social_anxiety_homework", {
        "homework": [("stand-up with camera on for your turn three of five days, ask a question in a store twice",
                      [90])],
        "plan_changes": [("We're at session eight of sixteen.", [92])]})
    plan = draft.sections["plan"]
    assert "Homework: stand-up with camera on for the client's turn three of 5 days" in plan
    assert "Plan change: Clinician and client are at session eight of sixteen." in plan
    assert [s.text for s in draft.withheld] == []


def test_the_clients_i_becomes_client_and_my_their():
    # 09: "I could give most of them to my sister" (line 65, the client) is the means restriction.
    draft = _render("09_passive_si_safety", {"safety_plan": [("I could give most of the pills to my sister.", [65])]})
    assert "Safety plan: Client could give most of the pills to their sister." in draft.sections["plan"]
    assert draft.withheld == []


def test_a_section_drafts_we_and_your_become_clinician_and_client():
    # 10 and 09, sections drafts (td-out): both withheld as first person before.
    source = _source("10_social_anxiety_homework")
    raw = {"plan": [{"text": "We will continue with the stand-up, asking a question in a store twice, ordering food "
                             "once without a script, and keep the worksheet.", "evidence": [90, 83]}]}
    draft = assemble(get_format("soap", "client"), raw, source, [], model="m", mode="direct", warnings=[],
                     subject="client")
    # The rewrite retells the homework the Plan now quotes, so it is dropped as a repeat: its voice still shows.
    said = [s.text for s in draft.section_sentences("plan")] + [s.text for s in draft.dropped]
    assert any(t.startswith("Clinician and client will continue with the stand-up, asking a question in a store twice")
               for t in said)
    # Line 90, the clinician: "You didn't do the stand-up, and we noticed the safety behaviours".
    raw = {"objective": [{"text": "The clinician did not do the stand-up, and we noticed the safety behaviours, "
                                  "camera off and muted.", "evidence": [90, 34]}]}
    draft = assemble(get_format("soap", "client"), raw, source, [], model="m", mode="direct", warnings=[],
                     subject="client")
    assert draft.sections["objective"].startswith("The client did not do the stand-up, and clinician and client "
                                                  "noticed the safety behaviours")
    source = _source("09_passive_si_safety")
    raw = {"objective": [{"text": "The clinician wrote to Dr. Lee about the pills and your sleep.", "evidence": [66]}],
           "plan": [{"text": "I'll call Tuesday and see you Thursday.", "evidence": [86]}]}
    draft = assemble(get_format("soap", "client"), raw, source, [], model="m", mode="direct", warnings=[],
                     subject="client")
    # The voice is rewritten; the sentence is then withheld (therapy16e): the clinician only asked to
    # write to Dr. Lee ("Would you be okay with me writing to Dr. Lee about it?"), a task stated as done.
    assert any(s.text == "The clinician wrote to Dr. Lee about the pills and the client's sleep."
               and "planned_as_done:wrote" in s.flags for s in draft.withheld)
    said = [s.text for s in draft.section_sentences("plan")] + [s.text for s in draft.dropped]
    assert "Clinician will call Tuesday and see the client Thursday." in said  # dropped: the next visit is quoted


@pytest.mark.parametrize("session_id, text, ids", [
    # A question copied from the session states no fact.
    ("09_passive_si_safety", "What's coming up for you about it right now?", [82]),
    # No line holds "I" with these words: the model wrote as the clinician; whose "I" is unknown.
    ("03_mi_alcohol", "I feel the client is ambivalent about drinking.", [53]),
    # A couple session: the clinician's "we" may be all three in the room.
    ("06_couple", "We'll work on the tasks and practise repair attempts.", [90]),
])
def test_first_person_stays_withheld_when_the_speaker_is_not_safe_to_know(session_id, text, ids):
    draft = _render(session_id, {"planned_interventions": [(text, ids)]})
    assert [s.flags for s in draft.withheld if "first_person" in s.flags], draft.sections
    assert "first_person" in draft.withheld[0].flags


def test_chart_pronouns_name_the_client_after_the_first_mention():
    draft = _render("09_passive_si_safety", {"safety_plan": [("I could give most of the pills to my sister.", [65])]},
                    pronouns="she/her")
    assert "Safety plan: Client could give most of the pills to her sister." in draft.sections["plan"]
    draft = _render("03_mi_alcohol", {"history": [("I stopped for a month once, a couple of years ago, for a bet with "
                                                   "my brother.", [53])]}, pronouns="he/him")
    assert ("History: Client stopped for a month once, a couple of years ago, for a bet with his brother."
            in draft.sections["subjective"])


NIGHTS = parse_transcript("""Clinician: How have the nights been?
Client: He wakes every two hours and he screams for ages. I'm a single mum, so it's all on me.
Clinician: That is a lot, on your own.
Client: I walk him up and down the hall until he settles.""")


def test_a_mother_the_model_calls_he_is_she_when_her_own_lines_say_so():
    # 14: the mother was "he" throughout; her lines used "he" of the baby, so the copy kept it.
    raw = {"subjective": [
        {"text": "He had been up every two hours at night, and he walked the hall until the baby settled.", "evidence": [1, 3]},
        {"text": "The client reported that he screams for ages at night.", "evidence": [1]}]}  # the baby, as her line says
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(NIGHTS), [], model="m", mode="direct", warnings=[],
                     subject="client")
    subjective = draft.sections["subjective"]
    assert "She had been up every 2 hours at night, and she walked the hall until the baby settled." in subjective
    assert "The client reported that he screams for ages at night." in subjective


def test_the_clients_own_lines_give_pronouns_only_when_plain_and_one_way():
    from session_assistant.drafting.person_voice import client_pronouns  # new here: the test above fails first on main
    assert client_pronouns(SourceIndex(NIGHTS)) == "she/her"
    said = parse_transcript("Clinician: Any meetings?\nClient: I'm not really a meetings guy.")
    assert client_pronouns(SourceIndex(said)) == "he/him"
    role_play = parse_transcript("Clinician: I'll be your mum. I'm your mother.\nClient: Okay. I was Mr. Grant at work, "
                                 "and I'm the girl who always says yes.")
    assert client_pronouns(SourceIndex(role_play)) is None  # the clinician's role; the client's two disagree
    other = parse_transcript("Clinician: Let's practise. I'll be you.\nClient: Okay. I'm your dad, and she was great as a mother.")
    assert client_pronouns(SourceIndex(other)) is None  # a role and someone else's role
