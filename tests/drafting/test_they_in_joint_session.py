"""In a joint session a sentence opening with "They" reads as both people: it is given to the one person
whose words it carries (flagged for the clinician to confirm), withheld when it carries two people's,
left alone when it names both. Hand-written couple session (no model)."""

from __future__ import annotations

from session_assistant.drafting.joint_attribution import MERGES_PEOPLE, SUBJECT_CORRECTED, they_resolved
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: Welcome back, both of you. How has the fortnight been? Dana?
Client: Hard. I keep replaying the argument at the barbecue, I barely sleep.
Clinician: And Lee?
Partner: I've been hiding in the garage, fixing the motorbike every evening. Easier than talking.
Clinician: That sounds heavy, Dana. What happens for you when Lee goes to the garage?
Client: I feel shut out. Like I'm the only one who cares about the argument.
Clinician: Lee, what do you notice?
Partner: I didn't know she felt shut out. I thought the motorbike kept me calm.""")


def test_a_they_sentence_carrying_one_persons_words_is_given_to_that_person():
    text, flags = they_resolved("They described hiding in the garage fixing the motorbike in the evening.", SESSION)
    assert text == "The partner (Lee) described hiding in the garage fixing the motorbike in the evening."
    assert flags == [f"{SUBJECT_CORRECTED}:partner"]
    text, flags = they_resolved("They reported replaying the barbecue argument and barely sleeping.", SESSION)
    assert text.startswith("The client (Dana) reported replaying") and flags == [f"{SUBJECT_CORRECTED}:client"]


def test_a_they_sentence_carrying_both_peoples_words_is_withheld_and_one_naming_both_is_left():
    text, flags = they_resolved("They reported replaying the barbecue argument while fixing the motorbike in the garage.",
                                SESSION)
    assert flags == [f"{MERGES_PEOPLE}:partner"]
    both = "They both spoke about the argument and the garage."
    assert they_resolved(both, SESSION) == (both, [])
