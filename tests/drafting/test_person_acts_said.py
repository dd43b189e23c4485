"""The model's inventions about people (invent25): the client written with the other gender's pronouns,
and an act given to a named person or a relative that nobody said.

Why: kept draft 93 wrote a mother as "he" and "Client had also been threatened with violence by Jack,
and he had been threatened with violence by his sister Nicola" (Jack is her young son, Nicola the
sister who offers her a room; only her partner pushed her). Every transcript and sentence below is
written for this test, in its own words; nothing depends on what a model writes.
"""

from __future__ import annotations

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.person_voice import client_pronouns, consistent_pronouns
from session_assistant.drafting.record_render import check_fact
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.therapy_checks import therapy_checked
from session_assistant.drafting.transcript_input import parse_transcript

# A father; the clinician says so ("any good dad"), he never says "I'm a dad". Dave is his partner,
# Tom his brother, Priya his daughter.
HOME = SourceIndex(parse_transcript(
    "Clinician: How has the week been at home?\n"
    "Client: Rough. Dave came in late on Friday and he yelled at me in front of Priya.\n"
    "Clinician: That sounds frightening. Did anything else happen?\n"
    "Client: He threw my keys at the wall. My brother Tom drove over and sat with us.\n"
    "Clinician: Has Tom ever hit you?\n"
    "Client: No, never. Tom's the calm one.\n"
    "Clinician: You got Priya upstairs first. You're doing what any good dad would do.\n"
    "Client: I didn't know what else to do.\n"
    "Clinician: Let's plan what you could do if it happens again.\n"
    "Client: Okay. Priya knows Tom's number. She's only six but she knows it.\n"))
KINDS = get_format("soap", "client")


def _checked(text: str, written: str | None = None, source: SourceIndex = HOME) -> tuple[str, list[str]]:
    return therapy_checked(text, source, [], None, [1, 3], **({"written": written} if written else {}))


def _withheld(flags: list[str]) -> bool:
    return any(f.startswith(("unsaid_act", "client_misgendered")) for f in flags)


def test_the_clinicians_words_to_the_client_tell_the_clients_gender():
    assert client_pronouns(HOME) == "he/him"
    # Only the words for the person spoken to count: "you're worried about a woman at work" says nothing.
    other = SourceIndex(parse_transcript("Clinician: You're worried about a woman at work.\nClient: Yes, Jo.\n"))
    assert client_pronouns(other) is None


def test_the_client_written_as_she_is_repaired_to_he_and_others_pronouns_are_left():
    text = consistent_pronouns("The client said she felt shaken after Friday night.", None, HOME)
    assert text == "The client said he felt shaken after Friday night."
    # "he" is the client here, so the "she" is Priya's: never changed, never withheld.
    text = "The client said he got Priya upstairs before she saw Dave throw the keys."
    assert consistent_pronouns(text, None, HOME) == text
    assert not _withheld(_checked(text)[1])


def test_an_act_is_kept_only_where_a_line_gives_it_to_that_person():
    # Tom drove over and sat with them; the only "hit" of his is the clinician's question, answered no.
    for sentence in ("The client had been yelled at by his brother Tom on Friday.",
                     "Tom hit the client after Dave left.",
                     "Priya had threatened the client."):
        assert _withheld(_checked(sentence)[1]), sentence
    # "Dave came in late ... and he yelled at me": the pronoun is Dave's, named just before it.
    for sentence in ("Dave yelled at the client in front of Priya on Friday.",
                     "The client reported that he had been yelled at by Dave.",
                     "The client's partner Dave yelled at him on Friday."):
        text, flags = _checked(sentence)
        assert not _withheld(flags), (sentence, flags)
        assert text == sentence


def test_a_pronoun_of_the_other_gender_left_after_another_person_of_it_is_withheld():
    # The model gave the client "she", repaired to "he"; the "she" after Priya may be either of them.
    written = "The client said she was exhausted because Priya wakes at five and she cannot settle."
    repaired = consistent_pronouns(written, None, HOME)
    assert repaired.startswith("The client said he was exhausted")
    assert any(f.startswith("client_misgendered") for f in _checked(repaired, written)[1])


def test_the_closing_clause_with_the_invention_is_cut_and_the_report_kept():
    text, flags = _checked("The client said Dave yelled at him on Friday, and that he had been hit by his brother Tom.")
    assert text == "The client said Dave yelled at him on Friday."
    assert [f.split(":")[0] for f in flags if f.startswith("clause_")] == ["clause_cut"]


def test_the_draft_withholds_the_invention_and_shows_it_beside_the_note():
    raw = {"subjective": [
        {"text": "Dave yelled at the client in front of Priya on Friday night.", "evidence": [1]},
        {"text": "The client had also been threatened by Priya, and she had been hit by her uncle Tom.",
         "evidence": [3, 5]}]}
    draft = assemble(KINDS, raw, HOME, [], model="m", mode="direct", warnings=[], subject="client",
                     chart=ChartContext())
    subjective = draft.sections["subjective"]
    assert "Dave yelled at the client in front of Priya on Friday night." in subjective
    assert "threatened by Priya" not in subjective
    assert any("threatened by Priya" in s.text and any(f.startswith("unsaid_act") for f in s.flags)
               for s in draft.withheld)


def test_a_record_fact_gets_the_same_checks():
    # The record path (slots filled by the model, rendered by rule) repairs and withholds alike.
    text, flags, withhold = check_fact("The client said she had been hit by her brother Tom, and she was scared.",
                                       "subjective", HOME, evidence=[3])
    assert withhold and any(f.startswith("unsaid_act") for f in flags)
    text, flags, withhold = check_fact("The client said she was exhausted because Priya wakes at five and she "
                                       "cannot settle.", "subjective", HOME, evidence=[9])
    assert withhold and any(f.startswith("client_misgendered") for f in flags), (text, flags)
