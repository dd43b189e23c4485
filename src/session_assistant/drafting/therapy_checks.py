"""What a model sentence of a therapy note asserts that the session does not support, as flags.

Shared by the two ways a note is assembled (``sections`` from the model's sentences, ``record_render``
from the session record's slots), so both withhold and flag the same things.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.client_they import THEY_AS_CLIENT, they_as_client
from session_assistant.drafting.clock_said import WRONG_TIME, unsaid_times
from session_assistant.drafting.claim_support import WITHHOLDING as CLAIMS_WITHHELD, unsupported_claims
from session_assistant.drafting.denied_said import denied_in_session
from session_assistant.drafting.event_days import DAY_REMOVED, without_wrong_days
from session_assistant.drafting.clinician_label import LABEL_REMOVED, without_unsaid_labels
from session_assistant.drafting.respectful_words import died_by_suicide, labelling_words
from session_assistant.drafting.grounding import SourceIndex, strip_unsaid_feelings, unsaid_feelings
from session_assistant.drafting.said_terms import (EXPANSION_REMOVED, MISATTRIBUTED, UNSAID_PERSON, UNSAID_TERM,
                                                   misattributed, said_with_chart, strip_unsaid_expansions,
                                                   unsaid_people, unsaid_terms)
from session_assistant.drafting.session_facts import Intervention, unevidenced_approaches
from session_assistant.drafting.told_by_clinician import CLINICIANS_WORDS, OPTION_NUMBERS
from session_assistant.drafting.who_did import WHO_UNSURE, WRONG_PERSON, who_inverted
from session_assistant.drafting.joint_attribution import ANOTHER_PERSONS_WORDS, MERGES_PEOPLE, attributed_right
from session_assistant.drafting.misgendered import MISGENDERED, misgendered, other_gender_left
from session_assistant.drafting.others_acts import UNSAID_ACT, unsaid_acts
from session_assistant.drafting.person_voice import client_pronouns
from session_assistant.drafting.model_observation import MODEL_OBSERVATION
from session_assistant.drafting.feeling_owner import ANOTHER_PERSONS_FEELING, another_persons_feelings
from session_assistant.drafting.act_owner import ACT_OF_ANOTHER, acts_of_another
from session_assistant.drafting.counted_span import WRONG_SPAN, wrong_spans
from session_assistant.drafting.cause_said import CAUSE_CUT, without_unsaid_cause

# Withheld from the note, shown beside it: a value nobody said, and (therapy notes) a feeling nobody
# reported or an approach the session does not evidence (``therapy_inventions``).
INVENTED_VALUE = ("unsupported_number", "unsupported_dose", "unsupported_feeling", "unevidenced_intervention",
                  UNSAID_PERSON, MISATTRIBUTED, WRONG_PERSON, ANOTHER_PERSONS_WORDS, MERGES_PEOPLE, CLINICIANS_WORDS,
                  OPTION_NUMBERS, UNSAID_ACT, MISGENDERED, MODEL_OBSERVATION, ANOTHER_PERSONS_FEELING, ACT_OF_ANOTHER,
                  WRONG_SPAN, WRONG_TIME, *CLAIMS_WITHHELD)


def therapy_inventions(text: str, source: SourceIndex, interventions: Sequence[Intervention],
                       chart: ChartContext | None, evidence: Sequence[int] = (), pronouns: str | None = None) -> list[str]:
    """Flags for what a therapy sentence asserts and the session does not support: a feeling or
    symptom nobody reported ("anxious" in a session where only "stressed" was said), an
    intervention approach the clinician's lines do not show, and the claims of ``claim_support``
    (an observation the clinician never voiced, an absence nobody stated, a homework review nobody
    held, the instructions read back), and an act given to a named person or a relative that no line
    gives them (``others_acts``: "threatened ... by Jack"). Whose and when: a feeling only another
    person said they felt (``feeling_owner``), an act the client's lines give someone else
    (``act_owner``), a span of time the session gives the event with another number (``counted_span``)."""
    support = source.text + ("\n" + chart.prompt_block() if chart else "")
    last_plan = chart.last_plan.text if chart and chart.last_plan else ""
    measures = [m.text for m in chart.measures] if chart else []
    who = misattributed(text, source)
    pronouns = pronouns or (chart.pronouns if chart is not None else None)
    return ([f"unsupported_feeling:{w}" for w in unsaid_feelings(text, support)]
            + [f"{UNSAID_PERSON}:{w}" for w in unsaid_people(text, said_with_chart(source, chart))]
            + ([f"{MISATTRIBUTED}:{who}"] if who else [])
            + [f for f in who_inverted(text, source) if f.startswith(WRONG_PERSON)]
            + unsaid_acts(text, source)
            + [f"unevidenced_intervention:{a}" for a in unevidenced_approaches(text, interventions, source.text, evidence)]
            + unsupported_claims(text, source, last_plan, measures, evidence)
            + [f"{ANOTHER_PERSONS_FEELING}:{w}" for w in another_persons_feelings(text, source, pronouns)]
            + [f"{ACT_OF_ANOTHER}:{w}" for w in acts_of_another(text, source, pronouns)]
            + [f"{WRONG_SPAN}:{w}" for w in wrong_spans(text, source)]
            + [f"{WRONG_TIME}:{w}" for w in unsaid_times(text, support)])


CLAUSE_CUT = "clause_cut"  # kept, flagged: the clause after it held an act or a pronoun nobody's line supports
_CUT_ONLY = (UNSAID_ACT, MISGENDERED, ANOTHER_PERSONS_FEELING, ACT_OF_ANOTHER, WRONG_SPAN)
_CLAUSE_JOINT = re.compile(r",\s+(?:and|but)\s+(?:that\s+)?(?=[a-z])|;\s+")
CLAUSE_MIN_WORDS = 5


def _without_unsaid_clauses(text: str, flags: list[str], source: SourceIndex, interventions: Sequence[Intervention],
                            chart: ChartContext | None, evidence: Sequence[int], pronouns: str | None) -> str | None:
    """The longest opening clauses of ``text`` that hold none of its ``UNSAID_ACT``/``MISGENDERED``
    flags nor any other withholding one, or None. "The client reported that she had been pushed by
    Mark on Saturday, and that he had been threatened with violence by Mark." (93) keeps the push,
    which the client told, without the threat nobody said and the "he" that may be her."""
    if not flags or not all(f.startswith(_CUT_ONLY) for f in flags):
        return None
    ending = text.rstrip()[-1:] if text.rstrip()[-1:] in ".!" else "."
    for joint in reversed(list(_CLAUSE_JOINT.finditer(text))):
        head = text[:joint.start()].rstrip(" ,;") + ending
        if len(head.split()) < CLAUSE_MIN_WORDS or head.count('"') % 2 or head.count("“") != head.count("”"):
            continue  # too short to stand, or cut inside a quote
        if any(f.startswith(MISGENDERED) for f in flags) and other_gender_left(head, pronouns):
            continue
        found = therapy_inventions(head, source, interventions, chart, evidence, pronouns) + misgendered(head, head, source, pronouns)
        if not any(f.startswith(INVENTED_VALUE) for f in found):
            return head
    return None


def therapy_checked(text: str, source: SourceIndex, interventions: Sequence[Intervention],
                    chart: ChartContext | None, evidence: Sequence[int] = (), *, written: str | None = None,
                    pronouns: str | None = None) -> tuple[str, list[str]]:
    """(text, flags): an unsupported feeling listed among supported ones is taken out and flagged
    ``feeling_removed`` ("tired, anxious, and stressed" -> "tired and stressed"), so the reported
    facts stay; anything else unsupported keeps the sentence whole with ``therapy_inventions``'
    flags (the caller withholds it). ``written``: the model's words before the voice was repaired
    (default ``text``); with the client's ``pronouns`` (default the chart's, else the session's) a
    pronoun of the other gender that may still be the client's is flagged (``misgendered``). Where
    only such a pronoun or an unsaid act (``others_acts``) stands in the closing clauses, they are cut
    and the rest kept, flagged ``clause_cut``. A "they" that can only be the client's takes the chart's "she" or
    "he" (``client_they``), flagged ``they_as_client``."""
    charted = pronouns or (chart.pronouns if chart is not None else None)
    text, they_mended = they_as_client(text, charted)  # "their daily life" of a client charted she/her (105)
    pronouns = charted or source.once(client_pronouns)
    support = source.text + ("\n" + chart.prompt_block() if chart else "")
    # A joint session: a partner's words told as the client's get their own subject, or are withheld.
    text, whose = attributed_right(text, source.utterances)
    text, expansions = strip_unsaid_expansions(died_by_suicide(text), support)
    text, days_removed = without_wrong_days(text, source)  # "a plan ... on Sunday" where Sunday was another event
    text, labels_removed = without_unsaid_labels(text, source)  # ", which the clinician noted as a trigger"
    text, causes = without_unsaid_cause(text, source, evidence)  # ", especially since he had been on a call"
    shorter, removed = strip_unsaid_feelings(text, support)
    if removed and not therapy_inventions(shorter, source, interventions, chart, evidence, pronouns):
        text, flags = shorter, [f"feeling_removed:{w}" for w in removed]
    else:
        flags = therapy_inventions(text, source, interventions, chart, evidence, pronouns)
    flags += misgendered(text if written is None else written, text, source, pronouns, evidence)
    head = _without_unsaid_clauses(text, flags, source, interventions, chart, evidence, pronouns)
    if head is not None:
        text, flags = head, [f"{CLAUSE_CUT}:{text[len(head) - 1:].strip(' ,;')}"]
    cut = [f"{DAY_REMOVED}:{d}" for d in days_removed] + [f"{LABEL_REMOVED}:{w}" for w in labels_removed] + causes
    # A noun nobody said may be a paraphrase, an act whose doer the session does not settle may be told
    # in other words, a thing the client said no to may be told otherwise later: flagged for the
    # clinician, never withheld on their own.
    return text, (whose + ([THEY_AS_CLIENT] if they_mended else [])
                  + [f"{EXPANSION_REMOVED}:{a}" for a in expansions] + cut
                  + flags + [f"{UNSAID_TERM}:{w}" for w in unsaid_terms(text, said_with_chart(source, chart))]
                  + [f for f in who_inverted(text, source) if f.startswith(WHO_UNSURE)]
                  + denied_in_session(text, source) + labelling_words(text))
