"""An act a model sentence gives a named person (or a relative) that no line of the session gives them.

Read in kept draft 93 (eval89): "Client had also been threatened with violence by Jack, and he had been
threatened with violence by his sister Nicola." Jack is her seven-year-old son, Nicola the sister who
keeps saying "come to ours"; only Mark, her partner, pushed her, and the only "threatened" lines are
the clinician's questions she answered no ("Has Mark ever hurt Jack, or threatened to?" "No. Never.").
``who_did`` reads who did an act when the note gives it to the client or the other way round; a
passive "by Jack" names a doer it never weighs. Found by shape:

- in the note: an act of harm or note (threatened, hit, pushed, shouted, left, cheated ...; by kind, as
  ``who_did``) whose doer is a name or a relative ("Mark pushed her", "her partner had shouted",
  "threatened ... by his sister Nicola");
- in the session: each line that gives that kind of act a doer: the word before the verb ("he pushed
  me", "Mark's been shouting"), the one after "by", or the subject a joined verb goes on from ("Has
  Mark ever hurt Jack, or threatened to?"). "he"/"she"/"they" stand for the people named in that line
  before it or in the lines just before (``LOOKBACK_LINES``), else the last one named: any of them, as
  a pronoun's person is a guess and a true sentence must not be withheld on it. A clinician's
  question counts unless the client's next line says no ("No. Never.").

The note's doer is matched by name, by relation kind ("partner" for a husband), or through a tie the
session says ("my sister Nicola", "Mark, my partner"); a name the session ties to no relation matches
any relation, and the reverse. An act no line gives to that person is ``UNSAID_ACT`` (withheld, shown
beside the note for the clinician).
"""

from __future__ import annotations

import re

from session_assistant.drafting.client_name import client_name
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.risk import is_client, is_clinician
from session_assistant.drafting.vocabulary import QUOTED_SPAN

UNSAID_ACT = "unsaid_act"  # withheld
LOOKBACK_LINES = 8
AFTER_VERB = 8  # words after the act where "by <someone>" still names its doer

_ACTS: dict[str, str] = {
    "threaten": r"threat(?:en(?:ed|ing|s)?)?", "hit": r"hit(?:s|ting)?|punch\w*|slap\w*|smack\w*|beat(?:s|en|ing)?|"
    r"kick(?:s|ed|ing)?|thump\w*", "push": r"push(?:es|ed|ing)?|shov\w*|grabb?(?:s|ed|ing)?",
    "choke": r"chok(?:e|ed|es|ing)|strangl\w*", "hurt": r"hurt(?:s|ing)?|harm(?:s|ed|ing)?|injur\w*|attack\w*|"
    r"assault\w*|abus(?:e|ed|es|ing)", "shout": r"shout\w*|yell\w*|scream\w*", "leave": r"left|leav(?:e|es|ing)",
    "cheat": r"cheat\w*", "kill": r"kill(?:s|ed|ing)?", "steal": r"stole|steal\w*|stolen",
    "insult": r"insult\w*|humiliat\w*|belittl\w*|mock(?:s|ed|ing)?", "lie": r"lied|lying|lies",
}
_ACT = re.compile(r"\b(?:%s)\b" % "|".join(f"(?P<{k}>{v})" for k, v in _ACTS.items()), re.I)
# "hurt" is any harm: "he hurt me" tells of the push, "Mark harmed her" of the slap.
_HARM = {"hit", "push", "choke", "hurt", "kill"}

_KIND_WORDS = {
    "partner": "partner husband wife boyfriend girlfriend spouse fiance fiancee ex", "mother": "mother mum mam mom",
    "father": "father dad", "sister": "sister", "brother": "brother", "son": "son lad boy", "daughter": "daughter girl",
    "child": "child kid kids children", "friend": "friend mate", "boss": "boss manager supervisor",
    "colleague": "colleague coworker", "neighbour": "neighbour neighbor", "parent": "parent parents",
    "grandparent": "nan gran grandma grandad grandmother grandfather", "cousin": "cousin", "aunt": "aunt auntie",
    "uncle": "uncle", "landlord": "landlord", "teacher": "teacher", "flatmate": "flatmate housemate",
}
_KIND = {w: k for k, ws in _KIND_WORDS.items() for w in ws.split()}
_GENERAL = {"child": {"son", "daughter"}, "parent": {"mother", "father"}}

_AUX = set("""had has have was were is are am be been being did does do would will could might may should can must
'd 'll 've 's ever never just also then once always even really actually already later first again finally
nearly almost only tried try wanted started kept keeps keep not 're 'm gonna going to""".split())
_PRONOUNS = {"he", "she", "they"}
_NOT_NAMES = {"I", "The", "Then", "And", "But", "So", "Yeah", "Okay", "No", "Yes", "She", "He", "They", "It", "We",
              "You", "Client", "Clinician", "Just", "Well", "Like", "Maybe", "Sorry", "Has", "Have", "Did", "Does", "Was",
              "Were", "Is", "Are", "Had", "Would", "Could", "Not", "Never", "What", "When", "Who", "Why", "How", "If",
              "His", "Her", "Their", "My", "Your", "This", "That", "There", "Monday", "Tuesday", "Wednesday",
              "Thursday", "Friday", "Saturday", "Sunday", "Mum", "Dad", "God", "Oh", "Right", "Good", "Also", "After",
              "Before", "Since", "Last", "Next", "Once", "Sometimes", "Only", "Even", "Still", "Because", "Or", "Ring",
              "Take", "Can", "Will", "Do", "Don't", "Ha", "Hi", "Thank", "Thanks", "Please", "Go", "At", "In", "On",
              "To", "For", "With", "Police", "Homework", "Plan", "Session", "Past", "Safety"}
_TOKENS = re.compile(r"[A-Za-z][A-Za-z-]*|'[a-z]+|[,.;:!?]")
_DENIAL = re.compile(r"^\W*(?:no|never|nope|nah|not)\b", re.I)
_TIE_AFTER = re.compile(r"\b(?i:my|your|his|her|their)\s+(?:[a-z]+\s+)?([a-z]+),?\s+([A-Z][a-z]{2,})")
_TIE_BEFORE = re.compile(r"\b([A-Z][a-z]{2,})(?:,| is| 's|'s|’s)\s+(?:my|your|his|her|their)\s+(?:[a-z]+\s+)?([a-z]+)")


def _kind(word: str) -> str:
    low = word.lower()
    if low in _KIND:
        return _KIND[low]
    return _KIND.get(low[:-1], "") if low.endswith("s") else ""


def _tokens(text: str) -> list[str]:
    """Words and stops, a contraction its own word: "He's pushed" -> "He", "'s", "pushed"."""
    text = re.sub(r"n['’]t\b", " not", text.replace("’", "'"))
    return _TOKENS.findall(re.sub(r"'(s|d|ve|ll|re|m)\b", r" '\1", text))


def _session_names(source: SourceIndex) -> frozenset[str]:
    """The people the session names: a capitalised word said somewhere inside a sentence ("Everyone's"
    or "Some" opening one is no name), not the client's own name (``who_did`` weighs the client's acts)."""
    names = set()
    for utt in source.utterances:
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(utt.text.split())):
            names |= {w for w in _tokens(sentence)[1:] if w[:1].isupper() and w[1:].islower() and len(w) > 2}
    return frozenset(names - _NOT_NAMES - {client_name(source.utterances)})


class _Person:
    """Who a doer is: the names and relation kinds the words give."""

    def __init__(self, names: set[str] | None = None, kinds: set[str] | None = None) -> None:
        self.names, self.kinds = names or set(), kinds or set()

    def __bool__(self) -> bool:
        return bool(self.names or self.kinds)


def _phrase(tokens: list[str], end: int, names: frozenset[str]) -> _Person:
    """The names and relatives in the words ending at ``tokens[end]`` ("his sister Nicola", "her partner")."""
    person, n = _Person(), end
    while n >= 0 and n > end - 3:
        word = tokens[n]
        if word in names:
            person.names.add(word)
        elif _kind(word):
            person.kinds.add(_kind(word))
        else:
            break
        n -= 1
    return person


def _after_by(tokens: list[str], at: int, names: frozenset[str]) -> _Person:
    """The doer a passive names after the act: "threatened with violence by Jack"."""
    for n in range(at + 1, min(len(tokens), at + 1 + AFTER_VERB)):
        if tokens[n] in ".;:!?":
            break
        if tokens[n].lower() == "by":
            words = []
            for word in tokens[n + 1:n + 6]:
                if not re.match(r"[A-Za-z]", word):
                    break
                words.append(word)
            found = _Person()
            for word in words:
                if word in names:
                    found.names.add(word)
                elif _kind(word):
                    found.kinds.add(_kind(word))
                elif word.lower() not in {"his", "her", "their", "the", "a", "an", "client's", "my", "your", "own"}:
                    break
            return found
    return _Person()


def _doer_word(tokens: list[str], at: int) -> tuple[int, bool]:
    """(where the doer word of the act at ``tokens[at]`` is, -1 for none; passive)."""
    n, passive = at - 1, False
    while n >= 0 and tokens[n].lower() in _AUX | {"got", "get", "gets"}:
        passive = passive or tokens[n].lower() in {"was", "were", "been", "being", "got", "get", "gets", "is", "are", "am"}
        n -= 1
    if tokens[at].lower().endswith("ing"):
        passive = False  # "he was shouting"
    return (n if n >= 0 and re.match(r"[A-Za-z]", tokens[n]) else -1), passive


def _note_doers(text: str, names: frozenset[str]) -> list[tuple[str, _Person, str]]:
    """(kind, doer, act word) for each act the sentence gives a named person or a relative."""
    tokens = _tokens(QUOTED_SPAN.sub(" . ", text))
    found = []
    for at, token in enumerate(tokens):
        match = _ACT.fullmatch(token)
        if not match:
            continue
        where, passive = _doer_word(tokens, at)
        person = _after_by(tokens, at, names) if passive else (_phrase(tokens, where, names) if where >= 0 else _Person())
        if where >= 0 and tokens[where].lower() in {"client", "clinician", "therapist"}:
            person = _after_by(tokens, at, names) if passive else _Person()
        if person:
            found.append((match.lastgroup, person, token))
    return found


def _mentions(tokens: list[str], names: frozenset[str]) -> list[_Person]:
    """The people a line names, each once ("my sister Nicola" is one)."""
    return [p for p in (_phrase(tokens, n, names) for n, t in enumerate(tokens)
                        if (t in names or _kind(t)) and not (n + 1 < len(tokens) and (tokens[n + 1] in names
                                                                                        or _kind(tokens[n + 1]))))
            if p]


def _said_acts(source: SourceIndex) -> dict[str, list[_Person]]:
    """Kind -> the doers the session's lines give that kind of act (see the module doc)."""
    names = source.once(_session_names)
    found: dict[str, list[_Person]] = {}
    recent: list[tuple[int, list[_Person]]] = []  # (line number, people named in it)
    lines = [u for u in source.utterances if u.speaker]
    for number, utt in enumerate(lines):
        answer = next((u.text for u in lines[number + 1:] if is_client(u.speaker)), "")
        denied = is_clinician(utt.speaker) and bool(_DENIAL.match(answer))
        for sentence in re.split(r"(?<=[.!?])\s+", " ".join(utt.text.split())):
            tokens = _tokens(sentence)
            asked = sentence.rstrip().endswith("?")
            for at, token in enumerate(tokens):
                match = _ACT.fullmatch(token)
                if not match or (asked and denied) or (at and token[0].isupper()):  # "the National Domestic Abuse Helpline"
                    continue
                where, passive = _doer_word(tokens, at)
                doers: list[_Person] = []
                if passive:
                    doers = [_after_by(tokens, at, names)]
                elif where < 0 or tokens[where].lower() in _PRONOUNS | {"and", "or"}:
                    # a pronoun, or a verb joined to one before: whom the line or the lines before name
                    before = _mentions(tokens[:at], names)
                    earlier = [p for n, people in recent if n >= number - LOOKBACK_LINES for p in people]
                    last = [people for _, people in recent][-1:] if not before and not earlier else []
                    doers = before + earlier + [p for people in last for p in people]
                else:
                    doers = [_phrase(tokens, where, names)]
                found.setdefault(match.lastgroup, []).extend(d for d in doers if d)
        named = _mentions(_tokens(utt.text), names)
        if named:
            recent.append((number, named))
    return found


def _ties(source: SourceIndex) -> dict[str, set[str]]:
    """Name -> the relation kinds the session ties it to ("my sister Nicola", "Mark, my partner")."""
    ties: dict[str, set[str]] = {}
    for utt in source.utterances:
        for rel, name in _TIE_AFTER.findall(utt.text):
            if _kind(rel) and name not in _NOT_NAMES:
                ties.setdefault(name, set()).add(_kind(rel))
        for name, rel in _TIE_BEFORE.findall(utt.text):
            if _kind(rel) and name not in _NOT_NAMES:
                ties.setdefault(name, set()).add(_kind(rel))
    return ties


def _kinds_match(a: set[str], b: set[str]) -> bool:
    return any(x == y or y in _GENERAL.get(x, ()) or x in _GENERAL.get(y, ()) for x in a for y in b)


def _same(note: _Person, said: _Person, ties: dict[str, set[str]]) -> bool:
    if note.names & said.names:
        return True
    if note.names and said.names:
        return False  # two names: two people
    note_kinds = note.kinds | {k for n in note.names for k in ties.get(n, ())}
    said_kinds = said.kinds | {k for n in said.names for k in ties.get(n, ())}
    if note_kinds and said_kinds:
        return _kinds_match(note_kinds, said_kinds)
    # one side a name the session ties to nothing: it may be that relative
    return bool((note.names and not note_kinds and said.kinds) or (said.names and not said_kinds and note.kinds))


def unsaid_acts(text: str, source: SourceIndex) -> list[str]:
    """``UNSAID_ACT:<act> by <who>`` for each act ``text`` gives a named person or a relative that no
    line of the session gives them; see the module doc. A session without speakers cannot tell."""
    if not (source.utterances and source.utterances[0].speaker):
        return []
    note = _note_doers(text, source.once(_session_names))
    if not note:
        return []
    said = source.once(_said_acts)
    ties = source.once(_ties)
    flags = []
    for kind, person, word in note:
        kinds = {kind} | (_HARM if kind in _HARM else set())
        if not any(_same(person, doer, ties) for k in kinds for doer in said.get(k, [])):
            who = " ".join(sorted(person.names) or sorted(person.kinds))
            flags.append(f"{UNSAID_ACT}:{word} by {who}")
    return list(dict.fromkeys(flags))
