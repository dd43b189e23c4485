"""Long-running work: the progress/cancel contract and the persistent job queue."""
