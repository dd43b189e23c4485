"""A letter read aloud in session, copied into the Assessment in its writer's own voice (the greeting,
the writer's hopes, the signature), is kept out of the note; the letter's account of the client's
pattern, copied, stays (it is the clinician's formulation). Hand-written session and sentences (no model)."""

from __future__ import annotations

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.read_aloud import READ_ALOUD_RETOLD, read_aloud_passages, retells_read_aloud
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript

LETTER = ("Dear Tomasz. Over these weeks you have described growing up with a grandmother who praised you only when "
          "you won, and a school where coming second meant nothing. It looks to me as if you learned that you are worth "
          "something only when you are the best. When a task might go less than perfectly, you put it off, and the "
          "deadline then makes the work rushed, which seems to prove that you are not good enough. I hope that in our "
          "remaining sessions we can catch this circle as it starts and try doing things well enough. With kind regards, "
          "Helen.")
SESSION = parse_transcript(f"""Clinician: I have written the letter we talked about. Shall I read it to you?
Client: Go on, then.
Clinician: {LETTER}
Client: That's me. The putting off, that's exactly it.
Clinician: What stands out for you?
Client: The grandmother part. I never linked those.""")


def test_only_a_long_line_announced_or_opening_as_a_letter_is_a_passage_read_aloud():
    assert [u.id for u in read_aloud_passages(SESSION)] == [2]
    told = parse_transcript("Client: I couldn't read it out, so I'll just tell you. " + LETTER.removeprefix("Dear Tomasz. "))
    assert read_aloud_passages(told) == []


def test_the_letters_own_voice_copied_is_found_and_its_account_of_the_pattern_is_not():
    assert retells_read_aloud("The clinician hopes that in the remaining sessions they can catch this circle as it "
                              "starts and try doing things well enough.", SESSION)
    assert retells_read_aloud("With kind regards, Helen.", SESSION)
    assert not retells_read_aloud("When a task might go less than perfectly, the client puts it off, and the deadline "
                                  "makes the work rushed.", SESSION)
    assert not retells_read_aloud("The client linked the grandmother's praise to putting things off.", SESSION)


def test_in_the_draft_the_signature_and_the_wishes_are_withheld_from_the_assessment():
    raw = {"subjective": [], "objective": [], "plan": [],
           "assessment": [{"text": "It looks to the clinician as if the client learned that they are worth something only "
                                   "when they are the best.", "evidence": [2]},
                          {"text": "The clinician hopes that in the remaining sessions they can catch this circle as it "
                                   "starts.", "evidence": [2]},
                          {"text": "With kind regards, Helen.", "evidence": [2]}]}
    draft = assemble(get_format("soap", "client"), raw, SourceIndex(SESSION), scan_transcript(SESSION), model="m",
                     mode="direct", warnings=[], subject="client")
    kept = [s.text for s in draft.sentences if s.origin == "model"]
    assert any("worth something only when" in t for t in kept)
    assert not any("Helen" in t or "hopes" in t for t in kept)
    # the wish is the letter's, withheld as such; the signing off has no verb and is dropped before (sentence_shape)
    assert sum(READ_ALOUD_RETOLD in s.flags for s in draft.withheld) == 1
    assert [s.flags for s in draft.dropped if "Helen" in s.text] == [["no_verb"]]
