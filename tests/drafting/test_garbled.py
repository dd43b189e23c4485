"""A garbled model sentence of a therapy note is dropped, said why: a doubled article ("The client will
be asked a the pond ...", 13) or "a" before a plural ("Client also had a dishes, which was a
concern.", 17), and with it every sentence of the list loop it sits in ("... a couch / a hard chair /
a dishes / a drinks, which was a concern.": four sentences of one frame). A list of true sentences
in one frame, and "a" before words that end in s but take it ("a series", "a kids' party"), stay.
Hand-written model sentences (no model); the medical voice is untouched."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

SESSION = parse_transcript("""Clinician: What could you do in the evening instead of the sofa?
Client: The ironing. Or sit in the kitchen chair. I could walk the dog, after a series of bad nights I need air.
Clinician: And the morning?
Client: Breathing each morning and each evening, and the walk on Saturday. My niece has a kids' party Sunday.""")


def _draft(raw, subject="client"):
    return assemble(get_format("soap", subject), raw, SourceIndex(SESSION), [], model="m", mode="direct",
                    warnings=[], subject=subject)


LOOP = ["Client also had a sofa, which was a concern.", "Client also had a kitchen chair, which was a concern.",
        "Client also had a ironings, which was a concern.", "Client also had a dogs, which was a concern."]


def test_a_garbled_sentence_and_the_list_loop_it_sits_in_are_dropped():
    raw = {"subjective": [{"text": t, "evidence": [1]} for t in LOOP]
           + [{"text": "The client will be asked a the walk on Saturday.", "evidence": [3]}]}
    draft = _draft(raw)
    dropped = {s.text: s.flags for s in draft.dropped}
    assert all(t in dropped for t in LOOP)
    assert dropped["Client also had a ironings, which was a concern."] == ["garbled:a ironings"]
    assert dropped["The client will be asked a the walk on Saturday."] == ["garbled:a the"]
    assert draft.sections["subjective"] == "Not discussed in session."


def test_true_sentences_of_one_frame_and_a_before_a_singular_s_stay():
    plan = ["The client will practise breathing each morning.", "The client will practise breathing each evening.",
            "The client will practise the walk on Saturday."]
    said = ["Client walked the dog after a series of bad nights.", "Client's niece has a kids' party on Sunday."]
    draft = _draft({"subjective": [{"text": t, "evidence": [1, 3]} for t in said],
                    "plan": [{"text": t, "evidence": [1, 3]} for t in plan]})
    assert not draft.dropped
    assert all(t in draft.sections["plan"] for t in plan)
    assert all(t in draft.sections["subjective"] for t in said)


def test_the_medical_voice_keeps_its_sentences():
    draft = _draft({"subjective": [{"text": "The patient will be asked a the walk on Saturday.", "evidence": [3]}]},
                   subject="patient")
    assert "The patient will be asked a the walk on Saturday." in draft.sections["subjective"]


def test_a_last_word_cut_off_is_dropped_and_a_whole_word_the_session_did_not_use_stays():
    session = parse_transcript("""Clinician: Could you ask your doctor about the snoring?
Client: Dr. Lee, yes. I see her for my prescription next month. No intention of skipping it.""")
    raw = {"plan": [{"text": "Referrals will be made to Dr. Lee for a repeat presc.", "evidence": [1]},
                    {"text": "Client will ask Dr. Lee about the snoring, and stated firm intent.", "evidence": [1]}]}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(session), [], model="m", mode="direct",
                     warnings=[], subject="client")
    assert {s.text: s.flags for s in draft.dropped} == {
        "Referrals will be made to Dr. Lee for a repeat presc.": ["garbled:cut word presc"]}
    assert "Client will ask Dr. Lee about the snoring, and stated firm intent." in draft.sections["plan"]


def test_a_word_broken_off_before_the_next_is_garbled():
    from session_assistant.drafting.repetition import garbled
    assert garbled("The clin client reported that they had not been through it.", {"client"}) == "clin"
    assert garbled("The client said the therap therapist was kind.", {"client"}) is not None
    assert garbled("The client talked about the therapy and the theme of loss.", {"client"}) is None
    assert garbled("The clinician and client walked.", {"client"}) is None
