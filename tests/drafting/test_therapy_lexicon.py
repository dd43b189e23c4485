"""The wider technique lexicon: an approach is named from two of its techniques in the clinician's
lines, said the way clinicians say them (rarely by name), never from one alone nor from the client."""

from __future__ import annotations

import pytest

from session_assistant.drafting.session_facts import detect_interventions, interventions_sentence
from session_assistant.drafting.transcript_input import parse_transcript
from short_sessions import approaches as _approaches, clinician_turns as _session


@pytest.mark.parametrize("lines, approach, techniques", [
    (("Try saying: I'm having the thought that nobody likes me.",
      "Everything you have tried to get rid of the anxiety, how has that worked in the long run?"),
     "acceptance and commitment therapy (ACT)", ["cognitive defusion", "creative hopelessness"]),
    (("What matters to you about being a parent, what are your values there?",
      "Could you be willing to have the sadness and still go?"),
     "acceptance and commitment therapy (ACT)", ["values", "acceptance and willingness"]),
    (("Since the move you are going from a busy office to being at home all day.",
      "When you told him, what was said, word for word?"),
     "interpersonal psychotherapy (IPT)", ["role transition", "communication analysis"]),
    (("Let's keep your sleep window at eleven to five thirty for another week.",
      "Remember, bed equals sleep, so if you are awake for a while you get up."),
     "CBT for insomnia (CBT-I)", ["sleep restriction", "stimulus control"]),
    (("One drink at the wedding is a lapse, not a relapse.",
      "What are your high-risk situations over the holidays?"),
     "relapse prevention", ["lapse versus relapse", "high-risk situations"]),
    (("Let's look at the anger log from this week.", "If you notice it rising, you can call a time-out."),
     "CBT for anger", ["anger log", "time-out"]),
    (("What was the stuck point you wrote down?", "Let's go through the ABC sheet from Tuesday."),
     "trauma-focused therapy", ["stuck points", "CPT worksheets"]),
    (("Try some labelled praise when he gets dressed on time.", "And the sticker chart goes on the fridge."),
     "behavioural parent training", ["labelled praise", "reward chart"]),
    (("Suppose you woke up tomorrow and the problem was gone, what would you notice?",
      "Tell me about times when it wasn't as bad."),
     "solution-focused therapy", ["miracle question", "exceptions"]),
    (("Let's put that on the three circles: where was your threat system on the ward?",
      "Shall we do a minute of the soothing rhythm breathing before we go on?"),
     "compassion-focused work", ["three-systems formulation", "soothing rhythm breathing"]),
])
def test_two_techniques_said_in_working_words_name_the_approach(lines, approach, techniques):
    found = _approaches(_session(*lines))
    assert found.get(approach) == techniques


def test_one_technique_or_the_clients_words_name_no_approach():
    assert "relapse prevention" not in _approaches(_session("Was that a lapse, do you think?"))
    client_only = parse_transcript("Clinician: How was the week?\nClient: I kept my sleep window and used stimulus control.\n"
                                   "Clinician: Okay.\nClient: I'm having the thought that I failed, and I tried to get rid of it.")
    assert detect_interventions(client_only) == []


def test_cbt_for_insomnia_needs_one_of_its_core_components():
    # An intake that asks about caffeine and sets a sleep diary has not done CBT-I.
    intake = _session("How about caffeine, how much coffee do you drink?", "Second, a sleep diary, every morning.")
    assert "CBT for insomnia (CBT-I)" not in _approaches(intake)


def test_a_role_play_is_named_from_the_clinician_taking_the_other_part():
    found = detect_interventions(_session("Can we practise asking him? I'll be Tom, you be you."))
    assert [(i.approach, i.evidence) for i in found] == [("role-play", [0])]
    assert "role-play (behavioural rehearsal)" in interventions_sentence(found)
    assert detect_interventions(_session("I'll be honest, that sounds hard.")) == []


def test_the_plan_continues_the_sessions_own_approach_for_the_clinician_to_confirm():
    from session_assistant.drafting.fact_lines import fact_lines
    from session_assistant.drafting.formats import get_format
    from session_assistant.drafting.grounding import SourceIndex

    session = _session("Let's keep your sleep window at eleven to five thirty for another week.",
                       "Remember, bed equals sleep, so if you are awake for a while you get up.",
                       "Can we practise asking him? I'll be Tom.",
                       "Any thoughts of suicide, or of ending your life?")
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(session), None, "client")
    plan = [line for line in lines if line.section == "plan" and line.text.startswith("Interventions planned")]
    assert [(line.text, line.evidence) for line in plan] == [
        ("Interventions planned, continuing this session's approach (clinician to confirm): CBT for insomnia (CBT-I).", [0, 2])]
    once = _session("Let's keep your sleep window at eleven to five thirty for another week.",
                    "Remember, bed equals sleep, so if you are awake for a while you get up.",
                    "What else could explain feeling tired on Monday?")  # one reframe: a moment, not the approach
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(once), None, "client")
    assert [line.text for line in lines if line.text.startswith("Interventions planned")] == [
        "Interventions planned, continuing this session's approach (clinician to confirm): CBT for insomnia (CBT-I)."]
    screening_only = _session("Any thoughts of suicide, or of ending your life?", "Have you made any plans?")
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(screening_only), None, "client")
    assert not any(line.text.startswith("Interventions planned") for line in lines)
