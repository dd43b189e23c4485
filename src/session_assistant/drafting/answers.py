"""How a client's answer agrees or refuses, in one place for the rules that read an answer to a
proposal: the homework given (``plan_said``), the homework agreed in back-and-forth
(``homework_agreed``) and the clinician's tasks asked as permission (``session_said``).

Why one place: each rule had grown its own list ("got it" agreed to a proposal but not to the
homework announced; "I'll" agreed to one and not the other), so the same answer counted in one rule
and not in the next. The risk screen's denial words stay the risk module's: they document what was
denied, a different question.
"""

from __future__ import annotations

import re

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

# A read-back that ends asking what it left out ("Have I missed anything?"): a no answers that question,
# confirming the read-back, and is no answer to any item in it.
ASKS_WHAT_WAS_MISSED = re.compile(r"\b(?:have I|did I|I've|I have) (?:missed|left out|forgotten|miss|forget) anything\b"
                                  r"|\banything I(?:'ve| have)? (?:missed|left out|forgot(?:ten)?)\b", re.I)
