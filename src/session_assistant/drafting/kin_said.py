"""Whose relative a model sentence makes someone, held against how the session relates them.

Read in the stored drafts of 49-54 (issue 16, therapy16t): the 1.5B model joins the people of a story
into a chain the session never made, "his sister's ex, Lee, and his sister's daughter, Mia" where the
client said "my sister's ex" of Lee and the clinician said "Your daughter." of Mia. Found by shape:

- a relation the note gives a person (``his daughter, Mia``, ``Rick, her mother's boyfriend``,
  ``her brother's son``), a chain of one or two links;
- the session's ties of a name to the client ("my little girl, Poppy", "Dan, my brother's lad",
  "Ollie." - "Your son."): "my" in the client's (or an interpreter's) line, "your" in the
  clinician's, "her"/"his" in an interpreter's.

A named person the session ties to the client by another relation, and never by the note's, is
``contradicted`` (the sentence is withheld); a two-link chain the session never says, in any words
("niece" for a sister's daughter counts), is ``unsure`` (flagged, kept). Relations are compared by
kind ("little girl" is a daughter, "partner" stands for husband or boyfriend, "nephew" for a
brother's son), never by wording.
"""

from __future__ import annotations

import re

from session_assistant.drafting.client_name import client_name
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import is_client
from session_assistant.drafting.vocabulary import QUOTED_SPAN

# A relation word and its kind. "child" stands for a son or a daughter, "partner" for a spouse, "sibling"
# for a brother or sister, "parent" for a mother or father: a general word never contradicts a specific one.
_KINDS: dict[str, str] = {}
for kind, said in {
    "mother": "mother mum mam mom mummy mommy", "father": "father dad daddy papa",
    "sister": "sister sis", "brother": "brother", "daughter": "daughter girl", "son": "son boy lad",
    "child": "child kid baby", "sibling": "sibling", "parent": "parent",
    "partner": "partner husband wife spouse boyfriend girlfriend fiance fiancee fiancé fiancée", "ex": "ex",
    "friend": "friend mate pal", "cousin": "cousin", "aunt": "aunt auntie aunty", "uncle": "uncle",
    "niece": "niece", "nephew": "nephew", "grandparent": "grandmother grandma gran nan nana granny grandfather "
    "grandad granddad grandpa", "grandchild": "grandchild grandson granddaughter",
    "boss": "boss manager supervisor", "neighbour": "neighbour neighbor",
}.items():
    for word in said.split():
        _KINDS[word] = kind
_GENERAL = {"child": {"son", "daughter", "child"}, "sibling": {"sister", "brother", "sibling"},
            "parent": {"mother", "father", "parent"}, "partner": {"partner", "ex"}, "ex": {"partner", "ex"}}
# Two links said as one word: a sibling's child is a niece or nephew, a parent's sibling an aunt or uncle.
_ONE_WORD = {("sibling", "child"): "siblings_child", ("parent", "sibling"): "parents_sibling",
             ("parent", "parent"): "grandparent", ("child", "child"): "grandchild"}
_AS_ONE = {"niece": "siblings_child", "nephew": "siblings_child", "aunt": "parents_sibling",
           "uncle": "parents_sibling", "grandparent": "grandparent", "grandchild": "grandchild"}

_REL = r"(?:ex-(?:husband|wife|partner|boyfriend|girlfriend)|%s)s?" % "|".join(
    sorted((re.escape(w) for w in _KINDS), key=len, reverse=True))
_ADJ = r"(?:(?:little|eldest|youngest|oldest|older|younger|big|baby|wee|step-?|best|new|old)\s+)?"
_CHAIN = r"(?:(%s)(?:'s|’s)\s+)?%s(%s)(?![\w-])" % (_REL, _ADJ, _REL)
_NAME = r"([A-Z][a-z]{2,})"
_NOT_NAMES = {"The", "Then", "And", "But", "She", "Her", "His", "Their", "They", "Client", "Clinician", "Yeah", "Okay",
              "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Mum", "Dad", "Mam", "Mom",
              "Not", "Who", "What", "When", "Just", "Like", "Well", "And", "Also", "This", "That", "There"}

_QUOTED = QUOTED_SPAN
CONTRADICTED = "contradicted"
UNSURE = "unsure"


def _kind(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.startswith("ex-"):
        return "ex"
    return _KINDS.get(word) or (_KINDS.get(word[:-1], "") if word.endswith("s") else "")


def _canon(first: str | None, last: str) -> tuple[str, ...]:
    """A chain of kinds, two links said as one word where English has one ("niece")."""
    return _canon_kinds(_kind(first) if first else None, _kind(last))


def _canon_kinds(a: str | None, b: str) -> tuple[str, ...]:
    if not a:
        return (_AS_ONE.get(b, b),)
    general = tuple(next((g for g in ("sibling", "parent", "child") if k in _GENERAL[g]), k) for k in (a, b))
    return (_ONE_WORD[general],) if general in _ONE_WORD else (a, b)


def _same(note: tuple[str, ...], said: tuple[str, ...]) -> bool:
    if len(note) != len(said):
        return False
    return all(a == b or b in _GENERAL.get(a, ()) or a in _GENERAL.get(b, ()) for a, b in zip(note, said))


def _owners(speaker: str) -> str:
    """The possessive that makes a relation the client's in this speaker's line."""
    role = speaker.strip().lower()
    if role == "interpreter":
        return r"my|her|his"
    return r"my" if is_client(speaker) else r"your"


def name_ties(source: SourceIndex) -> dict[str, list[tuple[str, ...]]]:
    """Each name the session ties to the client by a relation: name -> the chains it is given."""
    ties: dict[str, list[tuple[str, ...]]] = {}
    lines = [u for u in source.utterances if u.speaker]

    def add(name: str, first: str | None, last: str) -> None:
        if name not in _NOT_NAMES:
            ties.setdefault(name, []).append(_canon(first, last))

    for n, utt in enumerate(lines):
        own = _owners(utt.speaker)
        text = " ".join(utt.text.split())
        for m in re.finditer(r"\b(?:%s)\s+%s,?\s+%s\b" % (own, _CHAIN, _NAME), text, re.I):
            if m.group(3)[0].isupper():
                add(m.group(3), m.group(1), m.group(2))
        for m in re.finditer(r"\b%s(?:,|\.|'s|’s| is| was)?\s+(?:%s)\s+%s" % (_NAME, own, _CHAIN), text, re.I):
            if m.group(1)[0].isupper():
                add(m.group(1), m.group(2), m.group(3))
        # "I kept thinking about Ollie." - "Your son.": the next speaker names the relation.
        if n + 1 < len(lines) and lines[n + 1].speaker != utt.speaker:
            said = re.match(r"^(?:(?:oh|so|right|ah),?\s+)?(?:%s)\s+%s[.?!]?" % (_owners(lines[n + 1].speaker), _CHAIN),
                            " ".join(lines[n + 1].text.split()), re.I)
            last = re.search(r"\b%s[.?!]?\s*$" % _NAME, text)
            if said and last:
                add(last.group(1), said.group(1), said.group(2))
    return ties


def _chain_said(chain: tuple[str, ...], source: SourceIndex) -> bool:
    """The session says this chain anywhere, by anyone, in any of its words."""
    text = source.text
    for m in re.finditer(r"\b" + _CHAIN, text, re.I):
        if _same(chain, _canon(m.group(1), m.group(2))):
            return True
    return False


# The note's relation for a person: "his daughter, Mia", "the client's sister Jess", "Rick, her mother's boyfriend".
_NOTE_OWNER = r"(?:his|her|their|the client's|client's|the client’s)"
_NOTE_BEFORE = re.compile(r"\b(%s)\s+%s(?:,?\s+%s\b)?" % (_NOTE_OWNER, _CHAIN, _NAME), re.I)
_NOTE_AFTER = re.compile(r"\b%s,\s+(%s)\s+%s" % (_NAME, _NOTE_OWNER, _CHAIN), re.I)
_SOMEONE = re.compile(r"\b[A-Z][a-z]{2,}\b|\b(?:his|her|their)\s+%s" % _REL)


def _others_before(text: str, owner: str, client: str | None) -> list[str]:
    """The people named before a possessive, whose "her" it may then be. The client's name does not
    count, nor a name set beside a relation of the same owner ("his sister's ex, Lee, and his ..."):
    the list goes on with the same owner. '' stands for someone named by relation only."""
    text = re.sub(r"\b%s\s+%s,?\s+[A-Z][a-z]{2,}" % (re.escape(owner), _CHAIN), " ", text, flags=re.I)
    text = text.replace("The client", "").replace("the client", "")
    return [m.group(0) if m.group(0)[0].isupper() else "" for m in _SOMEONE.finditer(text)
            if m.group(0) not in _NOT_NAMES and m.group(0) != client]


_GREETED = re.compile(r"^(?:\w+\s+){0,3}?(?i:hi|hiya|hello|hey|morning|afternoon|come in|welcome(?: back)?),?\s+([A-Z][a-z]{2,})\b")


def greeted_name(source: SourceIndex) -> str | None:
    """The client's name: as ``client_name`` finds it, else the name the clinician's first line greets
    ("Come in, Jordan.", "Good morning, Mariana.")."""
    name = client_name(source.utterances)
    if name:
        return name
    first = next((u for u in source.utterances if u.speaker and not is_client(u.speaker)), None)
    found = _GREETED.search(" ".join(first.text.split())) if first else None
    return found.group(1) if found and found.group(1) not in _NOT_NAMES else None


def kin_inverted(text: str, source: SourceIndex) -> list[tuple[str, str]]:
    """(``CONTRADICTED`` or ``UNSURE``, the relation as the note says it) for each relation ``text``
    gives a person that the session contradicts or never says (see the module doc)."""
    plain = _QUOTED.sub(" ", text)
    ties = source.once(name_ties)
    found: list[tuple[str, str]] = []
    for m in _NOTE_BEFORE.finditer(plain):
        owner, first, last, name = m.group(1), m.group(2), m.group(3), m.group(4)
        found += _judge(plain, m, owner, first, last, name if name and name[0].isupper() else None, ties, source)
    for m in _NOTE_AFTER.finditer(plain):
        if m.group(1)[0].isupper():
            found += _judge(plain, m, m.group(2), m.group(3), m.group(4), m.group(1), ties, source)
    return list(dict.fromkeys(found))


def _judge(plain: str, m: re.Match, owner: str, first: str | None, last: str, name: str | None,
           ties: dict[str, list[tuple[str, ...]]], source: SourceIndex) -> list[tuple[str, str]]:
    chain = _canon(first, last)
    said = m.group(0)
    if name and name not in _NOT_NAMES and ties.get(name):
        if any(_same(chain, tie) for tie in ties[name]):
            return []
        if "client" in owner.lower():
            return [(CONTRADICTED, said)]
        # "her" after another person in the sentence may be that person's: true when that person's tie
        # and this relation make the name's ("my daughter Amy", "her son, Leo", "my grandson Leo").
        others = _others_before(plain[:m.start()], owner, greeted_name(source))
        if not others:
            return [(CONTRADICTED, said)]
        if len(chain) == 1 and any(_same(_canon_kinds(tie[0], chain[0]), own) for other in others
                                   for tie in ties.get(other, []) if len(tie) == 1 for own in ties[name]):
            return []
        return [(UNSURE, said)]
    if first and not _chain_said(chain, source):
        return [(UNSURE, said)]
    return []
