"""One place for rules several readers share: a later question takes the yes (``answers.asks_later``),
the goals asked for (``goals_summed.GOALS_ASKED``), the feeling words (``feeling_words``)."""

from __future__ import annotations

from session_assistant.drafting import feeling_owner, grounding
from session_assistant.drafting.answers import asks_later
from session_assistant.drafting.feeling_words import FEELING_FAMILIES, STOCK_FAMILIES
from session_assistant.drafting.goals_summed import GOALS_ASKED
from session_assistant.drafting.session_said import goals_said
from session_assistant.drafting.transcript_input import parse_transcript


def test_a_later_question_takes_the_yes_unless_it_asks_about_the_thing_itself():
    assert asks_later(" going on Sunday. And is your sister still coming?")
    assert not asks_later(" going on Sunday. Okay?", lambda q: "okay" in q.lower())
    assert not asks_later(" going on Sunday.")


def test_the_goal_questions_are_one_list_for_both_readers():
    session = parse_transcript("Clinician: What do you hope to get out of coming here?\n"
                               "Client: To sleep through the night without checking the locks.\n")
    assert goals_said(session) and GOALS_ASKED.search("What do you hope to get out of coming here?")


def test_both_feeling_checks_read_the_shared_lists():
    assert feeling_owner.FEELING_FAMILIES is FEELING_FAMILIES
    assert [p.pattern for p, _ in grounding._FEELINGS] == [r"\b(?:%s)" % "|".join(n) for n, _ in STOCK_FAMILIES]
