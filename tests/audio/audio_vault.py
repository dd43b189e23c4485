"""Constants shared by the audio tests (a uniquely named module: `from conftest import` is ambiguous
when several folders have a conftest.py)."""

AUDIO_TEST_PASSPHRASE = "audio tests passphrase"
