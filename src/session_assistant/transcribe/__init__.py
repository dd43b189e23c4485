"""Speech to text on the device: faster-whisper, Silero VAD, a hallucination guard, speakers,
and live (windowed, resumable) transcription. No Qt here."""
