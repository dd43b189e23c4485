"""Input devices through PortAudio (sounddevice): load it, list inputs, pick one and its settings.

``sounddevice`` is imported lazily: on a machine without the PortAudio library it raises
``OSError`` at import, which we turn into one clear ``AudioUnavailable`` line.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Callable

from session_assistant.errors import NotFound, UserError

# 16 kHz first: the sealed format's rate, so no resampling is needed where the host offers it.
PREFERRED_RATES = (16_000, 48_000, 44_100, 32_000, 22_050, 96_000)
BLOCKS_PER_SECOND = 10  # 100 ms callbacks: small enough for a live meter, large enough to be cheap


class AudioUnavailable(UserError):
    """PortAudio is missing or the device cannot be opened."""

    exit_code = 10


class NoSuchDevice(NotFound):
    """No input device matches what was asked for."""


def load_sounddevice():
    try:
        import sounddevice
    except OSError:
        raise AudioUnavailable(
            "PortAudio is not installed, so recording is unavailable "
            "(Debian/Ubuntu: apt-get install libportaudio2); importing audio files still works."
        ) from None
    return sounddevice


@dataclass(frozen=True)
class InputDevice:
    index: int
    name: str
    host_api: str
    max_input_channels: int
    default_samplerate: float
    is_default: bool

    def to_json(self) -> dict:
        return asdict(self)


def list_input_devices(sd: Any = None) -> list[InputDevice]:
    """Every device with at least one input channel (monitor/loopback devices included)."""
    sd = sd or load_sounddevice()
    default_in = _default_input_index(sd)
    apis = [api["name"] for api in sd.query_hostapis()]
    return [
        InputDevice(
            index=index,
            name=dev["name"],
            host_api=apis[dev["hostapi"]] if dev["hostapi"] < len(apis) else "",
            max_input_channels=int(dev["max_input_channels"]),
            default_samplerate=float(dev["default_samplerate"]),
            is_default=index == default_in,
        )
        for index, dev in enumerate(sd.query_devices())
        if dev["max_input_channels"] > 0
    ]


def _default_input_index(sd: Any) -> int:
    try:
        value = sd.default.device[0]
    except (TypeError, IndexError):
        value = sd.default.device
    return int(value) if value is not None else -1


def resolve_device(spec: str | int | None, sd: Any = None) -> InputDevice:
    """Find an input by index, exact name, or a unique case-insensitive part of its name.

    Raises:
        NoSuchDevice: nothing (or more than one device) matches; the message says how to list them.
    """
    sd = sd or load_sounddevice()
    devices = list_input_devices(sd)
    hint = "run `session-assistant recordings devices` to list them"
    if not devices:
        raise NoSuchDevice("No audio input device was found; connect a microphone or choose a loopback device.")
    if spec is None or spec == "":
        default = [d for d in devices if d.is_default]
        if not default:
            raise NoSuchDevice(f"There is no default input device; choose one with --device ({hint}).")
        return default[0]
    text = str(spec).strip()
    if text.isdigit():
        for device in devices:
            if device.index == int(text):
                return device
        raise NoSuchDevice(f"No input device has index {text}; {hint}.")
    exact = [d for d in devices if d.name == text]
    if exact:
        return exact[0]
    partial = [d for d in devices if text.lower() in d.name.lower()]
    if len(partial) == 1:
        return partial[0]
    if partial:
        raise NoSuchDevice(f"More than one input device matches {text!r}; give its index ({hint}).")
    raise NoSuchDevice(f"No input device matches {text!r}; {hint}.")


def choose_settings(device: InputDevice, sd: Any = None) -> tuple[int, int]:
    """A (sample_rate, channels) the device accepts: mono if it can, 16 kHz if it can."""
    sd = sd or load_sounddevice()
    channel_options = [1] + ([min(2, device.max_input_channels)] if device.max_input_channels > 1 else [])
    rates = list(PREFERRED_RATES)
    if int(device.default_samplerate) not in rates:
        rates.append(int(device.default_samplerate))
    for channels in channel_options:
        for rate in rates:
            try:
                sd.check_input_settings(device=device.index, samplerate=rate, channels=channels, dtype="float32")
            except Exception:  # PortAudioError or ValueError: this combination is not offered
                continue
            return rate, channels
    raise AudioUnavailable(f"The input device {device.name!r} accepts none of the usual sample rates.")


def portaudio_stream_factory(device: InputDevice, sd: Any = None) -> Callable[..., Any]:
    """A factory the recorder calls to open the real PortAudio input stream."""
    sd = sd or load_sounddevice()

    def open_stream(*, samplerate: int, channels: int, blocksize: int, callback):
        try:
            return sd.InputStream(
                device=device.index, samplerate=samplerate, channels=channels, dtype="float32",
                blocksize=blocksize, callback=callback,
            )
        except sd.PortAudioError as error:
            raise AudioUnavailable(f"The input device {device.name!r} could not be opened ({error}).") from None

    return open_stream
