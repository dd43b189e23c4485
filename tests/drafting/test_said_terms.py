"""A model sentence that names a person the session never mentions, or gives the clinician what
someone else lived through, is withheld; a thing (a noun) nobody said anywhere is flagged for the
clinician, the sentence kept (issue 16, therapy16r). Hand-written sentences on an invented
transcript, paraphrases of no session in the set."""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.said_terms import misattributed, unsaid_people, unsaid_terms
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: How has the fortnight been since we met?
Client: Rough. My mam rang twice about the caravan and I ended up shouting at her.
Clinician: What happened before the shouting?
Client: I'd been on a double shift at the depot. The foreman told me, you look like you've been hit by a bus.
Clinician: That sounds exhausting. And the kids?
Client: My girl's fine. She went to her dad's at the weekend.
Clinician: Shall we look at the anger log you kept?
Client: I filled in four days. The caravan one was a nine.
Clinician: For this week, keep the log and try the pause before you answer the phone.
Client: Okay.""")
SOURCE = SourceIndex(SESSION)


def _draft(raw, chart=None):
    return assemble(get_format("soap", "client"), raw, SOURCE, scan_transcript(SESSION), model="m",
                    mode="direct", warnings=[], subject="client", chart=chart)


def test_a_relative_the_session_never_names_is_found_and_one_it_names_in_other_words_is_not():
    assert unsaid_people("The client wanted to be closer to their brother.", SOURCE.text) == ["brother"]
    assert unsaid_people("They had argued with their mother about the caravan.", SOURCE.text) == []  # "mam"
    assert unsaid_people("Their daughter stayed with her father at the weekend.", SOURCE.text) == []  # "girl", "dad"
    assert unsaid_people("The client's nephew and wife were supportive.", SOURCE.text) == ["nephew", "wife"]
    # A person quoted is the client's words; the chart's names count as said.
    assert unsaid_people('The client said "my brother" once.', SOURCE.text) == []
    assert unsaid_people("The client's grandmother helped.", SOURCE.text + "\nGoal: visit grandmother") == []


def test_the_clinician_given_what_another_said_to_the_client_is_misattributed():
    assert misattributed("The foreman said the clinician looked like they had been hit by a bus.", SOURCE) == "looked"
    assert misattributed("The clinician had been hit by a bus.", SOURCE) == "had"
    # What clinicians do in a session stays, and so does what a clinician line says of itself.
    assert misattributed("The clinician reviewed the anger log with the client.", SOURCE) is None
    assert misattributed("The clinician suggested a pause before answering the phone.", SOURCE) is None
    assert misattributed("The clinician's summary was brief.", SOURCE) is None


def test_a_noun_nobody_said_is_flagged_and_the_note_s_own_words_are_not():
    assert unsaid_terms("The client was worried about their mortgage and the divorce.", SOURCE.text) == [
        "mortgage", "divorce"]
    assert unsaid_terms("The client described the impact of the double shift on their mood.", SOURCE.text) == []
    assert unsaid_terms('The client said "the caravan" mattered.', SOURCE.text) == []


def test_in_the_note_a_person_nobody_named_is_withheld_and_an_unsaid_noun_is_kept_flagged():
    raw = {"subjective": [
        {"text": "The client reported the double shift at the depot and the caravan calls from their brother.",
         "evidence": [1, 3]},
        {"text": "The client reported that the clinician had been hit by a bus.", "evidence": [3]},
        {"text": "The client reported shouting at their mother after a double shift at the depot, and the mortgage.",
         "evidence": [1, 3]},
        {"text": "The client filled in the anger log on 4 days.", "evidence": [7]}]}
    draft = _draft(raw, ChartContext())
    kept = {s.text: s.flags for s in draft.sentences}
    withheld = {s.text: s.flags for s in draft.withheld}
    assert any(f.startswith("unsaid_person:brother") for f in withheld[raw["subjective"][0]["text"]])
    assert any(f.startswith("misattributed:") for f in withheld[raw["subjective"][1]["text"]])
    mortgage = raw["subjective"][2]["text"]
    assert mortgage in kept and "unsaid_term:mortgage" in kept[mortgage]
    assert not any(f.startswith(("unsaid_", "misattributed")) for f in kept[raw["subjective"][3]["text"]])


# --- gaps in the existing checks, found in the same drafts ----------------------------------------------
from session_assistant.drafting.cited_support import uncited_spans, uncited_substances  # noqa: E402
from session_assistant.drafting.grounding import unsaid_feelings  # noqa: E402


def test_a_span_with_a_half_is_a_span_and_needs_its_number_where_it_is_cited():
    around = "It has been three months since the operation.\nI walk a bit every day."
    assert uncited_spans("The client had been on the ward for three and a half months.", around, [], around) == [
        "three and a half months"]
    said = "Three and a half months after the operation I can walk to the shop."
    assert uncited_spans("The client could walk to the shop three and a half months on.", said, [], said) == []


def test_substance_use_needs_a_substance_not_just_the_verb_use():
    around = "Can you use the shared calendar?\nI'll use it for the school runs."
    assert uncited_substances("The client was worried about their substance use.", around) == ["substance use"]
    assert uncited_substances("The client was worried about their substance use.", "I used again, two pills.") == []


def test_sleep_energy_and_motivation_nobody_spoke_of_are_unsaid():
    session = "We argued at the car park.\nSunday night was the worst handover.\nI felt tense all week."
    assert unsaid_feelings("The client reported trouble sleeping.", session) == ["sleeping"]
    assert unsaid_feelings("The client described a lack of energy and motivation.", session) == ["energy", "motivation"]
    told = "I can't get off to sleep, I'm knackered, I can't be bothered with anything."
    assert unsaid_feelings("The client reported trouble sleeping, low energy and low motivation.", told) == []


def test_a_trailing_clause_of_unsaid_symptoms_is_cut_and_a_symptom_in_the_claim_is_not():
    from session_assistant.drafting.grounding import strip_unsaid_feelings
    session = "The handovers are tense, an eight.\nSunday night was the worst one."
    assert strip_unsaid_feelings("The client described the handovers as tense, with a lack of energy and motivation.",
                                 session) == ("The client described the handovers as tense.", ["energy", "motivation"])
    text = "The client reported having trouble sleeping and that the handovers were tense."
    assert strip_unsaid_feelings(text, session) == (text, [])  # not a list: the caller withholds it


def test_a_friend_named_as_the_session_names_them_and_the_clinician_s_own_view_stay():
    named = SOURCE.text + "\nClient: Then Dana came round with chips."
    assert unsaid_people("Their friend Dana came round with chips.", named) == []
    assert misattributed("The clinician believes the client is ready to try the pause.", SOURCE) is None
    assert misattributed("The clinician felt that the anger log was useful.", SOURCE) is None


def test_a_compound_is_read_by_its_head_whatever_the_hash_seed():
    """"self-image" is image (44): the flag no longer varies from run to run with PYTHONHASHSEED."""
    import os
    import subprocess
    import sys

    code = ("from session_assistant.drafting.said_terms import unsaid_terms;"
            "print(unsaid_terms('It was about the mirror work and their self-image.', 'I hate the mirror. I look at myself all day.'))")
    seen = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONHASHSEED": str(seed)}).stdout.strip() for seed in (1, 2, 5)}
    assert seen == {"['self-image']"}
