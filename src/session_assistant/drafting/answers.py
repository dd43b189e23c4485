"""How a client's answer agrees or refuses, in one place for the rules that read an answer to a
proposal: the homework given (``plan_said``), the homework agreed in back-and-forth
(``homework_agreed``) and the clinician's tasks asked as permission (``session_said``).

Why one place: each rule had grown its own list ("got it" agreed to a proposal but not to the
homework announced; "I'll" agreed to one and not the other), so the same answer counted in one rule
and not in the next. The risk screen's denial words stay the risk module's: they document what was
denied, a different question.

The answers that agree or refuse without a "yes" or a "no" ("I suppose.", "Happy to.", "I'd rather
not.") were ``homework_paraphrase``'s, read by ``work_taken_up`` too; they are here with the union of
the two lists' reach, so a client who says "Fair enough." agrees to homework and to the room's work
alike.
"""

from __future__ import annotations

import re
from typing import Callable

# Words that agree: "Yeah.", "Sure.", "Got it.", "Sounds doable.", "I'll try.", "We can do that."
AGREE = (r"yes|yeah|yep|yup|sure|okay|ok|alright|all right|fine|deal|definitely|of course|will do|got it|please"
         r"|(?:that )?sounds (?:good|doable|right|fine|okay)|that'?s (?:doable|fine|good)|that works|works for me"
         r"|i can do|i could do|i can|i could|i'?ll|i will|we will|we can|we'?ll")
# The answer opens with agreement (the homework announced, a permission asked).
AGREES_FIRST = re.compile(r"^\s*(?:" + AGREE + r")\b", re.I)
# Agreement anywhere in a short answer ("Watch. I'll put it on the watch.").
AGREES = re.compile(r"(?:^|\b)(?:" + AGREE + r")\b", re.I)
# The answer opens with a refusal or a doubt: "No.", "Not really.", "I can't on Tuesdays.", "Um, I don't know."
REFUSES = re.compile(r"^(?:(?:uh|um|er|oh|well|hmm)[,.]?\s+)*(?:no\b|nah\b|not really|i can'?t|i don'?t\b|i do not\b|i haven'?t)",
                     re.I)

# Agreement without a "yes": "I suppose.", "Happy to.", "Can do.", "Worth a shot.", "Fair enough.";
# anywhere in a short answer. Words that agree only when they open the line ("Go on.", "Ready.",
# "Let's go.", "Up for it.") are AGREE_OPENING's: inside a line they are other things ("not ready",
# "go on the train").
AGREE_TOO = (r"I suppose|suppose so|I guess|go on then|can do|happy to|worth a (?:shot|try|go)|why not"
             r"|give it a (?:go|try|shot)|I'?ll try|let'?s do it|(?:I'?m )?(?:up|game) for (?:it|that)|fair enough|no problem"
             r"|for sure|absolutely|fine by me")
AGREE_OPENING = r"go on|let'?s (?:go|try)|(?:I'?m )?(?:up|game) for|ready"
_OPENING_FILLER = r"^\s*(?:(?:um|uh|er|oh|well|hmm|mm|alright|okay|ok|yeah)[,.]?\s+)*"
AGREES_TOO = re.compile(r"\b(?:" + AGREE_TOO + r")\b", re.I)
# The same answers when they open the line ("Go on then.", "I suppose so."), for the work proposed in
# the room (``work_taken_up``).
AGREES_TOO_FIRST = re.compile(_OPENING_FILLER + r"(?:" + AGREE_TOO + "|" + AGREE_OPENING + r")\b", re.I)
# A refusal without a "no" when it opens the line: "I'd rather not.", "Mm, not yet.", "I'm not sure."
DECLINES_TOO = re.compile(r"^\s*(?:(?:um|uh|er|oh|well|hmm|mm)[,.]?\s+)*(?:I'?d rather not|rather not"
                          r"|not (?:today|yet|now|right now|this time)|maybe not|I'?m not (?:sure|ready)|I'?d prefer not)\b", re.I)

# A read-back that ends asking what it left out ("Have I missed anything?"): a no answers that question,
# confirming the read-back, and is no answer to any item in it.
ASKS_WHAT_WAS_MISSED = re.compile(r"\b(?:have I|did I|I've|I have) (?:missed|left out|forgotten|miss|forget) anything\b"
                                  r"|\banything I(?:'ve| have)? (?:missed|left out|forgot(?:ten)?)\b", re.I)

# A check whether the list is too much ("Is that too much?"): a no agrees to it ("No. That's all right.").
ASKS_IF_TOO_MUCH = re.compile(r"\btoo (?:much|many|hard|big|ambitious|soon)\?\s*$", re.I)
NOT_TOO_MUCH = re.compile(r"^\s*(?:no\b|nope\b|not (?:really|at all)\b)(?![^.!?]*\b(?:can'?t|won'?t)\b)", re.I)

# A sentence ends where a stop, a "!" or a "?" meets a space.
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def asks_later(text_after: str, about_it: Callable[[str], object] | None = None) -> bool:
    """Whether the clinician's words after what was named or proposed (``text_after``) ask another
    question, so that a yes that follows answers that question, not the thing before it: "Keep the log
    going. And is Dad around on Sunday?" - "Yeah." ``about_it``: a question it finds asks about the
    thing itself ("Okay?", "Can we write that down?") and leaves the yes with it.

    Why one place: the homework agreed, the safety step agreed and the step for when the thoughts get
    stronger each read it, and each had its own copy."""
    return any(s.rstrip().endswith("?") and not (about_it and about_it(s)) for s in _SENTENCE_BREAK.split(text_after) if s)
