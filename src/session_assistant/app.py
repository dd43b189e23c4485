"""Composition root: paths -> vault -> services (-> windows, in ui/). Nothing global.

The CLI and the window both build a ``Practice`` here and only talk to its services.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Generic, TypeVar

from session_assistant.clock import Clock
from session_assistant.errors import VaultBusy
from session_assistant.jobs.queue import JobQueue
from session_assistant.paths import AppPaths
from session_assistant.services.appointments import AppointmentService
from session_assistant.services.audit import AuditService
from session_assistant.services.clients import ClientService
from session_assistant.services.engine_loaders import EngineLoaders
from session_assistant.services.notes import NoteService
from session_assistant.services.profile import ProfileService
from session_assistant.services.recordings import RecordingService
from session_assistant.vault.store import Vault

if TYPE_CHECKING:
    from session_assistant.services.assessments import AssessmentService
    from session_assistant.services.backups import BackupService
    from session_assistant.services.diagnoses import DiagnosisService
    from session_assistant.services.digests import DigestService
    from session_assistant.services.documents import DocumentService
    from session_assistant.services.mental_status import MentalStatusService
    from session_assistant.services.session_pipeline import SessionPipeline
    from session_assistant.services.speaker_labels import SpeakerLabelService
    from session_assistant.services.summaries import SummaryService
    from session_assistant.services.treatment_plans import TreatmentPlanService
    from session_assistant.services.voice_count import VoiceCountService
    from session_assistant.services.voice_profile import VoiceProfileService

log = logging.getLogger(__name__)


S = TypeVar("S")


class _built_on_first_use(Generic[S]):
    """A service of ``Practice`` that is built when first used, once, here in the composition root.

    Unlocking builds only what unlocking itself runs (templates, job recovery, the retention
    sweep); the rest waits, with its imports, for its first use: a CLI command lists clients
    without loading the drafting engine, numpy or the PDF code. The practice's lock makes two
    threads asking at once get the same service (the window reaches services from its pools).
    """

    def __init__(self, build: Callable[["Practice"], S]) -> None:
        self._build = build
        self.__doc__ = build.__doc__

    def __set_name__(self, owner, name: str) -> None:
        self._name = name

    def __get__(self, practice: "Practice | None", owner=None) -> S:
        if practice is None:
            return self  # type: ignore[return-value]
        with practice._building:
            built = practice.__dict__.get(self._name)
            if built is None:  # once stored, the instance attribute answers without coming here
                built = practice.__dict__[self._name] = self._build(practice)
            return built


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
    recordings: RecordingService = field(init=False)
    jobs: JobQueue = field(init=False)

    def __post_init__(self) -> None:
        self._building = threading.RLock()  # reentrant: one service's build asks for another
        self.profile = ProfileService(self.vault)
        self.audit_log = AuditService(self.vault)
        self.clients = ClientService(self.vault)
        self.appointments = AppointmentService(self.vault)
        self.notes = NoteService(self.vault)
        self.notes.ensure_builtin_templates()
        self.jobs = JobQueue(self.vault)
        self.jobs.recover_interrupted()
        self.recordings = RecordingService(self.vault, self.paths.recordings_dir, self.clients, self.profile)
        try:
            self.recordings.sweep()  # start-up: recover crashed recordings, shred what is due, clean orphans
        except VaultBusy:  # another process holds the vault: a reading command must not wait; it sweeps too
            log.info("start-up sweep skipped: the vault is busy")

    # ---- built on first use (see _built_on_first_use) ----------------------------------------
    @_built_on_first_use
    def mental_status(self) -> MentalStatusService:
        from session_assistant.services.mental_status import MentalStatusService

        return MentalStatusService(self.notes)

    @_built_on_first_use
    def assessments(self) -> AssessmentService:
        from session_assistant.services.assessments import AssessmentService

        return AssessmentService(self.vault)

    @_built_on_first_use
    def diagnoses(self) -> DiagnosisService:
        from session_assistant.services.diagnoses import DiagnosisService

        return DiagnosisService(self.vault)

    @_built_on_first_use
    def plans(self) -> TreatmentPlanService:
        from session_assistant.services.treatment_plans import TreatmentPlanService

        return TreatmentPlanService(self.vault)

    @_built_on_first_use
    def digests(self) -> DigestService:
        """run_pending() on a worker after signing and at unlock."""
        from session_assistant.services.digests import DigestService

        return DigestService(self.vault, self.jobs)

    @_built_on_first_use
    def summaries(self) -> SummaryService:
        from session_assistant.services.summaries import SummaryService

        return SummaryService(self.vault, digests=self.digests)

    @_built_on_first_use
    def documents(self) -> DocumentService:
        from session_assistant.services.documents import DocumentService

        return DocumentService(self.vault, profile=self.profile, clients=self.clients,
                               appointments=self.appointments, notes=self.notes, summaries=self.summaries,
                               plans=self.plans, assessments=self.assessments, diagnoses=self.diagnoses)

    @_built_on_first_use
    def backups(self) -> BackupService:
        from session_assistant.services.backups import BackupService

        return BackupService(self.vault, self.jobs)

    @_built_on_first_use
    def voice_profile(self) -> VoiceProfileService:
        from session_assistant.services.voice_profile import VoiceProfileService

        return VoiceProfileService(self.vault, self.paths.models_dir)

    @_built_on_first_use
    def sessions(self) -> SessionPipeline:
        from session_assistant.services.session_pipeline import SessionPipeline

        return SessionPipeline(self.vault, self.recordings, self.jobs, self.paths.models_dir,
                               voice_profile=self.voice_profile, engines=self.engines)

    @_built_on_first_use
    def speaker_labels(self) -> SpeakerLabelService:
        from session_assistant.services.speaker_labels import SpeakerLabelService

        return SpeakerLabelService(self.vault)

    @_built_on_first_use
    def voice_count(self) -> VoiceCountService:
        from session_assistant.services.voice_count import VoiceCountService

        return VoiceCountService(self.vault, self.recordings, self.paths.models_dir, self.voice_profile)

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
        if "sessions" in self.__dict__:  # built (see _built_on_first_use): it may hold loaded engines
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
