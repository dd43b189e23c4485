"""``record --call``: a telehealth call recorded from two inputs (the microphone and the call's audio)
as the two channels of one sealed recording; both inputs are checked before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass
import sys
from typing import Any

from session_assistant.errors import UserError


@dataclass(frozen=True)
class CallInputs:
    """The microphone (the clinician) and the call's audio (the client), each with its settings."""

    mic: Any  # devices.InputDevice
    mic_settings: tuple[int, int]
    call: Any
    call_settings: tuple[int, int]

    def describe(self) -> str:
        return (f"microphone {self.mic.name!r} ({self.mic_settings[0]} Hz) and call audio {self.call.name!r} "
                f"({self.call_settings[0]} Hz) as two channels")


def resolve_call_inputs(mic_spec: str | None, call_spec: str | None, sd: Any = None) -> CallInputs:
    """Both inputs of a call. Raises UserError (or NoSuchDevice) with what to do instead."""
    from session_assistant.audio import devices

    sd = sd or devices.load_sounddevice()
    if not call_spec:
        raise UserError("--call needs --call-audio: the input that carries the call's sound (a monitor or "
                        "loopback device; `session-assistant recordings devices` lists them, the README's "
                        "'Telehealth calls' says how to make one).")
    mic = devices.resolve_device(mic_spec, sd)
    call = devices.resolve_device(call_spec, sd)
    if mic.index == call.index:
        raise UserError("The microphone and the call's audio are the same input; choose two different ones.")
    return CallInputs(mic, devices.choose_settings(mic, sd), call, devices.choose_settings(call, sd))


def call_alignment(recorder) -> dict:
    """What the two devices delivered and what the alignment added, in seconds (no PHI)."""
    rate = 16_000
    return {"received_s": [round(n / rate, 3) for n in recorder.received],
            "inserted_s": [round(n / rate, 3) for n in recorder.inserted_samples]}


def record_call(ctx, args, sd, max_seconds: float, consent: dict) -> int:
    """``record --call`` (with ``--transcribe``: live, each channel named by its channel)."""
    from session_assistant.audio import devices
    from session_assistant.commands.live_record import (announce_when_audio_flows, record_live, record_text,
                                                        recording_service, wait_until_stopped)

    inputs = resolve_call_inputs(args.mic or args.device, args.call_audio, sd)  # --device names the mic too
    call = (devices.portaudio_stream_factory(inputs.call, sd), inputs.call_settings)
    service = recording_service(ctx)  # the retention sweep runs first, as for every recording
    if args.transcribe:
        return record_live(ctx, args, inputs.mic, sd, *inputs.mic_settings, max_seconds, consent, call=call,
                            what=inputs.describe())
    active = service.start_call(args.appointment, devices.portaudio_stream_factory(inputs.mic, sd),
                                inputs.mic_settings, *call, max_seconds=max_seconds, **consent)
    announce_when_audio_flows(active.recorder, f"Recording call {active.id}: {inputs.describe()}; Ctrl-C stops.")
    wait_until_stopped(active.recorder)
    summary = {**service.finish(active), "channels": 2, "alignment": call_alignment(active.recorder)}
    ctx.emit(summary, lambda: record_text(summary))
    return 0
