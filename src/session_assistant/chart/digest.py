"""The digest of one signed chart item: what it says, sorted into the parts a summary needs.

A digest lists the item's problems, interventions, response, risk mentions, homework and scores,
each with the sentence it came from (the item's own words, never a paraphrase), so a summary built
from digests can quote and cite them. Extraction is a transparent rule pass over the item's
sentences and the chart's numbers: it takes milliseconds, is the same every time, and cannot
invent anything. A sentence can belong to several parts ("practised breathing and reported using
it" is an intervention and a response); a sentence that fits none (such as "Session 4.") is left
out. No Qt, no database: the service hands in the chart item and stores what comes back.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from session_assistant.chart.citations import SourceItem, SourceRef
from session_assistant.drafting.risk import risk_categories

# Stored with each digest; a new rule set rebuilds older digests. rules-2: a plan's interventions
# are named as the plan words them (rules-1 quoted the dated ones' dicts) and objectives' count.
EXTRACTOR = "rules-4"  # rules-3: a plan's goals carry their status; rules-4: quotes stay whole, no transcript lines
CATEGORIES = ("problem", "intervention", "response", "risk", "homework", "score", "goal")

# Canonical names of interventions, matched case-insensitively (more specific names first).
INTERVENTIONS: dict[str, str] = {
    "exposure and response prevention": r"exposure and response prevention|\bERP\b",
    "graded exposure": r"graded exposure|exposure (?:hierarchy|exercise|practice|work|continued)|\bexposure\b",
    "cognitive restructuring": (r"cognitive restructuring|challeng\w* (?:the |a |an |unhelpful )?(?:thought|belief)"
                                r"|refram\w*"),
    "thought records": r"thought records?",
    "psychoeducation": r"psycho-?education",
    "diaphragmatic breathing": r"diaphragmatic breathing|breathing (?:exercise|technique|skill)s?|paced breathing",
    "relaxation": r"progressive muscle relaxation|relaxation",
    "behavioural activation": r"behaviou?ral activation|activity scheduling|pleasant activit\w*",
    "worry time": r"worry (?:time|log|postponement)",
    "sleep hygiene": r"sleep hygiene|wind-down routine",
    "mindfulness": r"mindful\w*|grounding (?:exercise|skill|technique)s?",
    "relapse prevention": r"relapse[- ]prevention",
    "safety planning": r"safety plan",
    "motivational interviewing": r"motivational interviewing|decisional balance|change talk",
    "problem solving": r"problem[- ]solving",
    "DBT skills": r"\bDBT\b|distress tolerance|emotion regulation skill\w*|chain analysis",
    "trauma processing": r"cognitive processing therapy|\bCPT\b|trauma narrative|\bEMDR\b|prolonged exposure",
    "role-play": r"role[- ]?pla\w+",
    "assertiveness training": r"assertive\w*",
}
PROBLEMS: dict[str, str] = {
    "worry": r"\bworr\w*", "anxiety": r"\banxi\w*", "panic": r"\bpanic\w*",
    "low mood": r"\blow mood\b|\bdepress\w*|\bhopeless\w*|\bsad(?:ness)?\b",
    "sleep": (r"\b(?:trouble|difficulty|problems?) (?:falling |staying )?(?:asleep|sleeping)\b|\binsomnia\b"
              r"|\bpoor sleep\b"),
    "avoidance": r"\bavoid\w*", "withdrawal": r"\bwithdr[ae]w\w*|\bisolat\w*|\blonel\w*",
    "rumination": r"\bruminat\w*", "stress": r"\bstress\w*", "catastrophising": r"\bcatastroph\w*",
    "conflict": r"\bconflict\w*|\barguments?\b", "grief": r"\bgrie[fv]\w*|\bbereave\w*",
    "trauma": r"\btrauma\w*|\bflashbacks?\b|\bnightmares?\b", "anger": r"\banger\b|\birritab\w*",
    "substance use": r"\bdrink\w*|\balcohol\b|\bsubstance\b|\bcravings?\b",
    "obsessions": r"\bintrusive\b|\bobsess\w*|\bcompuls\w*",
}
_RESPONSE = re.compile(
    r"\b(?:improv\w*|better|less|fewer|reduc\w*|decreas\w*|steadier|brighter|calmer|manageable|progress(?:ed|ing)?|"
    r"returned to|resumed|able to|managed to|succeeded|(?:mostly |partly |fully )?completed|reported using|"
    r"used (?:it|this|the|a)|worse|worsen\w*|increas\w*|relapsed|a relapse\b(?![- ]prevention)|setbacks?|"
    r"declin\w*|no longer|stable|stabilis\w*|stabiliz\w*|gains?|benefit\w*|helpful|effective)\b", re.I)
_HOMEWORK = re.compile(
    r"\b(?:homework|assign\w*|between sessions|before (?:the )?next (?:session|visit)|next session|agreed to|"
    r"will (?:practi[sc]e|continue|try|complete|keep|use|track|monitor|schedule|review|bring|start)|"
    r"plan(?:s|ned)? to|continue (?:to|with)|continue \w+ records?|(?:daily|weekly) (?:\w+ )?(?:log|diary)|"
    r"\blog\b|diary|journal\w*|worksheet|follow[- ]up|referr?\w*)\b", re.I)
_INTERVENTION_WORDS = re.compile(r"\b(?:intervention|technique|skills? (?:training|practice)|introduced|taught|"
                                 r"modell?ed|psychoeducation)\b", re.I)
_RISK_WORDS = re.compile(r"\b(?:safety plan\w*|protective factors?|risk|suicid\w*|self[- ]harm\w*|harm to others)\b",
                         re.I)
_DENIED = re.compile(r"^\s*(?:no|denied|denies|denying|negative for|not|nil)\b", re.I)
_CLAUSE_NEGATION = re.compile(r"\b(?:no|not|never|denied|denies|without)\b", re.I)
_SCORE_WORDS = re.compile(r"\b(?:PHQ-?9|GAD-?7|PCL-?5|AUDIT|ORS|SRS|scored?|scores)\b", re.I)
_TRANSCRIPT_REF = re.compile(r"\s*\(\s*transcript lines?\s+[\d,\s\-\u2013and]+\)", re.I)
_DENIED_AFTER = re.compile(r"(?:[\s-]+(?!(?:but|and|or|yet)\b)[a-z]+){0,3}?\s+(?:(?:was|were|is|are)\s+)?(?:denied|negative|absent|not (?:endorsed|reported))\b",
                           re.I)
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'(])")
_COMPILED_INTERVENTIONS = {name: re.compile(p, re.I) for name, p in INTERVENTIONS.items()}
_COMPILED_PROBLEMS = {name: re.compile(p, re.I) for name, p in PROBLEMS.items()}


@dataclass(frozen=True)
class DigestItem:
    """One sentence of the item, in one part of the digest."""

    category: str
    text: str  # the source sentence, verbatim
    field: str = ""  # the note field (or plan part) it came from
    tags: tuple[str, ...] = ()  # canonical names: "graded exposure", "panic", ...
    status: str = ""  # risk: endorsed | denied | noted; goal: its status in the plan (met, in progress, ...)
    score: dict | None = None  # score only, from the chart: instrument, title, total, max, severity, item9

    def as_dict(self) -> dict:
        data = asdict(self)
        data["tags"] = list(self.tags)
        return {k: v for k, v in data.items() if v not in ("", None, [])}

    @classmethod
    def from_dict(cls, data: dict) -> "DigestItem":
        return cls(data["category"], data["text"], data.get("field", ""), tuple(data.get("tags", ())),
                   data.get("status", ""), data.get("score"))


@dataclass
class Digest:
    """The digest of one chart item; ``source_digest`` is the item's content hash when it was built."""

    source: SourceRef
    source_digest: str
    items: list[DigestItem] = field(default_factory=list)
    extractor: str = EXTRACTOR

    def of(self, category: str) -> list[DigestItem]:
        return [i for i in self.items if i.category == category]

    def as_dict(self) -> dict:
        return {"source": self.source.as_dict(), "extractor": self.extractor,
                "items": [i.as_dict() for i in self.items]}


def _open(text: str) -> bool:
    """A quote or a bracket is still open at the end of ``text``."""
    return (text.count('"') % 2 == 1 or text.count("\u201c") > text.count("\u201d")
            or text.count("(") > text.count(")"))


def sentences(text: str) -> list[str]:
    """The sentences of a field: line breaks and sentence ends split; bullets and blanks dropped.

    A sentence end inside a quote or brackets does not split ('denied ("No, nothing like that. I am
    fine.")' is one sentence: a summary quoting it must not cut the quote), and a note's reference
    to a transcript line is dropped (the transcript is not part of the record a summary reads from)."""
    found = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(?:[-*\u2022]|\d+[.)])\s+", "", line).strip()
        line = _TRANSCRIPT_REF.sub("", line)
        pieces: list[str] = []
        for piece in _SENTENCE.split(line):
            if pieces and _open(pieces[-1]):
                pieces[-1] += " " + piece
            else:
                pieces.append(piece)
        found += [" ".join(s.split()) for s in pieces if s.strip()]
    return found


def _tags(table: dict[str, re.Pattern], sentence: str) -> tuple[str, ...]:
    return tuple(name for name, pattern in table.items() if pattern.search(sentence))


def risk_status(sentence: str) -> str:
    """endorsed (risk language not negated), denied (negated or a negative screen), noted (neither)."""
    found = risk_categories(sentence)
    if _DENIED.match(sentence):
        return "denied"
    if found:
        at = sentence.lower().find(found[0][1].lower())
        if at >= 0 and _DENIED_AFTER.match(sentence[at + len(found[0][1]):]):
            return "denied"  # "suicidal ideation denied" (how a drafted Risk line words a negative screen)
        clause = re.split(r"[.;!?]", sentence[:sentence.lower().find(found[0][1].lower())])[-1]
        return "denied" if _CLAUSE_NEGATION.search(" ".join(clause.split()[-5:])) else "endorsed"
    return "noted"


def _field_kind(label: str) -> str:
    low = label.lower()
    if "risk" in low or "safety" in low:
        return "risk"
    if "plan" in low or "next session" in low or "homework" in low:
        return "homework"
    return ""


def classify(sentence: str, field_label: str = "") -> list[DigestItem]:
    """The digest items one sentence gives (empty when it fits no part)."""
    found: list[DigestItem] = []
    kind = _field_kind(field_label)
    if kind == "risk" or risk_categories(sentence) or _RISK_WORDS.search(sentence):
        found.append(DigestItem("risk", sentence, field_label, status=risk_status(sentence)))
        if kind == "risk":  # the risk field's sentences are risk documentation, nothing else
            return found
    interventions = _tags(_COMPILED_INTERVENTIONS, sentence)
    if interventions or _INTERVENTION_WORDS.search(sentence):
        found.append(DigestItem("intervention", sentence, field_label, interventions))
    responded = bool(_RESPONSE.search(re.sub(r"relapse[- ]prevention", "", sentence, flags=re.I)))
    if responded:
        found.append(DigestItem("response", sentence, field_label))
    problems = _tags(_COMPILED_PROBLEMS, sentence)
    if problems and not responded and not interventions:
        found.append(DigestItem("problem", sentence, field_label, problems))
    if kind == "homework" or _HOMEWORK.search(sentence):
        found.append(DigestItem("homework", sentence, field_label, interventions))
    if _SCORE_WORDS.search(sentence) and re.search(r"\d", sentence):
        found.append(DigestItem("score", sentence, field_label))
    return found


def note_fields(item: SourceItem) -> list[tuple[str, str]]:
    """``(field label, text)`` pairs of a progress note as ``chart_sources`` writes its text."""
    pairs = []
    for part in item.text.split(" | "):
        label, sep, text = part.partition(": ")
        pairs.append((label.strip(), text) if sep and len(label) <= 60 else ("", part))
    return pairs


def digest_note(item: SourceItem) -> Digest:
    """A progress note's digest: each field's sentences, classified (addenda included)."""
    digest = Digest(item.ref, item.digest)
    seen: set[tuple[str, str]] = set()
    for label, text in note_fields(item):
        for sentence in sentences(text):
            for found in classify(sentence, re.sub(r"\s*\(\d{4}-\d{2}-\d{2}\)$", "", label)):
                if (found.category, found.text) not in seen:
                    seen.add((found.category, found.text))
                    digest.items.append(found)
    return digest


def digest_assessment(item: SourceItem, score: dict) -> Digest:
    """An assessment's digest: its score from the chart (never re-read from text)."""
    text = f"{score['title']} {score['total']}" + (f" of {score['max']}" if score.get("max") else "") + (
        f" ({score['severity']})" if score.get("severity") else "")
    items = [DigestItem("score", text, score["title"], score=score)]
    if score.get("item9"):
        items.append(DigestItem("risk", f"{score['title']} item 9 (thoughts of being better off dead or of "
                                        f"self-harm) answered {score['item9']}", score["title"], status="endorsed"))
    return Digest(item.ref, item.digest, items)


def _intervention_name(intervention) -> str:
    """An intervention's words: plans hold ``{"intervention": ..., "target_date": ...}`` (older ones a bare string)."""
    name = intervention.get("intervention", "") if isinstance(intervention, dict) else intervention
    return " ".join(str(name or "").split())


def digest_plan(item: SourceItem, plan: dict) -> Digest:
    """A treatment plan's digest: its problems, goals and interventions (under a goal or one of its
    objectives), each as the plan words it, and the review narrative of a version made at a review."""
    digest = Digest(item.ref, item.digest)
    for problem in plan.get("problems", []):
        name = " ".join(str(problem.get("problem", "")).split())
        if name:
            digest.items.append(DigestItem("problem", name, "Problem", _tags(_COMPILED_PROBLEMS, name)))
        for goal in problem.get("goals", []):
            text = " ".join(str(goal.get("goal", "")).split())
            if text:
                measure = " ".join(str(goal.get("measure") or "").split())
                digest.items.append(DigestItem("goal", text + (f" (measure: {measure})" if measure else ""), "Goal",
                                               status=" ".join(str(goal.get("status") or "").split())))
            objectives = goal.get("objectives") or []
            interventions = [*goal.get("interventions", []),
                             *(i for objective in objectives for i in objective.get("interventions") or [])]
            for intervention in interventions:
                words = _intervention_name(intervention)
                if words:
                    tags = _tags(_COMPILED_INTERVENTIONS, words) or (words.lower(),)
                    digest.items.append(DigestItem("intervention", words, "Intervention", tags))
    narrative = " ".join(str(plan.get("review_narrative") or "").split())
    if narrative:  # what the clinician concluded at the review that made this version
        digest.items.append(DigestItem("review", narrative, "Plan review"))
    return digest


def from_dict(data: dict, source_digest: str) -> Digest:
    source = data["source"]
    return Digest(SourceRef(source["date"], source["kind"], int(source["id"])), source_digest,
                  [DigestItem.from_dict(i) for i in data.get("items", [])], data.get("extractor", EXTRACTOR))
