"""An act a model sentence gives the client that the client's own lines give someone else.

Why: read in the kept drafts of session 30: a new father said of his baby "she's decided two in the
morning is party time", and the note wrote "The client reported that he was knackered and had decided
to have party time". ``who_did`` follows the acts of harm and threat only; any verb can be turned
round this way, and a therapist strikes the sentence.

By rule: a verb whose doer in the note is the client ("The client ... had decided", "he decided" of
a client the session calls "he") is withheld (``ACT_OF_ANOTHER``) when the client's sentences that say
that verb of the same event (sharing a word with what follows the verb in the note: "party time") give
it only another doer ("she", "he", "my mum", a name), never "I" or "we". The note's
frame verbs ("reported", "felt", "said") and the verbs of being and having are never read.
"""

from __future__ import annotations

import re

from session_assistant.drafting.client_name import client_name
from session_assistant.drafting.grounding import SourceIndex, content_stems
from session_assistant.drafting.joint_session import role_of
from session_assistant.drafting.person_voice import client_pronouns
from session_assistant.drafting.vocabulary import QUOTED_SPAN
from session_assistant.drafting.who_did import _AUX, _PASSIVE, _PEOPLE, _TOKENS, _doer, _named
from session_assistant.drafting.word_stems import stem

ACT_OF_ANOTHER = "act_of_another"  # withheld

# Verbs never read: the note's own frame, and words too common to belong to one event.
_NOT_ACTS = {stem(w) for w in """reported report reports said say says stated state described describe mentioned mention
shared share expressed express told tell felt feel feeling feels noted note explained explain agreed agree discussed
discuss identified identify acknowledged acknowledge admitted admit added add thought think think thinks know knew
want wanted like liked need needed seem seemed get got go went going come came make made take took do did does done
has have had is was were are be been being will would could should can may might must also""".split()}
_SUBJECTS = {"he", "she", "they"}
SAME_EVENT_WORDS = 8  # the words after the note's verb read for the event
_SOMEONE = re.compile(r"\b(?:a|an|any|some|every)\b", re.I)  # "a grown woman": anyone, the client too


def _client_doer(tokens: list[str], at: int, name: str | None, pronoun: str | None) -> bool:
    """Whether the note's verb at ``tokens[at]`` has the client as its doer: "the client", the name, the
    client's own pronoun, or an "and" back to the sentence's opening subject."""
    word, passive = _doer(tokens, at)
    if passive or not word:
        return False
    low = word.lower()
    if low == "client":
        return at < 2 or tokens[at - 2].lower() not in ("clinician", "clinician's")
    if (name and word == name) or (pronoun and low == pronoun):
        return True
    if low in ("and", ","):
        people = [t for t in tokens[:at] if t.lower() in _SUBJECTS | {"client"} or _PEOPLE.match(t) or _named(t, name)]
        return bool(people) and (people[-1].lower() in ("client", pronoun) or people[-1] == name)
    return False


def _another(low: str, word: str, before: list[str], name: str | None) -> bool:
    """Whether the doer ``word`` of a client's sentence is someone else: "he", "she", "they", a name, or a
    relation that is not anyone ("a grown woman pulling her hair out" may be the client herself)."""
    if low in _SUBJECTS or _named(word, name):
        return True
    return bool(_PEOPLE.match(low)) and not _SOMEONE.search(" ".join(before))


def _clients_doers(source: SourceIndex) -> dict[str, list[tuple[bool, set[str]]]]:
    """Verb stem -> [(the client did it, the words of the sentence)] for each verb the client's lines
    give a doer: "I" or "we" is the client; "he", "she", "they", a relation or a name someone else.
    Read once per transcript (``SourceIndex.once``)."""
    name = client_name(source.utterances)
    found: dict[str, list[tuple[bool, set[str]]]] = {}
    for utt in source.utterances:
        if role_of(utt) not in ("client", "patient"):
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(utt.text.split())):
            tokens = _TOKENS.findall(sentence)
            for at, token in enumerate(tokens):
                key = stem(token.lower())
                if key in _NOT_ACTS or token.lower() in _AUX | _PASSIVE or not token[0].isalpha():
                    continue
                word, passive = _doer(tokens, at)
                low = re.sub(r"['’]s$", "", word.lower())  # "my son's decided"
                if passive or not word:
                    continue
                if low in ("i", "we"):
                    found.setdefault(key, []).append((True, content_stems(sentence)))
                elif _another(low, word, tokens[max(0, at - 4):at], name):
                    found.setdefault(key, []).append((False, content_stems(sentence)))
    return found


def acts_of_another(text: str, source: SourceIndex, pronouns: str | None = None) -> list[str]:
    """The verbs of ``text`` the client did in the note and someone else did in the client's own lines
    (see above). A session without speakers cannot tell whose an act was."""
    if not (source.utterances and source.utterances[0].speaker):
        return []
    pronouns = pronouns or source.once(client_pronouns)
    pronoun = pronouns.split("/")[0] if pronouns else None
    name = client_name(source.utterances)
    tokens = _TOKENS.findall(QUOTED_SPAN.sub(" ", text))
    said = None
    found = []
    for at, token in enumerate(tokens):
        key = stem(token.lower())
        if key in _NOT_ACTS or token.lower() in _AUX | _PASSIVE or not token[0].isalpha() or len(token) < 4:
            continue
        if not _client_doer(tokens, at, name, pronoun):
            continue
        said = source.once(_clients_doers) if said is None else said
        after = content_stems(" ".join(tokens[at + 1:at + 1 + SAME_EVENT_WORDS]))
        same_event = [client for client, words in said.get(key, []) if after & words]
        if same_event and not any(same_event):  # of this event, the client's lines give it only to another
            found.append(token.lower())
    return list(dict.fromkeys(found))
