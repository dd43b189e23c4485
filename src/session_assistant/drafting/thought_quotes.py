"""A thought of the client's the model copied in the client's words, unquoted, put in quotes.

Why: clinicians give a client's self-critical thought back in the client's own words, unquoted:
"the thoughts that keep you stuck, like I'm a rubbish dad" (74). The model copies it, and the voice
rewriting, finding the "I" in the clinician's line, made it "like the clinician is a rubbish dad";
as the client's it would read "like the client is a rubbish dad", the note asserting the thought.
The note quotes a thought: "like "I'm a rubbish dad"". Only a thought said word for word in the
session (from its "I" to the end of its clause) is quoted; anything else is left to the rewriting.
"""

from __future__ import annotations

import re

from session_assistant.drafting.grounding import SourceIndex, words

# "like I'm ...", "thinking I can't ...", "telling himself I'm ...", "the thought that I'm ..."
_THOUGHT = re.compile(r"\b(?P<opener>like|thinking|thought|thoughts|telling (?:him|her|them)sel(?:f|ves)|saying to "
                      r"(?:him|her|them)sel(?:f|ves))\s+(?:that\s+)?(?P<thought>I(?:'m|'ve|'d|'ll)?\s[^,.;:!?\"“”]{3,80})",
                      re.I)
MIN_WORDS = 3


def quoted_thoughts(text: str, source: SourceIndex) -> str:
    """``text`` with each unquoted first-person thought said word for word in the session in quotes."""
    said = " " + " ".join(words(source.text)) + " "

    def quote(match: re.Match) -> str:
        thought = match.group("thought").rstrip()
        spoken = words(thought)
        if len(spoken) < MIN_WORDS or f" {' '.join(spoken)} " not in said:
            return match.group(0)
        return f'{match.group(0)[:match.start("thought") - match.start()]}"{thought}"'

    return _THOUGHT.sub(quote, text)
