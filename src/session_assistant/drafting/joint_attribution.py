"""A model sentence of a joint session that gives another person's words to "the client", by rule.

Why: with a couple or a parent and a teenager in the room the 1.5B model writes "the client" for
everyone. Read in unseen 67's draft: "The client will be asked to write three lines in the van after
tea, and the letter will be sent with a card to Hannah's baby shower." (his three lines, her card, one
"client"). A therapist strikes such a sentence or gives it to the right person. So, after the model:

- a sentence about "the client" that retells one line of another person's (most of its words, and no
  line of the client's comes near) gets that person as its subject, "The partner (Rob) ...", flagged
  for the clinician to confirm; with a he or she in it that may be either of them it is withheld;
- a sentence about "the client" carrying two people's words (two or more of each that only that one
  said) is withheld beside the note.
"""

from __future__ import annotations

import re
from typing import Sequence

from session_assistant.drafting.grounding import content_words
from session_assistant.drafting.joint_session import role_of, is_joint, label, names_by_role
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import QUOTED_SPAN


# A model sentence telling what "the client" said, felt or did: its subject is the client ("The client
# reported ...", "Client cries ..."), not someone of the client's ("the client's partner").
# A sentence opening with "He" or "She" is the client's too: the note's pronoun at a sentence's start is the
# client's (``person_voice.consistent_pronouns``), and the model wrote the partner's crying as "he had been
# crying in the car" (unseen 123).
_CLIENT_SUBJECT = re.compile(r"^(?:(?:the )?client\b(?!'s)(?! and\b)|(?:he|she)\b(?! and\b))", re.I)
# A sentence about both ("plan the week together", "the couple") gives nobody's words to the wrong one.
_BOTH = re.compile(r"\b(?:together|both|each other|one another|the couple|the family|the parents|as a couple)\b", re.I)
OWN_WORDS_MIN = 3  # content words a sentence shares with one person's line before it is read as retelling it
OWN_WORDS_SHARE = 0.5
OTHER_MARGIN = 2  # the other person's line shares at least this many more words than any line of the client's


def told_as_the_clients(text: str, utterances: Sequence[Utterance]) -> str | None:
    """The role of the person (not the client) whose line a model sentence about "the client"
    retells, or None: in a joint session, most of the sentence's words are one line of that person's,
    and no line of the client's comes near (the partner's "I cry in the van" told as "The client cries
    in the van"). Quoted words are left aside: a quote says whose it is."""
    if not _CLIENT_SUBJECT.search(text.strip()) or _BOTH.search(text) or not is_joint(utterances):
        return None
    bag = content_words(QUOTED_SPAN.sub(" ", text)) - {"client", "report", "reported", "state", "stated", "said", "share", "shared"}
    if len(bag) < OWN_WORDS_MIN:
        return None
    best: dict[str, int] = {}
    for utt in utterances:
        if utt.speaker and is_client(utt.speaker):
            shared = len(bag & content_words(utt.text))
            best[role_of(utt)] = max(best.get(role_of(utt), 0), shared)
    mine = best.pop("client", 0)
    role, theirs = max(best.items(), key=lambda kv: kv[1], default=("", 0))
    if theirs >= max(OWN_WORDS_MIN, OWN_WORDS_SHARE * len(bag)) and theirs >= mine + OTHER_MARGIN:
        return role
    return None


ANOTHER_PERSONS_WORDS = "another_persons_words"  # withheld: a partner's words told as the client's, no sure fix
SUBJECT_CORRECTED = "subject_corrected"  # kept, flagged: "The client" made the person whose words they were
_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers|himself|herself)\b", re.I)


def attributed_right(text: str, utterances: Sequence[Utterance]) -> tuple[str, list[str]]:
    """(text, flags) for a model sentence of a joint session: one telling another person's line as the
    client's has its subject made that person ("The partner (Rob) cries in the van ...", flagged for the
    clinician to confirm), or, when a he or she in it may be either of them, is flagged to withhold."""
    if _THEY.match(text.strip()):
        return they_resolved(text, utterances)
    role = told_as_the_clients(text, utterances)
    if role is None:  # "The client will write three lines in the van, and send a card": two people's tasks as one's
        merged = merges_people(text, utterances)
        return text, [f"{MERGES_PEOPLE}:{merged}"] if merged else []
    if _PRONOUN.search(text):
        return text, [f"{ANOTHER_PERSONS_WORDS}:{role}"]
    match = _CLIENT_SUBJECT.search(text.strip())
    who = label(role, names_by_role(utterances))
    return f"The {who}{text.strip()[match.end():]}", [f"{SUBJECT_CORRECTED}:{role}"]


MERGES_PEOPLE = "merges_people"  # withheld: the client's sentence carries another person's words too
MERGED_MIN_WORDS = 2


def merges_people(text: str, utterances: Sequence[Utterance]) -> str | None:
    """The other person whose words a model sentence about "the client" carries beside the client's own
    (two or more content words only that person said, and two or more of the client's), else None."""
    if not _CLIENT_SUBJECT.search(text.strip()) or _BOTH.search(text) or not is_joint(utterances):
        return None
    bag = content_words(QUOTED_SPAN.sub(" ", text)) - {"client", "report", "reported", "state", "stated", "said", "share", "shared"}
    said: dict[str, set[str]] = {}
    for utt in utterances:
        if utt.speaker and is_client(utt.speaker):
            said.setdefault(role_of(utt), set()).update(bag & content_words(utt.text))
    mine = said.pop("client", set())
    for role, theirs in said.items():
        if len(theirs - mine) >= MERGED_MIN_WORDS and len(mine - theirs) >= MERGED_MIN_WORDS:
            return role
    return None


# --- "They ..." in a joint session -------------------------------------------------------------------
# The model's singular "they" for the client reads, in a couple's or a family's note, as both of them:
# "They also reported feeling guilty for not noticing something earlier" (67: only she said it),
# "They described how they had been keeping busy" (67: he kept busy, she wrote her letter). A sentence
# opening with "They" is given to the one person whose words it carries (words only that person said);
# one carrying two people's words is withheld, as ``merges_people``; anything else is left as written.
_THEY = re.compile(r"^they\b(?! both\b| each\b| all\b)", re.I)
# First letters, not word_stems.stem: by stem, her "my mum keeps saying" made his "keeping busy" shared (67).
STEM = 5
THEY_OWN_MIN = 2
_FRAME = {w[:STEM] for w in content_words("they client partner reported report said stated described mentioned shared "
                                          "expressed also feeling felt been having about session")}


def they_resolved(text: str, utterances: Sequence[Utterance]) -> tuple[str, list[str]]:
    """(text, flags) for a joint session's sentence opening with "They" (see above)."""
    if not _THEY.match(text.strip()) or _BOTH.search(text) or not is_joint(utterances):
        return text, []
    bag = {w[:STEM] for w in content_words(QUOTED_SPAN.sub(" ", text))} - _FRAME
    said: dict[str, set[str]] = {}
    for utt in utterances:
        if utt.speaker and is_client(utt.speaker):
            said.setdefault(role_of(utt), set()).update(bag & {w[:STEM] for w in content_words(utt.text)})
    own = {role: words - set().union(*(w for r, w in said.items() if r != role)) for role, words in said.items()}
    owners = [role for role, words in own.items() if len(words) >= THEY_OWN_MIN]
    if len(owners) >= 2:
        return text, [f"{MERGES_PEOPLE}:{next(r for r in owners if r != 'client')}"]
    if len(owners) == 1 and not any(words for role, words in own.items() if role != owners[0]):
        who = label(owners[0], names_by_role(utterances))
        return f"The {who}{text.strip()[_THEY.match(text.strip()).end():]}", [f"{SUBJECT_CORRECTED}:{owners[0]}"]
    return text, []
