"""The client's chart as drafting context, kept apart from the transcript: active treatment-plan
goals and objectives, active diagnoses, measures given on the session day (and the last one before
it), and the Plan of the last signed note. Each fact has a chart reference (``chart:goal:3``)
that the draft's lines cite as ``chart_evidence``, never as a transcript line.

JSON form (``draft --chart CHART.json``; every key optional)::

    {"session_date": "2026-11-30",
     "goals": [{"id": "1", "goal": "Drink no more than 2 drinks on any day", "problem": "Alcohol use",
                "status": "in progress", "objectives": ["Keep a drinking log"]}],
     "diagnoses": [{"id": "3", "code": "F10.10", "description": "Alcohol use disorder, mild"}],
     "measures": [{"id": "12", "instrument": "AUDIT", "total": 14, "severity": "", "date": "2026-11-30"}],
     "last_plan": {"id": "9", "date": "2026-11-23", "text": "Keep a drinking log; try two alcohol-free days."},
     "pronouns": "she/her"}

``treatment_plan`` in the vault's own shape (``{"problems": [{"problem", "goals": [...]}]}``) is read
too, and "assessments" or "scores" for "measures", "last_note_plan" for "last_plan"; a goal's "text"
for "goal", a measure's "name"/"score" for "instrument"/"total", "when" for a date that is not
YYYY-MM-DD, and the last plan's "homework" list (the eval set's chart files have this form).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Sequence

from session_assistant.drafting.grounding import SourceIndex, content_stems, content_words
from session_assistant.drafting.transcript_input import TranscriptUnreadable

CLOSED_GOAL_STATUSES = {"met", "discontinued"}
# A goal is "touched" by a transcript line sharing this many of its content words (and the rarest
# of them), so one shared common word ("feel") does not tie a line to a goal.
MIN_SHARED_WORDS = 2


@dataclass(frozen=True)
class ChartFact:
    ref: str  # "chart:goal:3"
    kind: str  # goal, diagnosis, measure, last_plan
    text: str
    date: str = ""

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class ChartContext:
    goals: list[ChartFact] = field(default_factory=list)
    diagnoses: list[ChartFact] = field(default_factory=list)
    measures: list[ChartFact] = field(default_factory=list)
    last_plan: ChartFact | None = None
    session_date: str = ""
    # The client's pronouns as charted ("she/her"); "" when none: the note says "the client"/"they".
    pronouns: str = ""

    @property
    def facts(self) -> list[ChartFact]:
        return [*self.goals, *self.diagnoses, *self.measures, *([self.last_plan] if self.last_plan else [])]

    def __bool__(self) -> bool:
        return bool(self.facts)

    def to_dict(self) -> dict:
        return {"session_date": self.session_date, "facts": [f.to_dict() for f in self.facts],
                **({"pronouns": self.pronouns} if self.pronouns else {})}

    def prompt_block(self) -> str:
        """The goals for the model, headed so they cannot be taken for what was said in the session.

        Only the goals: measures, diagnoses and the last plan are written into the note by rule
        (``fact_lines``); given them too, the 1.5B model repeated the scores in sentence after
        sentence (09_passive_si_safety)."""
        lines = ["Client's chart (from the record, NOT said in this session; use it only to relate the session "
                 "to the treatment goals; never cite it as a transcript line):"]
        if self.pronouns:  # the one line about the person: the note's "they" for a "she" was the model's guess
            lines.append(f"The client's pronouns: {self.pronouns}.")
        if self.goals:
            lines.append("Active treatment goals:")
            lines += [f"- {f.text}" for f in self.goals]
        return "\n".join(lines)

    @classmethod
    def from_dict(cls, data: dict | None) -> "ChartContext":
        """Rebuild what ``to_dict`` saved (a draft's ``facts["chart"]``), e.g. to refine that draft."""
        facts = [ChartFact(**f) for f in (data or {}).get("facts", [])]
        last = [f for f in facts if f.kind == "last_plan"]
        return cls([f for f in facts if f.kind == "goal"], [f for f in facts if f.kind == "diagnosis"],
                   [f for f in facts if f.kind == "measure"], last[0] if last else None,
                   str((data or {}).get("session_date") or ""), str((data or {}).get("pronouns") or "").strip())

    @classmethod
    def from_json(cls, data: Any) -> "ChartContext":
        """Read the JSON form (see the module doc). Raises TranscriptUnreadable for a wrong shape."""
        if not isinstance(data, dict):
            raise TranscriptUnreadable("The chart JSON must be an object with goals, diagnoses, measures, last_plan "
                                       "or pronouns.")
        try:
            goals = [_goal_fact(g, n) for n, g in enumerate(data.get("goals") or [], 1)]
            goals += plan_goal_facts(data.get("treatment_plan") or {}, "plan")
            diagnoses = [_diagnosis_fact(d, n) for n, d in enumerate(data.get("diagnoses") or [], 1)]
            measures = [_measure_fact(m, n) for n, m in
                        enumerate(data.get("measures") or data.get("assessments") or data.get("scores") or [], 1)]
            last = data.get("last_plan") or data.get("last_note_plan")
            last_plan = _last_plan_fact(last) if last else None
            pronouns = _pronouns(data.get("pronouns"))
        except (AttributeError, TypeError, KeyError, ValueError):
            raise TranscriptUnreadable("The chart JSON has an entry of the wrong shape; see `draft --help`.") from None
        return cls([g for g in goals if g is not None], diagnoses, measures, last_plan, str(data.get("session_date") or ""),
                   pronouns)


def _pronouns(value: Any) -> str:
    """The chart's pronouns as written ("she/her"), or "" for none. Raises ValueError for a non-text value."""
    if value is None:
        return ""
    if not isinstance(value, str):
        raise ValueError("pronouns")
    return " ".join(value.split())[:40]


def _goal_fact(goal: Any, number: int) -> ChartFact | None:
    if isinstance(goal, str):
        return ChartFact(f"chart:goal:{number}", "goal", f"Goal: {goal.strip()}")
    if str(goal.get("status") or "").strip().lower() in CLOSED_GOAL_STATUSES:
        return None
    text = f"Goal: {str(goal.get('goal') or goal.get('text')).strip()}"
    objectives = [o if isinstance(o, str) else o.get("objective") or o.get("text") for o in goal.get("objectives") or []]
    if objectives:
        text += " (objectives: " + "; ".join(str(o).strip() for o in objectives if o) + ")"
    return ChartFact(f"chart:goal:{goal.get('id', number)}", "goal", text)


def plan_goal_facts(plan: dict, plan_ref: str) -> list[ChartFact]:
    """Open goals of a treatment plan in the vault's shape, numbered problem.goal ("chart:goal:7.1.2")."""
    facts = []
    for p_no, problem in enumerate(plan.get("problems") or [], 1):
        for g_no, goal in enumerate(problem.get("goals") or [], 1):
            fact = _goal_fact({**goal, "id": f"{plan_ref}.{p_no}.{g_no}"}, g_no)
            if fact is not None:
                facts.append(fact)
    return facts


def _diagnosis_fact(diagnosis: Any, number: int) -> ChartFact:
    if isinstance(diagnosis, str):
        return ChartFact(f"chart:diagnosis:{number}", "diagnosis", f"Diagnosis: {diagnosis.strip()}")
    text = " ".join(str(diagnosis.get(k) or "").strip() for k in ("code", "description")).strip()
    return ChartFact(f"chart:diagnosis:{diagnosis.get('id', number)}", "diagnosis", f"Diagnosis: {text}")


def _measure_fact(measure: dict, number: int) -> ChartFact:
    name = measure.get("instrument") or measure.get("title") or measure.get("name")
    total = measure.get("total", measure.get("total_score", measure.get("score")))
    severity = measure.get("severity") or ""
    date = str(measure.get("date") or measure.get("administered_on") or "")
    when = f"on {date}" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else str(measure.get("when") or date)
    text = f"{name} total {total}" + (f" ({severity})" if severity else "") + (f" {when}" if when.startswith("on ")
                                                                               else f" ({when})" if when else "")
    return ChartFact(f"chart:assessment:{measure.get('id', number)}", "measure", text, date)


def _told_in(homework: str, plan: str) -> bool:
    """True when the plan's text already names this homework item, in its words if not its letters:
    "ride the train" beside "practise riding the train" would be told twice."""
    if homework.strip() in plan:
        return True
    own = content_stems(homework)  # by stem: "riding" and "ride", "walks" and "walked" meet
    return bool(own) and own <= content_stems(plan)


def plan_told_once(text: str) -> str:
    """The last plan's text without the homework items added after it that it already names (a chart
    stored before ``_told_in`` joined them regardless)."""
    head, mark, tail = text.rpartition(". Homework: ")
    if not mark:
        return text
    items = [item for item in tail.rstrip(".").split("; ") if not _told_in(item, head)]
    return f"{head}. Homework: {'; '.join(items)}" if items else head


def _last_plan_fact(last: Any) -> ChartFact:
    if isinstance(last, str):
        return ChartFact("chart:note:last", "last_plan", last.strip())
    text = str(last.get("text") or last.get("plan") or "").strip()
    homework = [str(h).strip() for h in last.get("homework") or [] if str(h).strip() and not _told_in(str(h), text)]
    if homework:
        text = f"{text.rstrip('.')}. Homework: {'; '.join(homework)}".lstrip(". ")
    return ChartFact(f"chart:note:{last.get('id', 'last')}", "last_plan", text, str(last.get("date") or ""))


def goal_touches(goal: ChartFact, source: SourceIndex) -> list[int]:
    """Transcript lines that speak to ``goal``: at least ``MIN_SHARED_WORDS`` of its content words."""
    bag = content_words(goal.text.split(":", 1)[-1]) - {"goal", "objective", "client"}
    touched = []
    for utt in source.utterances:
        if len(bag & content_words(utt.text)) >= MIN_SHARED_WORDS:
            touched.append(utt.id)
    return touched


# Words that say what to do about a goal's topic, not the topic: "Reduce work stress" is about work
# stress, "Explore alcohol use" about alcohol.
GOAL_VERBS = {"reduce", "increase", "improve", "explore", "manage", "return", "resume", "attend", "stop", "start",
              "use", "less", "more", "better", "cope", "coping", "learn", "develop", "maintain", "build", "adjust",
              "decrease", "symptom", "least", "day", "week", "without", "able", "skill", "continue", "reconnect"}
# A topic the session names in other words ("alcohol" is talked about as drinking and beer).
GOAL_SYNONYMS = {"alcohol": ("drink", "beer", "wine", "liquor"), "drink": ("alcohol", "beer", "wine"),
                 "smok": ("cigarette", "vape", "nicotine"), "sleep": ("insomnia", "awake"),
                 "depress": ("mood",), "self": ("cutting",),
                 # Family words as clients say them (11: goal "the father's death", client "my dad").
                 "father": ("dad", "daddy"), "mother": ("mom", "mum", "mommy"), "child": ("kid", "kids"),
                 "kid": ("child", "children")}
MIN_CLIENT_LINES = 2
_CLINICIAN = re.compile(r"(?i)^\s*(?:clinician|therapist|counsel|dr\b|doctor|provider|psycholog|psychiatr)")
TERM_PREFIX = 5  # "stres" matches "stressful", "depressive" matches "depressed"


def goal_terms(goal: ChartFact) -> set[str]:
    """The content words naming a goal's topic (the goal's name, not its objectives)."""
    name = goal.text.split(":", 1)[-1].split(" (objectives:")[0]
    return {w for w in content_words(name) if w not in GOAL_VERBS and not w.isdigit()} - {"goal", "client"}


def _says_term(term: str, words: set[str]) -> bool:
    forms = (term, *next((v for k, v in GOAL_SYNONYMS.items() if term.startswith(k)), ()))
    return any(w[:TERM_PREFIX] == f[:TERM_PREFIX] if min(len(w), len(f)) >= TERM_PREFIX else w == f
               for w in words for f in forms)


def terms_said(terms: set[str], text: str) -> set[str]:
    """The ``terms`` (a goal's words) that ``text`` says, in any form ``GOAL_SYNONYMS`` or a shared
    prefix allows; public because the fact lines read goal progress with it too."""
    words = content_words(text)
    return {t for t in terms if _says_term(t, words)}


def goal_support(goal: ChartFact, source: SourceIndex, facts: Sequence[tuple[str, Sequence[int]]]) -> list[int]:
    """The lines that show the session worked on ``goal``: a fact of the note that names the goal's
    topic and cites lines that name it (together all its topic words, at most two needed). A line
    alone is not enough: 03's drinking session named "after-work stress" as a trigger, which is not
    work on the goal "Reduce work stress" (the lead's reading of 03). [] when unsupported."""
    terms = goal_terms(goal)
    if not terms:
        return []
    need = min(2, len(terms))
    name = content_words(goal.text.split(":", 1)[-1].split(" (objectives:")[0]) - {"goal", "client"}
    supported: list[int] = []
    for text, evidence in facts:
        if terms_said(name, text) == name:
            continue  # the chart's goal echoed ("... and reducing work stress", 03 sections): no evidence
        in_fact = terms_said(terms, text)
        lines = {i: terms_said(terms, source.by_id[i].text) for i in evidence if i in source.by_id}
        cited = [i for i, said in lines.items() if said]
        # The lines themselves must name the topic: a model sentence echoing the chart ("This session
        # was about exploring alcohol use and reducing work stress", 03 sections) cites "And stress."
        if in_fact and cited and len(set().union(*lines.values())) >= need:
            supported += cited
    # Or the client spoke to it more than in passing: two of the client's own lines name its topic
    # (10: "The team lunch is in two weeks", "Team lunch was eighty"), whatever the facts cite.
    own = [u.id for u in source.utterances if u.speaker and not _CLINICIAN.match(u.speaker)
           and len(terms_said(terms, u.text)) >= need]
    if len(own) >= MIN_CLIENT_LINES:
        supported += own
    return sorted(set(supported))


def goal_sentence(goal: ChartFact, subject: str = "client") -> str:
    name = goal.text.split(":", 1)[-1].split(" (objectives:")[0].strip().rstrip(".")
    return f"Treatment goal ({name}) was addressed in this session; clinician to rate the {subject}'s progress."
