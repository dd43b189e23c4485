"""One client's whole chart as versioned JSON plus signed PDFs, in one encrypted container.

Members of the (encrypted) archive:

* ``chart.json``: ``{"format": "session-assistant-client-export", "version": 1, ...}`` with the
  client's demographics, consents, diagnoses, appointments, administrative notes, assessments,
  treatment plans, progress notes with addenda, finalized (signed) summaries, and every audit entry
  that names the client;
* ``documents/<kind>-<id>.pdf``: each signed record as a signed PDF;
* ``manifest.json``: SHA-256 of every other member.

Audio is never included: recordings are not read at all, and ``check_export`` rejects an archive
holding anything but the members above. See docs/export-format.md.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import Callable

from session_assistant.documents import archive
from session_assistant.documents.from_chart import (
    assessment_document,
    note_document,
    plan_document,
    summary_document,
)
from session_assistant.documents.identity import SigningIdentity
from session_assistant.documents.render import render_pdf
from session_assistant.documents.signing import sign_pdf
from session_assistant.documents.verify import verify_bytes
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress

CHART_FORMAT = "session-assistant-client-export"
CHART_VERSION = 1
CHART_KEYS = ("client", "consents", "diagnoses", "appointments", "admin_notes", "assessments",
              "treatment_plans", "notes", "summaries", "audit", "documents")
_MEMBER = re.compile(r"^(chart\.json|manifest\.json|documents/(note|summary|plan|assessment)-\d+\.pdf)$")


class ExportInvalid(archive.NotAnExport):
    """The container opened but its contents are not a valid client export."""


@dataclass(frozen=True)
class ClientExport:
    """A sealed export and what went into it (counts only: no PHI)."""

    data: bytes
    sha256: str
    counts: dict[str, int]


@dataclass(frozen=True)
class ExportCheck:
    """What a successful check found: the chart (PHI, for an import) and per-kind counts."""

    chart: dict
    documents: dict[str, bytes]
    counts: dict[str, int]


def signed_documents(chart: dict, profile, identity: SigningIdentity, *, on_progress: ProgressFn = no_progress,
                     cancel: CancelToken | None = None, items_for=None) -> dict[str, bytes]:
    """Render and sign every signed record of the chart; member name -> signed PDF."""
    client = chart["client"]
    jobs = []
    for note in chart["notes"]:
        if note["status"] == "signed":
            appointment = next((a for a in chart["appointments"] if a["id"] == note["appointment_id"]), None)
            jobs.append((f"note-{note['id']}", lambda n=note, a=appointment: note_document(n, client, a, profile)))
    for summary in chart["summaries"]:
        jobs.append((f"summary-{summary['id']}", lambda s=summary: summary_document(s, client, profile)))
    for plan in chart["treatment_plans"]:
        if plan["status"] == "signed":
            jobs.append((f"plan-{plan['id']}", lambda p=plan: plan_document(p, client, profile)))
    for assessment in chart["assessments"]:
        if assessment["status"] == "signed":
            items = items_for(assessment) if items_for else ()
            jobs.append((f"assessment-{assessment['id']}",
                         lambda a=assessment, i=items: assessment_document(a, client, profile, i)))
    documents = {}
    for index, (name, build) in enumerate(jobs):
        if cancel is not None:
            cancel.raise_if_cancelled()
        on_progress(index / max(len(jobs), 1) * 0.9, f"Signing document {index + 1} of {len(jobs)}")
        documents[f"documents/{name}.pdf"] = sign_pdf(render_pdf(build()), identity).data
    return documents


def build_client_export(chart: dict, profile, identity: SigningIdentity, passphrase: str, *,
                        exported_at: str, items_for: Callable[[dict], tuple[str, ...]] | None = None,
                        on_progress: ProgressFn = no_progress, cancel: CancelToken | None = None,
                        kdf: dict | None = None) -> ClientExport:
    """Sign and seal one client's chart.

    Args:
        chart: Everything the vault holds for the client (``CHART_KEYS`` but "documents"), as
            gathered by the document service; never audio.
        profile: The clinician's profile (the PDFs' letterhead).
        identity: The clinician's signing identity.
        passphrase: Protects the container (at least 12 characters).
        exported_at: Timestamp written into chart.json.
        items_for: An assessment's item texts (for its PDF), or none.
        on_progress: Progress callback, fraction 0..1.
        cancel: Checked between documents; raises ``Cancelled``.
        kdf: Argon2id parameters override (tests).
    """
    archive.check_passphrase(passphrase)
    documents = signed_documents(chart, profile, identity, on_progress=on_progress,
                                 cancel=cancel, items_for=items_for)
    chart_json = {"format": CHART_FORMAT, "version": CHART_VERSION, "exported_at": exported_at, **chart,
                  "documents": [{"name": name, "sha256": hashlib.sha256(data).hexdigest()}
                                for name, data in documents.items()]}
    files = {"chart.json": json.dumps(chart_json, indent=1, ensure_ascii=False, default=str).encode("utf-8"),
             **documents}
    files["manifest.json"] = json.dumps(
        {"format": CHART_FORMAT, "version": CHART_VERSION,
         "files": {name: hashlib.sha256(data).hexdigest() for name, data in files.items()}},
        indent=1, sort_keys=True).encode("utf-8")
    on_progress(0.92, "Encrypting the archive")
    sealed = archive.seal(files, passphrase, kdf=kdf)
    on_progress(1.0, "Done")
    counts = {key: len(chart[key]) for key in CHART_KEYS if key in chart and isinstance(chart[key], list)}
    counts["documents"] = len(documents)
    return ClientExport(sealed.data, hashlib.sha256(sealed.data).hexdigest(), counts)


def check_export(data: bytes, passphrase: str) -> ExportCheck:
    """Open a client export and validate everything in it (the import check).

    Checks the container (format, version, authenticated encryption), the member names (nothing
    but chart, manifest and signed PDFs: no audio), every SHA-256 in the manifest, the chart's
    format, version and sections, and that every PDF verifies as unmodified.

    Raises:
        NotAnExport / WrongPassphrase: From the container.
        ExportInvalid: The contents are not a valid export.
    """
    files = archive.unseal(data, passphrase)
    strays = [name for name in files if not _MEMBER.match(name)]
    if strays:
        raise ExportInvalid(f"The export holds {len(strays)} unexpected file(s); it was not made by this app.")
    try:
        manifest = json.loads(files["manifest.json"])
        chart = json.loads(files["chart.json"])
    except (KeyError, ValueError):
        raise ExportInvalid("The export is missing its chart or manifest.") from None
    listed = manifest.get("files", {})
    if set(listed) != set(files) - {"manifest.json"}:
        raise ExportInvalid("The export's manifest does not match its contents.")
    for name, digest in listed.items():
        if hashlib.sha256(files[name]).hexdigest() != digest:
            raise ExportInvalid("A file in the export does not match its manifest entry.")
    if chart.get("format") != CHART_FORMAT:
        raise ExportInvalid("The chart in the export has an unknown format.")
    if chart.get("version") != CHART_VERSION:
        raise ExportInvalid(f"The chart is format version {chart.get('version')}; this release reads "
                            f"version {CHART_VERSION}.")
    missing = [key for key in CHART_KEYS if key not in chart]
    if missing:
        raise ExportInvalid(f"The chart lacks sections: {', '.join(missing)}.")
    documents = {name: content for name, content in files.items() if name.startswith("documents/")}
    for name, content in documents.items():
        if not verify_bytes(content).ok:
            raise ExportInvalid(f"{name} in the export does not verify as unmodified.")
    counts = {key: len(chart[key]) for key in CHART_KEYS if isinstance(chart[key], list)}
    return ExportCheck(chart=chart, documents=documents, counts=counts)
