"""Where each kind of rule-written line goes in each note format (moved out of ``fact_lines``): the
interventions in SOAP's Objective and BIRP's Intervention, the stage of change in the Assessment or
Response, and so on; a kind a format does not name goes where that format keeps risk."""

from __future__ import annotations

from session_assistant.drafting.formats import NoteFormat

# Where each kind of line goes, per format.
FACT_SECTIONS: dict[str, dict[str, str]] = {
    "soap": {"interventions": "objective", "stage": "assessment", "measures": "objective", "diagnoses": "assessment",
             "goals": "assessment", "last_plan": "subjective", "planned": "plan", "quotes": "subjective",
             "client_goals": "subjective", "progress": "assessment"},
    "dap": {"interventions": "data", "stage": "assessment", "measures": "data", "diagnoses": "assessment",
            "goals": "assessment", "last_plan": "data", "planned": "plan", "quotes": "data",
            "client_goals": "data", "progress": "assessment"},
    "birp": {"interventions": "intervention", "stage": "response", "measures": "behavior", "diagnoses": "response",
             "goals": "response", "last_plan": "behavior", "planned": "plan", "quotes": "behavior",
             "client_goals": "behavior", "progress": "response"},
    "girp": {"interventions": "intervention", "stage": "response", "measures": "response", "diagnoses": "goals",
             "goals": "goals", "last_plan": "response", "planned": "plan", "quotes": "response",
             "client_goals": "goals", "progress": "response"},
}


def home(fmt: NoteFormat, kind: str) -> str:
    return FACT_SECTIONS.get(fmt.key, {}).get(kind) or fmt.risk_section
