"""Every flag the drafter puts on a sentence reads as words in the note editor's review panel."""

from __future__ import annotations

from session_assistant.drafting.risk_note import RISK_LINE
from session_assistant.drafting.denied_said import DENIED_IN_SESSION
from session_assistant.drafting.event_days import DAY_REMOVED
from session_assistant.drafting.fact_lines import CHART_FACT, RULE_FACT
from session_assistant.drafting.read_aloud import READ_ALOUD_RETOLD
from session_assistant.drafting.cause_said import CAUSE_CUT, UNSAID_CAUSE
from session_assistant.drafting.clinician_label import LABEL_REMOVED
from session_assistant.drafting.respectful_words import LABELLING_WORD
from session_assistant.drafting.said_terms import EXPANSION_REMOVED, UNSAID_TERM
from session_assistant.drafting.sections import AGE_REMOVED, ECHO
from session_assistant.drafting.therapy_checks import CLAUSE_CUT, INVENTED_VALUE
from session_assistant.drafting.questionnaire_read import QUESTIONNAIRE_ITEM
from session_assistant.drafting.joint_attribution import SUBJECT_CORRECTED
from session_assistant.drafting.typed_check import TYPED_SLOT
from session_assistant.drafting.visit_date import DATE_COUNTED, RELATIVE_DAY
from session_assistant.drafting.who_did import WHO_UNSURE, WRONG_PERSON
from session_assistant.ui.note.note_editor import FLAG_WORDS, describe_flags


def test_every_drafting_flag_has_words():
    kinds = [*INVENTED_VALUE, AGE_REMOVED, ECHO, "ungrounded", "cut_short", "risk_statement",
             "unsupported_name", "unsupported_medication", "unsupported_date", RISK_LINE, TYPED_SLOT,
             QUESTIONNAIRE_ITEM, UNSAID_TERM, WHO_UNSURE, WRONG_PERSON, EXPANSION_REMOVED,
             DENIED_IN_SESSION, LABELLING_WORD, SUBJECT_CORRECTED, DAY_REMOVED,
             READ_ALOUD_RETOLD, LABEL_REMOVED, RULE_FACT, CHART_FACT, CLAUSE_CUT, CAUSE_CUT, UNSAID_CAUSE,
             DATE_COUNTED, RELATIVE_DAY]
    # The review panel reads a flag by its kind, before any ":detail" (risk_statement:means).
    assert [kind for kind in kinds if kind.partition(":")[0] not in FLAG_WORDS] == []


def test_a_removed_age_tells_the_clinician_to_add_the_real_one():
    words = describe_flags(["age_removed:55", "ungrounded"])
    assert words == ("the model guessed an age (55) the transcript never states; it was taken out, add the real "
                     "one; no transcript line supports it")


def test_a_rules_line_and_a_charts_line_say_what_to_check_not_a_code():
    """The Sign list read "(rule fact)" and "(chart fact)" after 9 of a real draft's 12 flagged lines."""
    rule, chart = describe_flags(["rule_fact"]), describe_flags(["chart_fact"])
    assert "fact" not in rule and "fact" not in chart, (rule, chart)
    assert "confirm" in rule and "chart" in chart and "confirm" in chart


def test_a_relative_day_left_as_said_asks_for_the_date():
    words = describe_flags(["relative_day:next week"])
    assert words == "a day said relative to the session (next week): write the date before signing"
