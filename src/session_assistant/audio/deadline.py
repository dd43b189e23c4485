"""When a recording's audio must be gone: 24 hours of real time after it ended, whatever the clock.

A recording keeps its end on two clocks, the wall clock (``ended_at``) and the boot clock (the boot
it ended in and the boot clock's reading then), and the retention in force when it ended. Every
sweep computes the deadline afresh from these, never from a due time worked out earlier, and the
EARLIEST of the plausible deadlines applies:

1. Wall clock: ``ended_at + retention``.
2. Same boot: the boot clock measures the real time since the end exactly (suspend included, and
   setting the wall clock does not move it): due when ``retention`` of it has passed.
3. A later boot: the recording ended before this boot began, so at least the current uptime has
   passed since: due when the uptime reaches ``retention``, if rule 1 has not struck first.

Two readings cannot be true, and then the audio is shredded at once rather than kept on a guess:

* an end time more than ``CLOCK_TOLERANCE`` after now (the clock ran fast when the recording
  ended, or has been set back since) when no boot-clock reading of the same boot can measure the
  real age instead (rule 2 then decides alone: a 30-days-fast clock changes nothing);
* a boot clock that reads earlier than at the end within the same boot.

Recordings made before this rule (no boot reading) and platforms without a boot clock that counts
suspend have rule 1 and the future-end check only. The small tolerance absorbs clock drift and
corrections of a few minutes; it is the most a wrong clock can add.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from session_assistant.clock import BootTime

CLOCK_TOLERANCE = timedelta(minutes=5)
TRANSCRIBE_BEFORE = timedelta(hours=4)  # untranscribed this close to the deadline: warn, transcribe now


@dataclass(frozen=True)
class Deadline:
    at: datetime          # when the audio is due, in the current wall clock's terms
    basis: str            # "wall", "boot", "uptime" or "clock_unreliable"

    def is_due(self, now: datetime) -> bool:
        return self.at <= now


def deadline(ended_at: datetime, retention: timedelta, ended_boot: BootTime | None, now: datetime,
             boot_now: BootTime | None) -> Deadline:
    """The recording's deadline as of ``now`` (see the module docstring for the rule)."""
    candidates = [Deadline(ended_at + retention, "wall")]
    same_boot = ended_boot is not None and boot_now is not None and ended_boot.boot_id == boot_now.boot_id
    if same_boot:
        elapsed = timedelta(seconds=boot_now.seconds - ended_boot.seconds)
        if elapsed < -CLOCK_TOLERANCE:
            return Deadline(now, "clock_unreliable")
        candidates.append(Deadline(now + retention - elapsed, "boot"))
    elif ended_at > now + CLOCK_TOLERANCE:
        return Deadline(now, "clock_unreliable")
    elif ended_boot is not None and boot_now is not None:
        candidates.append(Deadline(now + retention - timedelta(seconds=boot_now.seconds), "uptime"))
    return min(candidates, key=lambda d: d.at)
