"""The risk list read right on three kinds of line a session nobody had read got wrong (no model).

Written here in other words, never the sessions' own: a death named as the heat of an embarrassing
moment ("everyone in the canteen saw, I wanted to die") is a figure of speech, not suicidal ideation,
while the same words with a lasting wish stay listed; a screening question that offers two things
("more like not wanting to be around, or hurting yourself?") answered with a choice ("The first
one.", "Both.", "Neither.") is read as the option chosen, each option of its own kind; and a vague
answer ("I don't know. Maybe.") is listed for the clinician's follow-up, never as a denial."""

from __future__ import annotations

import pytest

from session_assistant.drafting.risk import DENIED, ENDORSED, UNCLEAR, scan_transcript
from session_assistant.drafting.transcript_input import parse_transcript


def _items(text: str):
    return scan_transcript(parse_transcript(text))


# --- a figure of speech of death, said of a shaming or exhausting moment --------------------------

@pytest.mark.parametrize("line", [
    "My tray went flying in the canteen and everyone was staring. I wanted to die.",
    "She read my diary out in front of the whole class. I just wanted to die, it was so embarrassing.",
    "I tripped on stage at the recital and I wanted to disappear. Mortifying.",
    "Mum started crying at parents' evening with all my friends watching, I wanted to die.",
    "By the end of the night shift I was so exhausted I wanted to die.",
])
def test_death_said_of_a_shaming_moment_is_not_ideation(line):
    assert _items(f"Clinician: How did that go?\nClient: {line}") == []


@pytest.mark.parametrize("line", [
    # the same moment, but the wish lasted past it: ideation
    "Everyone was staring at me in the canteen. I wanted to die, and I've felt like that most nights since.",
    "He humiliated me in front of my friends. Honestly I still want to die.",
    # no moment of shame or tiredness: a wish
    "After she left I wanted to die. I kept thinking about the tablets.",
    "I wanted to die last week.",
    # weariness of life is no moment; being laughed at may be bullying, which can bring real ideation
    "I'm so tired of all of it, I wanted to die.",
    "The kids in my class laughed at me. I wanted to die.",
    # a state, not a moment: shame about a situation, exhaustion told plainly
    "I was so embarrassed about the money I owe that I wanted to die.",
    "I was worn out after the night feeds, I just wanted to die.",
    # a moment, then a means or a sign of harm
    "The whole team saw me cry. I wanted to die. Later I looked up how to do it.",
    "Everybody was looking at the marks on my arm. I wanted to die.",
])
def test_a_real_wish_to_die_is_still_listed(line):
    items = _items(f"Clinician: How have things been?\nClient: {line}")
    assert [(i.category, i.status) for i in items][:1] == [("suicidal_ideation", ENDORSED)]


def test_a_shaming_moment_in_a_screening_answer_is_still_read_as_the_answer():
    # Asked about risk, the words answer the question: the figure is the clinician's to weigh.
    items = _items("Clinician: Have you had any thoughts of wanting to die?\n"
                   "Client: When they laughed at me in front of everyone I wanted to die.")
    assert [(i.category, i.status) for i in items] == [("suicidal_ideation", ENDORSED)]


# --- an either/or screening question answered with a choice ---------------------------------------

_EITHER_OR = ("Clinician: When that comes up, is it more thoughts of not wanting to be around anymore, "
              "or thoughts of harming yourself?\nClient: {answer}")


@pytest.mark.parametrize("answer", [
    "The first one.", "First one, I think.", "More the first.", "Probably the first one. I'm not sure.",
    "The former.", "The not being around one.",
])
def test_choosing_the_first_option_endorses_it_alone(answer):
    items = _items(_EITHER_OR.format(answer=answer))
    assert [(i.category, i.status, i.detail, i.categories) for i in items] == [
        ("suicidal_ideation", ENDORSED, "passive", ["suicidal_ideation"])]


@pytest.mark.parametrize("answer", ["The second one.", "Second.", "The latter, mostly.", "More the second one."])
def test_choosing_the_second_option_endorses_it_alone(answer):
    items = _items(_EITHER_OR.format(answer=answer))
    assert [(i.category, i.status, i.detail, i.categories) for i in items] == [("self_harm", ENDORSED, "", ["self_harm"])]


@pytest.mark.parametrize("answer", ["Both.", "A bit of both.", "Bit of both, honestly.", "Both of them, sometimes."])
def test_both_endorses_each_option(answer):
    items = _items(_EITHER_OR.format(answer=answer))
    assert len(items) == 1 and items[0].status == ENDORSED
    assert items[0].categories == ["suicidal_ideation", "self_harm"]


@pytest.mark.parametrize("answer", ["Neither.", "Neither of them.", "Neither, really. I just feel flat."])
def test_neither_denies_each_option(answer):
    items = _items(_EITHER_OR.format(answer=answer))
    assert [(i.status, i.categories) for i in items] == [(DENIED, ["suicidal_ideation", "self_harm"])]


def test_an_ordinal_after_a_question_without_options_is_no_choice():
    # "The first one" answers something else here (which of two days): not a choice of risk.
    items = _items("Clinician: Have you had any thoughts of ending your life?\nClient: The first one.")
    assert [i.status for i in items] == [UNCLEAR]


def test_choosing_an_option_that_is_no_risk_is_left_for_the_clinician():
    items = _items("Clinician: Is it more that you feel fed up, or that you have thoughts of ending your life?\n"
                   "Client: The first one.")
    assert [i.status for i in items] == [UNCLEAR]


# --- a vague answer is for the clinician's follow-up -----------------------------------------------

@pytest.mark.parametrize("answer", [
    "I don't know. Maybe.", "Maybe.", "Dunno. Possibly.", "Not sure, to be honest.", "Hard to say.",
    "No. I don't know. Maybe sometimes?", "Not really. I'm not sure.", "I don't know, perhaps.",
])
def test_a_vague_answer_needs_follow_up_not_a_denial(answer):
    items = _items(f"Clinician: Have you had any thoughts of ending your life?\nClient: {answer}")
    assert [i.status for i in items] == [UNCLEAR]


@pytest.mark.parametrize("answer,status", [
    ("No. I don't know why I'd do that.", DENIED),   # "I don't know why" is no hedge
    ("No, never. I don't know what I'd do without the kids.", DENIED),
    ("Yeah, sometimes. I don't know what to do about it.", ENDORSED),
    ("Maybe once or twice, last month.", ENDORSED),
    ("Kind of. I don't know.", ENDORSED),            # a partial yes, hedged, is still a yes
    # mended after reading unseen 91 (in other words): the how-often after the hedge is the answer
    ("Not sure... now and then.", ENDORSED),
    ("I dunno, a few times maybe.", ENDORSED),
])
def test_clear_answers_with_the_same_words_keep_their_status(answer, status):
    items = _items(f"Clinician: Have you had any thoughts of ending your life?\nClient: {answer}")
    assert [i.status for i in items] == [status]



@pytest.mark.parametrize("answer", [
    "First of all, no. Nothing like that.",  # "first" opens the answer, chooses nothing
    "Not suicide. Never that.",              # names an option to refuse it
    "Both my kids keep me going. No.",
    "First, can I ask why you want to know?",    # a bare ordinal with a comma is a discourse marker
])
def test_words_of_a_choice_that_choose_nothing_endorse_nothing(answer):
    # A guard (passes on main too): the choice reading must not turn these into an endorsement.
    items = _items(f"Clinician: Any thoughts of hurting yourself, or of suicide?\nClient: {answer}")
    assert len(items) == 1 and items[0].status != ENDORSED
    assert items[0].categories == ["self_harm", "suicidal_ideation"]


def test_the_account_quotes_the_clients_own_words_over_a_choice_or_a_yes():
    from session_assistant.drafting.risk_note import risk_note
    lines = parse_transcript(
        "Clinician: Have you had thoughts that your family would be better off without you?\n"
        "Client: Yeah.\n"
        "Clinician: Can you say what goes through your head?\n"
        "Client: Some evenings I think my kids would be better off without me.\n")
    note = risk_note(lines, scan_transcript(lines))
    account, ids = note.account
    assert "my kids would be better off without me" in account and '"Yeah."' not in account
    assert 3 in ids


@pytest.mark.parametrize("question,detail", [
    ("Do you ever get thoughts that people would be better off without you?", "passive"),
    ("Have there been times you wished you could go to sleep and not wake up?", "passive"),
    ("Have you had thoughts of ending your life, or of not wanting to be here?", ""),  # active asked too
])
def test_a_plain_yes_endorses_what_the_question_asked(question, detail):
    items = _items(f"Clinician: {question}\nClient: Yeah. Sometimes.")
    assert [(i.category, i.status, i.detail) for i in items] == [("suicidal_ideation", ENDORSED, detail)]


@pytest.mark.parametrize("answer,category,detail", [
    ("The first one.", "suicidal_ideation", "passive"),
    ("The second.", "self_harm", ""),
    ("The last one, I suppose.", "suicidal_ideation", ""),
    ("Third one.", "suicidal_ideation", ""),
])
def test_a_list_of_three_options_is_read_in_order(answer, category, detail):
    items = _items("Clinician: When it's at its worst, is it more wishing you weren't here, wanting to hurt "
                   f"yourself, or thinking about ending your life?\nClient: {answer}")
    assert [(i.category, i.status, i.detail) for i in items] == [(category, ENDORSED, detail)]
    assert items[0].categories == [category]


@pytest.mark.parametrize("answer", ["Both, really.", "A bit of both, I think."])
def test_both_when_only_the_second_option_is_risk_endorses_its_kind(answer):
    # mended after reading unseen 94 (in other words): the kind is the risk option's, not the first option's
    items = _items("Clinician: On the worst days, is it more that you want the pain to stop, or more that you "
                   f"wish you weren't around at all?\nClient: {answer}")
    assert [(i.category, i.status, i.detail) for i in items] == [("suicidal_ideation", ENDORSED, "passive")]


def test_a_hedged_no_to_a_follow_up_is_no_denial_in_the_risk_line():
    from session_assistant.drafting.risk_note import risk_note
    lines = parse_transcript(
        "Clinician: Do you ever wish you could go to sleep and not wake up?\n"
        "Client: Yes. Most nights lately.\n"
        "Clinician: Have you made any plans for how you would end your life?\n"
        "Client: No... I don't know. Maybe.\n")
    assessment, _ = risk_note(lines, scan_transcript(lines)).assessment
    assert "plan denied" not in assessment and "plan asked about, client answered" in assessment


def test_a_model_sentence_is_not_flagged_against_a_hedged_no():
    from session_assistant.drafting.denied_said import denied_in_session
    from session_assistant.drafting.grounding import SourceIndex
    source = SourceIndex(parse_transcript(
        "Clinician: Do you ever have a drink in the mornings, before work?\n"
        "Client: No. I don't know. Sometimes, maybe.\n"))
    assert denied_in_session("The client sometimes drinks in the mornings before work.", source) == []
