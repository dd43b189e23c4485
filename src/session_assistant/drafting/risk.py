"""Risk language: a transparent rule pass over the transcript, never the model's judgement.

Each rule is a regular expression in a named category; ordinary idioms that share words with risk
language ("cutting back on drinking", "kill time", "I'd die of embarrassment") are excluded by
rules too. Two kinds of item are listed for the clinician:

* a **screening**: the clinician asks about risk ("any thoughts of hurting yourself or ending your
  life?") and the client's answer follows. Both lines form one item, with status
  ``screened: denied``, ``endorsed`` (passive ideation such as "I wish I could just not wake up"
  is endorsed passive suicidal ideation) or ``screened: answer unclear``, so a note can document
  that risk was asked about;
* a **statement**: risk language outside a screening, ``endorsed``/``reported`` or ``denied``
  when negated ("I would never hurt myself"), ``mentioned`` when the clinician said it.

The drafter also uses these rules to keep model-written risk statements out of the note.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace
from typing import Sequence

from session_assistant.drafting.risk_words import (ANSWER_AFFIRMS, ANSWER_DENIES, CLIENT_SPEAKERS, CLINICIAN_SPEAKERS,
                                                  PASSIVE_SI, RISK_RULES, SCREENING_TOPICS, negated, ordinary_spans,
                                                  real_matches, told_words, YES_THEN_NO_INTENT)
from session_assistant.drafting.risk_asked_again import (CHECK_BACK_LINES, FOLLOW_UP_LINES, HOW_OFTEN_LINES, as_checked, asks_how_often,
                                                         checks_back, goes_back, intrusive_harm)
from session_assistant.drafting.risk_after_screen import KIND_WORDS, after_screens
from session_assistant.drafting.risk_question import question_words
from session_assistant.drafting.risk_record import RECORD_READ, with_record_readings
from session_assistant.drafting.risk_misheard import WORDING_TO_CHECK, misheard_screen
from session_assistant.drafting.risk_told import with_what_was_told
from session_assistant.drafting.risk_other_person import OTHER_PERSON, OTHER_PERSON_WORDS, concern_for_another
from session_assistant.drafting.risk_choice import asks_passive, asks_passive_only, chosen_options, firm, hedged, options_offered
from session_assistant.drafting.risk_who import (answer_words, passed_on, said_of_a_moment, taken_back, wish_unsaid,
                                                 wished_on_someone_else)
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.vocabulary import LEADING_STAGE_DIRECTION, TRANSCRIBED_SILENCE as _SILENT

_COMPILED = {cat: [re.compile(p, re.I) for p in pats] for cat, pats in RISK_RULES.items()}
_PASSIVE = [re.compile(p, re.I) for p in PASSIVE_SI]
_TOPICS = {cat: [re.compile(p, re.I) for p in pats] for cat, pats in SCREENING_TOPICS.items()}
ANSWER_WINDOW = 2  # a screening question's answer is one of the next two lines by someone else

CATEGORY_WORDS = {"suicidal_ideation": "suicidal ideation", "self_harm": "self-harm", "harm_to_others": "thoughts of harming others",
                  "abuse": "abuse", "neglect": "neglect", OTHER_PERSON: OTHER_PERSON_WORDS, **KIND_WORDS}
DENIED, ENDORSED, UNCLEAR = "screened: denied", "endorsed", "screened: answer unclear"
INTRUSIVE = "intrusive thoughts (OCD), not intent"  # risk_asked_again.intrusive_harm


@dataclass(frozen=True)
class RiskItem:
    """Risk language for the clinician to review.

    ``segment_id`` is the line with the risk words (for a screening: the client's answer);
    ``phrase`` the matched words; ``status`` one of ``screened: denied``, ``endorsed``,
    ``screened: answer unclear``, ``reported`` (abuse or neglect), ``denied`` or ``mentioned``;
    ``detail`` e.g. ``passive`` for a passive death wish; ``evidence`` every line of the item
    (question and answer); ``categories`` all categories a screening asked about; ``past`` the
    client's words that place it in the past ("Not since I was twenty."; beside a denial, what was
    denied is the current risk).
    """

    category: str
    segment_id: int
    speaker: str
    phrase: str
    text: str
    status: str = "mentioned"
    detail: str = ""
    evidence: list[int] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)
    past: str = ""

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def screened(self) -> bool:
        return self.status.startswith("screened") or (len(self.evidence) > 1 and self.status == ENDORSED)

    def words(self, category: str | None = None) -> str:
        """``category`` (the item's own by default) in the note's words for what was said."""
        category = category or self.category
        return told_words(CATEGORY_WORDS.get(category, category), category, self.phrase)

    def label(self) -> str:
        """One line for the review list: what, its status and where."""
        what = " / ".join(self.words(c) for c in (self.categories or [self.category]))
        if self.detail:
            what = f"{what} ({self.detail})" if self.category == OTHER_PERSON or self.detail == RECORD_READ else f"{self.detail} {what}"
        lines = ", ".join(str(i) for i in (self.evidence or [self.segment_id]))
        what = f"current {what}" if self.past and self.status == DENIED else what  # "No. Not since I was twenty."
        past = f", past told: “{self.past}”" if self.past else ""
        return f"{what}: {self.status} (line {lines}) “{self.phrase}”{past}"


def _category_matches(text: str, told: bool = False) -> list[tuple[str, re.Match]]:
    """``told``: the client's own line outside a screening, where a death named as the heat of an
    embarrassing or exhausting moment ("everyone was staring, I wanted to die") is a figure of speech."""
    ordinary = ordinary_spans(text)
    found: list[tuple[str, re.Match]] = []
    for category, patterns in _COMPILED.items():
        for pattern in patterns:
            matches = [m for m in real_matches(pattern, text, ordinary)
                       if not (told and category == "suicidal_ideation" and said_of_a_moment(text, m))]
            if matches:
                found.append((category, matches[0]))
                break
    # "He said he will kill her": a threat from someone else (abuse), not the client's harm to others.
    threats = [m for c, m in found if c == "abuse"]
    found = [(c, m) for c, m in found
             if not (c == "harm_to_others" and any(t.start() <= m.start() and m.end() <= t.end() for t in threats))]
    # "I think he'd be better off dead": a death wished on someone, not the client's own ideation.
    wished = [(c, m) for c, m in found if c == "suicidal_ideation" and wished_on_someone_else(text, m)]
    if wished:
        found.remove(wished[0])
        if not any(c == "harm_to_others" for c, _ in found):
            found.append(("harm_to_others", wished[0][1]))
    return found


def risk_categories(text: str) -> list[tuple[str, str]]:
    """``(category, matched phrase)`` for every category with a rule that matches ``text``."""
    return [(category, match.group(0)) for category, match in _category_matches(text)]


def mentions_risk(text: str) -> bool:
    return bool(_category_matches(text))


def is_passive_ideation(text: str) -> bool:
    ordinary = ordinary_spans(text)
    return any(not wish_unsaid(text, m) and not wished_on_someone_else(text, m)
               for p in _PASSIVE for m in real_matches(p, text, ordinary))


def is_clinician(speaker: str) -> bool:
    low = speaker.strip().lower().rstrip(".")
    return low in CLINICIAN_SPEAKERS or low.startswith(("dr ", "dr.", "therapist", "clinician", "counsel"))


def is_client(speaker: str) -> bool:
    return speaker.strip().lower() in CLIENT_SPEAKERS


def _screening_topics(utt: Utterance) -> list[tuple[str, str]]:
    """The categories a clinician's question asks about, with the words that ask; [] for no question."""
    if is_client(utt.speaker):
        return []
    # Only the question itself counts: a summary that names risk and ends "Does that sound right?"
    # is not a screening.
    return _topics_in(question_words(utt.text))


def _item_read_aloud(utt: Utterance) -> list[tuple[str, str]]:
    """A questionnaire's item read aloud, the whole line in quotes ("\"I made plans to end my life.\""), asks
    the client as a question does: the categories it names."""
    text = utt.text.strip()
    quoted = len(text) > 2 and text[0] in "\"\u201c'" and text[-1] in "\"\u201d'" and not is_client(utt.speaker)
    return _topics_in(text) or [(c, m.group(0)) for c, m in _category_matches(text)][:1] if quoted else []


def _topics_in(text: str) -> list[tuple[str, str]]:
    """(category, the words naming it) for each screening topic ``text`` names, in the order named."""
    asked: list[tuple[int, str, str]] = []
    for category, patterns in _TOPICS.items():
        for pattern in patterns:
            match = pattern.search(text)
            if match:
                asked.append((match.start(), category, match.group(0)))
                break
    return [(category, words) for _, category, words in sorted(asked)]


# A questionnaire item or an earlier answer read back for the client to confirm: "... about thoughts
# that you'd be better off dead, you've put nought again. Is that right?"
_CONFIRMS = re.compile(r"\b(?:is that (?:still )?(?:right|correct|true|the case)|right|yeah|still|yes)\?\s*$", re.I)


def _read_back_topics(utt: Utterance) -> list[tuple[str, str]]:
    """The categories a clinician's statement names just before asking the client to confirm it.
    Listed only when the client's answer denies (a summary that ends "Is that right?" and gets a
    "Yes" stays a mention: the yes may confirm a nought or a disclosure)."""
    if is_client(utt.speaker):
        return []
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", utt.text.strip()) if s]
    if len(sentences) < 2 or not _CONFIRMS.search(sentences[-1]):
        return []
    return _topics_in(sentences[-2])


def asks_about_risk(utt: Utterance) -> bool:
    """True when a clinician's line asks a risk screening question (or reads one back to confirm)."""
    return bool(_screening_topics(utt) or _read_back_topics(utt))


def screening_categories(utt: Utterance) -> list[str]:
    """The categories a clinician's line asks about (or reads back to confirm), in the order named."""
    return [category for category, _ in _screening_topics(utt) or _read_back_topics(utt)]


# A transcriber's stage direction before the answer ("(pause) Yeah. When I was younger.", "[sighs] No.")
# is not its first word: the yes or no after it is.
_STAGE_DIRECTION = LEADING_STAGE_DIRECTION


def answer_status(answer: Utterance) -> tuple[str, str]:
    """(status, detail) of the client's answer to a screening question."""
    text = re.sub(r"^[\s.\u2026-]+", "", _STAGE_DIRECTION.sub("", answer.text))  # "...Yes. Some nights.": the pause
    if is_passive_ideation(text):
        return ENDORSED, "passive"
    for _, match in _category_matches(text):
        if not negated(text, match):
            return ENDORSED, ""
    # "Me? Nah.", an interpreter's "She says yes": the yes or no after them.
    said = answer_words(text)
    hedge = hedged(said)
    # "No. I don't know. Maybe.", "Maybe.": a hedge is for the clinician to follow up, never a denial.
    if ANSWER_DENIES.search(said) and not YES_THEN_NO_INTENT.search(said):
        return (UNCLEAR if hedge else DENIED), ""
    if hedge and not firm(said):
        return UNCLEAR, ""
    if ANSWER_AFFIRMS.search(said) or hedge:  # a hedge here has a yes beside it: "I don't know... sometimes."
        return ENDORSED, ""
    return UNCLEAR, ""


def _statement_status(utt: Utterance, category: str, match: re.Match) -> str:
    if utt.speaker and is_clinician(utt.speaker):
        return "mentioned"
    if negated(utt.text, match):
        return "denied"
    return "reported" if category in ("abuse", "neglect") else ENDORSED


def _choice_answer(question: Utterance, answer: Utterance) -> tuple[str, str, list[str], str] | None:
    """(status, detail, categories, phrase) of an answer that chooses among the options the question
    offered ("..., or hurting yourself?" - "The first one."), each option of its own kind; None for
    any other answer."""
    options = options_offered(question.text, _topics_in)
    kinds = [_topics_in(option) for option in options]
    if not any(kinds):
        return None
    chosen = chosen_options(answer_words(_STAGE_DIRECTION.sub("", answer.text)), options)
    if chosen is None:
        return None
    offered = list(dict.fromkeys(kind[0] for kind in kinds if kind))
    if not chosen:
        return DENIED, "", list(dict.fromkeys(c for c, _ in offered)), offered[0][1]
    picked = [kinds[n][0] for n in chosen if kinds[n]]
    if not picked:  # a choice of what is no risk ("more that I feel fed up") denies nothing in words
        return UNCLEAR, "", list(dict.fromkeys(c for c, _ in offered)), offered[0][1]
    first = next(n for n in chosen if kinds[n])  # "Both." to "the seizures stopping, or not being here?"
    passive = picked[0][0] == "suicidal_ideation" and asks_passive(options[first])
    return ENDORSED, "passive" if passive else "", list(dict.fromkeys(c for c, _ in picked)), picked[0][1]


_NOT_HEARD = re.compile(r"^\s*(?:[\w']+[,.]?\s*){0,3}\?(?:\s*(?:[\w']+[,.]?\s*){0,3}\?)*\s*$")


TAKEN_UP_LINES = 3  # "I could strangle her." - "That sounds infuriating." - "Both." - "... because you said strangle. Have you ..."


def _denied_when_asked(lines: Sequence[Utterance], position: int) -> bool:
    """The clinician takes the client's harm words up with a harm-to-others screen (at once, or within
    a reply or two, before any other risk words), and the client denies it: the words were a figure
    of speech, and the screen with its denial is what is listed (unseen 117)."""
    for asked in lines[position + 1:position + 1 + TAKEN_UP_LINES]:
        if not is_clinician(asked.speaker):
            if risk_categories(asked.text):
                return False  # more risk words of the client's own before the screen
            continue
        if "harm_to_others" not in screening_categories(asked):
            continue
        answer = _answer_after(lines, lines.index(asked))
        return answer is not None and answer_status(answer)[0] == DENIED
    return False


def _answer_after(lines: Sequence[Utterance], position: int) -> Utterance | None:
    """The answer to the line at ``position``: one of the next ``ANSWER_WINDOW`` lines by someone else."""
    asker = lines[position].speaker
    answers = [later for later in lines[position + 1:position + 1 + ANSWER_WINDOW]
               if later.speaker != asker and not is_clinician(later.speaker)]
    if answers and all(_SILENT.match(later.text) for later in answers):  # "...", then "Take your time.", then the answer (93)
        answers += [later for later in lines[position + 1 + ANSWER_WINDOW:position + 3 + ANSWER_WINDOW]
                    if later.speaker != asker and not is_clinician(later.speaker)][:1]
    # "Desculpa? Como?", "Sorry, what?": the question not heard; the answer is the next line (an
    # interpreter's, or the client's once it is repeated).
    heard = [later for later in answers if not _NOT_HEARD.match(later.text) and not _SILENT.match(later.text)]
    return (heard or answers or [None])[0]


def scan_transcript(utterances: Sequence[Utterance]) -> list[RiskItem]:
    """Screenings (question + answer, one item each) and risk statements, in transcript order."""
    items: list[RiskItem] = []
    answered: set[int] = set()  # answers already listed with their question
    lines = list(utterances)
    last: tuple[int, list[tuple[str, str]], RiskItem] | None = None  # the latest screening: where, what, its item
    wish: tuple[int, list[tuple[str, str]], RiskItem] | None = None  # the latest screening endorsed
    for position, utt in enumerate(lines):
        other = concern_for_another(lines, position, _answer_after, risk_categories, is_clinician(utt.speaker))
        if other is not None:  # "Has she talked about ending her life?": not the client's screen
            items.append(RiskItem(**other))
            answered.add(other["segment_id"])
            continue
        asked, taken_up = _screening_topics(utt) or _item_read_aloud(utt), None
        if (not asked and last and last[2].status != DENIED and position - last[0] <= FOLLOW_UP_LINES and not is_client(utt.speaker)
                and goes_back(utt.text)):  # a denial has nothing to take up ("The running away, how often is that?")
            asked, taken_up = last[1], last[2]  # "I'd like to come back to that last one. What are those thoughts like?"
        elif not asked and last and last[2].status == DENIED and wish and position - wish[0] <= HOW_OFTEN_LINES and asks_how_often(utt):
            asked, taken_up = wish[1], wish[2]  # "No. No plan." then "How often is it coming?": the wish endorsed before
        elif not asked and last and position - last[0] <= CHECK_BACK_LINES and checks_back(utt):
            asked, taken_up = last[1], last[2]  # "Oh, no, love. No." - "So no thoughts like that at all?": the answer checked
        if asked:
            answer = _answer_after(lines, position)
            categories = [c for c, _ in asked]
            if answer is None:
                items.append(RiskItem(categories[0], utt.id, utt.speaker, asked[0][1], utt.text, UNCLEAR, "",
                                      [utt.id], categories))
                continue
            choice = _choice_answer(utt, answer)
            if choice is not None:
                status, detail, chose, phrase = choice
                items.append(RiskItem(chose[0], answer.id, answer.speaker, phrase, answer.text, status, detail,
                                      [utt.id, answer.id], chose))
                answered.add(answer.id)
                last = (position, asked, items[-1])  # "Not wake up. Aye." - "How often, would you say?" (102)
                wish = last if status == ENDORSED else wish
                continue
            status, detail = as_checked(answer_status(answer), utt.text, ENDORSED, UNCLEAR) if taken_up else answer_status(answer)
            if status == UNCLEAR and taken_up is not None and taken_up.status == ENDORSED and firm(answer_words(answer.text)):
                status = ENDORSED  # "After a bad day. Maybe twice this week." to "When do those thoughts come?": how often
            said = _category_matches(answer.text)
            if status == ENDORSED and not said and categories == ["suicidal_ideation"] and asks_passive_only(question_words(utt.text)):
                detail = "passive"  # "Yeah." to "... better off without you?" endorses what was asked: a passive wish
            if status == ENDORSED and not said and taken_up is not None and taken_up.status == ENDORSED:
                detail = taken_up.detail  # "Three or four nights." to "How often has that been?": the wish told
            category = ("suicidal_ideation" if detail == "passive" else said[0][0] if said and status == ENDORSED
                        else categories[0])
            phrase = said[0][1].group(0) if said and status == ENDORSED else asked[0][1]
            items.append(RiskItem(category, answer.id, answer.speaker, phrase, answer.text, status, detail,
                                  [utt.id, answer.id], list(dict.fromkeys([*categories, category]))))
            answered.add(answer.id)
            if taken_up is not None and detail == "passive" and taken_up.status == ENDORSED and not taken_up.detail:
                # "One, I suppose." to the item, then the wish told when it was taken up: the score was that wish
                items[items.index(taken_up)] = replace(taken_up, category="suicidal_ideation", detail="passive")
            last = (position, asked, items[-1])
            wish = last if status == ENDORSED else wish
            misheard = misheard_screen(utt.text) if status == DENIED and "self_harm" not in categories else ""
            if misheard and is_clinician(utt.speaker):  # "thirding yourself or ending your life?" - "No.": both halves
                items.append(RiskItem("self_harm", answer.id, answer.speaker, misheard, answer.text, DENIED, WORDING_TO_CHECK,
                                      [utt.id, answer.id], ["self_harm"]))
            other = passed_on(lines, position, lines.index(answer), is_client)
            if other is not None:  # "Thank you. Rob?": the same question, the partner's answer
                second = lines[other]
                status, detail = answer_status(second)
                asker = utt if other == lines.index(answer) + 1 else lines[other - 1]  # asked of both, or passed on
                items.append(RiskItem(categories[0], second.id, second.speaker, asked[0][1], second.text, status, detail,
                                      [asker.id, second.id], categories))
                answered.add(second.id)
            continue
        if utt.id in answered:
            continue
        misheard = misheard_screen(utt.text) if is_clinician(utt.speaker) else ""
        answer = _answer_after(lines, position) if misheard else None
        if answer is not None and answer_status(answer) == (DENIED, ""):  # "Any thoughts of thirding yourself?" - "No."
            items.append(RiskItem("self_harm", answer.id, answer.speaker, misheard, answer.text, DENIED, WORDING_TO_CHECK,
                                  [utt.id, answer.id], ["self_harm"]))
            answered.add(answer.id)
            continue
        read_back = _read_back_topics(utt)
        answer = _answer_after(lines, position) if read_back else None
        if answer is not None and answer_status(answer) == (DENIED, ""):
            categories = [c for c, _ in read_back]
            items.append(RiskItem(categories[0], answer.id, answer.speaker, read_back[0][1], answer.text, DENIED, "",
                                  [utt.id, answer.id], categories))
            answered.add(answer.id)
            continue
        for category, match in _category_matches(utt.text, told=not is_clinician(utt.speaker)):
            if category in ("harm_to_others", "abuse") and not is_clinician(utt.speaker) and taken_back(utt.text, match):
                continue  # "I wanted to strangle him. Not really, obviously.", "He'll kill me. Well, not kill me."
            detail = "passive" if category == "suicidal_ideation" and is_passive_ideation(utt.text) else ""
            status = _statement_status(utt, category, match)
            if category == "harm_to_others" and status == ENDORSED and intrusive_harm(lines, position, is_clinician):
                status = INTRUSIVE  # "What if I grab the knife and stab her." said in exposure work for harm OCD
            elif category == "harm_to_others" and status == ENDORSED and _denied_when_asked(lines, position):
                continue  # "I could kill them, honestly." - "... or hurting them in any way?" - "No! God, no.": a figure
            items.append(RiskItem(category, utt.id, utt.speaker, match.group(0), utt.text, status, detail, [utt.id], [category]))
    items = with_record_readings(items, lines, risk_categories, is_clinician, RiskItem)  # a diary card's urges read back
    # acted on before, the means and the safety steps of each screen's stretch, each where its question stands
    position = {u.id: n for n, u in enumerate(lines)}
    for found in after_screens(lines, items, is_clinician, _answer_after, answer_status, (DENIED, ENDORSED, UNCLEAR)):
        at = next((k for k, i in enumerate(items) if position.get(i.evidence[0] if i.evidence else i.segment_id, -1)
                   > position[found["evidence"][0]]), len(items))
        items.insert(at, RiskItem(**found))
    return with_what_was_told(items, lines, DENIED, ENDORSED, UNCLEAR)
