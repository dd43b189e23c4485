"""The note's risk line: what risk was asked about and what the client said, documented by rule from
the classified lines and their own words, never by the model.

A therapy note must document that risk was assessed (issue 16). The risk list (``risk.py``) already
classifies screenings and statements; this module writes them as one cited Assessment line, and
adds the follow-up answers a risk assessment holds when the session has them (``risk_follow_ups``
reads them: plan, intent, preparation and past attempts asked right after a suicide-risk line and
answered no; the means the client named and the steps agreed to put them away; the reasons for
living the client gave; whether the client said they are safe; a safety plan made and the crisis
contacts given). Each fact quotes
the client's line or names the clinician's words, and cites its lines. A session where nothing was
asked or said about risk gets no line at all (never "no risk found": absence of words is not a
finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from session_assistant.drafting.draft_result import DraftSentence
from session_assistant.drafting.risk import DENIED, ENDORSED, UNCLEAR, RiskItem, is_client, is_clinician
from session_assistant.drafting.risk_question import asked_about_before
from session_assistant.drafting.risk_record import RECORD_READ, record_fact
from session_assistant.drafting.risk_after_screen import AGREED, KIND_WORDS, SAFETY_STEPS
from session_assistant.drafting.risk_misheard import WORDING_TO_CHECK
from session_assistant.drafting.risk_other_person import OTHER_PERSON, other_person_fact
from session_assistant.drafting.risk_told import IN_THE_PAST, PAST_QUESTION, TIME_GONE, before_the_past, past_label
from session_assistant.drafting.risk_note_kinds import after_screen_facts, means_answered, obsession_told
from session_assistant.drafting.risk_follow_ups import (DENIES, FOLLOW_UP_WINDOW, FOLLOW_UPS, attempt_history,
                                                        client_answer, follow_up, frequency, quote, safety_plan)
from session_assistant.drafting.joint_session import label as role_and_name, names_by_role
from session_assistant.drafting.risk_who import answer_words
from session_assistant.drafting.risk_words import YES_THEN_NO_INTENT, asked_words
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import split_sentences

RISK_LINE = "risk_documented"  # the flag of the line; a template's Risk field is its home
SUICIDE_CATEGORIES = {"suicidal_ideation", "self_harm"}

# A question about active ideation: asked and denied beside a passive wish endorsed, it is "active
# suicidal ideation" that was denied.
_ACTIVE_ASK = re.compile(r"\b(?:kill(?:ing)? yourself|end(?:ing)? your life|suicid\w*|take your (?:own )?life)\b", re.I)
# The client places the thoughts in the past ("I used to think ...", "last winter", "not since the
# spring"): documented as past, never as a current endorsement the client's answer denied; a time gone
# told ("There were a few weeks where I thought ...") or asked about ("during that bad winter in college").
_IN_THE_PAST, _TIME_GONE, _PAST_QUESTION = IN_THE_PAST, TIME_GONE, PAST_QUESTION


@dataclass
class RiskNote:
    """The documented risk, by SOAP part: the client's account of the thoughts (Subjective), the
    safety planning done in session (Objective) and the risk line (Assessment), each with the
    transcript lines it cites; a part with nothing to say is None."""

    assessment: tuple[str, list[int]] | None = None
    account: tuple[str, list[int]] | None = None
    in_session: tuple[str, list[int]] | None = None
    means_steps: list[tuple[str, list[int]]] = field(default_factory=list)  # ("rifle to be put away (...)", lines)

    @property
    def text(self) -> str:
        return self.assessment[0] if self.assessment else ""

    @property
    def evidence(self) -> list[int]:
        return sorted({i for part in (self.assessment, self.account, self.in_session) if part for i in part[1]})


# Where the client's account and what was done in session go, per format (the risk line goes to
# the format's risk section).
ACCOUNT_SECTIONS = {"soap": ("subjective", "objective"), "dap": ("data", "data"), "birp": ("behavior", "intervention"),
                    "girp": ("response", "intervention")}


# A session with no risk question and no risk words: a note documents that risk was not screened (unseen
# 121 and 123, a family and a couple session, where a careful clinician's note says so).
NOT_SCREENED = "Risk: not screened in this session (no risk question in its lines); clinician to confirm."


def risk_sentences(fmt_key: str, risk_section: str, utterances: Sequence[Utterance], items: Sequence[RiskItem],
                   subject: str = "client", planned: Iterable[int] = ()) -> list[DraftSentence]:
    """The documented risk as rule sentences of the format's parts, each citing its lines.
    ``planned``: lines the note's Plan already cites (a means-restriction step said there is named,
    not quoted again)."""
    if not items:  # neither asked nor said: the note says so, for the clinician to confirm or screen next time
        return [DraftSentence(risk_section, NOT_SCREENED, [], [RISK_LINE], "rule")] if utterances else []
    note = risk_note(utterances, items, subject, planned)
    if note is None:
        return []
    account, in_session = ACCOUNT_SECTIONS.get(fmt_key, (risk_section, risk_section))
    parts = ((account, note.account), (in_session, note.in_session), (risk_section, note.assessment))
    return [DraftSentence(section, text, sorted(set(ids)), [RISK_LINE], "rule")
            for section, part in parts if part for text, ids in [part]]


def risk_line_at(section_lines: Sequence[DraftSentence], line: DraftSentence, risk_section: str) -> int:
    """Where a risk line goes in its section: the account and what was done with the session's own
    sentences, before the chart's and the rules' lines; the risk line last, as the formulation's end."""
    if line.section == risk_section:
        return len(section_lines)
    return next((n for n, s in enumerate(section_lines) if s.origin == "rule"), len(section_lines))


def risk_sentence(section: str, utterances: Sequence[Utterance], items: Sequence[RiskItem],
                  subject: str = "client") -> DraftSentence | None:
    """The Assessment's risk line alone (as a rule sentence of ``section``)."""
    note = risk_note(utterances, items, subject)
    if note is None or note.assessment is None:
        return None
    return DraftSentence(section, note.assessment[0], sorted(set(note.assessment[1])), [RISK_LINE], "rule")


def _item_label(item: RiskItem, passive_endorsed: bool, question: str, endorsed: set[str] = frozenset()) -> str:
    if question and FOLLOW_UPS[0][1].search(question) and set(item.categories or [item.category]) & SUICIDE_CATEGORIES:
        return "past attempts"  # "Has he ever tried to choke you?" asks about abuse
    return asked_words(_category_label(item, passive_endorsed, question, endorsed), question)


def _category_label(item: RiskItem, passive_endorsed: bool, question: str, endorsed: set[str] = frozenset()) -> str:
    category = item.category if item.status != DENIED else (item.categories or [item.category])[0]
    words = item.words(category)
    if item.status == DENIED and len(item.categories) > 1:
        words = " and ".join(item.words(c) for c in item.categories if item.words(c) not in endorsed)
    if item.detail:
        return f"{item.detail} {words}"
    if category == "suicidal_ideation" and passive_endorsed and _ACTIVE_ASK.search(question):
        return "active suicidal ideation"  # the client endorsed a passive wish and denied this
    if item.status == DENIED and words in endorsed and len(item.categories) <= 1:
        return ""  # "No." to "life isn't worth living?", then a death wish told: never "denied" beside it
    return words


def _endorsed_now(items: Sequence[RiskItem], by_id: dict) -> set[str]:
    """The words of what the note will write as endorsed now, in the client's own words or as the
    answer to the question's words (not "I used to ...", not urges): a denial of the same would contradict it."""
    said = set()
    for item in items:
        line = by_id.get(item.segment_id)
        if item.status != ENDORSED or line is None or item.phrase.lower().startswith("urge"):
            continue
        question = by_id[item.evidence[0]].text if len(item.evidence) > 1 and item.evidence[0] in by_id else ""
        own = item.phrase.lower() in line.text.lower() or _question_sentence_ends_asking(question, item.phrase)
        if own and not (_IN_THE_PAST.search(line.text) or _TIME_GONE.search(line.text) or _PAST_QUESTION.search(question)):
            said.add(item.words())
    return said


def _question_sentence_ends_asking(question: str, phrase: str) -> bool:
    # "... they have thoughts of not wanting to go on, even without any plans. Has that been there for
    # you?": the words asked about in the sentence before the question are asked all the same
    return any(phrase.lower() in s.lower() and s.rstrip().endswith("?") for s in split_sentences(question)) \
        or phrase.lower() in asked_about_before(question).lower()


def risk_note(utterances: Sequence[Utterance], items: Sequence[RiskItem], subject: str = "client",
              planned: Iterable[int] = ()) -> RiskNote | None:
    """The documented risk line, or None when the session neither asked nor said anything of risk."""
    lines = list(utterances)
    by_id = {u.id: u for u in lines}
    position = {u.id: n for n, u in enumerate(lines)}
    passive_endorsed = any(i.status == ENDORSED and i.detail == "passive" for i in items)
    # Positions of suicide-risk lines (the clinician's too): the follow-ups must come close after.
    risk_lines = sorted(position[i.segment_id] for i in items
                        if set(i.categories or [i.category]) & SUICIDE_CATEGORIES and i.segment_id in position)
    said: dict[str, tuple[str, list[int]]] = {}  # key -> (fact, lines); the first one wins
    endorsed = any(i.status == ENDORSED and set(i.categories or [i.category]) & SUICIDE_CATEGORIES for i in items)

    borrowed: set[str] = set()  # endorsed by a yes or a choice ("The first one.") to the clinician's words
    endorsed_now = _endorsed_now(items, by_id)

    def add(key: str, fact: str, ids: list[int], own_words: bool = True) -> None:
        # The client's own words later ("Everyone'd be fine without me.") say the finding better than
        # "The first one." to the question's words: they replace it.
        if key not in said or (key in borrowed and own_words):
            said[key] = (fact, ids)
            (borrowed.discard if own_words else borrowed.add)(key)

    # Two people screened in a joint session (a couple, a parent and a teenager): each answer says whose it is.
    answering = {i.speaker.strip().lower() for i in items if i.speaker and is_client(i.speaker)
                 and i.category not in KIND_WORDS}  # a daughter agreeing to keep the crisis number answers no screen
    names = names_by_role(lines) if len(answering) > 1 else {}
    agreed = [(f"{i.phrase}, {'agreed' if i.status == AGREED else 'answer unclear'} ({quote(by_id[i.segment_id].text)})",
               i.evidence, i.phrase.lower()) for i in items if i.category == SAFETY_STEPS and i.segment_id in by_id]
    obsession = obsession_told(lines, items, by_id)
    # "I used to. When I was fourteen ..." then "No." to "any urges to do it again?": the no is to the current risk
    past_told = {_item_label(i, passive_endorsed, by_id[i.evidence[0]].text if len(i.evidence) > 1 and i.evidence[0] in by_id else "",
                             endorsed_now) for i in items if i.past and i.status == ENDORSED}
    for item in items:
        client_line = by_id.get(item.segment_id)
        if (client_line is None or (client_line.speaker and is_clinician(client_line.speaker)) or item.category in KIND_WORDS
                or item.detail == WORDING_TO_CHECK):  # a misheard question is the list's, for the clinician to check
            continue  # the clinician's own words (a question, a summary) are no finding
        question = by_id[item.evidence[0]].text if len(item.evidence) > 1 and item.evidence[0] in by_id else ""
        if item.category == OTHER_PERSON:  # another person's risk: the clinician's concern, never the client's finding
            add(f"other:{item.detail}", other_person_fact(item.detail, item.phrase, quote(client_line.text)), item.evidence)
            continue
        if item.detail == RECORD_READ:  # "Then Saturday there's a four. Out of five.": the client's diary card, read back
            add(f"record:{item.category}", record_fact(item.evidence, by_id, item.category, is_clinician)[0], item.evidence)
            continue
        label = _item_label(item, passive_endorsed, question, endorsed_now)
        if not label:
            continue
        if item.status == DENIED and not item.past and len(item.categories or [item.category]) == 1 and label in past_told:
            label = f"{label} urges" if re.search(r"\burges?\b", question, re.I) else f"current {label}"  # "urges to do it again?"
        role = client_line.speaker.strip().lower() if len(answering) > 1 and client_line.speaker else ""
        by = f" by the {role_and_name(role, names)}" if role else ""
        if item.status in (ENDORSED, "reported"):
            in_own_words = item.phrase.lower() in client_line.text.lower()
            if not in_own_words and not _question_sentence_ends_asking(question, item.phrase):
                continue  # "Yeah. Okay." to a summary that ends "Is that okay?" endorses the plan, not risk
            if item.phrase.lower().startswith("urge"):
                label = f"{label} urges"
            verb = "endorsed" if item.status == ENDORSED else "reported"
            if item.past or _IN_THE_PAST.search(client_line.text) or _TIME_GONE.search(client_line.text) or \
                    _PAST_QUESTION.search(question):
                label, verb = f"past {label}", "reported"
            add(f"{label}:{verb}{by}", f"{label} {verb}{by} ({quote(client_line.text, item.phrase if in_own_words else '')}",
                item.evidence, in_own_words)
            if verb == "endorsed" and YES_THEN_NO_INTENT.search(answer_words(client_line.text)):  # "... But I'd never do anything."
                add(f"intent:denied{by}", f"intent to act denied{by}", item.evidence)
        elif item.past and item.status == DENIED:  # "No. Not since I was twenty.": no now, a past told
            add(f"current {label}:denied{by}", f"current {label} denied{by} ({quote(before_the_past(client_line.text, item.past))})",
                item.evidence)
            past = past_label(item, question)
            own = item.phrase if item.phrase.lower() in item.past.lower() else ""  # the wish told, when the past holds it
            add(f"past {past}:reported{by}", f"past {past} reported{by} ({quote(item.past, own)})", item.evidence)
        elif item.status in (DENIED, "denied") and DENIES.search(answer_words(client_line.text)):
            add(f"{label}:denied{by}", f"{label} denied{by} ({quote(client_line.text)})", item.evidence)
        elif item.status in (DENIED, UNCLEAR) and len(item.evidence) > 1:
            # An answer that does not begin with a no is the clinician's to weigh: quoted, not judged.
            answered = f"the {role_and_name(role, names)}" if role else "client"
            add(f"{label}:asked{by}", f"{label} asked about, {answered} answered ({quote(client_line.text)})", item.evidence)
    asked_after = after_screen_facts(items, by_id, add)

    def add_follow_up(key: str, fact: str, ids: list[int]) -> None:
        # one question, one fact: "Did you act on it?" - "No." is acting on the thoughts denied, not also intent;
        # the means named ("access to means: hunting rifle") and a step to put them away stay the readers'
        if (ids[0], ids[-1]) not in asked_after or key.startswith(("away:", "kept:", "means")):
            add(key, fact, ids)
    if risk_lines and any(u.speaker for u in lines):
        for n, utt in enumerate(lines):
            answer = client_answer(lines, n) if is_clinician(utt.speaker) and n >= risk_lines[0] else None
            if answer is not None:
                near = any(0 <= n - r <= FOLLOW_UP_WINDOW for r in risk_lines)
                follow_up(utt, answer, near, n - risk_lines[0], add_follow_up, endorsed and risk_lines[0] <= n <= risk_lines[-1])
        frequency(lines, risk_lines, said)
    attempt_history(lines, add)
    put_away = [ids for key, (_, ids) in said.items() if key.startswith(("away:", "kept:"))]
    means_answered(items, by_id, said, put_away)
    agreed = [step for step in agreed if step[1] not in put_away]  # the Plan's means step, said once
    # A step to put means away that the Plan states ("Homework: ask Mike to keep the rifle") is
    # named here, not quoted a second time.
    means_steps = [(fact, ids) for key, (fact, ids) in said.items() if key.startswith(("away:", "kept:"))]
    planned_ids = set(planned)
    for kind, named in (("away:", "means restriction agreed"), ("kept:", "means kept away")):
        steps = [key for key, (_, ids) in said.items() if key.startswith(kind) and planned_ids & set(ids[1:])]
        for key in steps:
            fact, ids = said.pop(key)
            what = ", ".join(k.split(":", 1)[1] for k in steps)
            said.setdefault(kind + "planned", (f"{named} ({what}: see Plan)", []))
            said[kind + "planned"] = (said[kind + "planned"][0], said[kind + "planned"][1] + ids)
    # What the client said of their thoughts, endorsed or denied, is their account (Subjective, with the
    # quotes: "Denies thoughts of being better off dead" is the client's report a Subjective holds, issue
    # 16); the Assessment names each finding, without the quotes, and keeps what the clinician has to
    # weigh (an answer that is no plain no, the means, the safety plan) with its words.
    account: list[str] = []
    denials: list[tuple[list[str], str]] = []  # (labels, the client's words)
    account_ids: list[int] = []
    facts: list[str] = []
    for key, (fact, ids) in said.items():
        fact = fact if fact.count("(") <= fact.count(")") else fact + ")"
        told = re.fullmatch(r"(.+?) (endorsed|reported|denied) \((.+)\)", fact)
        if key.startswith("record:"):  # the record's urges with the client's answers are the client's account too
            account.append(record_fact(ids, by_id, key.split(":", 1)[1], is_clinician)[1])
            account_ids += ids
        elif told:
            if told.group(2) == "denied":
                _add_denial(denials, told.group(1), told.group(3))
            else:
                account.append(f"{told.group(1)} ({told.group(3)})")
            account_ids += ids
            fact = f"{told.group(1)} {told.group(2)}"
        facts.append(fact)
    if obsession:
        facts.insert(0, obsession[0])
        account.insert(0, obsession[1])
        account_ids += obsession[2]
    cited = [i for _, ids in said.values() for i in ids] + (obsession[2] if obsession else [])
    plan = safety_plan(lines, subject) if risk_lines else None
    # what was agreed for safety, each with the client's answer; once each, and not what the safety plan line says
    agreed = [step for n, step in enumerate(agreed) if step[2] not in (plan[0].lower() if plan else "")
              and step[2] not in [s[2] for s in agreed[:n]]]
    if agreed:
        words = "safety steps: " + "; ".join(step for step, _, _ in agreed)
        plan = (f"{plan[0]}; {words}" if plan else words, (plan[1] if plan else []) + [i for _, ids, _ in agreed for i in ids])
    if not facts and not plan:
        return None
    denied = "; ".join(f"{_named(labels)} ({words})" for labels, words in denials)
    told_text = "; ".join([f"reported {'; '.join(account)}"] * bool(account) + [f"denied {denied}"] * bool(denials))
    return RiskNote(("Risk: " + "; ".join(_merged(facts)) + ".", cited) if facts else None,
                    (f"{subject.capitalize()} {told_text}.", account_ids) if told_text else None,
                    ("In session: " + plan[0] + ".", plan[1]) if plan else None, means_steps)


def means_plan_line(utterances: Sequence[Utterance], items: Sequence[RiskItem],
                    subject: str = "client") -> tuple[str, list[int]] | None:
    """The steps to put means away that the client said in the risk talk, for the Plan ("Means
    restriction steps, as said in session: rifle to be put away ("I could ask Mike to keep the rifle
    at his place.")"), citing the client's lines, so the risk line names them once ("see Plan")."""
    note = risk_note(utterances, items, subject)
    if note is None or not note.means_steps:
        return None
    ids = sorted({i for _, lines in note.means_steps for i in lines[1:]})
    opening = ("Means restriction steps, as said in session: " if any(" to be put away " in f for f, _ in note.means_steps)
               else "Means kept away, as said in session: ")
    return opening + "; ".join(f for f, _ in note.means_steps) + ".", ids


_DENIED_BY = re.compile(r"(.+?) denied by the (.+?) (\(\".+\)|\(.+\))")


def _by_each(facts: list[str]) -> list[str]:
    """The same denial by each person of a joint session said once: "suicidal ideation denied by both,
    the client (Sophie) ("No. ...") and the partner (Rob) ("No. ...")"."""
    out: list[str] = []
    for fact in facts:
        match = _DENIED_BY.fullmatch(fact)
        earlier = next((n for n, f in enumerate(out) if match and f.startswith(f"{match.group(1)} denied by ")), None)
        if earlier is None:
            out.append(fact)
            continue
        first = _DENIED_BY.fullmatch(out[earlier])
        if first is None:  # already "denied by both, ...": one more person
            out[earlier] = (out[earlier].replace(" denied by both, ", " denied by each, ", 1).replace(") and the ", "), the ")
                            + f" and the {match.group(2)} {match.group(3)}")
        else:
            out[earlier] = (f"{first.group(1)} denied by both, the {first.group(2)} {first.group(3)} and the "
                            f"{match.group(2)} {match.group(3)}")
    return out


def _add_denial(denials: list[tuple[list[str], str]], label: str, words: str) -> None:
    """Denials answered in one line are quoted once: "self-harm, preparatory behaviour and plan ("Never. I
    never did that.")"."""
    same = next((labels for labels, said in denials if said == words), None)
    if same is None:
        denials.append(([label], words))
    elif label not in same:
        same.append(label)


def _named(labels: Sequence[str]) -> str:
    return labels[0] if len(labels) == 1 else ", ".join(labels[:-1]) + " and " + labels[-1]


def _merged(facts: list[str]) -> list[str]:
    """The denials named once, where the first stands: "active suicidal ideation, plan and intent denied"
    (their words are the Subjective's); a label said twice is named once. A joint session's denial by
    each person is said once first (``_by_each``)."""
    facts = _by_each(facts)
    out: list[str] = []
    denied: list[str] = []
    for fact in facts:
        match = re.fullmatch(r"(.+?) denied", fact)
        if match is None:
            out.append(fact)
            continue
        if not denied:
            out.append("")  # the denials' place
        denied += [label for label in match.group(1).split(" and ") if label not in denied]
    if denied:
        out[out.index("")] = f"{_named(denied)} denied"
    return out
