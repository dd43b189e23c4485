"""Model sentences a therapist would strike, read in unseen 107 and 111, on hand-written sessions (no model):
the Subjective naming "The session also included ..." three times; questionnaire items retold as the
client's report with one item's answer ("at night") attached to others; "their" of a client charted she/her."""

from __future__ import annotations

from session_assistant.drafting.client_they import THEY_AS_CLIENT, they_as_client
from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.questionnaire_read import QUESTIONNAIRE_ITEM, items_read, retells_items
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.subjective_retold import QUOTE_RETOLD
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: How has the week at the bakery been?
Client: Long. The early starts are hard and my manager keeps changing the rota.
Clinician: I'd like to read the mood questions out loud.
Client: Go on.
Clinician: "I have felt restless."
Client: Most days.
Clinician: "I have felt worthless."
Client: Rarely. Mostly on Sunday evenings before the week starts.
Clinician: "I have felt lonely."
Client: Often.
Clinician: Thank you. Let's talk about your sister's visit and your sleep.
Client: My sister came on Saturday. We argued about Mum. I slept badly after that.
Clinician: And how are you in yourself?
Client: Honestly, I feel like I'm running on empty all the time.
Clinician: Running on empty all the time. That sounds exhausting.
Clinician: For next week, the sleep diary again.""")
SOURCE = SourceIndex(SESSION)


def _draft(subjective: list[str], pronouns: str | None = None):
    raw = {"subjective": [{"text": t, "evidence": [1, 11]} for t in subjective],
           "objective": [], "assessment": [], "plan": []}
    return assemble(get_format("soap", "client"), raw, SOURCE, scan_transcript(SESSION), model="m", mode="direct",
                    warnings=[], subject="client", pronouns=pronouns)


def test_the_topics_frame_is_said_once_in_a_part():
    draft = _draft(["The session also included her thoughts about her work at the bakery and the rota.",
                    "The session also included her thoughts about her sister and the argument about Mum.",
                    "The session also included her thoughts about her sleep after the visit."], pronouns="she/her")
    kept = [s.text for s in draft.sentences if s.origin == "model"]
    assert kept == ["The session also included her thoughts about her work at the bakery and the rota."]
    assert len([s for s in draft.dropped if any(f.startswith("repeats") for f in s.flags)]) == 2


def test_items_retold_with_another_items_answer_attached_are_found():
    read = items_read(SESSION)
    # "on Sunday evenings" was the answer to "worthless", attached to the other items
    assert retells_items("She also reported feeling restless most days, on Sunday evenings before the week starts.",
                         SESSION, read)
    assert retells_items("She also reported feeling lonely often, on Sunday evenings before the week starts.",
                         SESSION, read)
    # what the client told in her own lines stays
    assert not retells_items("She reported that her sister came on Saturday and they argued about Mum.", SESSION, read)


def test_in_the_draft_the_retold_item_is_withheld():
    draft = _draft(["She also reported feeling lonely often, on Sunday evenings before the week starts.",
                    "The client reported that her sister came on Saturday and she slept badly after the argument."],
                   pronouns="she/her")
    assert [s.text for s in draft.sentences if s.origin == "model"] == [
        "The client reported that her sister came on Saturday and she slept badly after the argument."]
    assert any(QUESTIONNAIRE_ITEM in s.flags for s in draft.withheld)


def test_their_of_a_client_charted_she_is_her_and_anothers_their_is_left():
    assert they_as_client("The client reported that they were tired by the early starts.", "she/her") == (
        "The client reported that she was tired by the early starts.", True)
    assert they_as_client("The client said the rota changes affected their sleep.", "he/him")[0] == (
        "The client said the rota changes affected their sleep.")  # "changes" may be what "their" is
    assert they_as_client("The client and her sister argued about their mother.", "she/her")[1] is False
    assert they_as_client("The client reported that they sleep badly.", "she/her")[1] is False  # verb would change
    assert they_as_client("The client reported that they were tired.", "they/them")[1] is False
    # one "they" that must stay keeps the sentence's other "they" too: never "she ... their" in one sentence
    assert they_as_client("The client reported that they felt the rota changes hurt their sleep.", "she/her")[1] is False


def test_in_the_draft_the_chart_pronoun_replaces_the_clients_they():
    draft = _draft(["The client reported that they felt worn out by the early starts at the bakery."], pronouns="she/her")
    model = [s for s in draft.sentences if s.origin == "model"]
    assert [s.text for s in model] == ["The client reported that she felt worn out by the early starts at the bakery."]
    assert THEY_AS_CLIENT in model[0].flags


def test_a_model_sentence_the_clients_quote_says_again_is_dropped_and_the_quote_kept():
    retold = "The client reported feeling like she was running on empty all the time."
    own = "The client reported that her sister came on Saturday and they argued about Mum."
    raw = {"subjective": [{"text": retold, "evidence": [13]}, {"text": own, "evidence": [11]}],
           "objective": [], "assessment": [], "plan": []}
    draft = assemble(get_format("soap", "client"), raw, SOURCE, scan_transcript(SESSION), model="m", mode="direct",
                     warnings=[], subject="client", pronouns="she/her")
    subjective = [s.text for s in draft.sentences if s.section == "subjective"]
    assert any("I feel like I'm running on empty all the time" in text for text in subjective)  # the client's words
    assert retold not in subjective and own in subjective
    assert any(QUOTE_RETOLD in s.flags for s in draft.dropped)
