"""Risk screening by rule (no model): ordinary words are not risk, real risk language is, and a
clinician's screening question and the client's answer are one item with its status."""

from __future__ import annotations

import pytest

from session_assistant.drafting.risk import DENIED, ENDORSED, UNCLEAR, risk_categories, scan_transcript
from session_assistant.drafting.risk_findings import risk_summary
from session_assistant.drafting.transcript_input import parse_transcript

ORDINARY = [
    "I've been cutting back on drinking since we last met.",
    "I'm cutting down to two coffees a day.",
    "I was cutting vegetables when my sister called.",
    "We just play cards to kill time.",
    "That test killed me.",
    "I'd die of embarrassment if anyone saw that.",
    "Her new boyfriend is drop dead gorgeous.",
    "I'm dying to see the new film.",
    "My back is killing me after the move.",
    "My father's alcohol abuse was never talked about.",
    "I didn't want to hurt her feelings.",
    "I'll shoot them a text tonight.",
    "It finally hit me that the job was gone.",
    "My brother beat me at chess again.",
    "I neglected to send the form.",
    "I'm dead tired after the night shift.",
    "I hurt myself playing football last week.",
    "My daughter. Yeah. That kind of hit me.",
    "And then something hits me, like a song.",
    "I'm cutting out sugar and cutting corners at work.",
]

RISKY = [
    ("I've been thinking about killing myself.", "suicidal_ideation"),
    ("Sometimes I wish I could just not wake up.", "suicidal_ideation"),
    ("Everyone would be better off without me.", "suicidal_ideation"),
    ("I don't want to live like this anymore, I don't want to be alive.", "suicidal_ideation"),
    ("I want to die.", "suicidal_ideation"),
    ("I started cutting again last month.", "self_harm"),
    ("I cut my arms when it gets bad.", "self_harm"),
    ("I've been burning myself with a lighter.", "self_harm"),
    ("Some days I want to hurt my boss.", "harm_to_others"),
    ("My partner hits me when he drinks.", "abuse"),
    ("He was abusive for years.", "abuse"),
    ("The kids were left home alone for days.", "neglect"),
    ("I took an overdose two years ago.", "suicidal_ideation"),
    ("The urge to cut was really strong.", "self_harm"),
    # The model writes "they": "with thoughts of cutting themselves" (47) passed as no risk and reached the
    # note as the model's own risk statement, which the note never holds.
    ("The client reported feeling stressed, with thoughts of cutting themselves.", "self_harm"),
    ("They had hurt themselves on purpose, including cutting.", "self_harm"),
    ("Client said they used to cut their arms.", "self_harm"),
]


@pytest.mark.parametrize("sentence", ORDINARY)
def test_ordinary_words_are_not_risk(sentence):
    assert risk_categories(sentence) == []
    assert scan_transcript(parse_transcript(f"Client: {sentence}")) == []


@pytest.mark.parametrize("sentence, category", RISKY)
def test_real_risk_language_is_still_listed(sentence, category):
    assert category in [c for c, _ in risk_categories(sentence)]
    items = scan_transcript(parse_transcript(f"Client: {sentence}"))
    assert [i.category for i in items][:1] == [category] and items[0].status in (ENDORSED, "reported")


SCREENINGS = [
    # (question, answer, expected status, expected detail, expected category)
    ("Any thoughts of hurting yourself or ending your life?", "No, nothing like that.", DENIED, "", "self_harm"),
    ("Have you had any thoughts of suicide?", "No. Never.", DENIED, "", "suicidal_ideation"),
    ("Any thoughts of hurting yourself or ending your life?", "Sometimes I wish I could just not wake up.",
     ENDORSED, "passive", "suicidal_ideation"),
    # a yes to killing oneself is active ideation (risk27: the kind, beside the passive wish)
    ("Do you ever think about killing yourself?", "Yeah, sometimes, when it gets bad.", ENDORSED, "active", "suicidal_ideation"),
    ("Any thoughts of harming anyone else?", "Not really, no.", DENIED, "", "harm_to_others"),
    ("Do you feel safe at home?", "Mostly I guess, it depends on the week.", UNCLEAR, "", "abuse"),
    ("Have you been hurting yourself?", "No, I would never hurt myself.", DENIED, "", "self_harm"),
    # 14: a question about people in general ("Some mums ..."), then "Have you ...?" about it.
    ("Some mums have thoughts of harming themselves. Have you had any thoughts like that?", "No. God, no.",
     DENIED, "", "self_harm"),
    # A transcriber's stage direction before the answer (47's past cutting had been "answer unclear").
    ("Have you ever hurt yourself on purpose?", "(pause) Yeah. When I was younger. I used to cut.", ENDORSED, "",
     "self_harm"),
    ("Any thoughts of suicide?", "[sighs] No. Not now.", DENIED, "", "suicidal_ideation"),
]


@pytest.mark.parametrize("question, answer, status, detail, category", SCREENINGS)
def test_a_screening_question_and_its_answer_are_one_item(question, answer, status, detail, category):
    utterances = parse_transcript(f"Clinician: How was the week?\nClient: Busy.\nClinician: {question}\nClient: {answer}")
    items = scan_transcript(utterances)
    assert len(items) == 1, items
    item = items[0]
    assert (item.status, item.detail, item.category) == (status, detail, category)
    assert item.evidence == [2, 3] and item.segment_id == 3


def test_denied_screening_is_documented_never_as_no_risk_found():
    items = scan_transcript(parse_transcript(
        "Clinician: Any thoughts of hurting yourself or ending your life?\nClient: No, none at all.\n"
        "Client: I have been cutting back on drinking."))
    assert [(i.status, i.categories) for i in items] == [(DENIED, ["self_harm", "suicidal_ideation"])]
    summary = risk_summary(items)
    assert summary.startswith("Risk was screened in session; the client denied self-harm, suicidal ideation.")
    assert "endorsed" not in summary


def test_the_answer_comes_from_the_other_speaker_within_two_lines():
    items = scan_transcript(parse_transcript(
        "Clinician: Any thoughts of suicide?\nClinician: I ask everyone this.\nClient: No."))
    assert [(i.status, i.evidence) for i in items] == [(DENIED, [0, 2])]
    unanswered = scan_transcript(parse_transcript("Clinician: Any thoughts of suicide?\nClinician: Let's move on."))
    assert [i.status for i in unanswered] == [UNCLEAR]


def test_a_negated_statement_outside_a_screening_is_listed_as_denied():
    items = scan_transcript(parse_transcript("Client: I'm not suicidal, I just feel flat."))
    assert [(i.category, i.status) for i in items] == [("suicidal_ideation", "denied")]
    passive = scan_transcript(parse_transcript("Client: Some nights I think everyone would be better off without me."))
    assert [(i.status, i.detail) for i in passive] == [(ENDORSED, "passive")]


def test_a_summary_that_names_risk_is_not_a_screening_question():
    items = scan_transcript(parse_transcript(
        "Clinician: Let me summarise. You screened negative for suicide last week and did the homework. "
        "Does that sound right?\nClient: Yeah."))
    assert [i.status for i in items] == ["mentioned"]


@pytest.mark.parametrize("answer", ["On Thursday night, a little bit. Everything would be easier if I wasn't here.",
                                    "That I'm useless, that everyone would be better off."])
def test_passive_ideation_in_other_words_is_endorsed(answer):
    items = scan_transcript(parse_transcript(f"Clinician: Any suicidal thoughts this week?\nClient: {answer}"))
    assert [(i.status, i.detail) for i in items] == [(ENDORSED, "passive")]


@pytest.mark.parametrize("question", [
    "A question I ask everyone. Some people feel that life isn't worth living, or they'd rather not wake up. "
    "Have you had anything like that?",
    "People who sleep this badly sometimes think about suicide. Any thoughts like that lately?",
    "Sometimes people say they'd be better off dead. Do you ever get those?",
])
def test_a_question_about_the_sentence_before_it_is_a_screening(question):
    """The topic is named in a statement and asked about in the next sentence ("anything like
    that?"): the answer is the screen's answer, listed as denied or endorsed like any other."""
    denied = scan_transcript(parse_transcript(f"Clinician: {question}\nClient: No, not that. I've got the kids."))
    assert [(i.category, i.status, i.evidence) for i in denied] == [("suicidal_ideation", DENIED, [0, 1])]
    endorsed = scan_transcript(parse_transcript(f"Clinician: {question}\nClient: Yes, some nights."))
    assert [i.status for i in endorsed] == [ENDORSED]


def test_a_statement_followed_by_a_question_about_something_else_is_no_screening():
    items = scan_transcript(parse_transcript(
        "Clinician: Last month you said life wasn't worth living. How is the sleep diary going?\nClient: Fine."))
    assert all(i.status not in (DENIED, ENDORSED) for i in items)


@pytest.mark.parametrize("read_back, answer", [
    ("And item nine, thoughts that you would be better off dead or of hurting yourself, you marked zero. Is that right?",
     "Zero. Never anything like that."),
    ("On the form you wrote none for thoughts of suicide this month. Is that still the case?", "No, none at all."),
    ("So no thoughts of ending your life since we last met, right?", "Nope."),
])
def test_a_risk_item_read_back_and_denied_is_a_screen_denied(read_back, answer):
    """A questionnaire item or an earlier answer read back for the client to confirm, then denied:
    the note must document the screen (it was listed as a clinician's mention, 'passive')."""
    items = scan_transcript(parse_transcript(f"Clinician: Thanks. {read_back}\nClient: {answer}"))
    assert [(i.status, i.evidence) for i in items] == [(DENIED, [0, 1])]
    assert items[0].category in ("suicidal_ideation", "self_harm")


def test_a_read_back_confirmed_with_a_yes_stays_a_mention():
    # "Yes" may confirm a nought or a disclosure: the clinician decides, the list does not.
    items = scan_transcript(parse_transcript(
        "Clinician: Last week you said you sometimes felt you would be better off dead. Is that right?\nClient: Yes."))
    assert [i.status for i in items] == ["mentioned"]


@pytest.mark.parametrize("question, answer", [
    ("You mentioned before that you sometimes feel your family would be better off without you. Has that come back at all?",
     "Sometimes, yes. Like if I just wasn't around, it'd be easier for them."),
    ("Some people in your position feel others would be better off without them. Is that still there for you?",
     "A bit. If I only wasn't here they'd manage fine."),
])
def test_an_earlier_disclosure_asked_about_again_and_endorsed_is_listed_as_passive(question, answer):
    """The topic named in a statement ("better off without you"), asked about with "Has that come
    back?", and the answer endorsing it in other words: passive ideation, with both lines (a
    session's passive ideation was missing from the list, which showed only the plan denied)."""
    items = scan_transcript(parse_transcript(f"Clinician: {question}\nClient: {answer}"))
    assert [(i.category, i.status, i.detail, i.evidence) for i in items] == [
        ("suicidal_ideation", ENDORSED, "passive", [0, 1])]
