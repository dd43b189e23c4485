"""A feeling a model sentence gives the client that, in the session, only someone else said they felt.

Why: read in the kept Qwen drafts of session 30, the 1.5B model lends the client the feelings of the
people around them. In a couple's session the partner said "I feel ashamed" and the client "I feel
stupid": the note wrote "The client reported feeling ashamed". A clinician said "the missed doses do
worry me": the note wrote "the missed doses were worrying him". ``grounding.unsaid_feelings`` asks
only whether anybody said the word, so both passed. A therapist strikes such a sentence: a feeling is
the one person's who owns it.

By rule, without the topic's words: a feeling word (``feeling_words.FEELING_FAMILIES``) whose
subject in the note is the client (the sentence opens with the client, and no other person is named
before the word) is withheld (``ANOTHER_PERSONS_FEELING``) when

- no line of the client's, and no clinician line saying "you ..." of it, holds any word of the
  feeling's family anywhere in the session ("scared" is supported by "afraid", "nervous" by
  "worried": a client's own word in other words stands), and
- a line of someone else (the partner, a parent, the clinician) owns the note's own word: it says it
  with "I", "me" or "my" near, or answers with it ("Ashamed, probably.").

A feeling nobody voiced at all is left to ``unsaid_feelings``; one the client may have said in words
outside the families is withheld only when another person plainly owned it.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.client_name import client_name
from session_assistant.drafting.feeling_words import FEELING_FAMILIES
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.joint_session import is_joint, role_of
from session_assistant.drafting.person_voice import client_pronouns
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.vocabulary import QUOTED_SPAN

ANOTHER_PERSONS_FEELING = "another_persons_feeling"  # withheld

# Another person's line owns its feeling when a first person stands this near it (words either side).
OWN_NEAR = 4
# ("we" is shared: a clinician's "the more we steer round them" or a couple's "we were scared" holds the
# client too, so it makes nobody else the feeling's owner)
_FIRST = {"i", "i'm", "im", "i've", "i'd", "me", "my", "myself"}
_YOU = {"you", "you're", "you've", "you'd", "your", "yourself"}
_TOKEN = re.compile(r"[a-z][a-z'’]*")
# People a note may name before the feeling word, who then hold it rather than the client.
_OTHERS = re.compile(r"\b(?:clinician|therapist|partner|husband|wife|boyfriend|girlfriend|mum|mother|mom|dad|father|"
                     r"son|daughter|brother|sister|parents?|child|children|kids?|baby|friends?|boss|manager|colleagues?|"
                     r"teacher|doctor|gp|nurse|lawyer|family)\b", re.I)
_CLIENT_OPENING = re.compile(r"^(?:the )?client\b(?!'s)", re.I)
_PRONOUN_OPENING = re.compile(r"^(he|she|they)\b", re.I)
# A feeling word naming a tool or a practice of the work: "the anger log", "worry time", "the fear ladder".
_TOOL_AFTER = re.compile(r"\s+(?:log|diary|record|sheet|scale|ladder|hierarchy|thermometer|rating|chart|app|journal|"
                         r"management|time|group|class|course|plan|box|jar|workbook|exercise|list|monitoring)s?\b", re.I)
_STAGE = re.compile(r"\([^)]*\)")  # "(pause) Ashamed, probably.": a stage direction is nobody's word


def _family(word: str) -> tuple[str, ...] | None:
    return next((support for starts, support in FEELING_FAMILIES if word.startswith(starts)), None)


def _opens_with_client(plain: str, name: str | None, pronouns: str | None) -> bool:
    """The sentence opens with the client: "The client", the client's name, or the client's own
    pronoun ("He" of a client the session calls "he"; "They" only when nobody says which)."""
    if _CLIENT_OPENING.match(plain) or (name and plain.startswith(name)):
        return True
    opening = _PRONOUN_OPENING.match(plain)
    if not opening:
        return False
    said = opening.group(1).lower()
    return said == "they" if not pronouns else pronouns.startswith(said + "/")


def _note_feelings(text: str, utterances: Sequence, pronouns: str | None) -> list[tuple[str, str]]:
    """(word, its family's first start) for each feeling word the note gives the client (see above)."""
    plain = QUOTED_SPAN.sub(" ", text).strip()
    name = client_name(utterances)
    if not _opens_with_client(plain, name, pronouns):
        return []
    found = []
    for match in re.finditer(r"[A-Za-z]+", plain):
        word = match.group(0).lower()
        starts = next((starts for starts, _ in FEELING_FAMILIES if word.startswith(starts)), None)
        if starts is None or _TOOL_AFTER.match(plain[match.end():]):
            continue  # "the anger log", "the worry time": a tool of the work, nobody's feeling
        before = plain[:match.start()]
        if _OTHERS.search(before) or any(w[:1].isupper() and w != name for w in re.findall(r"\b[A-Za-z]+\b", before)[1:]):
            break  # someone else named first: the feelings from here may be theirs
        found.append((word, next(s for s in starts if word.startswith(s))))
    return found


def _holders(line: str, starts: tuple[str, ...]) -> set[str]:
    """Whose each word of ``line`` beginning one of ``starts`` is: "self" (a first person near it, or
    the line's first word: "Ashamed, probably."), "you" (said of the one spoken to: "you felt ..."),
    else "other"."""
    tokens = _TOKEN.findall(_STAGE.sub(" ", line).lower().replace("’", "'"))
    found = set()
    for n, token in enumerate(tokens):
        if not token.startswith(starts):
            continue
        before, after = tokens[max(0, n - OWN_NEAR):n], tokens[n + 1:n + OWN_NEAR + 1]
        to_you = min((len(before) - k for k, t in enumerate(before) if t in _YOU), default=None)
        to_self = min([len(before) - k for k, t in enumerate(before) if t in _FIRST]
                      + [k + 1 for k, t in enumerate(after) if t in _FIRST], default=None)
        if to_you is not None and (to_self is None or to_you <= to_self):
            found.add("you")  # "you felt guilty", "do you worry": the nearer person holds it
        elif to_self is not None or n == 0:
            found.add("self")
        else:
            found.add("other")
    return found


def _client_side_says(source: SourceIndex, support: tuple[str, ...]) -> bool:
    """A line of the client's holding a word of the family, or, with one person on the client's side, a
    clinician's line saying it of "you"."""
    joint = is_joint(source.utterances)
    single = tuple(s for s in support if " " not in s)
    name = client_name(source.utterances)
    lines = [u for u in source.utterances if u.speaker]
    for n, utt in enumerate(lines[:-1]):
        # a question about the feeling that the client answers ("What's the worry, at nine?" - "That something will
        # happen to Mum."): the client's feeling, told in other words
        low = " ".join(utt.text.lower().split())
        if (not is_client(utt.speaker) and role_of(lines[n + 1]) in ("client", "patient") and "?" in low
                and any(re.search(r"\b" + re.escape(s) + r"[^.!]*\?", low) for s in support)):
            return True
    for utt in source.utterances:
        low = " " + " ".join(utt.text.lower().replace("’", "'").split())
        if not any(re.search(r"\b" + re.escape(s), low) for s in support):
            continue
        if role_of(utt) in ("client", "patient") or not utt.speaker:
            return True
        if name and re.search(r"\b" + re.escape(name.lower()) + r"(?:'s| was| is| gets?| got| feels?| felt| seems?| seemed| looks?"
                              r"| looked| has been| had been) (?:\w+ ){0,2}?(?:" + "|".join(map(re.escape, single)) + r")", low):
            return True  # "Did you both know Oscar was worried about that?": said of the client by name
        if not joint and not is_client(utt.speaker) and single and "you" in _holders(utt.text, single):
            return True  # the clinician reflecting the client's feeling
    return False


def another_persons_feelings(text: str, source: SourceIndex, pronouns: str | None = None) -> list[str]:
    """The feeling words ``text`` gives the client that only someone else said they felt (see above);
    ``pronouns``: the client's ("she/her"), default those the session says. A session without
    speakers cannot tell whose a feeling was."""
    if not (source.utterances and source.utterances[0].speaker):
        return []
    pronouns = pronouns or source.once(client_pronouns)
    found = []
    for word, start in _note_feelings(text, source.utterances, pronouns):
        support = _family(word) or (start,)
        if _client_side_says(source, support):
            continue
        if any(_holders(utt.text, (start,)) & {"self"} for utt in source.utterances
               if utt.speaker and role_of(utt) not in ("client", "patient")):
            found.append(word)
    return list(dict.fromkeys(found))
