"""A rule line that ends on a quote ends with the quote's own stop: '... given, as said in session: "And
the helpline at night."' never '"And the helpline at night.".' (54 times in the 61 kept drafts). Transcript
written for this test, no model."""

from __future__ import annotations

import re

from session_assistant.drafting.formats import get_format
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.wording import quote_ends_sentence

CLOSING = parse_transcript("""Clinician: How has the week been?
Client: Heavy. Some nights I've thought everyone would be better off without me.
Clinician: Thank you for telling me. Have you had any thoughts of ending your life?
Client: Not really. Just that I'd like to not be here some nights.
Clinician: Any plan, or anything you've done?
Client: No. Nothing like that.
Clinician: If the thoughts get stronger, what would you do?
Client: Ring the crisis line. Or tell my sister.
Clinician: Yes. And the helpline at night. I'll write both on the card.
Client: Okay.
Clinician: So before next time, two walks, and the diary.
Client: Two walks and the diary.
Clinician: Same time next Friday?
Client: Friday's fine.""")


def test_no_rule_line_doubles_the_stop_after_a_quote():
    draft = assemble(get_format("soap"), {}, SourceIndex(CLOSING), scan_transcript(CLOSING), model="m",
                     mode="direct", warnings=[], subject="client")
    texts = [s.text for s in draft.sentences]
    assert any(re.search(r'[.?!]"$', t) for t in texts), texts  # a line that ends on a quote is there
    assert not [t for t in texts if re.search(r'[.?!]"\.(?:\s|$)', t)]


def test_only_the_stop_after_a_closing_quote_goes():
    assert quote_ends_sentence('As said: "Music, I used to play." Then more.') == 'As said: "Music, I used to play." Then more.'
    assert quote_ends_sentence('As said: "Is it?". Then: "Yes.".') == 'As said: "Is it?" Then: "Yes."'
    assert quote_ends_sentence('Steps (client: "Okay.").') == 'Steps (client: "Okay.").'
    assert quote_ends_sentence('A "word". Next.') == 'A "word". Next.'


def test_a_sentence_ending_on_a_quote_without_a_stop_gets_one():
    assert quote_ends_sentence('Agreed: client: "I\'ll ring her tonight"') == 'Agreed: client: "I\'ll ring her tonight".'
    assert quote_ends_sentence('Agreed: "Yes."') == 'Agreed: "Yes."'
