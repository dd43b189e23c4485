"""The note's risk line: what risk was asked about and what the client said, documented by rule from
the classified lines and their own words, never by the model.

A therapy note must document that risk was assessed (issue 16). The risk list (``risk.py``) already
classifies screenings and statements; this module writes them as one cited Assessment line, and
adds the follow-up answers a risk assessment holds when the session has them: plan, intent,
preparation and past attempts asked right after a suicide-risk line and answered no; the means the
client named and the steps agreed to put them away; the reasons for living the client gave; whether
the client said they are safe; a safety plan made and the crisis contacts given. Each fact quotes
the client's line or names the clinician's words, and cites its lines. A session where nothing was
asked or said about risk gets no line at all (never "no risk found": absence of words is not a
finding).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from session_assistant.drafting.draft_result import DraftSentence
from session_assistant.drafting.risk import (_AFFIRM, _DENIAL, CATEGORY_WORDS, DENIED, ENDORSED, UNCLEAR, RiskItem,
                                             is_clinician, risk_categories)
from session_assistant.drafting.risk_who import answer_words
from session_assistant.drafting.transcript_input import Utterance
from session_assistant.drafting.wording import split_sentences

RISK_LINE = "risk_documented"  # the flag of the line; a template's Risk field is its home
QUOTE_MAX_WORDS = 16
# A follow-up question (plan, intent, ...) counts only this close after a suicide-risk line: "any
# plans for the weekend?" elsewhere in a session is not a risk question.
FOLLOW_UP_WINDOW = 10
# "You haven't thought about a method, or made any plans." asks by reflecting; a long summary that
# lists "without a plan" among much else does not ask (08, line 170).
REFLECTION_MAX_WORDS = 15
MEANS_WINDOW = 40  # steps to put means away are agreed later, in the safety plan
SUICIDE_CATEGORIES = {"suicidal_ideation", "self_harm"}

_FOLLOW_UPS: tuple[tuple[str, re.Pattern], ...] = (
    ("past attempts", re.compile(r"\b(?:attempt\w*|(?:ever|in the past|before)\b[^.?]*\btried)\b", re.I)),
    ("preparatory behaviour", re.compile(r"\bprepar\w*|\bgiv(?:e|ing) (?:things|stuff|belongings) away|"
                                          r"\bwrit(?:e|ing) (?:a )?notes?\b|\blook(?:ing)? things up\b", re.I)),
    ("intent", re.compile(r"\bintent(?:ion)?s?\b|\bact(?:ing)? on (?:them|these|those|it|the thoughts)\b", re.I)),
    ("plan", re.compile(r"\b(?<!safety )(?<!treatment )plans?\b(?! (?:for|to) (?:the|this|next|tomorrow))|"
                        r"\bmethod\b|\bthought about how\b", re.I)),
)
_MEANS_QUESTION = re.compile(r"\b(?:firearms?|guns?|weapons?|rifles?|stockpil\w*|medications?|pills|blades?|knives|"
                            r"access to anything)\b", re.I)
_MEANS = re.compile(r"\b(?:(?:hunting|sleeping|old|loaded|prescription)\s+)?"
                    r"(?:rifles?|shotguns?|guns?|pistols?|firearms?|pills|tablets|medications?|knives|razors?|blades?)\b", re.I)
# "keeps saying", "keep trying": keep as "go on" puts nothing away.
_ASKS_MEANS_KEPT = re.compile(r"\baccess\b|\bat home\b|\bin the (?:house|flat|home)\b|\bwhere (?:are|do you keep|is)\b|"
                             r"\b(?:have|got|keep) (?:any|some)\b", re.I)
_PUT_AWAY = re.compile(r"\bkeep\w*\b(?! (?:on )?\w+ing\b)|\b(?:give|lock|store|hand|get rid|take|drop off|dispose|throw)\w*\b",
                       re.I)
# A past attempt the clinician names from what the client told before ("The overdose, when you were
# twenty-two."): a risk note carries the history. Only suicide words: "your attempt at the exposure"
# is no attempt, and "the overdose on coffee" is ordinary (risk.ORDINARY_SPANS).
_ATTEMPT_NAMED = re.compile(r"\b(?:overdos\w*|suicide attempt\w*|attempted suicide|(?:tried|attempted) to "
                            r"(?:kill yourself|end your life|take your (?:own )?life))\b", re.I)
_PAST_MARK = re.compile(r"\bwhen you were\b|\b(?:years?|months?) ago\b|\blast year\b|\bin the past\b|\bback (?:then|in)\b|"
                        r"\bhistory\b|\bbefore\b|\bin (?:19|20)\d\d\b|\bat (?:the age of )?(?:\d+|[a-z]+-[a-z]+)\b", re.I)
_REASONS = re.compile(r"\breasons? (?:for|to) (?:living|live|stay(?:ing)? (?:safe|alive))\b", re.I)
_SAFE_NOW = re.compile(r"\bare you (?:feeling )?safe\b(?! at home| with)", re.I)
_SAFE_YES = re.compile(r"^\s*(?:yes|yeah|yep|i am|i'?m safe)\b|\bi'?m safe\b", re.I)
_SAFE_NO = re.compile(r"^\s*(?:no|not really|i don'?t know)\b", re.I)
_SAFETY_PLAN = re.compile(r"\bsafety plan\b", re.I)
_MAKE_PLAN = re.compile(r"\b(?:make|making|write|writing|work on|working on|create|build|put together|do)\b[^.?]*"
                        r"\bsafety plan\b", re.I)
_DENIES = re.compile(r"^\s*(?:no|nope|nah|never|not really|not at all|absolutely not|definitely not|nothing)\b", re.I)
_WARNING_SIGNS = re.compile(r"\bwarning signs?\b", re.I)
_CRISIS = re.compile(r"\b988\b|\b911\b|\bcrisis (?:line|text line|number|team)\b|\bhotline\b|\blifeline\b|"
                     r"\bafter-hours line\b|\bemergency room\b|\bemergency department\b", re.I)
_ACTIVE_ASK = re.compile(r"\b(?:kill(?:ing)? yourself|end(?:ing)? your life|suicid\w*|take your (?:own )?life)\b", re.I)
_HOW_OFTEN = re.compile(r"\bhow often\b|\bhow many (?:times|days|nights)\b|\bhow frequent", re.I)
_HOW_LONG = re.compile(r"\bhow long\b[^?]*\b(?:last|go on|stay)\b", re.I)
# The client places the thoughts in the past ("I used to think ...", "last winter", "not since the
# spring"): documented as past, never as a current endorsement the client's answer denied.
_IN_THE_PAST = re.compile(r"\bused to\b|\bnot since\b|\bback then\b|\bin the past\b|\b(?:years?|months?) ago\b|"
                          r"\blast (?:winter|spring|summer|fall|autumn|year)\b|\bwhen I was (?:younger|a kid|a teen\w*)\b",
                          re.I)
# ... or the answer tells of a time gone ("There were a few weeks where I thought ..."), or the
# question asked about one ("during that bad winter in college, did you ever ...").
_TIME_GONE = re.compile(r"^\s*there (?:were|was) (?:a few |some |a couple of |a )?(?:weeks?|days?|months?|times?|"
                        r"period|stretch|while)\b", re.I)
_PAST_QUESTION = re.compile(r"\bduring that\b|\bback then\b|\bat that time\b|\bin college\b|\bwhen you were\b|"
                            r"\bin the past\b|\bthat (?:winter|spring|summer|fall|autumn|year|time)\b", re.I)


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


def risk_sentences(fmt_key: str, risk_section: str, utterances: Sequence[Utterance], items: Sequence[RiskItem],
                   subject: str = "client", planned: Iterable[int] = ()) -> list[DraftSentence]:
    """The documented risk as rule sentences of the format's parts, each citing its lines.
    ``planned``: lines the note's Plan already cites (a means-restriction step said there is named,
    not quoted again)."""
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


def _quote(text: str, around: str = "") -> str:
    """The client's words, short enough for a note: the sentences up to ``QUOTE_MAX_WORDS`` words,
    or the one sentence holding ``around``."""
    sentences = split_sentences(" ".join(text.split()))
    if around:
        sentences = [s for s in sentences if around.lower() in s.lower()] or sentences
    kept: list[str] = []
    for sentence in sentences:
        if kept and len(" ".join(kept + [sentence]).split()) > QUOTE_MAX_WORDS:
            break
        kept.append(sentence)
    said = " ".join(kept)
    words = said.split()
    if len(words) > QUOTE_MAX_WORDS:
        said = " ".join(words[:QUOTE_MAX_WORDS]).rstrip(",;:") + " ..."
    return f'"{said}"'


def _answer(lines: list[Utterance], at: int) -> Utterance | None:
    """The client's answer to the clinician's line at position ``at``: one of the next two lines."""
    return next((later for later in lines[at + 1:at + 3] if later.speaker and not is_clinician(later.speaker)), None)


def _asked(utt: Utterance, pattern: re.Pattern) -> bool:
    """The clinician asks it: a sentence holding the words ends with "?" or reflects a denial."""
    return any(pattern.search(s) and (s.rstrip().endswith("?") or (len(s.split()) <= REFLECTION_MAX_WORDS and re.search(
        r"\b(?:haven'?t|not|no)\b", s, re.I))) for s in split_sentences(utt.text))


def _item_label(item: RiskItem, passive_endorsed: bool, question: str) -> str:
    if question and _FOLLOW_UPS[0][1].search(question) and set(item.categories or [item.category]) & SUICIDE_CATEGORIES:
        return "past attempts"  # "Has he ever tried to choke you?" asks about abuse
    category = item.category if item.status != DENIED else (item.categories or [item.category])[0]
    words = CATEGORY_WORDS.get(category, category)
    if item.status == DENIED and len(item.categories) > 1:
        words = " and ".join(CATEGORY_WORDS.get(c, c) for c in item.categories)
    if item.detail:
        return f"{item.detail} {words}"
    if category == "suicidal_ideation" and passive_endorsed and _ACTIVE_ASK.search(question):
        return "active suicidal ideation"  # the client endorsed a passive wish and denied this
    return words


def _question_sentence_ends_asking(question: str, phrase: str) -> bool:
    return any(phrase.lower() in s.lower() and s.rstrip().endswith("?") for s in split_sentences(question))


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

    def add(key: str, fact: str, ids: list[int]) -> None:
        if key not in said:
            said[key] = (fact, ids)

    for item in items:
        client_line = by_id.get(item.segment_id)
        if client_line is None or (client_line.speaker and is_clinician(client_line.speaker)):
            continue  # the clinician's own words (a question, a summary) are no finding
        question = by_id[item.evidence[0]].text if len(item.evidence) > 1 and item.evidence[0] in by_id else ""
        label = _item_label(item, passive_endorsed, question)
        if item.status in (ENDORSED, "reported"):
            in_own_words = item.phrase.lower() in client_line.text.lower()
            if not in_own_words and not _question_sentence_ends_asking(question, item.phrase):
                continue  # "Yeah. Okay." to a summary that ends "Is that okay?" endorses the plan, not risk
            if item.phrase.lower().startswith("urge"):
                label = f"{label} urges"
            verb = "endorsed" if item.status == ENDORSED else "reported"
            if _IN_THE_PAST.search(client_line.text) or _TIME_GONE.search(client_line.text) or \
                    _PAST_QUESTION.search(question):
                label, verb = f"past {label}", "reported"
            add(f"{label}:{verb}", f"{label} {verb} ({_quote(client_line.text, item.phrase if in_own_words else '')}",
                item.evidence)
        elif item.status in (DENIED, "denied") and _DENIES.search(answer_words(client_line.text)):
            add(f"{label}:denied", f"{label} denied ({_quote(client_line.text)})", item.evidence)
        elif item.status in (DENIED, UNCLEAR) and len(item.evidence) > 1:
            # An answer that does not begin with a no is the clinician's to weigh: quoted, not judged.
            add(f"{label}:asked", f"{label} asked about, client answered ({_quote(client_line.text)})", item.evidence)
    if risk_lines and any(u.speaker for u in lines):
        for n, utt in enumerate(lines):
            answer = _answer(lines, n) if is_clinician(utt.speaker) and n >= risk_lines[0] else None
            if answer is not None:
                near = any(0 <= n - r <= FOLLOW_UP_WINDOW for r in risk_lines)
                _follow_up(utt, answer, near, n - risk_lines[0], add)
        _frequency(lines, risk_lines[0], said)
    _attempt_history(lines, add)
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
    # What the client said of their thoughts is their account (Subjective, with the quotes); the
    # Assessment names it and documents what was asked and answered around it.
    account: list[str] = []
    account_ids: list[int] = []
    facts: list[str] = []
    for fact, ids in said.values():
        fact = fact if fact.count("(") <= fact.count(")") else fact + ")"
        told = re.fullmatch(r"(.+?) (endorsed|reported) \((.+)\)", fact)
        if told:
            account.append(f"{told.group(1)} ({told.group(3)})")
            account_ids += ids
            fact = f"{told.group(1)} {told.group(2)}"
        facts.append(fact)
    cited = [i for _, ids in said.values() for i in ids]
    plan = _safety_plan(lines, subject) if risk_lines else None
    if not facts and not plan:
        return None
    return RiskNote(("Risk: " + "; ".join(_merged(facts)) + ".", cited) if facts else None,
                    (f"{subject.capitalize()} reported " + "; ".join(account) + ".", account_ids) if account else None,
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


def _follow_up(utt: Utterance, answer: Utterance, near: bool, since_first: int, add) -> None:
    """Plan, intent, preparation, past attempts, means, reasons for living, safe now: one each."""
    ids = [utt.id, answer.id]
    if near and not _SAFETY_PLAN.search(utt.text):
        for label, pattern in _FOLLOW_UPS:
            if pattern.search(utt.text) and _asked(utt, pattern):
                if _DENIES.search(answer_words(answer.text)):
                    add(f"{label}:denied", f"{label} denied ({_quote(answer.text)})", ids)
                elif utt.text.rstrip().endswith("?") and _AFFIRM.search(answer.text):
                    add(f"{label}:endorsed", f"{label} endorsed ({_quote(answer.text)})", ids)
    if _MEANS_QUESTION.search(utt.text) and utt.text.rstrip().endswith("?"):
        named = list(dict.fromkeys(m.group(0).lower() for m in _MEANS.finditer(answer.text)))
        if since_first <= MEANS_WINDOW and _DENIES.search(answer_words(answer.text)):
            add("means", f"access to means denied ({_quote(answer.text)})", ids)
        elif since_first <= MEANS_WINDOW and named:
            add("means", f"access to means: {', '.join(named)}", ids)
        away = [s for s in split_sentences(answer.text) if _PUT_AWAY.search(s)]
        # "them" in the answer names the question's means only when the question asks about having or
        # putting them away, or is about them alone ("And the pills?"): "Not the kitchen, where there are knives?" - "She can take them and go out"
        # (the children, a way out of a violent home; 50) puts no knives away.
        asks_kept = (_PUT_AWAY.search(utt.text) or _ASKS_MEANS_KEPT.search(utt.text)
                     or any(_MEANS.search(s) and len(s.split()) <= 6 for s in split_sentences(utt.text)))  # "And the pills?"
        what = (_MEANS.search(away[0]) or (_MEANS.search(utt.text) if asks_kept else None)) if away else None
        if what is not None and not _DENIES.search(answer_words(answer.text)):
            name = what.group(0).lower()
            add("away:" + name.split()[-1], f"{name} to be put away ({_quote(away[0])})", ids)
        # "No. Mum has the razors in her bathroom and the pills are locked." denies access and says
        # where the means are kept: a means check documented, for the Plan.
        kept = [s for s in away if _MEANS.search(s)]
        if kept and _DENIES.search(answer_words(answer.text)) and since_first > MEANS_WINDOW:  # nearer, the denial above quotes it
            names = list(dict.fromkeys(m.group(0).lower() for m in _MEANS.finditer(kept[0])))
            add("kept:" + " and ".join(n.split()[-1] for n in names), f"{' and '.join(names)} kept away ({_quote(kept[0])})", ids)
    if _asked(utt, _REASONS) and _REASONS.search(utt.text):
        add("reasons", f"reasons for living given ({_quote(answer.text)})", ids)
    if _SAFE_NOW.search(utt.text):
        if _SAFE_YES.search(answer.text):
            add("safe", f"stated being safe ({_quote(answer.text)})", ids)
        elif _SAFE_NO.search(answer.text):
            add("safe", f"did not state being safe ({_quote(answer.text)})", ids)


def _attempt_history(lines: list[Utterance], add) -> None:
    """A past attempt the clinician names and the client confirms (not a no): history, quoted."""
    for n, utt in enumerate(lines):
        if not (utt.speaker and is_clinician(utt.speaker)):
            continue
        named = _ATTEMPT_NAMED.search(utt.text)
        if named is None or not _PAST_MARK.search(utt.text) or "suicidal_ideation" not in dict(risk_categories(utt.text)):
            continue
        answer = _answer(lines, n)
        if answer is None or _DENIES.search(answer_words(answer.text)):
            continue
        add("past attempts:reported", f"history of suicide attempt reported ({_quote(answer.text)}, to the "
            f"clinician's {_quote(utt.text, named.group(0))})", [utt.id, answer.id])
        return


def _frequency(lines: list[Utterance], first: int, said: dict) -> None:
    """How often and how long the endorsed thoughts come, in the client's words, added to the
    endorsed fact (the first endorsed one: the thoughts the clinician asked about)."""
    endorsed = next((key for key, (fact, _) in said.items() if " endorsed (" in fact), None)
    if endorsed is None:
        return
    fact, ids = said[endorsed]
    extra: list[str] = []
    for n in range(first, min(len(lines), first + FOLLOW_UP_WINDOW)):
        utt = lines[n]
        answer = _answer(lines, n) if is_clinician(utt.speaker) else None
        for name, pattern in (("how often", _HOW_OFTEN), ("how long", _HOW_LONG)):
            if answer is not None and pattern.search(utt.text) and not any(e.startswith(name) for e in extra):
                extra.append(f"{name}: {_quote(answer.text)}")
                ids = ids + [utt.id, answer.id]
    said[endorsed] = (fact + "".join(f"; {e}" for e in extra) + ")", ids)


def _safety_plan(lines: list[Utterance], subject: str) -> tuple[str, list[int]] | None:
    """"safety plan made" when the clinician proposed making one and the client agreed ("reviewed"
    for one the client already has), with the warning signs the client named and the crisis
    contacts the clinician gave."""
    for n, utt in enumerate(lines):
        answer = _answer(lines, n) if is_clinician(utt.speaker) and _SAFETY_PLAN.search(utt.text) else None
        if answer is not None and (_AFFIRM.search(answer.text) or re.match(r"\s*(?:okay|ok|sure|alright)\b",
                                                                            answer.text, re.I)):
            break
    else:
        return None
    ids = [utt.id, answer.id]
    parts = [f"safety plan made with the {subject}" if _MAKE_PLAN.search(utt.text) else "safety plan reviewed"]
    for m, line in enumerate(lines[n:], n):
        signs = _answer(lines, m) if is_clinician(line.speaker) and _WARNING_SIGNS.search(line.text) else None
        if signs is not None:
            parts.append(f"warning signs: {_quote(signs.text)}")
            ids += [line.id, signs.id]
            break
    contacts = [(line.id, match.group(0)) for line in lines[n:] if is_clinician(line.speaker)
                for match in _CRISIS.finditer(line.text)]
    if contacts:
        parts.append("crisis contacts given (" + ", ".join(dict.fromkeys(word for _, word in contacts)) + ")")
        ids += sorted({i for i, _ in contacts})
    return "; ".join(parts), ids


def _merged(facts: list[str]) -> list[str]:
    """Two denials with one answer read as one: "intent and plan denied ("No. ...")" (04, line 77)."""
    out: list[str] = []
    for fact in facts:
        match = re.fullmatch(r"(.+?) denied (\(.+\))", fact)
        earlier = next((n for n, f in enumerate(out) if match and f.endswith(f" denied {match.group(2)}")), None)
        if earlier is None:
            out.append(fact)
        else:
            out[earlier] = out[earlier].replace(" denied (", f" and {match.group(1)} denied (", 1)
    return out
