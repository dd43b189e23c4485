"""Paraphrase stress test of the who-did-what check of a model sentence (issue 16, therapy16t).

Why: the 1.5B model states a fact the wrong way round (the client "had threatened" what her husband
threatened; "his sister's daughter, Mia" for his own daughter), the error a therapist meets most on
new sessions. Each snippet below is invented for this test (no session's words): a short transcript
with a true sentence, the same fact turned round, and near misses (a paraphrase, a passive, a
pronoun, a relation said in other words) that must stay silent. A sentence the transcript clearly
contradicts is withheld (``WRONG_PERSON``); one it cannot settle is flagged (``WHO_UNSURE``).
"""

from __future__ import annotations

import pytest

from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.transcript_input import parse_transcript
from session_assistant.drafting.who_did import WHO_UNSURE, WRONG_PERSON, who_inverted


def _flags(transcript: str, sentence: str) -> list[str]:
    return who_inverted(sentence, SourceIndex(parse_transcript(transcript)))


def _kind(flags: list[str]) -> str:
    if any(f.startswith(WRONG_PERSON) for f in flags):
        return "withheld"
    return "flagged" if any(f.startswith(WHO_UNSURE) for f in flags) else "silent"


# (transcript, sentence, what the check does)
CASES = [
    # -- an act given to the client that another did ----------------------------------------------
    ("Clinician: What happened on Friday?\nClient: My partner smashed my phone. Then he threatened to throw me out "
     "of the flat.\nClinician: That sounds frightening.\nClient: It was.",
     "The client threatened to throw her partner out of the flat.", "withheld"),
    ("Clinician: What happened on Friday?\nClient: My partner smashed my phone. Then he threatened to throw me out "
     "of the flat.\nClinician: That sounds frightening.\nClient: It was.",
     "The client's partner threatened to throw her out of the flat.", "silent"),
    ("Clinician: How did the row end?\nClient: Gary shoved me into the cupboard door, then he walked off.\n"
     "Clinician: Were you hurt?\nClient: Bruised.",
     "The client was upset and had shoved Gary into the cupboard door.", "withheld"),
    ("Clinician: How did the row end?\nClient: Gary shoved me into the cupboard door, then he walked off.\n"
     "Clinician: Were you hurt?\nClient: Bruised.",
     "Gary shoved the client into the cupboard door.", "silent"),
    # the passive keeps the client where they were
    ("Clinician: How did the row end?\nClient: Gary shoved me into the cupboard door, then he walked off.\n"
     "Clinician: Were you hurt?\nClient: Bruised.",
     "The client was shoved into the cupboard door by Gary.", "silent"),
    # interpreted: "she" in the interpreter's line is the client, "he" is someone else
    ("Clinician: Has he ever hit the kids?\nInterpreter: She says no. He slapped her once, at Easter, not the kids.\n"
     "Clinician: Thank you.\nInterpreter: She says thank you.",
     "The client slapped her husband once at Easter.", "withheld"),
    # the client said it of herself in other words: silent
    ("Clinician: What did you do then?\nClient: I screamed at him to get out. I'm not proud of it.\n"
     "Clinician: And him?\nClient: He yelled back.",
     "The client yelled at him to get out.", "silent"),
    # the client owns the act as well: silent
    ("Clinician: What happened?\nClient: He pushed me, and I pushed him back, I'm not going to lie.\n"
     "Clinician: Okay.\nClient: Yeah.",
     "The client pushed him back.", "silent"),
    # another's act, with nothing of the same event after it: flagged, kept
    ("Clinician: And your brother?\nClient: He punched a lad at the bus stop last year.\nClinician: Right.\n"
     "Client: Yeah.",
     "The client punched someone at work.", "flagged"),
    # another person between the client and the joined clause may be its doer: silent
    ("Clinician: And then?\nClient: He pushed me and then he threatened to leave.\nClinician: Okay.\nClient: Yeah.",
     "The client said her husband pushed her and threatened to leave.", "silent"),
    # a word with an everyday sense is flagged at most, even on the same event
    ("Clinician: How's the week?\nClient: He left for work at six every day. I went home early on Friday.\n"
     "Clinician: Okay.\nClient: Yeah.",
     "The client left work early on Friday.", "flagged"),
    # another's words reported in the first person are his: the client threatened nothing
    ("Clinician: Has he hurt you?\nInterpreter: She says yes. He said, if you go, I will hurt you. He hurt her arm "
     "last week.\nClinician: Thank you.\nInterpreter: She says okay.",
     "The client hurt her husband's arm last week.", "withheld"),
    # a verb nobody used: not this check's to judge
    ("Clinician: And your brother?\nClient: He punched a lad at the bus stop last year.\nClinician: Right.\n"
     "Client: Yeah.",
     "The client argued with her brother.", "silent"),
    # -- the clinician's act given to the client ----------------------------------------------------
    ("Clinician: I'd suggest writing the worry down and parking it till the morning.\nClient: I can try that.\n"
     "Clinician: Good.\nClient: Okay.",
     "The client suggested writing the worry down and parking it till the morning.", "flagged"),
    ("Clinician: What would help?\nClient: I suggested to my boss that I work from home on Fridays.\n"
     "Clinician: And?\nClient: She said yes.",
     "The client suggested working from home on Fridays.", "silent"),
    # -- whose relative ------------------------------------------------------------------------------
    ("Clinician: Who was there?\nClient: My little girl, Poppy. And Dan, my brother's lad.\nClinician: Right.\n"
     "Client: Yeah.",
     "The client's brother's daughter, Poppy, was there.", "withheld"),
    ("Clinician: Who was there?\nClient: My little girl, Poppy. And Dan, my brother's lad.\nClinician: Right.\n"
     "Client: Yeah.",
     "Her daughter, Poppy, and her brother's son, Dan, were there.", "silent"),
    ("Clinician: Who was there?\nClient: My little girl, Poppy. And Dan, my brother's lad.\nClinician: Right.\n"
     "Client: Yeah.",
     "Her nephew Dan was there.", "silent"),
    ("Clinician: Who was there?\nClient: My little girl, Poppy. And Dan, my brother's lad.\nClinician: Right.\n"
     "Client: Yeah.",
     "Her son, Dan, was there.", "withheld"),
    # the clinician names the relation for the client: "Your son."
    ("Client: I kept thinking about Ollie.\nClinician: Your son.\nClient: Yeah. He's nine.\nClinician: Okay.",
     "He thought about his cousin's son, Ollie.", "withheld"),
    # a list of relations, the client named by the name the clinician greets him with: still his
    ("Clinician: Come in, Sam.\nClient: Cheers. I saw Nina Saturday, my brother's wife. And my boy Kai was there.\n"
     "Clinician: How was it?\nClient: Tense.",
     "The session was about Sam's weekend with his brother's wife, Nina, and his brother's son, Kai.", "withheld"),
    # "her" after another person named may be hers (Amy's son is the client's grandson): flagged only
    ("Clinician: Who came?\nClient: My daughter Amy. And my grandson Leo, he's four.\nClinician: Lovely.\n"
     "Client: It was.",
     "The client's daughter Amy came with her son, Leo.", "silent"),
    ("Clinician: Who came?\nClient: My daughter Amy. And my grandson Leo, he's four.\nClinician: Lovely.\n"
     "Client: It was.",
     "The client's daughter Amy came with her nephew, Leo.", "flagged"),
    # a chain nobody said, no name to settle it: flagged
    ("Clinician: Who do you see?\nClient: My aunt, now and then. And her kids.\nClinician: Okay.\nClient: Yeah.",
     "She sees her father's cousin now and then.", "flagged"),
    # the same relation in other words ("my aunt" for a parent's sister): silent
    ("Clinician: Who do you see?\nClient: My aunt, now and then. And her kids.\nClinician: Okay.\nClient: Yeah.",
     "She sees her mother's sister now and then.", "silent"),
    # a chain said as it is: silent
    ("Clinician: Who is Rick?\nClient: Rick's my mum's boyfriend. He moved in in May.\nClinician: Okay.\n"
     "Client: Yeah.",
     "Rick, her mother's boyfriend, moved in in May.", "silent"),
    # a relation of a third person in the note ("her" is the sister): silent
    ("Clinician: How's your sister?\nClient: Jess is struggling. Her boyfriend Mark walked out.\nClinician: Oh.\n"
     "Client: Yeah.",
     "The client's sister Jess was struggling after her boyfriend Mark walked out.", "silent"),
]


@pytest.mark.parametrize(("transcript", "sentence", "kind"), CASES)
def test_who_did_what_is_held_to_the_transcript(transcript, sentence, kind):
    flags = _flags(transcript, sentence)
    assert _kind(flags) == kind, flags


def test_a_quote_keeps_its_words():
    transcript = ("Clinician: What did he say?\nClient: He threatened to take the car.\nClinician: Okay.\n"
                  "Client: Yeah.")
    assert _flags(transcript, 'The client said, "I threatened to take the car," was his line.') == []
