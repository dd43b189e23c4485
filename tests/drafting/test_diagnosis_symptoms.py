"""The symptoms of the chart's working diagnosis the client spoke of, named in the Assessment with
the client's lines as evidence; denials, another person's sleep, questionnaire item answers, relapse
signs and risk lines name none. Transcripts written for these tests (no session's words)."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.diagnosis_symptoms import symptoms_spoken
from session_assistant.drafting.fact_lines import fact_lines
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import mentions_risk
from session_assistant.drafting.transcript_input import parse_transcript

LOW = ["F33.1 Recurrent depressive disorder"]


def _spoken(diagnoses, text):
    return symptoms_spoken(diagnoses, parse_transcript(text), mentions_risk)


def test_areas_said_outright_or_in_answer_to_a_short_question_are_named_with_their_lines():
    talk = ("Clinician: How has the week gone?\n"
            "Client: Badly. I've felt really flat since the funeral and I keep putting things off.\n"
            "Clinician: How's your appetite?\n"
            "Client: Hardly anything. A slice of toast at night.\n"
            "Clinician: And concentration?\n"
            "Client: Fine, honestly.")
    diagnosis, found = _spoken(LOW, talk)
    assert diagnosis == "F33.1 Recurrent depressive disorder"
    assert found == [("low mood", 1), ("appetite", 3), ("withdrawal and avoidance", 1)]


def test_denials_someone_elses_sleep_item_answers_and_relapse_signs_name_nothing():
    talk = ("Clinician: How are you sleeping?\n"
            "Client: The baby sleeps through now, and I'm not lying awake any more.\n"
            "Clinician: Over the last two weeks, feeling tired or having little energy?\n"
            "Client: Two.\n"
            "Clinician: What would tell you it was coming back?\n"
            "Client: Waking at four and snapping at the kids.\n"
            "Client: My mood's fine really.")
    assert _spoken(LOW, talk) == ("F33.1 Recurrent depressive disorder", [])


def test_a_diagnosis_without_a_symptom_list_or_no_chart_diagnosis_gives_no_line():
    talk = "Client: I've been so tired and low all week."
    assert _spoken(["Z63.0 Relationship distress with partner"], talk) == ("", [])
    assert _spoken([], talk) == ("", [])


def test_the_line_sits_in_the_assessment_after_the_diagnosis_citing_the_clients_lines():
    chart = ChartContext.from_json({"diagnoses": [{"code": "F41.1", "description": "Generalized anxiety disorder"}]})
    talk = parse_transcript("Clinician: What's been hardest?\n"
                            "Client: The worrying. It starts the minute I wake, what if the car fails, what if the rent goes up.\n"
                            "Clinician: And your body?\n"
                            "Client: My shoulders are tense all day and I get headaches.")
    lines, _ = fact_lines(get_format("soap", "client"), SourceIndex(talk), chart, "client")
    texts = [line.text for line in lines]
    line = next(x for x in lines if x.text.startswith("Symptoms of the working diagnosis"))
    assert line.section == "assessment" and line.evidence == [1, 3]
    assert line.text == ("Symptoms of the working diagnosis (F41.1 Generalized anxiety disorder, per chart) the client spoke of "
                         "this session: worry, muscle tension; clinician to judge their severity.")
    assert texts.index(line.text) == next(i for i, t in enumerate(texts) if t.startswith("Active diagnoses")) + 1


def test_risk_talk_names_no_symptom():
    talk = "Client: I feel hopeless, like I'd be better off dead."
    assert _spoken(LOW, talk)[1] == []
