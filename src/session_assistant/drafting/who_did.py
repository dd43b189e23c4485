"""Who did what in a model sentence, held against who did it in the session (issue 16, therapy16t).

Read in the stored drafts of 49-54: the 1.5B model states a fact the wrong way round, the error a
therapist meets most on new sessions. "The client was afraid of them and had threatened to take the
children to Brazil" (50: her husband threatened it, the client was afraid of it); "his sister's
daughter, Mia" (52: his own daughter, see ``kin_said``); "the clinician nearly died" (45, withheld by
``said_terms.misattributed``). Found by the shape of a clause, not its words:

- an act of harm, threat, leaving or control (``_ACTS``, by kind: "slapped" and "hit" are one kind)
  whose doer in the note is the client ("the client", the client's name, or a clause joined to one:
  "the client was afraid and had threatened ...") or someone else ("her partner", "Gary");
- the doers the session gives the same kind of act: "I" in the client's line, "you" in the
  clinician's, "she" in an interpreter's (the client, by the pronoun the interpreter says "she
  says" with) on one side; "he", "she", "my partner", "Gary", the clinician's own "I" on the other.
  A passive ("I was pushed") names whom it was done to, not the doer, and counts for neither.

The note's doer whom the session never gives this kind of act, while it gives it to the other side,
is turned round: ``WRONG_PERSON`` (withheld) when the act's object is the same event (a word after
the verb said in the session's sentence: "the children", "the cupboard door"), else ``WHO_UNSURE``
(flagged for the clinician, the sentence kept). A clinician's act given to the client ("the client
suggested ...") is flagged only: a client may have proposed it in other words first.
"""

from __future__ import annotations

import re

from session_assistant.drafting.client_name import client_name
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.kin_said import CONTRADICTED, kin_inverted
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.task_doer import clinician_errand_given_to_client
from session_assistant.drafting.vocabulary import QUOTED_SPAN
from session_assistant.drafting.word_stems import stem

WRONG_PERSON = "wrong_person"  # withheld
WHO_UNSURE = "who_unsure"  # flagged, kept

# The acts whose doer matters, by kind (a word start). The last kinds are the clinician's in a session.
_ACTS: dict[str, str] = {
    "threaten": r"threat(?:en(?:ed|ing|s)?)?", "hit": r"hit(?:s|ting)?|punch\w*|slap\w*|smack\w*|beat(?:s|en|ing)?|"
    r"kick(?:s|ed|ing)?|thump\w*", "push": r"push(?:es|ed|ing)?|shov\w*|grabb?(?:s|ed|ing)?",
    "choke": r"chok(?:e|ed|es|ing)|strangl\w*", "hurt": r"hurt(?:s|ing)?|harm(?:s|ed|ing)?|injur\w*|attack\w*|"
    r"assault\w*|abus(?:e|ed|es|ing)", "shout": r"shout\w*|yell\w*|scream\w*", "leave": r"left|leav(?:e|es|ing)",
    "cheat": r"cheat\w*", "kill": r"kill(?:s|ed|ing)?", "steal": r"stole|steal\w*", "control": r"control(?:s|led|ling)?",
    "suggest": r"suggest(?:s|ed|ing)?|recommend\w*|propos\w*", "explain": r"explain\w*|taught|teach(?:es|ing)?",
}
# Flagged only, never withheld: a clinician's kind (a client may have proposed it in other words first) and
# words with everyday senses ("left work early", "killing time", "controlled breathing").
_FLAG_ONLY = {"suggest", "explain", "leave", "kill", "control"}
_ACT = re.compile(r"\b(?:%s)\b" % "|".join(f"(?P<{k}>{v})" for k, v in _ACTS.items()), re.I)

_AUX = set("""had has have was were is are am be been being did does do would will could might may should can shall must
'd 'll 've 's ever never just also then once always even really actually not n't already later first again finally
apparently allegedly reportedly twice nearly almost only to tried try tries wanted want wants started start begin began
going gonna gone went used about supposedly still literally basically kind sort of""".split())
_PASSIVE = {"was", "were", "been", "being", "got", "get", "gets", "is", "are", "am"}
_CATENATIVE = {"tried", "try", "tries", "wanted", "want", "wants", "started", "start", "began", "going", "gonna", "used"}
_PEOPLE = re.compile(r"^(?:partner|husband|wife|boyfriend|girlfriend|ex|mum|mam|mom|mother|dad|father|brother|sister|son|"
                     r"daughter|boss|manager|friend|mate|neighbou?r|kids?|child|children|boy|girl|lad|man|woman|guy|bloke|"
                     r"someone|somebody|teacher|colleague|cousin|uncle|aunt|nan|gran|grandad|stepdad|stepmum|police|"
                     r"officer|landlord|flatmate|fiancée?|family|parents?|brothers|sisters|sons|daughters|friends)$", re.I)
_NOT_NAMES = {"I", "The", "Then", "And", "But", "So", "Yeah", "Okay", "No", "Yes", "She", "He", "They", "It", "We", "You",
              "Client", "Clinician", "Interpreter", "Just", "Well", "Like", "Honestly", "Maybe", "Sorry", "Has", "Have", "Did",
              "Does", "Was", "Were", "Is", "Are", "Had", "Would", "Could"}
_TOKENS = re.compile(r"[A-Za-z][A-Za-z'’-]*|[,.;:!?|]")
_QUOTED = QUOTED_SPAN
_STOP = set("""the and that this with from into onto about them they their him her his she he you your our out off
then than when what which there here have has had was were will would could should also just very really some any
over once back down away after before again still""".split())
CONTEXT_AFTER = 8


def _words(text: str) -> set[str]:
    return {stem(w.lower()) for w in re.findall(r"[A-Za-z]{4,}", text) if w.lower() not in _STOP}


def _doer(tokens: list[str], at: int) -> tuple[str, bool]:
    """(the word that does the act at ``tokens[at]``, passive) walking back over auxiliaries and
    adverbs; '' when a clause break or nothing comes first."""
    n, passive = at - 1, False
    verb = tokens[at].lower()
    while n >= 0 and tokens[n].lower().replace("’", "'") in _AUX | _PASSIVE | {"got", "get", "gets"}:
        word = tokens[n].lower().replace("’", "'")
        if word in _PASSIVE and not verb.endswith("ing") and not any(t.lower() in _CATENATIVE for t in tokens[n + 1:at]):
            passive = True
        n -= 1
    if n < 0 or not re.match(r"[A-Za-z]", tokens[n]):
        return "", passive
    word = tokens[n].replace("’", "'")
    for tail in ("'d", "'ve", "'s", "'ll", "'m"):  # "he'd pushed", "I've hit"
        if word.lower().endswith(tail) and word.lower()[:-len(tail)] in {"i", "he", "she", "you", "they", "we"}:
            word = word[:-len(tail)]
    return word, passive


def _interpreted_client(source: SourceIndex) -> str:
    """The pronoun an interpreter says the client's words with ("She says ..."), 'she' by default."""
    for utt in source.utterances:
        if utt.speaker.strip().lower() == "interpreter":
            m = re.search(r"\b(she|he) (?:says|said|is saying|asks|is asking)\b", utt.text, re.I)
            if m:
                return m.group(1).lower()
    return "she"


def _side(word: str, speaker: str, name: str | None, interpreted: str) -> str:
    """'client', 'other' or '' for a doer word said by ``speaker``."""
    low, role = word.lower(), speaker.strip().lower()
    if role == "interpreter":
        if low in ("i", interpreted) or (name and word == name):
            return "client"
        return "other" if low in {"he", "she", "they"} - {interpreted} or _PEOPLE.match(low) or _named(word, name) else ""
    if is_client(speaker):
        if low in ("i", "we"):
            return "client"  # a parent's or partner's "I" may be the one the note calls the client: never other
        if role not in ("client", "patient"):
            return ""
        return "other" if low in ("he", "she", "they") or _PEOPLE.match(low) or _named(word, name) else ""
    if low in ("you", "we") or (name and word == name):
        return "client"
    return "other" if low in ("i", "he", "she", "they") or _PEOPLE.match(low) or _named(word, name) else ""


def _named(word: str, name: str | None) -> bool:
    return word[:1].isupper() and word not in _NOT_NAMES and word != name and len(word) > 2


_REPORTED = re.compile(r"\b(?:he|she|they|[A-Z][a-z]+) (?:said|says|goes|went|told me|was like|shouted|texted)\b(?! she\b| he\b)(?! that)")


def _said_doers(source: SourceIndex) -> dict[str, list[tuple[str, set[str]]]]:
    """Kind -> [(side, the words of the sentence it was said in)] for each act the session gives a doer."""
    name, interpreted = client_name(source.utterances), _interpreted_client(source)
    found: dict[str, list[tuple[str, set[str]]]] = {}
    for utt in source.utterances:
        if not utt.speaker:
            continue
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(utt.text.split())):
            tokens = _TOKENS.findall(sentence)
            for at, token in enumerate(tokens):
                match = _ACT.fullmatch(token)
                if not match:
                    continue
                word, passive = _doer(tokens, at)
                if word.lower() in ("i", "you", "we") and _REPORTED.search(" ".join(tokens[:at])):
                    continue  # "He said, if you leave me, I will kill you": the "I" is his
                side = "" if passive or not word else _side(word, utt.speaker, name, interpreted)
                if side:
                    found.setdefault(match.lastgroup, []).append((side, _words(sentence)))
    return found


_JOINED = {"and", "but", "then", ","}
_SUBORDINATE = {"that", "who", "whom", "which", "when", "because", "if", "while", "after", "before", "as", "since", "where",
                "how", "why", "what"}


def _note_doer(tokens: list[str], at: int, name: str | None) -> str:
    """'client', 'other' or '' for the doer of the act at ``tokens[at]`` in the note's sentence."""
    word, passive = _doer(tokens, at)
    if passive:
        return ""
    if word.lower() in _JOINED or word == ",":
        # "The client was afraid and had threatened ...": the clause's subject, back to the sentence's start
        head = tokens[:at]
        # "The client said her husband pushed her and threatened ...": another may be the one who goes on
        if any(t.lower() in _SUBORDINATE or t.lower() in ("he", "she", "they") or _PEOPLE.match(t) or _named(t, name)
               for t in head[2:]):
            return ""
        word = next((t for t in head if re.match(r"[A-Za-z]", t)), "")
        following = head[1] if len(head) > 1 else ""
        if word.lower() == "the" and following.lower() == "client":
            return "client"
        return "client" if name and word == name else ""
    low = word.lower()
    if low == "client":
        return "client" if at < 2 or tokens[at - 2].lower() != "clinician" else ""
    if name and word == name:
        return "client"
    if _PEOPLE.match(low) or _named(word, name):
        return "other" if low != "clinician" else ""
    return ""


def who_inverted(text: str, source: SourceIndex) -> list[str]:
    """Flags for each fact ``text`` (a model sentence) states the wrong way round: ``WRONG_PERSON:<what>``
    (withheld) or ``WHO_UNSURE:<what>`` (flagged); see the module doc and ``kin_said``. A session
    without speakers cannot tell whose it was."""
    if not (source.utterances and source.utterances[0].speaker):
        return []
    flags = [f"{WRONG_PERSON if how == CONTRADICTED else WHO_UNSURE}:{said}" for how, said in kin_inverted(text, source)]
    flags += [f"{WRONG_PERSON}:clinician's {kind}" for kind in clinician_errand_given_to_client(text, source.utterances)]
    plain = _QUOTED.sub(" ", text)
    tokens = _TOKENS.findall(plain)
    said: dict[str, list[tuple[str, set[str]]]] | None = None
    name = client_name(source.utterances)
    for at, token in enumerate(tokens):
        match = _ACT.fullmatch(token)
        if not match:
            continue
        doer = _note_doer(tokens, at, name)
        if not doer:
            continue
        said = _said_doers(source) if said is None else said
        sides = [(side, words) for side, words in said.get(match.lastgroup, [])]
        if not sides or any(side == doer for side, _ in sides):
            continue  # nobody said it with a doer, or the session gives it to the note's doer too
        after = _words(" ".join(tokens[at + 1:at + 1 + CONTEXT_AFTER]))
        same_event = any(after & words for _, words in sides)
        certain = same_event and match.lastgroup not in _FLAG_ONLY
        flags.append(f"{WRONG_PERSON if certain else WHO_UNSURE}:{token}")
    return list(dict.fromkeys(flags))
