"""How bad and how often, in the client's words, in the Subjective, and the symptoms of the working
diagnosis the client spoke of, in the Assessment (issue 16: "the client's own account with severity or
frequency as said"; "symptoms and working diagnosis"). Missed on sessions that open with a
questionnaire and its risk item before the week, that ask a symptom's number as "What's X been like,
nought to ten?", that hand the client the floor with "Go ahead.", or whose chart's diagnosis is grief,
persistent pain or an adjustment with anger and guilt. Transcripts written for these tests."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.checked_in import check_ins, week_told
from session_assistant.drafting.client_account import answered_amounts
from session_assistant.drafting.diagnosis_symptoms import symptoms_spoken
from session_assistant.drafting.event_told import events_told
from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.transcript_input import parse_transcript

_LATER = ["Clinician: Shall we look at the plan for this week?", "Client: Yes, go on."] * 12

OPENED_WITH_A_FORM = [
    "Clinician: Morning, Sam. Before we start, the form you filled in downstairs.",                # 0
    "Client: The one on the clipboard?",                                                         # 1
    "Clinician: That's it. You scored eleven, down from thirteen.",                              # 2
    "Client: Oh, right. That's something.",                                                      # 3
    "Clinician: I check the last question with everyone. Any thoughts that you'd be better off dead, "
    "or of hurting yourself? You put not at all.",                                               # 4
    "Client: No. Nothing like that.",                                                            # 5
    "Clinician: And no thoughts of harming yourself in any other way?",                          # 6
    "Client: No, honestly.",                                                                     # 7
    "Clinician: Thank you. So, how has the week been?",                                          # 8
    "Client: Flat, mostly. The evenings drag. I sit in the car after work for ages before I go in.",  # 9
    "Clinician: Every evening?",                                                                 # 10
    "Client: Most evenings. Four out of five, I'd say. Friday I went straight in.",               # 11
]


def _session(*lines: str):
    return parse_transcript("\n".join([*lines, *_LATER]))


def _lines(talk, chart=None):
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(talk), chart, "client")
    return lines


def test_the_week_asked_after_an_opening_form_and_its_risk_item_is_quoted_with_how_often():
    talk = _session(*OPENED_WITH_A_FORM)
    assert week_told(talk, mentions_risk) == (
        "How has the week been?", "Flat, mostly. The evenings drag. I sit in the car after work for ages before I go in.", [8, 9])
    assert answered_amounts(talk, mentions_risk) == [
        ("Every evening?", "Most evenings. Four out of five, I'd say. Friday I went straight in.", [10, 11])]
    account = next(x for x in _lines(talk) if x.text.startswith("When asked"))
    assert account.section == "subjective" and account.evidence == [8, 9, 10, 11]
    assert account.text.endswith('when asked "Every evening?": "Most evenings. Four out of five, I\'d say. Friday I went straight in."')


def test_how_often_checked_after_a_risk_answer_stays_the_risk_accounts():
    talk = _session("Clinician: Have you had any thoughts of ending your life?",
                    "Client: Some nights, yes, when I can't sleep.",
                    "Clinician: Every night?",
                    "Client: Most nights this week. Three or four.")
    assert answered_amounts(talk, mentions_risk) == []


def test_a_week_asked_late_in_other_words_is_not_the_opening_account():
    filler = ["Clinician: Right.", "Client: Yeah."] * 6
    talk = _session(*filler, "Clinician: How's it been?", "Client: Hard work, all of it, the new shifts and the kids' exams.")
    assert week_told(talk, mentions_risk) is None


def test_a_symptoms_number_asked_as_what_has_it_been_like_is_the_clients_account():
    talk = _session("Clinician: What's the headache been like, nought to ten?",
                    "Client: A five most days. Thursday it hit eight and I went home early.",
                    "Clinician: And how's the tinnitus been, out of ten?",
                    "Client: Quieter. A three, maybe four at night.")
    assert check_ins(talk, risky=mentions_risk) == [
        ("What's the headache been like, nought to ten?", "A five most days. Thursday it hit eight and I went home early.", [0, 1]),
        ("And how's the tinnitus been, out of ten?", "Quieter. A three, maybe four at night.", [2, 3])]
    assert check_ins(_session("Clinician: What's it been like?", "Client: Honestly a lot harder than I thought.")) == []


def test_the_event_told_once_the_clinician_hands_over_the_floor_is_quoted():
    talk = _session("Clinician: You said the landlord came round. Do you want to start with that?",
                    "Client: Yes. If that's okay.",
                    "Clinician: Go ahead.",
                    "Client: He turned up on Monday without any warning and went through every room. "
                    "He said the rent was going up in June and I just stood there in the hall.")
    assert events_told(talk, [], mentions_risk) == [
        ("He turned up on Monday without any warning and went through every room. "
         "He said the rent was going up in June and I just stood there in the hall.", [2, 3])]


def test_a_go_ahead_that_sets_a_task_or_hears_a_feeling_tells_no_event():
    task = _session("Clinician: Go ahead, read it out, and don't soften it.",
                    "Client: What if I lose my temper with him in front of everyone and they all see what I was like.")
    feeling = _session("Clinician: Go on.", "Client: I just feel like everything is too much right now and it never stops.")
    assert events_told(task, [], mentions_risk) == [] and events_told(feeling, [], mentions_risk) == []


def test_grief_names_yearning_guilt_and_avoided_reminders_from_the_clients_lines():
    talk = parse_transcript("Clinician: How have things been since the funeral?\n"
                            "Client: I still miss her so much. I set two cups out without thinking.\n"
                            "Clinician: That's very common.\n"
                            "Client: I keep thinking I should have noticed she was ill sooner.\n"
                            "Client: And I haven't been back to the allotment since. It was ours.")
    assert symptoms_spoken(["Z63.4 Bereavement"], talk, mentions_risk) == (
        "Z63.4 Bereavement", [("yearning", 1), ("guilt and self-blame", 3), ("avoidance of reminders", 4)])


def test_persistent_pain_names_the_pain_broken_sleep_and_boom_and_bust_but_not_a_denial():
    talk = parse_transcript("Clinician: How's the pain been?\n"
                            "Client: A seven most days.\n"
                            "Client: I'm up four or five times a night with it.\n"
                            "Client: I did the whole garden on Sunday and then I was flat on the sofa till Wednesday.\n"
                            "Client: I'm not frightened of the pain any more, it's just tiring.")
    assert symptoms_spoken(["G89.4 Chronic pain syndrome"], talk, mentions_risk) == (
        "G89.4 Chronic pain syndrome", [("pain", 1), ("sleep", 2), ("boom-and-bust activity", 3)])


def test_an_adjustment_names_the_clients_own_anger_and_guilt_not_someone_elses():
    said = parse_transcript("Client: I'm so angry with the school.\nClient: And then I feel guilty for being angry at all.")
    assert symptoms_spoken(["F43.22 Adjustment disorder with anxiety"], said, mentions_risk)[1] == [
        ("anger", 0), ("guilt and self-blame", 1)]
    others = parse_transcript("Client: My husband was furious with them.\nClient: The teacher felt awful about it.")
    assert symptoms_spoken(["F43.22 Adjustment disorder with anxiety"], others, mentions_risk)[1] == []


def test_the_grief_line_sits_in_the_assessment_after_the_charted_diagnosis():
    chart = ChartContext.from_json({"diagnoses": [{"code": "Z63.4", "description": "Bereavement"}]})
    talk = parse_transcript("Clinician: How's the week been?\n"
                            "Client: Mostly down. I keep listening for him coming in the door.")
    lines = _lines(talk, chart)
    line = next(x for x in lines if x.text.startswith("Symptoms of the working diagnosis"))
    assert line.section == "assessment" and line.evidence == [1]
    assert line.text == ("Symptoms of the working diagnosis (Z63.4 Bereavement, per chart) the client spoke of this session: "
                         "yearning, low mood; clinician to judge their severity.")


def test_a_risk_answer_and_anger_as_a_habits_condition_name_nothing():
    talk = parse_transcript("Clinician: Any thoughts that you'd be better off dead?\n"
                            "Client: No. I miss her every day, but no.\n"
                            "Client: I walk away and I never text anyone when I'm angry.")
    assert symptoms_spoken(["Z63.4 Bereavement"], talk, mentions_risk) == ("Z63.4 Bereavement", [])


def test_a_needle_phobia_names_fear_faintness_and_avoidance():
    talk = parse_transcript("Client: I've put off the blood test three times now.\n"
                            "Client: Last time I went light-headed just reading the letter.\n"
                            "Client: I'm terrified of the moment it goes in.")
    assert symptoms_spoken(["F40.2 Specific phobia, blood-injection-injury type"], talk, mentions_risk)[1] == [
        ("fear", 2), ("faintness", 1), ("avoidance", 0)]


def test_functional_seizures_name_the_attacks_the_going_away_and_what_is_given_up():
    talk = parse_transcript("Client: At the bus stop it all went far away, and then I don't remember. I came round on the bench.\n"
                            "Client: I haven't been into town on my own since.\n"
                            "Client: I don't remember his name, the new doctor.")
    assert symptoms_spoken(["F44.5 Dissociative convulsions"], talk, mentions_risk)[1] == [
        ("seizures", 0), ("dissociation", 0), ("avoidance", 1)]


def test_hair_pulling_and_compulsive_buying_name_their_own_areas():
    pulling = parse_transcript("Client: I don't even know I'm doing it until there's a pile on the desk.\n"
                               "Client: Then I feel so ashamed.")
    assert symptoms_spoken(["F63.3 Trichotillomania"], pulling, mentions_risk)[1] == [
        ("pulling without noticing (automatic)", 0), ("shame", 1)]
    buying = parse_transcript("Client: When the parcel comes I get this little buzz.\n"
                              "Client: I keep the bags in the shed so she won't see them.\n"
                              "Client: The shed's full, honestly.")
    assert symptoms_spoken(["F63.8 Other impulse disorders (compulsive buying)"], buying, mentions_risk)[1] == [
        ("urges and the buzz of buying", 0), ("hiding it", 1)]


def test_what_the_client_put_on_a_form_is_the_measures_not_a_symptom_told():
    talk = parse_transcript("Client: The question on the urges, I put quite a lot.\nClient: It's the picking I hate.")
    assert symptoms_spoken(["L98.1 Excoriation (skin-picking) disorder"], talk, mentions_risk)[1] == []
