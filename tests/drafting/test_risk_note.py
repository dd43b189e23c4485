"""The note documents that risk was asked about and what the client said (issue 16): one rule line
in the Assessment, built from the classified lines and their own words, each fact citing its lines;
no line when nothing of risk was asked or said. The record and section facts are written by hand,
so no assertion rests on what a model writes."""

from __future__ import annotations

from session_assistant.drafting import get_format, parse_transcript
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.record_render import render_note
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.session_record import SessionRecord, SlotFact

SAFETY_SESSION = parse_transcript(
    "Clinician: Can you tell me more about those thoughts?\n"                                      # 0
    "Client: At night I think everyone would be better off without me.\n"                           # 1
    "Clinician: How often are you having those thoughts?\n"                                         # 2
    "Client: Most nights. Maybe five out of seven.\n"                                               # 3
    "Clinician: Have you made any plans, or thought about how?\n"                                   # 4
    "Client: No. No plan.\n"                                                                        # 5
    "Clinician: Any intention of acting on these thoughts?\n"                                       # 6
    "Client: No. I couldn't do that to my kids.\n"                                                  # 7
    "Clinician: Do you have any firearms at home?\n"                                                # 8
    "Client: There's the hunting rifle in the basement.\n"                                          # 9
    "Clinician: I'd like to work on a safety plan with you today. Is that okay?\n"                  # 10
    "Client: Yeah. Okay.\n"                                                                         # 11
    "Clinician: What are the warning signs that things are getting worse?\n"                        # 12
    "Client: Lying awake at night. Drinking alone in the garage.\n"                                 # 13
    "Clinician: What could you do about the rifle?\n"                                               # 14
    "Client: I could ask Mike to keep the rifle at his place.\n"                                    # 15
    "Clinician: And 988, the crisis line, by call or text, any time.\n"                             # 16
    "Client: Okay.\n"                                                                               # 17
    "Clinician: Are you safe to go home tonight?\n"                                                 # 18
    "Client: Yes. I'm safe.")                                                                       # 19
IDS = [u.id for u in SAFETY_SESSION]


def _record_note(utterances, facts=()):
    ids = [u.id for u in utterances]
    record = SessionRecord(windows=[ids])
    for key, text, evidence in facts:
        assert record.add(key, SlotFact(text, evidence), ids)
    return render_note(get_format("soap", "client"), record, SourceIndex(utterances), scan_transcript(utterances),
                       model="m")


def _risk_lines(draft):
    return [s for s in draft.sentences if s.text.startswith("Risk")]


def test_endorsed_passive_ideation_denied_plan_and_a_safety_plan_are_documented_each_with_its_lines():
    draft = _record_note(SAFETY_SESSION, [("account", "Client reported feeling numb at night.", [1])])
    risk = [s for s in draft.sentences if "risk_documented" in s.flags]
    assert [(s.section, s.origin) for s in risk] == [("subjective", "rule"), ("objective", "rule"), ("assessment", "rule")]
    account, in_session, line = risk
    # The client's account, in the client's words, in the Subjective.
    assert account.text.startswith('Client reported passive suicidal ideation ("At night I think everyone would be')
    assert 'how often: "Most nights. Maybe five out of seven."' in account.text and {1, 2, 3} <= set(account.evidence)
    # What was done in session, in the Objective.
    assert in_session.text.startswith("In session: safety plan made with the client") and {10, 11} <= set(in_session.evidence)
    assert 'warning signs: "Lying awake at night. Drinking alone in the garage."' in in_session.text
    assert "crisis contacts given (988, crisis line)" in in_session.text and {12, 13, 16} <= set(in_session.evidence)
    # The denials are the client's account too, each answer quoted and cited in the Subjective ...
    assert 'denied plan ("No. No plan."); intent ("No. I couldn\'t do that to my kids.")' in account.text
    assert {4, 5, 6, 7} <= set(account.evidence)
    # ... and the risk assessment, in the Assessment, names each finding once, citing its lines.
    text, cited = line.text, set(line.evidence)
    assert text.startswith("Risk: passive suicidal ideation endorsed; ") and {1} <= cited
    assert "plan and intent denied;" in text and "No plan" not in text and {4, 5, 6, 7} <= cited
    assert "access to means: hunting rifle" in text and {8, 9} <= cited
    assert 'rifle to be put away ("I could ask Mike to keep the rifle at his place.")' in text and {14, 15} <= cited
    assert 'stated being safe ("Yes. I\'m safe.")' in text and {18, 19} <= cited
    assert "Clinician to review" not in text  # a finding of the session, not a request
    # Said once: the quote is in the Subjective only.
    assert sum("better off without me" in s.text for s in draft.sentences) == 1


def test_the_sections_drafter_writes_the_same_line():
    raw = {"subjective": [{"text": "The client reported feeling numb at night.", "evidence": [1]}]}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(SAFETY_SESSION), scan_transcript(SAFETY_SESSION),
                     model="m", mode="direct", warnings=[], subject="client")
    lines = _risk_lines(draft)
    assert len(lines) == 1 and lines[0].section == "assessment" and "plan and intent denied" in lines[0].text
    assert [s.section for s in draft.sentences if "risk_documented" in s.flags] == ["subjective", "objective", "assessment"]


def test_a_session_without_screening_has_no_risk_line():
    session = parse_transcript("Clinician: How did the breathing practice go?\n"
                               "Client: I did it every evening. My sleep is better.\n"
                               "Clinician: Any plans for the weekend?\nClient: No, just resting.")
    draft = _record_note(session, [("homework_review", "Client did the breathing practice every evening.", [1])])
    assert _risk_lines(draft) == []
    assert not any("risk" in s.text.lower() for s in draft.sentences)  # no "No risk phrases found" either


def test_cutting_back_on_drinking_is_no_risk():
    session = parse_transcript("Clinician: What would you like to change?\n"
                               "Client: Cutting back on drinking, for sure. I've been cutting back already.")
    draft = _record_note(session, [("goals", "Client wants to cut back on drinking.", [1])])
    assert draft.risk == [] and _risk_lines(draft) == []


def test_yes_to_a_summary_that_asks_is_that_okay_endorses_the_plan_not_risk():
    session = parse_transcript(
        "Clinician: Have you had thoughts of ending your life?\n"
        "Client: No. Never.\n"
        "Clinician: What I'm hearing is that you have thoughts of death at times. I'd like to make a safety plan. "
        "Is that okay?\n"
        "Client: Yeah. Okay.")
    text = _risk_lines(_record_note(session))[0].text
    assert "suicidal ideation denied" in text and "endorsed" not in text


def test_a_plan_question_far_from_any_risk_line_is_not_documented():
    session = parse_transcript("Clinician: Any thoughts of hurting yourself?\nClient: No, never.\n"
                               + "".join(f"Client: Line {n} about the week.\n" for n in range(12))
                               + "Clinician: Any plans for the weekend?\nClient: No.")
    text = _risk_lines(_record_note(session))[0].text
    assert "self-harm denied" in text and "plan" not in text


def test_a_means_step_the_plan_states_is_named_in_the_risk_line_not_quoted_again():
    draft = _record_note(SAFETY_SESSION, [("homework", "Client agreed to ask Mike to keep the rifle at his place.", [14, 15])])
    line = _risk_lines(draft)[0]
    assert "means restriction agreed (rifle: see Plan)" in line.text and {14, 15} <= set(line.evidence)
    assert sum("keep the rifle at his place" in s.text for s in draft.sentences) == 1  # said once, in the Plan


PAST_IDEATION = parse_transcript(
    "Clinician: Any thoughts of killing yourself, or of not wanting to be here? Now, or this week?\n"  # 0
    "Client: No. Not now.\n"                                                                          # 1
    "Clinician: Not now.\n"                                                                           # 2
    "Client: Like last winter, yeah. I used to think everyone would be better off if I wasn't here. "
    "But not since the spring.\n")                                                                   # 3


def test_ideation_the_client_places_in_the_past_is_documented_as_past_not_as_current():
    # A wish the client says they had last winter, and not since the spring, written as "passive
    # suicidal ideation endorsed" would document a current risk that the client denied.
    draft = _record_note(PAST_IDEATION)
    risk = [s for s in draft.sentences if "risk_documented" in s.flags]
    account = next(s for s in risk if s.section == "subjective")
    line = next(s for s in risk if s.section == "assessment")
    assert account.text.startswith('Client reported past passive suicidal ideation ("')
    assert "past passive suicidal ideation reported" in line.text
    assert "ideation endorsed" not in line.text
    assert "suicidal ideation denied" in line.text and {3} <= set(line.evidence)
    assert 'denied active suicidal ideation ("No. Not now.")' in account.text


def test_ideation_said_in_the_present_stays_endorsed():
    session = parse_transcript("Clinician: Any thoughts of not wanting to be here?\n"
                               "Client: Yes. I keep thinking everyone would be better off if I wasn't here.\n")
    line = next(s for s in _record_note(session).sentences if s.text.startswith("Risk"))
    assert "passive suicidal ideation endorsed" in line.text and "past" not in line.text


def test_keeps_saying_is_no_step_to_put_medication_away():
    # "She keeps saying, you should be on something" answers a question about medication after a
    # risk screen; "keeps" there is "goes on", and no means were put away.
    session = parse_transcript(
        "Clinician: Any thoughts of harming yourself, or the baby?\n"
        "Client: No. Never.\n"
        "Clinician: Okay. You mentioned your sister asked about medication?\n"
        "Client: Yeah. She keeps saying, you should be on something. I don't know.\n"
        "Clinician: Could you keep the pills at your sister's place for now?\n"
        "Client: Yes, I'll give them to her tomorrow.\n")
    texts = " ".join(s.text for s in _record_note(session).sentences)
    assert "should be on something" not in texts
    assert "pills to be put away" in texts  # a real step is still documented


def test_means_kept_away_in_the_answer_to_a_means_check_are_the_plans_and_the_risk_line_points_there():
    # 15: "Is there anything else around?" - "No. Mum has the razors in her bathroom and the pills are
    # in the locked thing." denies access and says where the means are: a means check, documented.
    from session_assistant.drafting.risk import scan_transcript
    from session_assistant.drafting.risk_note import means_plan_line, risk_sentences
    from session_assistant.drafting.transcript_input import parse_transcript

    check = ("Clinician: And the blades you gave me, is there anything else around? In your room?\n"
             "Client: No. Dad keeps the razors in his room and the pills are locked in the cupboard.")
    later = parse_transcript("Clinician: Any urges to hurt yourself this week?\nClient: No.\n"
                             + "Clinician: Okay.\nClient: Okay.\n" * 20 + check)
    risk = scan_transcript(later)
    line = means_plan_line(later, risk, "client")
    assert line == ('Means kept away, as said in session: razors and pills kept away ("No. Dad keeps the razors in his room '
                    'and the pills are locked in the cupboard.").', [43])
    said = " ".join(s.text for s in risk_sentences("soap", "assessment", later, risk, "client", set(line[1])))
    assert "means kept away (razors and pills: see Plan)" in said and "locked in the cupboard" not in said
    # Asked right after the screening, the denial of access quotes the answer in the risk line: said once.
    near = parse_transcript("Clinician: Any urges to hurt yourself this week?\nClient: No.\n" + check)
    assert means_plan_line(near, scan_transcript(near), "client") is None
