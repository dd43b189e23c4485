"""Live mode on a real two-voice recording fed in 1 s blocks: same words as one offline pass,
only the last window left at Stop, and a restart that does not redo finished windows; a finished
recording read in blocks looks for each cut once and writes the live pass's words."""

from __future__ import annotations

import json

import jiwer
import pytest
from whisper_normalizer.english import EnglishTextNormalizer

from session_assistant.transcribe.engine import DecodeOptions
from session_assistant.transcribe.live import LiveSettings, LiveTranscriber, Window
from transcribe_samples import DIALOGUE, engine, speaker_accuracy, two_voices  # noqa: F401 (fixtures)

SHORT = LiveSettings(min_window_s=12.0, max_window_s=20.0)  # several windows on a ~40 s clip
EN = DecodeOptions(language="en")
# Greedy only: Whisper's temperature fallback samples at random, so a window that fell back wrote
# different words run to run (a fresh-clone run saw 8 errors live against 3 offline, others 1-2);
# the comparison is about windowing, so both passes decode the same deterministic way.
GREEDY = DecodeOptions(language="en", temperature=(0.0,))


def _feed(live, audio, block=16_000, stop_at=None):
    for i in range(0, audio.size if stop_at is None else stop_at, block):
        live.feed(audio[i:i + block])
        live.transcribe_ready()


@pytest.mark.slow
def test_live_matches_offline_and_resumes(engine, two_voices):
    audio, truth = two_voices
    norm = EnglishTextNormalizer()
    reference = norm(" ".join(DIALOGUE))
    offline = engine.transcribe(audio, GREEDY)

    saved: list[dict] = []
    live = LiveTranscriber(engine, GREEDY, SHORT, on_window_done=lambda w: saved.append(json.loads(json.dumps(w.to_dict()))))
    _feed(live, audio)
    assert len(saved) >= 2  # windows were transcribed while "recording"
    assert live.pending_seconds <= SHORT.max_window_s + 1.0  # Stop only has the last window to do
    transcript = live.finish()
    assert len(saved) == len(live.windows)
    assert abs(transcript.duration_s - audio.size / 16000) < 0.01
    # At most three words' difference in errors: a window decoded without the rest of the clip can make
    # Whisper hear a word differently (116 words; one core: 5 live, 4 offline; two cores: 4 and 4; the
    # audio is made with `sox -R`, whose dither is otherwise random: fresh clones saw 8 live against 3
    # and 4). Session 21's machine gave 6 live against 3 on main itself, every run: the first window
    # alone heard "How far's your week" for "How has your week", plus "awake at it" and "raises". A
    # window that lost or doubled words at its cut would cost far more than three.
    words = len(reference.split())
    errors_live = round(jiwer.wer(reference, norm(transcript.text)) * words)
    errors_offline = round(jiwer.wer(reference, norm(offline.text)) * words)
    print(f"word errors of {words}: live {errors_live}, offline {errors_offline}")
    assert abs(errors_live - errors_offline) <= 3 and errors_live <= max(2, 0.1 * words), (errors_live, errors_offline)
    # 0.99 when decoding is greedy throughout; a window that falls back to temperature sampling
    # varies run to run, so this only checks speakers survive windowing (the speaker test is stricter)
    assert speaker_accuracy(transcript.segments, truth) >= 0.7
    windows = live.windows
    assert windows[0].start_sample == 0 and windows[-1].end_sample == audio.size
    assert all(a.end_sample == b.start_sample for a, b in zip(windows, windows[1:]))
    assert all(w.start_sample / 16000 - 0.5 <= s.start for w in windows for s in w.segments)

    # crash after the first window: a new job given that window redoes only the rest
    redone: list[Window] = []
    resumed = LiveTranscriber(engine, GREEDY, SHORT, done=saved[:1], on_window_done=redone.append)
    _feed(resumed, audio)
    again = resumed.finish()
    assert redone and redone[0].start_sample == saved[0]["end_sample"]
    assert len(redone) == len(saved) - 1
    assert jiwer.wer(norm(transcript.text), norm(again.text)) <= 0.02
    a_finished_recording_looks_for_each_cut_once(engine, audio, transcript)


def test_transcribe_blocks_reads_a_finished_recording_with_progress_and_cancel(engine):
    from session_assistant.errors import Cancelled
    from session_assistant.jobs.progress import CancelToken
    from session_assistant.transcribe.live import transcribe_blocks
    from test_transcribe_engine import CLIP, CLIP_TEXT, _words
    from transcribe_samples import read_wav

    audio = read_wav(CLIP)
    blocks = [audio[i:i + 16000] for i in range(0, audio.size, 16000)]  # as sealed chunks arrive
    seen: list[float] = []
    transcript = transcribe_blocks(engine, iter(blocks), audio.size, EN, on_progress=lambda f, m: seen.append(f))
    assert jiwer.wer(CLIP_TEXT, _words(transcript.text)) < 0.15
    assert seen[-1] == 1.0 and seen == sorted(seen)
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        transcribe_blocks(engine, iter(blocks), audio.size, EN, token=token)


def a_finished_recording_looks_for_each_cut_once(engine, audio, live_transcript) -> None:
    """All of a finished recording is at hand, so Silero VAD runs once per window (at max_window_s),
    not every vad_every_s from min_window_s on as live (on espeak's back-to-back turns that was 8
    runs a window); the cuts still fall in pauses, and the words are the live pass's. Part of the
    live test above, whose live pass of the same clip it compares with (a test of its own once made
    that pass again, ~15 s)."""
    from session_assistant.transcribe.live import transcribe_blocks

    looks = []
    find_cut = LiveTranscriber._find_cut
    windows: list[Window] = []
    blocks = (audio[i:i + 16000] for i in range(0, audio.size, 16000))
    with pytest.MonkeyPatch.context() as patch:  # only this pass's looks are counted
        patch.setattr(LiveTranscriber, "_find_cut", lambda self, a: looks.append(a.size) or find_cut(self, a))
        transcript = transcribe_blocks(engine, blocks, audio.size, GREEDY, on_window_done=windows.append,
                                       settings=SHORT)
    assert len(windows) >= 2 and len(looks) == len(windows) - 1  # the last window is closed by finish()
    assert all(size >= SHORT.max_window_s * 16000 for size in looks)
    norm = EnglishTextNormalizer()
    assert jiwer.wer(norm(live_transcript.text), norm(transcript.text)) <= 0.03
