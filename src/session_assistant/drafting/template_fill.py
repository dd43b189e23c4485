"""Where a draft goes in a note template: each section in the field made for it, the rest in the AI field.

A template is a list of fields (``{"name", "label", "ai_summary"}``). A field whose name or label
is a section of a note format ("Subjective", "Data", "Plan for Next Session") gets that section's
sentences; the one AI field gets, under their headings, the sections that have no field of their own
(with the built-in "AI Session Summary" template: Subjective, Objective and Assessment, while Plan
goes to "Plan for Next Session"). A section is written once, never in two fields.

Risk is the clinician's to document: when the template has a Risk field, the drafter's risk pointer
("Risk was screened ...; Clinician to review ...") is left out of the text and that field starts
empty; each risk item the clinician accepts adds its statement there (``accepted_risk_text``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from session_assistant.drafting.draft_result import Draft, DraftSentence
from session_assistant.drafting.formats import NOT_DISCUSSED
from session_assistant.drafting.risk import risk_findings

RISK = "risk"
AI = "ai"
RISK_POINTER_FLAG = "clinician_review_required"
SECTION_KEYS = ("subjective", "objective", "assessment", "plan", "data", "behavior", "intervention", "response",
                "goals")
_SPELLINGS = {"behaviour": "behavior", "behaviours": "behavior", "interventions": "intervention",
              "goal": "goals", "observations": "objective"}
# A section the template has no field for goes to the nearest field it does have, before the AI field
# (a SOAP draft in a DAP template: Subjective and Objective are the Data).
_NEAREST = {"subjective": ("data", "behavior", "goals"), "objective": ("data", "behavior", "intervention"),
            "data": ("subjective", "objective"), "behavior": ("subjective", "data"),
            "intervention": ("objective", "data"), "response": ("assessment",), "assessment": ("response",),
            "goals": ("subjective", "data")}


def _words(text: str) -> list[str]:
    return [_SPELLINGS.get(w, w) for w in re.findall(r"[a-z]+", text.lower())]


def field_role(template_field: dict) -> str | None:
    """"risk", a section key, "ai" or None (a field for the clinician's own words)."""
    name, label = _words(template_field["name"]), _words(str(template_field.get("label") or ""))
    if RISK in name or RISK in label:
        return RISK
    for words in (name, label):
        if len(words) == 1 and words[0] in SECTION_KEYS:
            return words[0]
    if template_field.get("ai_summary"):
        return AI
    if "plan" in name or "plan" in label:
        return "plan"
    return None


def roles(template_fields: list[dict]) -> dict[str, str]:
    """Field name -> role, for the fields that have one (the first field wins a role)."""
    found: dict[str, str] = {}
    for template_field in template_fields:
        role = field_role(template_field)
        if role is not None and role not in found.values():
            found[template_field["name"]] = role
    return found


def risk_field(template_fields: list[dict]) -> str | None:
    return next((name for name, role in roles(template_fields).items() if role == RISK), None)


def ai_field(template_fields: list[dict]) -> str | None:
    return next((f["name"] for f in template_fields if f.get("ai_summary")), None)


@dataclass
class Filled:
    """The text for each field, and which field each section went to (``homes``)."""

    values: dict[str, str] = field(default_factory=dict)
    homes: dict[str, str] = field(default_factory=dict)  # section key -> field name

    def home_of(self, sentence: DraftSentence) -> str | None:
        return self.homes.get(sentence.section)


def section_homes(template_fields: list[dict], draft: Draft) -> dict[str, str]:
    """Section key -> the field it is written in (sections with no home anywhere are left out)."""
    by_role = {role: name for name, role in roles(template_fields).items()}
    homes: dict[str, str] = {}
    for key in draft.format.keys:
        home = by_role.get(key) or next((by_role[k] for k in _NEAREST.get(key, ()) if k in by_role), None)
        home = home or by_role.get(AI)
        if home is not None:
            homes[key] = home
    if not homes and template_fields:  # a template with no AI field and no section field: the first field
        homes = {key: template_fields[0]["name"] for key in draft.format.keys}
    return homes


def in_note(sentence: DraftSentence, template_fields: list[dict]) -> bool:
    """False for the risk pointer when the template has a Risk field (the clinician writes risk there)."""
    return not (sentence.origin == "system" and RISK_POINTER_FLAG in sentence.flags
                and risk_field(template_fields) is not None)


def fill(template_fields: list[dict], draft: Draft) -> Filled:
    """The draft's text per field. A field holding one section gets its sentences; a field holding
    several (the AI field) gets each under its heading, as ``Draft.as_text`` writes them."""
    homes = section_homes(template_fields, draft)
    gathered: dict[str, list[str]] = {}
    for key in draft.format.keys:
        if key in homes:
            gathered.setdefault(homes[key], []).append(key)
    values: dict[str, str] = {}
    for name, keys in gathered.items():
        bodies = {key: " ".join(s.text for s in draft.section_sentences(key) if in_note(s, template_fields))
                  or NOT_DISCUSSED for key in keys}
        own_section = len(keys) == 1 and roles(template_fields).get(name) not in (AI, None)
        values[name] = bodies[keys[0]] if own_section else "\n\n".join(
            f"{draft.format.section(key).title.upper()}\n{bodies[key]}" for key in keys)
    return Filled(values, homes)


def accepted_risk_text(item, subject: str = "client") -> str:
    """The statement an accepted risk item adds to the Risk field (built by rule, never by the model)."""
    line = getattr(item, "segment_id", None)
    return risk_findings([item], subject) + (f" (transcript line {line})" if line is not None else "")


def add_line(text: str, line: str) -> str:
    """``text`` with ``line`` added on its own line (once)."""
    if line in text:
        return text
    return f"{text.rstrip()}\n{line}" if text.strip() else line
