"""Composition root: paths -> vault -> services (-> windows, in ui/). Nothing global.

The CLI and the window both build a ``Practice`` here and only talk to its services.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from session_assistant.clock import Clock
from session_assistant.errors import VaultBusy
from session_assistant.jobs.queue import JobQueue
from session_assistant.paths import AppPaths
from session_assistant.services.appointments import AppointmentService
from session_assistant.services.assessments import AssessmentService
from session_assistant.services.audit import AuditService
from session_assistant.services.backups import BackupService
from session_assistant.services.clients import ClientService
from session_assistant.services.diagnoses import DiagnosisService
from session_assistant.services.digests import DigestService
from session_assistant.services.documents import DocumentService
from session_assistant.services.engine_loaders import EngineLoaders
from session_assistant.services.mental_status import MentalStatusService
from session_assistant.services.notes import NoteService
from session_assistant.services.profile import ProfileService
from session_assistant.services.recordings import RecordingService
from session_assistant.services.session_pipeline import SessionPipeline
from session_assistant.services.speaker_labels import SpeakerLabelService
from session_assistant.services.summaries import SummaryService
from session_assistant.services.treatment_plans import TreatmentPlanService
from session_assistant.services.voice_profile import VoiceProfileService
from session_assistant.services.voice_count import VoiceCountService
from session_assistant.vault.store import Vault

log = logging.getLogger(__name__)


@dataclass
class Practice:
    """An unlocked practice: the vault and every service over it."""

    paths: AppPaths
    vault: Vault
    engines: EngineLoaders = field(default_factory=EngineLoaders)  # Whisper and the note model (tests: fakes)
    profile: ProfileService = field(init=False)
    audit_log: AuditService = field(init=False)
    clients: ClientService = field(init=False)
    appointments: AppointmentService = field(init=False)
    notes: NoteService = field(init=False)
    mental_status: MentalStatusService = field(init=False)
    assessments: AssessmentService = field(init=False)
    diagnoses: DiagnosisService = field(init=False)
    plans: TreatmentPlanService = field(init=False)
    summaries: SummaryService = field(init=False)
    digests: DigestService = field(init=False)
    recordings: RecordingService = field(init=False)
    documents: DocumentService = field(init=False)
    jobs: JobQueue = field(init=False)
    backups: BackupService = field(init=False)
    sessions: SessionPipeline = field(init=False)
    voice_profile: VoiceProfileService = field(init=False)
    speaker_labels: SpeakerLabelService = field(init=False)
    voice_count: VoiceCountService = field(init=False)

    def __post_init__(self) -> None:
        self.profile = ProfileService(self.vault)
        self.audit_log = AuditService(self.vault)
        self.clients = ClientService(self.vault)
        self.appointments = AppointmentService(self.vault)
        self.notes = NoteService(self.vault)
        self.notes.ensure_builtin_templates()
        self.mental_status = MentalStatusService(self.notes)
        self.assessments = AssessmentService(self.vault)
        self.diagnoses = DiagnosisService(self.vault)
        self.plans = TreatmentPlanService(self.vault)
        self.jobs = JobQueue(self.vault)
        self.jobs.recover_interrupted()
        self.digests = DigestService(self.vault, self.jobs)  # run_pending() on a worker after signing and at unlock
        self.summaries = SummaryService(self.vault, digests=self.digests)
        self.recordings = RecordingService(self.vault, self.paths.recordings_dir, self.clients, self.profile)
        self.documents = DocumentService(self.vault, profile=self.profile, clients=self.clients,
                                         appointments=self.appointments, notes=self.notes, summaries=self.summaries,
                                         plans=self.plans, assessments=self.assessments, diagnoses=self.diagnoses)
        self.backups = BackupService(self.vault, self.jobs)
        try:
            self.recordings.sweep()  # start-up: recover crashed recordings, shred what is due, clean orphans
        except VaultBusy:  # another process holds the vault: a reading command must not wait; it sweeps too
            log.info("start-up sweep skipped: the vault is busy")
        self.voice_profile = VoiceProfileService(self.vault, self.paths.models_dir)
        self.sessions = SessionPipeline(self.vault, self.recordings, self.jobs, self.paths.models_dir,
                                        voice_profile=self.voice_profile, engines=self.engines)
        self.speaker_labels = SpeakerLabelService(self.vault)
        self.voice_count = VoiceCountService(self.vault, self.recordings, self.paths.models_dir, self.voice_profile)

    @property
    def clock(self) -> Clock:
        return self.vault.clock

    def verify_audit(self):
        return self.audit_log.verify()

    def close(self) -> None:
        """Lock: shred what is due (the sweep also runs at start-up and on a timer), then close."""
        try:
            self.recordings.sweep()
        except Exception as error:  # noqa: BLE001 - locking must never fail; the next sweep retries
            log.warning("retention sweep at close failed: %s", type(error).__name__)
        self.sessions.close()
        self.vault.close()


def create_practice(paths: AppPaths, passphrase: str, clock: Clock | None = None,
                    engines: EngineLoaders | None = None) -> tuple[Practice, str]:
    """A new vault in ``paths.vault_dir``; returns the practice and the one-time recovery key."""
    vault, recovery_key = Vault.create(Path(paths.vault_dir), passphrase, clock)
    return Practice(paths, vault, engines or EngineLoaders()), recovery_key


def recover_practice(paths: AppPaths, recovery_key: str, new_passphrase: str, clock: Clock | None = None,
                     engines: EngineLoaders | None = None) -> Practice:
    """Reset the passphrase with the recovery key, and unlock."""
    return Practice(paths, Vault.recover(Path(paths.vault_dir), recovery_key, new_passphrase, clock),
                    engines or EngineLoaders())


def open_practice(paths: AppPaths, passphrase: str, clock: Clock | None = None, on_busy=None,
                  engines: EngineLoaders | None = None, busy_wait_s: float | None = None) -> Practice:
    """Unlock; ``on_busy()`` is called when a write has to wait for another window or process, and
    each write waits up to ``busy_wait_s`` seconds (None: the vault's default) before giving up."""
    wait = {} if busy_wait_s is None else {"busy_wait_s": busy_wait_s}
    return Practice(paths, Vault.unlock(Path(paths.vault_dir), passphrase, clock, on_busy, **wait),
                    engines or EngineLoaders())
